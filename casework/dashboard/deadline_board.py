"""The deadline board: overdue, this week and the next 30 days, across every open case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import and_, case, func, select

from casework.extensions import db
from casework.models.case import Case, Deadline
from casework.models.user import User

LIMITATION_WARNING_DAYS = 60


# -- deadlines ---------------------------------------------------------------
@dataclass(frozen=True)
class DeadlineRow:
    deadline_id: uuid.UUID
    case_id: uuid.UUID
    reference: str
    label: str
    rule: str | None
    kind: str
    computed: bool
    due_on: date
    advocate: str | None
    highlight: bool
    #: A limitation date already passed (the time to file has run out).
    limitation_passed: bool = False
    # Its words, shown by casework.messages: message keys and values, or the typed label.
    label_key: str | None = None
    rule_text_key: str | None = None
    params: dict | None = None
    typed_label: str | None = None


@dataclass
class DeadlineBoard:
    overdue: list[DeadlineRow]
    this_week: list[DeadlineRow]
    next_30: list[DeadlineRow]
    overdue_total: int
    this_week_total: int
    next_30_total: int


def deadline_board(today: date, limit: int = 50) -> DeadlineBoard:
    """Open deadlines on open cases: overdue, the next 7 days, days 8 to 30; by date."""
    week_end = today + timedelta(days=6)
    month_end = today + timedelta(days=30)
    base = (
        select(
            Deadline.id,
            Deadline.case_id,
            Case.reference,
            Deadline.label,
            Deadline.rule,
            Deadline.kind,
            Deadline.computed,
            Deadline.due_on,
            User.name,
            Deadline,
        )
        .join(Case, Case.id == Deadline.case_id)
        .outerjoin(User, User.id == Case.assigned_to_id)
        .where(Case.status != "closed", Deadline.done.is_(False))
    )
    warn = today + timedelta(days=LIMITATION_WARNING_DAYS)

    def rows(*where):
        result = db.session.execute(
            base.where(*where).order_by(Deadline.due_on, Case.reference).limit(limit)
        ).all()
        return [
            DeadlineRow(
                r.id,
                r.case_id,
                r.reference,
                r.label,
                r.rule,
                r.kind,
                r.computed,
                r.due_on,
                r.name,
                r.kind == "limitation" and today <= r.due_on <= warn,
                r.kind == "limitation" and r.due_on < today,
                r.Deadline.label_key,
                r.Deadline.rule_text_key,
                r.Deadline.params,
                str(r.Deadline.typed_label) if r.Deadline.typed_label is not None else None,
            )
            for r in result
        ]

    overdue_w = (Deadline.due_on < today,)
    week_w = (Deadline.due_on >= today, Deadline.due_on <= week_end)
    month_w = (Deadline.due_on > week_end, Deadline.due_on <= month_end)
    counts = db.session.execute(
        select(
            func.sum(case((Deadline.due_on < today, 1), else_=0)),
            func.sum(case((and_(*week_w), 1), else_=0)),
            func.sum(case((and_(*month_w), 1), else_=0)),
        )
        .join(Case, Case.id == Deadline.case_id)
        .where(Case.status != "closed", Deadline.done.is_(False), Deadline.due_on <= month_end)
    ).one()
    return DeadlineBoard(
        rows(*overdue_w),
        rows(*week_w),
        rows(*month_w),
        int(counts[0] or 0),
        int(counts[1] or 0),
        int(counts[2] or 0),
    )
