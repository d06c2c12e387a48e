"""Wrapped data keys: one per worker, case, employer and user."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base, utcnow


class DataKey(Base):
    """A subject's 256-bit data key, wrapped under one master-key version.

    Deleting the row crypto-shreds every field encrypted with it.
    """

    __tablename__ = "data_keys"

    subject_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    kek_version: Mapped[int] = mapped_column(index=True)
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    rewrapped_at: Mapped[datetime | None]
