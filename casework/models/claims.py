"""The type-specific facts of a case: wage claims, workers' comp, retaliation."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casework.crypto.columns import Encrypted
from casework.models.base import Base, UUIDPrimaryKey, utcnow

MONEY = Numeric(12, 2)
HOURS = Numeric(6, 2)


class WageClaim(UUIDPrimaryKey, Base):
    """One worker's wage-theft claim on a case: the facts the calculator works from."""

    __tablename__ = "wage_claims"

    case_worker_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("case_workers.id", ondelete="CASCADE"), unique=True
    )
    unpaid_final_pay: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    deductions: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    tips_withheld: Mapped[Decimal] = mapped_column(MONEY, default=Decimal("0"))
    # True, False, or None when not known (the breakdown then names the open question).
    wage_notice_given: Mapped[bool | None] = mapped_column(default=None)
    wage_statements_given: Mapped[bool | None] = mapped_column(default=None)
    willful: Mapped[bool] = mapped_column(default=False)
    hospitality: Mapped[bool] = mapped_column(default=False)
    final_pay_days_late: Mapped[int] = mapped_column(default=0)
    # Tipped work: did the employer give written notice of the tip credit (None: not known).
    tip_credit_notice_given: Mapped[bool | None] = mapped_column(default=None)
    # Where the work was and in which industry, as codes of casework.law.local_rates.
    work_city: Mapped[str | None] = mapped_column(String(40))
    wage_industry: Mapped[str | None] = mapped_column(String(40))
    # New York pay frequency (Labor Law 191): a manual worker, how often paid (a key of
    # casework.law.pay_frequency.PAY_PERIOD_DAYS), and a prior finding of late pay.
    manual_worker: Mapped[bool] = mapped_column(default=False)
    paid_every: Mapped[str] = mapped_column(String(12), default="weekly")
    prior_late_pay_finding: Mapped[bool] = mapped_column(default=False)
    # The last computation, kept for reports; the inputs above can always recompute it.
    computed_total: Mapped[Decimal | None] = mapped_column(MONEY)
    computed_unpaid_wages: Mapped[Decimal | None] = mapped_column(MONEY)
    computed_on: Mapped[date | None]
    computed_as_of: Mapped[date | None]
    ruleset_version: Mapped[str | None] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    case_worker = relationship("CaseWorker", back_populates="wage_claim")
    periods = relationship(
        "WorkPeriod",
        back_populates="claim",
        cascade="all, delete-orphan",
        order_by="WorkPeriod.start",
    )


class WorkPeriod(UUIDPrimaryKey, Base):
    """A stretch of time worked at the same schedule and pay."""

    __tablename__ = "work_periods"

    wage_claim_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("wage_claims.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[date]
    end: Mapped[date]
    hours_per_week: Mapped[Decimal] = mapped_column(HOURS)
    days_per_week: Mapped[int]
    hourly_rate: Mapped[Decimal | None] = mapped_column(MONEY)
    pay_per_week: Mapped[Decimal | None] = mapped_column(MONEY)
    long_days_per_week: Mapped[int] = mapped_column(default=0)
    hours_per_day: Mapped[Decimal | None] = mapped_column(HOURS)
    live_in: Mapped[bool] = mapped_column(default=False)
    # California: days a week a meal or a rest period was missed (Labor Code 226.7).
    missed_meal_days_per_week: Mapped[int] = mapped_column(default=0)
    missed_rest_days_per_week: Mapped[int] = mapped_column(default=0)
    # Tipped work: tips in a usual week (None: not known) and, in New York, days a week
    # with two hours or more of work that gets no tips (12 NYCRR 146-3.4(b)).
    tipped: Mapped[bool] = mapped_column(default=False)
    tips_per_week: Mapped[Decimal | None] = mapped_column(MONEY)
    untipped_days_per_week: Mapped[int] = mapped_column(default=0)
    # Short and broken shifts: days sent home early (hours worked and scheduled on such a
    # day) and, in California, split-shift days (casework.law.shifts).
    short_days_per_week: Mapped[int] = mapped_column(default=0)
    short_day_hours: Mapped[Decimal | None] = mapped_column(HOURS)
    short_day_scheduled_hours: Mapped[Decimal | None] = mapped_column(HOURS)
    split_shift_days_per_week: Mapped[int] = mapped_column(default=0)
    # What was really received a week when it differs from the agreed pay (hours paid
    # short of hours worked), the hours a weekly pay was meant to cover, and whether it
    # was agreed to cover every hour with 29 CFR 778.114(a) met.
    paid_per_week: Mapped[Decimal | None] = mapped_column(MONEY)
    salary_hours: Mapped[Decimal | None] = mapped_column(HOURS)
    fluctuating_workweek: Mapped[bool] = mapped_column(default=False)

    claim = relationship("WageClaim", back_populates="periods")


class CompClaim(UUIDPrimaryKey, Base):
    """A workers' compensation claim: injury, notice, filing, carrier."""

    __tablename__ = "comp_claims"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), unique=True
    )
    injury_date: Mapped[date | None]
    body_parts = Encrypted("case", subject="case_id", via="case")
    notice_to_employer_on: Mapped[date | None]
    claim_filed_on: Mapped[date | None]
    carrier: Mapped[str | None] = mapped_column(String(120))
    board_case_number = Encrypted("case", subject="case_id", via="case")

    case = relationship("Case", back_populates="comp_claim")


class RetaliationClaim(UUIDPrimaryKey, Base):
    """A retaliation claim: what the worker did, what the employer did back, and when."""

    __tablename__ = "retaliation_claims"

    case_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), unique=True
    )
    protected_activity = Encrypted("case", subject="case_id", via="case")
    protected_activity_on: Mapped[date | None]
    adverse_action = Encrypted("case", subject="case_id", via="case")
    adverse_action_on: Mapped[date | None]
    # The employer's threat is employer conduct, and is recorded; nobody's status is.
    threatened_immigration_report: Mapped[bool] = mapped_column(default=False)
    forum: Mapped[str | None] = mapped_column(String(40))
    filed_on: Mapped[date | None]
    remedy_sought = Encrypted("case", subject="case_id", via="case")

    case = relationship("Case", back_populates="retaliation_claim")
