"""What a signed-in session needs kept between requests but must not carry in its cookie.

The Flask session is a signed cookie anyone holding it can read, so search terms and a
pending authenticator secret are kept here instead: one row per purpose, keyed by a
random id that the cookie holds, bound to the user, expiring, and encrypted with a data
key of its own so that deleting the row's key (sign-out, expiry) shreds it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow


class SessionData(UUIDPrimaryKey, Base):
    """One session's search terms or pending enrolment secret, encrypted, until it expires."""

    __tablename__ = "session_data"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    purpose: Mapped[str] = mapped_column(String(16))
    # JSON text, encrypted with the row's own data key (kind "session").
    payload = Encrypted("session")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)
