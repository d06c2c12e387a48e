"""Template helpers available on every page."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from casework import authz

ROLE_LABELS = {
    "intake": _l("Intake"),
    "advocate": _l("Advocate"),
    "supervisor": _l("Supervisor"),
    "admin": _l("Admin"),
}


def role_label(role: str) -> str:
    return str(ROLE_LABELS.get(role, role))


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals.update(
        can=authz.can, can_on_case=authz.can_on_case, role_label=role_label
    )
