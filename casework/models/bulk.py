"""Bulk letter runs: one kind of letter for many cases, made by the job runner.

The run's progress is in these rows, not in the queue: each case is one item, made (or
skipped, with why) in its own transaction, so a consumer killed in the middle leaves
every finished item finished and every other one pending, and the next consumer carries
on without making any letter twice.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.models.base import Base, UUIDPrimaryKey, utcnow

RUN_STATUSES = ("queued", "running", "done")
ITEM_STATUSES = ("pending", "made", "skipped")


class BulkRun(UUIDPrimaryKey, Base):
    """One request to make the same kind of letter for the selected cases."""

    __tablename__ = "bulk_letter_runs"

    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"), index=True)
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    # The last time a consumer finished an item: a run "running" long after it has stalled.
    touched_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    user = relationship("User")
    items = relationship(
        "BulkItem", back_populates="run", order_by="BulkItem.position", lazy="selectin"
    )


class BulkItem(UUIDPrimaryKey, Base):
    """One selected case of a run: pending, made (its letters), or skipped (and why)."""

    __tablename__ = "bulk_letter_items"
    __table_args__ = (
        UniqueConstraint("run_id", "case_id", name="uq_bulk_letter_items_run_id_case_id"),
        Index("ix_bulk_letter_items_run_id_status", "run_id", "status"),
    )

    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("bulk_letter_runs.id", ondelete="CASCADE"))
    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    position: Mapped[int]
    status: Mapped[str] = mapped_column(String(12), default="pending")
    # A message key (casework/letters/bulk.py SKIP_REASONS), never free text.
    reason: Mapped[str | None] = mapped_column(String(32))
    letters: Mapped[int] = mapped_column(default=0)
    # The first letter made (for an employer letter, the original the copies follow).
    letter_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("letters.id", ondelete="SET NULL")
    )
    done_at: Mapped[datetime | None]

    run = relationship("BulkRun", back_populates="items")
    case = relationship("Case")
    letter = relationship("Letter")
