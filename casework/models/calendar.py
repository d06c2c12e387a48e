"""Personal calendar feeds: a user's deadlines at an address only their calendar knows."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base, UUIDPrimaryKey, utcnow


class CalendarFeed(UUIDPrimaryKey, Base):
    """One feed address a user turned on; the token itself is never stored, only its hash."""

    __tablename__ = "calendar_feeds"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    last_fetched_at: Mapped[datetime | None]
