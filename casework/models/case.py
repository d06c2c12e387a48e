"""Cases, the parties on them, notes, deadlines and the timeline."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Column,
    ForeignKey,
    Index,
    Numeric,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow

CASE_TYPES = ("wage_theft", "workers_comp", "retaliation")
STATUSES = (
    "intake",
    "open",
    "demand_sent",
    "negotiating",
    "filed",
    "judgment",
    "collecting",
    "closed",
)
OUTCOMES = ("recovered", "partially_recovered", "not_recovered", "withdrawn", "referred")
MONEY = Numeric(12, 2)

case_team = Table(
    "case_team",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    # An advocate's list reads the cases whose team they are on.
    Index("ix_case_team_user_id", "user_id"),
)


class Case(UUIDPrimaryKey, Base):
    """A matter the center works: one type, one or more workers and employers."""

    __tablename__ = "cases"

    reference: Mapped[str] = mapped_column(String(20), unique=True)
    case_type: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(16), default="intake", index=True)
    jurisdiction: Mapped[str] = mapped_column(String(20), index=True)
    assigned_to_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    opened_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    opened_on: Mapped[date] = mapped_column(index=True)
    closed_on: Mapped[date | None] = mapped_column(index=True)
    outcome: Mapped[str | None] = mapped_column(String(24))
    amount_recovered: Mapped[Decimal | None] = mapped_column(MONEY)
    narrative = Encrypted("case")
    # Facts the deadlines are computed from (plaintext: dates only).
    first_day_worked: Mapped[date | None]
    last_day_worked: Mapped[date | None]
    willful: Mapped[bool] = mapped_column(default=False)
    # Derived figures kept on the row for lists and reports.
    amount_claimed: Mapped[Decimal | None] = mapped_column(MONEY)
    amount_demanded: Mapped[Decimal | None] = mapped_column(MONEY)
    next_deadline_on: Mapped[date | None] = mapped_column(index=True)
    last_activity_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    shredded_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
    # The caseload list filters by status or advocate and pages in opening order.
    __table_args__ = (
        Index("ix_cases_status_opened_on", "status", "opened_on"),
        Index("ix_cases_assigned_to_id_opened_on", "assigned_to_id", "opened_on"),
        # ... or by region and type, by next deadline (and counts them from the index).
        Index(
            "ix_cases_jurisdiction_case_type_next_deadline_on",
            "jurisdiction",
            "case_type",
            "next_deadline_on",
        ),
        # The dashboard counts open cases and those nobody is moving (casework.cases.stale)
        # per advocate, type and status from this index alone.
        Index(
            "ix_cases_status_assigned_to_id_case_type",
            "status",
            "assigned_to_id",
            "case_type",
            "last_activity_at",
            "next_deadline_on",
        ),
    )

    assigned_to = relationship("User", foreign_keys=[assigned_to_id], lazy="joined")
    opened_by = relationship("User", foreign_keys=[opened_by_id])
    team = relationship("User", secondary=case_team, lazy="select")
    worker_links = relationship(
        "CaseWorker",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="CaseWorker.position",
    )
    employer_links = relationship(
        "CaseEmployer",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="CaseEmployer.position",
    )
    notes = relationship(
        "Note",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="Note.created_at.desc()",
    )
    deadlines = relationship(
        "Deadline", back_populates="case", cascade="all, delete-orphan", order_by="Deadline.due_on"
    )
    events = relationship(
        "CaseEvent",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="CaseEvent.at.desc()",
    )
    comp_claim = relationship(
        "CompClaim", back_populates="case", uselist=False, cascade="all, delete-orphan"
    )
    retaliation_claim = relationship(
        "RetaliationClaim", back_populates="case", uselist=False, cascade="all, delete-orphan"
    )
    judgments = relationship(
        "Judgment",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="Judgment.entered_on",
    )
    letters = relationship(
        "Letter",
        back_populates="case",
        cascade="all, delete-orphan",
        order_by="Letter.created_at.desc()",
    )

    @property
    def workers(self):
        return [link.worker for link in self.worker_links]

    @property
    def employers(self):
        return [link.employer for link in self.employer_links]

    @property
    def is_closed(self) -> bool:
        return self.status == "closed"


class CaseWorker(UUIDPrimaryKey, Base):
    """A worker on a case; in a group claim each worker has a claim of their own."""

    __tablename__ = "case_workers"
    __table_args__ = (UniqueConstraint("case_id", "worker_id"),)

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workers.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)

    case = relationship("Case", back_populates="worker_links")
    worker = relationship("Worker", back_populates="case_links", lazy="joined")
    wage_claim = relationship(
        "WageClaim", back_populates="case_worker", uselist=False, cascade="all, delete-orphan"
    )


class CaseEmployer(UUIDPrimaryKey, Base):
    """An employer on a case, with its role (employer, joint employer, owner, successor)."""

    __tablename__ = "case_employers"
    __table_args__ = (
        UniqueConstraint("case_id", "employer_id"),
        # Repeat offenders: an employer's cases, from the index alone.
        Index("ix_case_employers_employer_id_case_id", "employer_id", "case_id"),
    )

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    employer_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("employers.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="employer")
    position: Mapped[int] = mapped_column(default=0)

    case = relationship("Case", back_populates="employer_links")
    employer = relationship("Employer", back_populates="case_links", lazy="joined")


class Note(UUIDPrimaryKey, Base):
    """A timestamped, authored note; the body is encrypted with the case's key."""

    __tablename__ = "notes"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    body = Encrypted("case", subject="case_id", via="case")

    case = relationship("Case", back_populates="notes")
    author = relationship("User", lazy="joined")


class Deadline(UUIDPrimaryKey, Base):
    """A date that matters: computed from the rules, or typed in by staff."""

    __tablename__ = "deadlines"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    # Rule key for computed deadlines ("flsa_limitations"); None for typed-in ones.
    rule_key: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24), default="follow_up")
    # Computed deadlines: message keys (casework.messages) and the values that fill them.
    label_key: Mapped[str | None] = mapped_column(String(80))
    rule_text_key: Mapped[str | None] = mapped_column(String(80))
    params: Mapped[dict | None] = mapped_column(JSON)
    # Typed-in deadlines: the label as staff typed it, encrypted with the case's key.
    typed_label = Encrypted("case", subject="case_id", via="case")
    # Plain text of rows stored before message keys; English words of computed ones.
    label: Mapped[str] = mapped_column(String(200), default="")
    due_on: Mapped[date] = mapped_column(index=True)
    rule: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str | None] = mapped_column(String(200))
    computed: Mapped[bool] = mapped_column(default=False)
    done: Mapped[bool] = mapped_column(default=False, index=True)
    done_at: Mapped[datetime | None]
    judgment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("judgments.id", ondelete="CASCADE")
    )
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    # Overdue filters and the deadline board read open deadlines by date, with their case.
    __table_args__ = (Index("ix_deadlines_done_due_on_case_id", "done", "due_on", "case_id"),)

    case = relationship("Case", back_populates="deadlines")


class CaseEvent(UUIDPrimaryKey, Base):
    """One step in a case's story for its timeline: never identifying text."""

    __tablename__ = "case_events"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(32))
    # Non-identifying particulars: "open>demand_sent", an amount, a letter kind.
    detail: Mapped[str | None] = mapped_column(String(200))
    # Named values the event's message (casework.messages, by kind) is filled with.
    params: Mapped[dict | None] = mapped_column(JSON)
    ref_id: Mapped[uuid.UUID | None]

    case = relationship("Case", back_populates="events")
    user = relationship("User", lazy="joined")
