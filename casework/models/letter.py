"""Letters to employers and workers, and their approval."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow

LETTER_KINDS = (
    "demand",
    "retaliation_demand",
    "worker_case_opened",
    "worker_calculation",
    "worker_payment_received",
    "worker_case_closed",
    "worker_copy",
    "collection_statement",
    "worker_statement",
)
LETTER_STATUSES = ("draft", "approved", "sent", "returned")
SEND_METHODS = ("mail", "certified_mail", "hand_delivery", "email")


class Letter(UUIDPrimaryKey, Base):
    """A generated letter; the PDF is rebuilt from the stored content, checked by its hash."""

    __tablename__ = "letters"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("workers.id"))
    employer_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("employers.id"))
    # The copy for the worker of an employer letter points at the original.
    copy_of_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("letters.id"))
    letter_date: Mapped[date]
    pay_by: Mapped[date | None]
    amount: Mapped[str | None] = mapped_column(String(20))
    # The letter's content as JSON, encrypted with the case key: the PDF is rebuilt from it.
    content = Encrypted("case", subject="case_id", via="case")
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    generated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime | None]
    sent_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime | None]
    sent_on: Mapped[date | None]
    sent_method: Mapped[str | None] = mapped_column(String(16))
    return_comment = Encrypted("case", subject="case_id", via="case")
    # The bulk run that made it (casework/letters/bulk.py), if any.
    bulk_run_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("bulk_letter_runs.id", ondelete="SET NULL"), index=True
    )

    case = relationship("Case", back_populates="letters")
    generated_by = relationship("User", foreign_keys=[generated_by_id])
    approved_by = relationship("User", foreign_keys=[approved_by_id])
    sent_by = relationship("User", foreign_keys=[sent_by_id])
