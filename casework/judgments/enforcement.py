"""Steps taken to collect a judgment (levies, liens, restraining notices...)."""

from __future__ import annotations

import uuid
from datetime import date

from casework import audit
from casework.extensions import db
from casework.judgments.checks import clean
from casework.models.judgment import (
    ENFORCEMENT_KINDS,
    ENFORCEMENT_STATUSES,
    EnforcementAction,
    Judgment,
)
from casework.refusals import Refused
from casework.services.timeline import add_event


def record_enforcement(
    judgment: Judgment,
    *,
    kind: str,
    taken_on: date,
    status: str,
    result: str | None = None,
    recorded_by_id: uuid.UUID | None = None,
) -> EnforcementAction:
    """Record a step taken to collect; it appears on the case timeline."""
    if kind not in ENFORCEMENT_KINDS:
        raise Refused("kind", "enforcement_kind")
    if status not in ENFORCEMENT_STATUSES:
        raise Refused("status", "enforcement_status")
    action = EnforcementAction(
        id=uuid.uuid4(),
        judgment_id=judgment.id,
        case_id=judgment.case_id,
        kind=kind,
        taken_on=taken_on,
        status=status,
        recorded_by_id=recorded_by_id,
    )
    action.result = clean(result)
    judgment.enforcement_actions.append(action)
    add_event(judgment.case, "enforcement", f"{kind} {status}", ref_id=action.id)
    audit.record("enforcement.record", action, case_id=judgment.case_id, detail=kind)
    db.session.flush()
    return action


def update_enforcement(action: EnforcementAction, *, status: str, result: str | None) -> None:
    """Change an enforcement step's status and result."""
    if status not in ENFORCEMENT_STATUSES:
        raise Refused("status", "enforcement_status")
    action.result = clean(result)
    action.status = status
    add_event(action.judgment.case, "enforcement", f"{action.kind} {status}", ref_id=action.id)
    audit.record("enforcement.update", action, case_id=action.case_id, detail=status)
    db.session.flush()
