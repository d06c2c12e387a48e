"""Time staff spend on a case, for the center's funders."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow

#: What the time was spent on: a short list funders of legal services recognize.
ACTIVITIES = (
    "intake",
    "advice",
    "investigation",
    "calculation",
    "correspondence",
    "negotiation",
    "hearing",
    "collection",
    "other",
)


class TimeEntry(UUIDPrimaryKey, Base):
    """Minutes one person spent on one case on one day, on one kind of activity."""

    __tablename__ = "time_entries"
    __table_args__ = (
        # The funders' report sums a period by case, person or activity.
        Index("ix_time_entries_worked_on_case_id", "worked_on", "case_id"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    worked_on: Mapped[date]
    minutes: Mapped[int]
    activity: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Optional; may say what was done, so it is encrypted with the case's key.
    note = Encrypted("case", subject="case_id", via="case")

    case = relationship("Case")
    user = relationship("User", lazy="joined")
