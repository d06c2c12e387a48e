"""Evidence attached to a case, to a worker on it, or to a note: stored stripped and encrypted."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow


class Attachment(UUIDPrimaryKey, Base):
    """One file: its sniffed kind, size and SHA-256 in plain; its bytes and words encrypted.

    ``content`` holds the stripped file sealed with the data key named by ``key_kind``
    (the case's, or the worker's when the file is about a worker), with associated data
    binding it to this table, column and row, so a ciphertext moved to another row fails.
    """

    __tablename__ = "attachments"
    __table_args__ = (Index("ix_attachments_case_id_created_at", "case_id", "created_at"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    worker_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("workers.id"), index=True)
    note_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("notes.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    key_kind: Mapped[str] = mapped_column(String(8), default="case")
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary))
    file_name = Encrypted("case", subject="case_id", via="case")
    description = Encrypted("case", subject="case_id", via="case")
    added_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case = relationship("Case")
    worker = relationship("Worker")
    note = relationship("Note")
    added_by = relationship("User", lazy="joined")

    @property
    def key_subject_id(self) -> uuid.UUID:
        """The subject whose data key seals the file's bytes."""
        return self.worker_id if self.key_kind == "worker" and self.worker_id else self.case_id
