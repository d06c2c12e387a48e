"""The supervisors' dashboard: caseloads, deadlines, money, repeat offenders."""

from __future__ import annotations

from flask import Blueprint, render_template

from casework.authz import requires

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


@bp.get("")
@requires("dashboard.view")
def index():
    return render_template("cases/index.html", cases=[])
