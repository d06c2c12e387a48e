"""Token pages: each person's own tokens on their account page; every token for admins."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casework.api import tokens
from casework.api.token_forms import NewTokenForm, RevokeTokenForm
from casework.authz import requires
from casework.extensions import db
from casework.refusals import Refused

bp = Blueprint("api_tokens", __name__)

REFUSALS = {
    "required": _l("This is required."),
    "too_long": _l("Use at most %(max)d characters."),
    "role_has_no_api": _l("Admin accounts manage staff and keys; they have no use for the API."),
    "invalid": _l("Choose a value from the list."),
}


def _page(form, new_token=None, code=200):
    rows = tokens.tokens_of(current_user)
    return (
        render_template(
            "auth/tokens.html",
            form=form,
            rows=rows,
            new_token=new_token,
            revoke_form=RevokeTokenForm(),
            may_have_tokens=current_user.role in tokens.TOKEN_ROLES,
        ),
        code,
    )


@bp.route("/account/tokens", methods=["GET", "POST"])
def account_tokens():
    """The person's API tokens; a new one is shown once, on the page that made it."""
    form = NewTokenForm()
    if not form.is_submitted():
        return _page(form)
    if form.validate():
        try:
            made = tokens.create_token(
                current_user,
                form.name.data,
                ["read", "write"] if form.scopes.data == "write" else ["read"],
                int(form.days.data),
            )
        except Refused as refusal:
            db.session.rollback()
            target = getattr(form, refusal.field, form.name)
            target.errors = list(target.errors) + [
                str(REFUSALS.get(refusal.code, REFUSALS["invalid"])) % refusal.params
            ]
        else:
            db.session.commit()
            return _page(NewTokenForm(formdata=None), new_token=made.token, code=201)
    return _page(form, code=422)


@bp.post("/account/tokens/<token_id>/revoke")
def revoke_own_token(token_id):
    row = tokens.token_by_id(token_id)
    if row is None or row.user_id != current_user.id:
        abort(404)
    if RevokeTokenForm().validate_on_submit():
        tokens.revoke_token(row, current_user)
        db.session.commit()
        flash(_("The token is revoked: it no longer opens the API."), "success")
    return redirect(url_for("api_tokens.account_tokens"), 303)


@bp.get("/admin/tokens")
@requires("users.manage")
def admin_tokens():
    return render_template(
        "admin/tokens.html", rows=tokens.all_tokens(), revoke_form=RevokeTokenForm()
    )


@bp.post("/admin/tokens/<token_id>/revoke")
@requires("users.manage")
def admin_revoke_token(token_id):
    row = tokens.token_by_id(token_id)
    if row is None:
        abort(404)
    if RevokeTokenForm().validate_on_submit():
        tokens.revoke_token(row, current_user)
        db.session.commit()
        flash(_("The token is revoked: it no longer opens the API."), "success")
    return redirect(url_for("api_tokens.admin_tokens"), 303)
