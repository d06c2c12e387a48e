"""Installment plans: which installment each payment pays, and one follow-up when one is missed.

A payment counts toward the earliest installment not yet paid in full. An installment
is missed only once its grace period (``CASEWORK_INSTALLMENT_GRACE_DAYS``, 10 days by
default) has run out without it being paid; one paid a day or two late is paid late,
not missed. A plan has at most one open follow-up deadline: while staff have not
marked it done, later missed installments add no copies of it.

Nothing here runs on a page view: the scheduled ``installments check`` command and
the "Check the plan now" action flag missed installments.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from casework import audit
from casework.cases import deadlines as case_deadlines
from casework.law.dates import add_months
from casework.law.i18n import N_
from casework.models.case import Case, Deadline
from casework.models.judgment import InstallmentPlan
from casework.services.timeline import add_event

ZERO = Decimal("0.00")
DEFAULT_GRACE_DAYS = 10
MISSED_INSTALLMENT_LABEL = N_("Installment missed: follow up with the employer")
MISSED_KEY_PREFIX = "installment_missed:"


@dataclass(frozen=True)
class Installment:
    number: int
    due_on: date
    expected: Decimal
    expected_to_date: Decimal
    received_to_date: Decimal
    status: str  # "paid" | "paid_late" | "missed" | "due" | "upcoming"
    paid_on: date | None = None
    grace_until: date | None = None


def grace_days() -> int:
    """The configured grace period, in days (10 outside an application)."""
    from flask import current_app, has_app_context

    if not has_app_context():
        return DEFAULT_GRACE_DAYS
    value = current_app.config.get("CASEWORK_INSTALLMENT_GRACE_DAYS", DEFAULT_GRACE_DAYS)
    return max(0, int(value))


def due_date(plan: InstallmentPlan, index: int) -> date:
    if plan.every == "week":
        return plan.first_due_on + timedelta(weeks=index)
    return add_months(plan.first_due_on, index)


def schedule(
    plan: InstallmentPlan, today: date | None = None, grace: int | None = None
) -> list[Installment]:
    """Each installment with what was expected, what paid it and when.

    Payments count toward the plan from one interval before the first due date, each
    toward the earliest installment not yet paid in full.
    """
    today = today or date.today()
    grace = grace_days() if grace is None else grace
    start = (
        plan.first_due_on - timedelta(weeks=1)
        if plan.every == "week"
        else add_months(plan.first_due_on, -1)
    )
    payments = sorted(
        (p.received_on, Decimal(p.amount))
        for p in plan.judgment.payments
        if start < p.received_on <= today
    )
    # The day the money received first reached each running total.
    running = ZERO
    reached: list[tuple[Decimal, date]] = []
    for day, amount in payments:
        running += amount
        reached.append((running, day))
    rows = []
    for i in range(plan.count):
        due_on = due_date(plan, i)
        until = due_on + timedelta(days=grace)
        expected_to_date = Decimal(plan.amount) * (i + 1)
        paid_on = next((day for total, day in reached if total >= expected_to_date), None)
        received = sum((a for d, a in payments if d <= until), ZERO)
        if paid_on is not None and paid_on <= due_on:
            status = "paid"
        elif paid_on is not None:
            status = "paid_late"
        elif until < today:
            status = "missed"
        elif due_on <= today:
            status = "due"
        else:
            status = "upcoming"
        rows.append(
            Installment(
                i + 1,
                due_on,
                Decimal(plan.amount),
                expected_to_date,
                received,
                status,
                paid_on,
                until,
            )
        )
    return rows


def _plan_key(plan: InstallmentPlan) -> str:
    return f"{MISSED_KEY_PREFIX}{plan.id.hex}"


def _number(key: str) -> int:
    tail = key.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def flag_missed_installments(case: Case, today: date | None = None) -> list[Deadline]:
    """One follow-up deadline per plan with a missed installment, unless one is still open.

    A follow-up marked done is not made again for the installments it covered; a
    later missed installment makes a new one.
    """
    today = today or date.today()
    created = []
    for judgment in case.judgments:
        for plan in judgment.installment_plans:
            prefix = _plan_key(plan)
            own = [d for d in case.deadlines if (d.rule_key or "").startswith(prefix)]
            if any(not d.done for d in own):
                continue
            covered = max((_number(d.rule_key) for d in own), default=0)
            missed = [
                r for r in schedule(plan, today) if r.status == "missed" and r.number > covered
            ]
            if not missed:
                continue
            last = missed[-1]
            created.append(
                case_deadlines.add_deadline(
                    case,
                    MISSED_INSTALLMENT_LABEL,
                    today,
                    kind="follow_up",
                    rule=(
                        f"installment {last.number} of {plan.count} due {last.due_on}"
                        if len(missed) == 1
                        else f"installments {missed[0].number}-{last.number} of {plan.count} "
                        f"missed, the last due {last.due_on}"
                    ),
                    source="installment plan",
                    rule_key=f"{prefix}:{last.number}",
                    judgment_id=judgment.id,
                )
            )
    if created:
        add_event(case, "installment_missed", str(len(created)))
        audit.record("installment.missed", case, detail=str(len(created)))
    return created


def check_every_open_case(today: date) -> tuple[int, int]:
    """Flag missed installments on every case not closed that has a plan (the scheduled run).

    Returns (cases checked, missed installments flagged); the caller commits.
    """
    from sqlalchemy import select

    from casework.extensions import db
    from casework.models.judgment import Judgment

    cases = db.session.scalars(
        select(Case)
        .where(Case.id.in_(select(Judgment.case_id).join(InstallmentPlan)))
        .where(Case.status != "closed")
    ).all()
    created = sum(len(flag_missed_installments(case, today)) for case in cases)
    return len(cases), created
