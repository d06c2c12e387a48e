"""The audit log, for supervisors and admins."""

from __future__ import annotations

from flask import Blueprint, render_template

from casework.authz import requires

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")


@bp.get("")
@requires("audit.view")
def index():
    return render_template("admin/audit.html", events=[])
