"""What a case's judgments are worth today, collected, passed on, and the next clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from casework.judgments.balance import Standing, standing
from casework.judgments.checks import ZERO
from casework.judgments.disbursements import case_disbursements
from casework.models.case import Case, Deadline
from casework.models.judgment import Judgment


@dataclass(frozen=True)
class CaseSummary:
    standings: list[tuple[Judgment, Standing]]
    total_due: Decimal
    collected: Decimal
    disbursed: Decimal
    next_deadline: Deadline | None
    #: Clocks whose day has passed and that nobody has marked done, latest first.
    passed: list[Deadline] = field(default_factory=list)


def case_summary(case: Case, today: date | None = None) -> CaseSummary:
    """What the case's judgments are worth today, collected, passed on, and the next clock."""
    today = today or date.today()
    standings = [(j, standing(j, today)) for j in case.judgments]
    disbursed = sum((Decimal(d.amount) for d in case_disbursements(case)), ZERO)
    open_clocks = [d for d in case.deadlines if d.judgment_id is not None and not d.done]
    upcoming = sorted((d for d in open_clocks if d.due_on >= today), key=lambda d: d.due_on)
    passed = sorted((d for d in open_clocks if d.due_on < today), key=lambda d: d.due_on)
    return CaseSummary(
        standings=standings,
        total_due=sum((s.total_due for _j, s in standings), ZERO),
        collected=sum((s.collected for _j, s in standings), ZERO),
        disbursed=disbursed,
        next_deadline=upcoming[0] if upcoming else None,
        passed=passed[::-1],
    )
