"""A case's story: events for the timeline, and the activity clock for reports."""

from __future__ import annotations

import uuid

from flask import has_request_context
from flask_login import current_user

from casework.extensions import db
from casework.models.base import utcnow
from casework.models.case import Case, CaseEvent


def add_event(
    case: Case,
    kind: str,
    detail: str | None = None,
    *,
    ref_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    params: dict | None = None,
) -> CaseEvent:
    """Record a step on the case's timeline (never identifying text) and touch its activity.

    The event is shown by its kind's message (casework.messages), filled with ``params``
    (codes, dates, amounts as text); ``detail`` holds particulars shown as they are.
    """
    if user_id is None and has_request_context() and current_user.is_authenticated:
        user_id = current_user.id
    event = CaseEvent(
        case_id=case.id,
        kind=kind,
        detail=detail and detail[:200],
        ref_id=ref_id,
        user_id=user_id,
        params=dict(params) if params else None,
    )
    db.session.add(event)
    case.last_activity_at = utcnow()
    return event
