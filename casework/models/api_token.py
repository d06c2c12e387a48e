"""Personal API tokens: a staff member's key to the JSON API, kept only as a hash."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.models.base import Base, UUIDPrimaryKey, utcnow
from casework.models.user import User

#: What a token may do: ``read`` only, or ``read`` and ``write``.
SCOPES = ("read", "write")


class ApiToken(UUIDPrimaryKey, Base):
    """A token acts as its user; the token itself is shown once and never stored."""

    __tablename__ = "api_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    # "read" or "read write": codes, space separated.
    scopes: Mapped[str] = mapped_column(String(32))
    # SHA-256 (hex) of the whole token: the lookup key at every request.
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")

    @property
    def scope_list(self) -> list[str]:
        return self.scopes.split()

    def allows(self, scope: str) -> bool:
        return scope in self.scopes.split()

    def is_usable(self, now: datetime | None = None) -> bool:
        """Not revoked, not expired, and its user may still sign in."""
        now = now or utcnow()
        return self.revoked_at is None and self.expires_at > now and self.user.active

    def __repr__(self) -> str:  # never the hash
        return f"<ApiToken {self.id}>"
