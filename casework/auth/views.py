"""Sign in, second factor, sign out, password change, language, first-run setup."""

from __future__ import annotations

import io
import time
import uuid
from datetime import timedelta

import segno
from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from casework.auth import service
from casework.auth.forms import (
    ChangePasswordForm,
    EnrollTotpForm,
    FirstPasswordForm,
    LanguageForm,
    LoginForm,
    SetupForm,
    TotpForm,
)
from casework.auth.session import end_session, forget, forget_all, keep, kept, start_session
from casework.crypto import passwords
from casework.extensions import db
from casework.models.user import User
from casework.refusals import Refused
from casework.web import show_refusal

bp = Blueprint("auth", __name__)

#: How long the password step stays valid while the second factor is asked for.
PENDING_SECONDS = 300
#: How long a pending authenticator secret is kept server side while it is enrolled.
ENROLL_LIFETIME = timedelta(minutes=15)


def password_messages() -> dict[str, str]:
    return {
        "too_short": _("Use at least 15 characters."),
        "too_long": _("Use at most 128 characters."),
        "too_common": _("This password is one of the most common ones. Choose another."),
        "taken": _("An account with this email already exists."),
        "invalid email": _("Enter a valid email address."),
        "same_as_temporary": _("Choose a new password: this is the temporary one you were given."),
    }


@bp.record_once
def _configure(state):
    service.configure_hashing(state.app)


def home_for(user: User) -> str:
    if user.role == "admin":
        return url_for("admin.users")
    return url_for("cases.index")


@bp.get("/")
def home():
    return redirect(home_for(current_user))


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(home_for(current_user))
    form = LoginForm()
    if form.validate_on_submit():
        address = request.remote_addr or "-"
        if not service.take_attempt(form.email.data, address):
            form.email.errors.append(_("Too many failed attempts. Wait a minute, then try again."))
            return render_template("auth/login.html", form=form), 429
        user = service.authenticate(form.email.data, form.password.data, address)
        if user is None:
            form.password.errors.append(_("That email and password do not match an account."))
            return render_template("auth/login.html", form=form), 200
        # End this transaction before the throttle store (its own connection) writes, so
        # the rest of the sign-in reads a snapshot that can still write on SQLite.
        db.session.commit()
        service.attempt_succeeded(form.email.data)
        forget_all()
        locale = session.get("locale")
        session.clear()
        if locale:
            session["locale"] = locale
        session["pending_user"] = f"{user.id}:{user.session_epoch}"
        session["pending_at"] = int(time.time())
        if service.needs_totp(user):
            if not user.totp_enrolled:
                return redirect(url_for("auth.enroll_totp"))
            return redirect(url_for("auth.login_totp"))
        return _finish(user)
    return render_template("auth/login.html", form=form)


def _pending_user() -> User | None:
    raw = session.get("pending_user")
    started = session.get("pending_at", 0)
    if not raw or time.time() - started > PENDING_SECONDS:
        return None
    user_id, _sep, epoch = raw.partition(":")
    try:
        user = db.session.get(User, uuid.UUID(user_id))
    except ValueError:
        return None
    if user is None or not user.active or str(user.session_epoch) != epoch:
        return None
    return user


def _finish(user: User):
    service.record_login(user)
    db.session.commit()
    start_session(user)
    if user.must_change_password:
        return redirect(url_for("auth.first_password"))
    return redirect(home_for(user))


@bp.route("/login/totp", methods=["GET", "POST"])
def login_totp():
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.login"))
    if not user.totp_enrolled:
        return redirect(url_for("auth.enroll_totp"))
    form = TotpForm()
    if form.validate_on_submit():
        address = request.remote_addr or "-"
        if not service.take_attempt(user.email, address, "totp"):
            form.code.errors.append(_("Too many failed attempts. Wait a minute, then try again."))
            return render_template("auth/totp.html", form=form), 429
        if service.verify_totp(user, form.code.data):
            email, response = user.email, _finish(user)
            service.attempt_succeeded(email, "totp")
            return response
        db.session.rollback()
        form.code.errors.append(_("That code is not right, or was already used. Try the next one."))
    return render_template("auth/totp.html", form=form)


def _enroll_secret(user: User) -> str:
    """The secret being enrolled: kept server side, encrypted, never in the cookie."""
    secret = (kept("enroll", user.id) or {}).get("secret")
    if not secret:
        secret = service.new_totp_secret()
        keep("enroll", user.id, {"secret": secret}, ENROLL_LIFETIME)
        db.session.commit()  # a wrong code rolls the view back; the secret stays the same
    return secret


@bp.route("/login/totp/enroll", methods=["GET", "POST"])
def enroll_totp():
    user = _pending_user()
    if user is None:
        return redirect(url_for("auth.login"))
    if user.totp_enrolled:
        return redirect(url_for("auth.login_totp"))
    secret = _enroll_secret(user)
    form = EnrollTotpForm()
    if form.validate_on_submit():
        if service.enroll_totp(user, secret, form.code.data):
            forget("enroll")
            return _finish(user)
        db.session.rollback()
        form.code.errors.append(_("That code is not right. Check the phone's clock and try again."))
    return render_template(
        "auth/enroll.html", form=form, secret=secret, uri=service.totp_uri(user, secret)
    )


@bp.get("/login/totp/qr.svg")
def enroll_qr():
    user = _pending_user()
    kept_secret = kept("enroll", user.id) if user is not None else None
    secret = (kept_secret or {}).get("secret")
    if user is None or not secret:
        abort(404)
    out = io.BytesIO()
    segno.make(service.totp_uri(user, secret), error="m").save(
        out, kind="svg", scale=5, border=2, xmldecl=False, svgns=True
    )
    return Response(out.getvalue(), mimetype="image/svg+xml")


@bp.post("/logout")
def logout():
    end_session()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/setup", methods=["GET", "POST"])
def setup():
    token = request.values.get("token") or ""
    if not service.setup_token_valid(token):
        abort(404)
    form = SetupForm(token=token)
    if form.validate_on_submit():
        try:
            service.complete_setup(
                token, form.email.data, form.name.data, form.password.data, session.get("locale")
            )
        except Refused as error:
            show_refusal(form, error, password_messages())
        else:
            db.session.commit()
            flash(
                _("Your administrator account is ready. Sign in to set up two-step sign-in."),
                "success",
            )
            current_app.logger.info("first administrator created")
            return redirect(url_for("auth.login"))
    return render_template("auth/setup.html", form=form)


@bp.route("/account/password", methods=["GET", "POST"])
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if not passwords.verify_password(current_user.password_hash, form.current_password.data):
            form.current_password.errors.append(_("That is not your current password."))
        else:
            try:
                service.change_password(current_user, form.new_password.data)
            except Refused as error:
                show_refusal(form, error, password_messages())
            else:
                db.session.commit()
                start_session(current_user)  # this session carries the new epoch; others end
                flash(
                    _("Your password is changed. Every other session has been signed out."),
                    "success",
                )
                return redirect(url_for("auth.home"))
    return render_template("auth/password.html", form=form)


@bp.route("/account/first-password", methods=["GET", "POST"])
def first_password():
    """Replace the temporary password an administrator gave; nothing else opens before."""
    if not current_user.must_change_password:
        return redirect(url_for("auth.home"))
    form = FirstPasswordForm()
    if form.validate_on_submit():
        try:
            service.set_own_password(current_user, form.new_password.data)
        except Refused as error:
            db.session.rollback()
            show_refusal(form, error, password_messages())
        else:
            db.session.commit()
            start_session(current_user)  # this session carries the new epoch
            flash(_("Your password is set. Use it from now on."), "success")
            return redirect(url_for("auth.home"))
    return render_template("auth/first_password.html", form=form)


@bp.post("/language")
def language():
    form = LanguageForm()
    choice = request.form.get("language", "")
    if form.validate_on_submit() and choice in current_app.config["LANGUAGES"]:
        session["locale"] = choice
        if current_user.is_authenticated:
            current_user.locale = choice
            db.session.commit()
    target = request.form.get("next") or ""
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("auth.login")
    return redirect(target, 303)
