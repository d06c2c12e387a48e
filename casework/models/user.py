"""Staff accounts."""

from __future__ import annotations

import uuid
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String, false
from sqlalchemy.orm import Mapped, mapped_column

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow

ROLES = ("intake", "advocate", "supervisor", "admin")
LOCALES = ("en", "es")


class User(UUIDPrimaryKey, UserMixin, Base):
    """A staff member who signs in: intake volunteer, advocate, supervisor or admin."""

    __tablename__ = "users"

    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    totp_secret = Encrypted("user")
    totp_enrolled: Mapped[bool] = mapped_column(default=False)
    totp_required: Mapped[bool] = mapped_column(default=True)
    totp_last_step: Mapped[int | None]
    locale: Mapped[str | None] = mapped_column(String(8))
    active: Mapped[bool] = mapped_column(default=True)
    # Bumped on password change or deactivation: every session carrying an older epoch ends.
    session_epoch: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    password_changed_at: Mapped[datetime | None]
    # Set when an administrator chose the password: the person picks their own at first sign-in.
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())
    last_login_at: Mapped[datetime | None]

    def get_id(self) -> str:
        """The session identity: id and epoch, so that bumping the epoch ends old sessions."""
        return f"{self.id}:{self.session_epoch}"

    @property
    def is_active(self) -> bool:
        return self.active

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"


def parse_session_id(value: str) -> tuple[uuid.UUID, int] | None:
    """Split a session identity into user id and epoch; None when malformed."""
    try:
        raw_id, raw_epoch = value.split(":", 1)
        return uuid.UUID(raw_id), int(raw_epoch)
    except (ValueError, AttributeError):
        return None
