"""Deadlines on a case: computed from the facts by the law package, or typed in by staff."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from casework import messages
from casework.extensions import db
from casework.law import deadlines as rules
from casework.models.base import utcnow
from casework.models.case import Case, Deadline

#: Follow-ups of missed installments share one text (the judgments area keys them so).
INSTALLMENT_PREFIX = "installment_missed:"


def facts_for(case: Case) -> rules.CaseFacts:
    """The facts the limitation rules need, read from the case and its claims."""
    comp = case.comp_claim
    retaliation = case.retaliation_claim
    entity = any(
        link.employer.entity_type in {"corporation", "llc"} for link in case.employer_links
    )
    return rules.CaseFacts(
        case_type=case.case_type,
        region=case.jurisdiction,
        first_day_worked=case.first_day_worked,
        last_day_worked=case.last_day_worked,
        willful=case.willful,
        injury_date=comp.injury_date if comp else None,
        notice_to_employer_on=comp.notice_to_employer_on if comp else None,
        protected_activity_on=retaliation.protected_activity_on if retaliation else None,
        adverse_action_on=retaliation.adverse_action_on if retaliation else None,
        employer_is_entity=entity,
    )


def recompute(case: Case) -> None:
    """Replace the case's computed (not judgment) deadlines with those the facts give now."""
    wanted = {d.key: d for d in rules.case_deadlines(facts_for(case))}
    existing = {
        d.rule_key: d for d in case.deadlines if d.computed and d.judgment_id is None and d.rule_key
    }
    for key, row in existing.items():
        if key not in wanted:
            case.deadlines.remove(row)
    for key, computed in wanted.items():
        row = existing.get(key)
        if row is None:
            row = Deadline(case_id=case.id, rule_key=key, computed=True, kind="limitation")
            case.deadlines.append(row)
        _set_computed_texts(row, key, computed.label, computed.rule)
        row.due_on = computed.due_on
        row.source = computed.source[:200]
        if computed.met_on is not None and not row.done:
            # The step was taken (the employer was told): the deadline is met, not overdue.
            row.done = True
            row.done_at = utcnow()
    refresh_next(case)


def _set_computed_texts(
    row: Deadline,
    rule_key: str,
    label: str,
    rule: str | None,
    *,
    message: str | None = None,
    params: dict | None = None,
) -> None:
    """Store a computed deadline's words as message keys; the English words beside them."""
    name = message or rule_key
    label_key = messages.deadline_label_key(name)
    rule_key_ = messages.deadline_rule_key(name)
    row.params = dict(params) if params else None
    row.label_key = label_key if messages.fills(label_key, row.params) else None
    row.rule_text_key = rule_key_ if messages.fills(rule_key_, row.params) else None
    row.label = (label or "")[:200]
    row.rule = rule[:200] if rule else None


def add_deadline(
    case: Case,
    label: str,
    due_on: date,
    *,
    kind: str = "follow_up",
    rule: str | None = None,
    source: str | None = None,
    rule_key: str | None = None,
    judgment_id: uuid.UUID | None = None,
    created_by_id: uuid.UUID | None = None,
    message: str | None = None,
    params: dict | None = None,
) -> Deadline:
    """Add a deadline: typed in by staff (no ``rule_key``), or computed by another area.

    A computed deadline stores the message keys of its rule (``message`` names them when
    several deadlines share one text, as missed installments do) and the ``params`` that
    fill them. A typed-in label is stored encrypted with the case's key, as typed.
    """
    row = Deadline(
        case_id=case.id,
        due_on=due_on,
        kind=kind,
        source=source,
        rule_key=rule_key,
        computed=rule_key is not None,
        judgment_id=judgment_id,
        created_by_id=created_by_id,
    )
    if rule_key is None:
        row.typed_label = label
        row.label = ""
        row.rule = rule
    else:
        if message is None and rule_key.startswith(INSTALLMENT_PREFIX):
            message = "installment_missed"
        _set_computed_texts(row, rule_key, label, rule, message=message, params=params)
    case.deadlines.append(row)
    refresh_next(case)
    return row


def refresh_next(case: Case) -> None:
    """Keep the case's next open deadline on the row, for lists and reports."""
    upcoming = [d.due_on for d in case.deadlines if not d.done]
    case.next_deadline_on = min(upcoming) if upcoming else None


def open_deadlines(case_ids: list[uuid.UUID]) -> list[Deadline]:
    """Open deadlines of several cases, soonest first."""
    return list(
        db.session.scalars(
            select(Deadline)
            .where(Deadline.case_id.in_(case_ids), Deadline.done.is_(False))
            .order_by(Deadline.due_on)
        )
    )


def days_left(deadline: Deadline, today: date | None = None) -> int:
    return (deadline.due_on - (today or date.today())).days
