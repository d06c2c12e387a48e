"""Judgments and settlements, and everything done to collect them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow

MONEY = Numeric(12, 2)
FORUMS = ("court", "labor_department", "labor_commissioner", "workers_comp_board", "settlement")
PAYMENT_METHODS = ("check", "money_order", "cash", "wire", "card", "other")
PAYMENT_SOURCES = (
    "employer",
    "bank_levy",
    "sheriff_marshal",
    "income_execution",
    "insurer",
    "other",
)
ENFORCEMENT_KINDS = (
    "restraining_notice",
    "bank_levy",
    "income_execution",
    "property_execution",
    "real_property_lien",
    "stop_work_order",
    "license_hold",
    "owner_liability_demand",
    "other",
)
ENFORCEMENT_STATUSES = ("planned", "served", "in_progress", "succeeded", "failed", "withdrawn")


class Judgment(UUIDPrimaryKey, Base):
    """A judgment, order or settlement that someone owes the workers."""

    __tablename__ = "judgments"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    forum: Mapped[str] = mapped_column(String(24))
    entered_on: Mapped[date] = mapped_column(index=True)
    principal: Mapped[Decimal] = mapped_column(MONEY)
    interest_rate: Mapped[Decimal] = mapped_column(Numeric(7, 5))
    # Why the rate differs from the one the law sets, as typed: encrypted with the case's key.
    rate_override_reason = Encrypted("case", subject="case_id", via="case")
    compounding: Mapped[str] = mapped_column(String(8), default="simple")
    docket_number = Encrypted("case", subject="case_id", via="case")
    wage_judgment: Mapped[bool] = mapped_column(default=True)
    appeal_deadline: Mapped[date | None]
    expires_on: Mapped[date | None]
    renewed_on: Mapped[date | None]
    satisfied_on: Mapped[date | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    case = relationship("Case", back_populates="judgments")
    shares = relationship("JudgmentShare", back_populates="judgment", cascade="all, delete-orphan")
    payments = relationship(
        "Payment",
        back_populates="judgment",
        cascade="all, delete-orphan",
        order_by="(Payment.received_on, Payment.created_at)",
    )
    enforcement_actions = relationship(
        "EnforcementAction",
        back_populates="judgment",
        cascade="all, delete-orphan",
        order_by="EnforcementAction.taken_on",
    )
    installment_plans = relationship(
        "InstallmentPlan", back_populates="judgment", cascade="all, delete-orphan"
    )


class JudgmentShare(UUIDPrimaryKey, Base):
    """A worker's share of a judgment."""

    __tablename__ = "judgment_shares"

    judgment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("judgments.id", ondelete="CASCADE"), index=True
    )
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workers.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)

    judgment = relationship("Judgment", back_populates="shares")
    worker = relationship("Worker")


class Payment(UUIDPrimaryKey, Base):
    """Money received toward a judgment; applied to interest first, then principal."""

    __tablename__ = "payments"
    # Dashboard money: paid per judgment by a date, and collected per month, from the index.
    __table_args__ = (
        Index("ix_payments_judgment_id_received_on_amount", "judgment_id", "received_on", "amount"),
        Index("ix_payments_received_on_case_id_amount", "received_on", "case_id", "amount"),
    )

    judgment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("judgments.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    received_on: Mapped[date] = mapped_column(index=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    method: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(20))
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    judgment = relationship("Judgment", back_populates="payments")


class Disbursement(UUIDPrimaryKey, Base):
    """Money passed on to one worker."""

    __tablename__ = "disbursements"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    judgment_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("judgments.id", ondelete="CASCADE"), index=True
    )
    worker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("workers.id"), index=True)
    paid_on: Mapped[date] = mapped_column(index=True)
    amount: Mapped[Decimal] = mapped_column(MONEY)
    method: Mapped[str] = mapped_column(String(16))
    reference = Encrypted("case", subject="case_id")
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    worker = relationship("Worker")


class EnforcementAction(UUIDPrimaryKey, Base):
    """A step taken to collect: restraining notice, levy, lien, stop-work order..."""

    __tablename__ = "enforcement_actions"

    judgment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("judgments.id", ondelete="CASCADE"), index=True
    )
    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    taken_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(16), default="planned")
    result = Encrypted("case", subject="case_id")
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    judgment = relationship("Judgment", back_populates="enforcement_actions")


class InstallmentPlan(UUIDPrimaryKey, Base):
    """An agreed schedule of payments."""

    __tablename__ = "installment_plans"

    judgment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("judgments.id", ondelete="CASCADE"), index=True
    )
    amount: Mapped[Decimal] = mapped_column(MONEY)
    every: Mapped[str] = mapped_column(String(8))  # "week" | "month"
    first_due_on: Mapped[date]
    count: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    judgment = relationship("Judgment", back_populates="installment_plans")
