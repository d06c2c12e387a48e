"""Admin: staff accounts, roles, second factor; the audit log."""

from __future__ import annotations

import uuid

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from casework import audit
from casework.admin.forms import (
    EditUserForm,
    NewUserForm,
    ResetTotpForm,
    SettingsForm,
    ShredWorkerForm,
)
from casework.auth import service
from casework.auth.views import password_messages
from casework.authz import requires
from casework.extensions import db
from casework.models.user import User
from casework.refusals import Refused
from casework.web import show_refusal

bp = Blueprint("admin", __name__, url_prefix="/admin")


def _user_or_404(user_id: str) -> User:
    try:
        user = db.session.get(User, uuid.UUID(user_id))
    except ValueError:
        user = None
    if user is None:
        abort(404)
    return user


@bp.get("/users")
@requires("users.manage")
def users():
    rows = db.session.scalars(select(User).order_by(User.active.desc(), User.name)).all()
    return render_template("admin/users.html", users=rows)


@bp.route("/users/new", methods=["GET", "POST"])
@requires("users.manage")
def new_user():
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            service.create_user(
                form.email.data, form.name.data, form.role.data, form.password.data, temporary=True
            )
        except Refused as error:
            db.session.rollback()
            show_refusal(form, error, password_messages())
        else:
            db.session.commit()
            flash(
                _("Account created. Give the person their temporary password in person."), "success"
            )
            return redirect(url_for("admin.users"))
    return render_template("admin/new_user.html", form=form)


@bp.route("/users/<user_id>", methods=["GET", "POST"])
@requires("users.manage")
def edit_user(user_id: str):
    user = _user_or_404(user_id)
    form = EditUserForm(obj=user)
    reset_form = ResetTotpForm(prefix="reset")
    if form.validate_on_submit():
        if user.role != form.role.data:
            service.set_role(user, form.role.data)
        if user.active != form.active.data:
            service.set_active(user, form.active.data)
        wanted = form.totp_required.data or form.role.data in service.ALWAYS_TOTP
        if user.totp_required != wanted:
            service.set_totp_required(user, wanted)
        db.session.commit()
        flash(_("Account saved."), "success")
        return redirect(url_for("admin.users"))
    return render_template("admin/edit_user.html", user=user, form=form, reset_form=reset_form)


@bp.post("/users/<user_id>/reset-totp")
@requires("users.manage")
def reset_totp(user_id: str):
    user = _user_or_404(user_id)
    form = ResetTotpForm(prefix="reset")
    if form.validate_on_submit():
        service.reset_totp(user)
        db.session.commit()
        flash(
            _("Two-step sign-in was reset. The person sets it up again at their next sign-in."),
            "success",
        )
    return redirect(url_for("admin.edit_user", user_id=user.id))


@bp.route("/shred-worker", methods=["GET", "POST"])
@requires("worker.shred")
def shred_worker():
    """Crypto-shred one worker on request (the worker asked to be forgotten)."""
    from flask_login import current_user

    from casework.crypto import passwords
    from casework.services.shredding import shred_worker as shred

    form = ShredWorkerForm()
    if form.validate_on_submit():
        try:
            worker_id = uuid.UUID(form.worker_id.data)
        except ValueError:
            worker_id = None
        if worker_id is None:
            form.worker_id.errors.append(_("That is not a worker record number."))
        elif form.confirm.data != "SHRED":
            form.confirm.errors.append(_("Type SHRED in capital letters to confirm."))
        elif not passwords.verify_password(current_user.password_hash, form.password.data):
            form.password.errors.append(_("That is not your password."))
        elif not shred(worker_id):
            form.worker_id.errors.append(
                _("No worker has that number, or it was already shredded.")
            )
        else:
            flash(
                _(
                    "Shredded. The worker's name, phone, email and address can never be read "
                    "again; the case facts remain, anonymous."
                ),
                "success",
            )
            return redirect(url_for("admin.shred_worker"))
    return render_template("admin/shred_worker.html", form=form)


@bp.route("/settings", methods=["GET", "POST"])
@requires("settings.manage")
def settings_page():
    """Organization settings: whether a lone supervisor may approve their own letters."""
    from casework import settings
    from casework.letters.service import SELF_APPROVAL_SETTING

    key = SELF_APPROVAL_SETTING
    form = SettingsForm(data={"letters_self_approval": settings.get(key) == "1"})
    supervisors = db.session.scalar(
        select(func.count()).where(User.role == "supervisor", User.active.is_(True))
    )
    if form.validate_on_submit():
        wanted = bool(form.letters_self_approval.data)
        if wanted and supervisors > 1:
            form.letters_self_approval.errors.append(
                _(
                    "There are %(num)d active supervisors: one approves the other's letters.",
                    num=supervisors,
                )
            )
            return render_template("admin/settings.html", form=form), 422
        settings.put(key, "1" if wanted else None)
        audit.record("settings.letters_self_approval", detail="on" if wanted else "off")
        db.session.commit()
        flash(_("Settings saved."), "success")
        return redirect(url_for("admin.settings_page"), 303)
    return render_template("admin/settings.html", form=form)
