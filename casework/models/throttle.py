"""Sign-in throttling counters, kept where every process sees them."""

from __future__ import annotations

from sqlalchemy import Float, String
from sqlalchemy.orm import Mapped, mapped_column

from casework.models.base import Base


class ThrottleKey(Base):
    """One row per throttled key, locked while an attempt is taken."""

    __tablename__ = "throttle_keys"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    touched_at: Mapped[float] = mapped_column(Float, default=0.0)


class ThrottleHit(Base):
    """One attempt against a key, at a Unix time."""

    __tablename__ = "throttle_hits"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(96), index=True)
    at: Mapped[float] = mapped_column(Float, index=True)
