"""Demo staff: one account of every role (three advocates, so teams and reassignment show)."""

from __future__ import annotations

from casework.extensions import db
from casework.models.user import User

DEMO_PASSWORD = "demo only: worker center 2026"

#: Accounts without a saved language follow the browser's; one advocate works in Spanish.
STAFF = [
    ("supervisor", "Sam Supervisor (demo)", "supervisor@demo.casework.test", None),
    ("advocate", "Alex Advocate (demo)", "advocate1@demo.casework.test", None),
    ("advocate", "Blanca Advocate (demo)", "advocate2@demo.casework.test", "es"),
    ("advocate", "Chris Advocate (demo)", "advocate3@demo.casework.test", None),
    ("intake", "Dana Intake (demo)", "intake@demo.casework.test", None),
    ("admin", "Ari Admin (demo)", "admin@demo.casework.test", None),
]


def create_staff() -> list[User]:
    """The demo accounts, made by the account service (existing ones are reused)."""
    from casework.auth import service as accounts

    staff = []
    for role, name, email, locale in STAFF:
        user = accounts.find_user(email) or accounts.create_user(email, name, role, DEMO_PASSWORD)
        user.locale = locale
        if role in ("intake", "advocate"):
            user.totp_required = False
        staff.append(user)
    db.session.flush()
    return staff
