"""Cases: intake, caseload, case pages, workers, employers, notes, deadlines."""

from __future__ import annotations

from flask import Blueprint, render_template

from casework.authz import requires

bp = Blueprint("cases", __name__, url_prefix="/cases")


@bp.get("/")
@requires("case.list")
def index():
    return render_template("cases/index.html", cases=[])


@bp.get("/new")
@requires("case.create")
def new():
    return render_template("cases/index.html", cases=[])


@bp.get("/deadlines")
@requires("deadline.list")
def deadlines():
    return render_template("cases/index.html", cases=[])
