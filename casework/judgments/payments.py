"""Payments on a judgment and the installment plans agreed for them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy.orm.exc import StaleDataError

from casework import audit
from casework.cases import workflow
from casework.extensions import db
from casework.judgments.balance import standing
from casework.judgments.checks import lock, money
from casework.models.judgment import (
    PAYMENT_METHODS,
    PAYMENT_SOURCES,
    InstallmentPlan,
    Judgment,
    Payment,
)
from casework.refusals import Refused
from casework.services.timeline import add_event

PLAN_INTERVALS = ("week", "month")


@dataclass(frozen=True)
class PaymentInput:
    received_on: date
    amount: Decimal
    method: str
    source: str


def record_payments(
    judgment: Judgment,
    entries: Sequence[PaymentInput],
    *,
    recorded_by_id: uuid.UUID | None = None,
    today: date | None = None,
) -> list[Payment]:
    """Record one or more payments at once; refused together if any would overdraw."""
    today = today or date.today()
    if not entries:
        raise Refused("payments", "payments_none")
    case = judgment.case
    for entry in entries:
        if entry.amount is None or entry.amount <= 0:
            raise Refused("amount", "amount_received")
        money(entry.amount, "amount")
        if entry.method not in PAYMENT_METHODS:
            raise Refused("method", "payment_method")
        if entry.source not in PAYMENT_SOURCES:
            raise Refused("source", "payment_source")
        if entry.received_on > today:
            raise Refused("received_on", "received_future")
        if entry.received_on < judgment.entered_on:
            raise Refused("received_on", "received_before")
    lock(judgment)
    pending = list(judgment.payments) + [(e.received_on, e.amount) for e in entries]
    as_of = max(today, max(e.received_on for e in entries))
    after = standing(judgment, as_of, pending)  # raises Overpayment
    first_payment = not any(j.payments for j in case.judgments)
    rows = []
    for entry in entries:
        payment = Payment(
            id=uuid.uuid4(),
            judgment_id=judgment.id,
            case_id=case.id,
            received_on=entry.received_on,
            amount=entry.amount,
            method=entry.method,
            source=entry.source,
            recorded_by_id=recorded_by_id,
        )
        judgment.payments.append(payment)
        rows.append(payment)
        add_event(case, "payment_recorded", f"{entry.amount} {entry.source}", ref_id=payment.id)
        audit.record(
            "payment.record",
            object_type="payments",
            object_id=payment.id,
            case_id=case.id,
            detail=str(entry.amount),
        )
    last_day = max(day for day, _amount in pending_days(pending))
    judgment.satisfied_on = last_day if after.total_due == 0 else None
    if first_payment and case.status == "judgment":
        workflow.change_status(case, "collecting")
    try:
        db.session.flush()
    except StaleDataError:
        # The caller's unit of work is spoilt: it rolls back and shows the refusal.
        raise Refused("amount", "payment_race") from None
    return rows


def pending_days(pending) -> list[tuple[date, Decimal]]:
    return [(p.received_on, p.amount) if isinstance(p, Payment) else p for p in pending]


# --- installment plans ---


def add_installment_plan(
    judgment: Judgment, *, amount: Decimal, every: str, first_due_on: date, count: int
) -> InstallmentPlan:
    """Record an agreed schedule of payments."""
    amount = money(amount, "amount")
    if amount <= 0:
        raise Refused("amount", "installment_amount")
    if every not in PLAN_INTERVALS:
        raise Refused("every", "every")
    if not count or count < 1 or count > 600:
        raise Refused("count", "count")
    if first_due_on < judgment.entered_on:
        raise Refused("first_due_on", "first_due")
    plan = InstallmentPlan(
        id=uuid.uuid4(), amount=amount, every=every, first_due_on=first_due_on, count=count
    )
    judgment.installment_plans.append(plan)
    db.session.flush()
    add_event(judgment.case, "installment_plan", f"{count} x {amount} / {every}", ref_id=plan.id)
    audit.record("installment_plan.add", plan, case_id=judgment.case_id, detail=every)
    return plan
