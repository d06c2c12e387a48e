"""Instance settings stored in the database (retention, second-factor policy, setup token)."""

from __future__ import annotations

from casework.extensions import db
from casework.models.settings import Setting

DEFAULTS = {
    "retention_years": "3",
    # Admins may stop requiring TOTP for these roles; supervisors and admins always need it.
    "totp_optional_roles": "",
}


def get(key: str, default: str | None = None) -> str | None:
    row = db.session.get(Setting, key)
    if row is not None:
        return row.value
    return DEFAULTS.get(key, default)


def put(key: str, value: str | None) -> None:
    """Set or (with None) remove a setting in the current transaction."""
    row = db.session.get(Setting, key)
    if value is None:
        if row is not None:
            db.session.delete(row)
        return
    if row is None:
        db.session.add(Setting(key=key, value=value))
    else:
        row.value = value
