"""The case status workflow: which moves are allowed, and what each records."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from casework import audit
from casework.models.case import OUTCOMES, STATUSES, Case
from casework.refusals import Refused
from casework.services.timeline import add_event

#: Allowed moves. A case may step forward, step back one stage, or close from anywhere.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    "intake": ("open", "closed"),
    "open": ("demand_sent", "negotiating", "filed", "closed"),
    "demand_sent": ("open", "negotiating", "filed", "closed"),
    "negotiating": ("demand_sent", "filed", "judgment", "closed"),
    "filed": ("negotiating", "judgment", "closed"),
    "judgment": ("collecting", "closed"),
    "collecting": ("judgment", "closed"),
    "closed": ("open",),
}


def allowed_next(status: str) -> tuple[str, ...]:
    return TRANSITIONS.get(status, ())


def change_status(
    case: Case,
    new_status: str,
    *,
    outcome: str | None = None,
    amount_recovered: Decimal | None = None,
    closed_on: date | None = None,
) -> None:
    """Move a case to a new status; closing requires an outcome and the amount recovered.

    Raises Refused (codes: ``unknown_status``, ``not_allowed``,
    ``outcome_required``, ``amount_required``) and changes nothing when refused.
    """
    if new_status not in STATUSES:
        raise Refused("status", "unknown_status")
    if new_status == case.status:
        return
    if new_status not in allowed_next(case.status):
        raise Refused("status", "not_allowed")
    if new_status == "closed":
        if outcome not in OUTCOMES:
            raise Refused("outcome", "outcome_required")
        if amount_recovered is None or amount_recovered < 0:
            raise Refused("amount_recovered", "amount_required")
        case.outcome = outcome
        case.amount_recovered = amount_recovered
        case.closed_on = closed_on or date.today()
    elif case.status == "closed":
        case.outcome = None
        case.closed_on = None
    previous = case.status
    case.status = new_status
    add_event(
        case,
        "status_changed",
        f"{previous}>{new_status}",
        params={"old": previous, "new": new_status},
    )
    audit.record("case.status", case, detail=f"{previous}>{new_status}")
