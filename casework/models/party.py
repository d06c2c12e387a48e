"""Workers and employers: the people and businesses on cases."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship, validates

from casework.crypto.blind_index import normalize_name
from casework.crypto.columns import Encrypted, keystore
from casework.models.base import Base, UUIDPrimaryKey, utcnow

CONTACT_METHODS = ("phone", "text", "mail", "in_person")
EMPLOYER_ROLES = ("employer", "joint_employer", "owner_officer", "successor")
ENTITY_TYPES = ("unknown", "corporation", "llc", "partnership", "sole_proprietor", "individual")


class Worker(UUIDPrimaryKey, Base):
    """A worker the center helps. Every identifying field is encrypted with the worker's key."""

    __tablename__ = "workers"

    name = Encrypted("worker", index="name")
    phone = Encrypted("worker", index="phone")
    email = Encrypted("worker")
    address = Encrypted("worker")
    preferred_language: Mapped[str] = mapped_column(String(8), default="en")
    contact_ok_by: Mapped[str] = mapped_column(String(16), default="phone")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    shredded_at: Mapped[datetime | None]

    case_links = relationship("CaseWorker", back_populates="worker", lazy="select")
    name_words = relationship(
        "WorkerNameWord", cascade="all, delete-orphan", passive_deletes=True, lazy="select"
    )

    @property
    def cases(self):
        return [link.case for link in self.case_links]


class WorkerNameWord(Base):
    """One blind index per word of a worker's name, so a search may give any of the words."""

    __tablename__ = "worker_name_words"

    worker_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("workers.id", ondelete="CASCADE"), primary_key=True
    )
    word_bidx: Mapped[int] = mapped_column(BigInteger, primary_key=True, index=True)


def set_name_words(worker: Worker, name: str | None) -> None:
    """Make the worker's word indexes those of ``name`` (none for no name)."""
    wanted = set(keystore().name_word_indexes("workers", "name", name)) if name else set()
    kept = [row for row in worker.name_words if row.word_bidx in wanted]
    have = {row.word_bidx for row in kept}
    worker.name_words = kept + [
        WorkerNameWord(worker_id=worker.id, word_bidx=index) for index in sorted(wanted - have)
    ]


def _index_name_words(session: Session, flush_context, instances) -> None:
    # Runs before the encrypted fields are sealed, while the new name is still in plain text.
    for obj in list(session.new) + list(session.dirty):
        if isinstance(obj, Worker):
            pending = obj.__dict__.get("_cw_pending")
            if pending and "name" in pending:
                set_name_words(obj, pending["name"])


event.listen(Session, "before_flush", _index_name_words, insert=True)


class Employer(UUIDPrimaryKey, Base):
    """A business workers have claims against; shared between cases."""

    __tablename__ = "employers"

    business_name: Mapped[str] = mapped_column(String(200))
    # Lower-cased, punctuation-free name for matching repeat offenders and duplicates.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    address: Mapped[str | None] = mapped_column(String(300))
    owner_names = Encrypted("employer")
    industry: Mapped[str | None] = mapped_column(String(80))
    ein: Mapped[str | None] = mapped_column(String(12))
    entity_type: Mapped[str] = mapped_column(String(20), default="unknown")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case_links = relationship("CaseEmployer", back_populates="employer", lazy="select")

    @validates("business_name")
    def _keep_name_key(self, key, value):
        self.name_key = normalize_name(value or "")[:200]
        return value
