"""Caseloads per advocate: open cases by type and status, those nobody is moving, deadlines."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import case, distinct, func, or_, select

from casework.cases import stale
from casework.extensions import db
from casework.models.base import utcnow
from casework.models.case import Case, Deadline
from casework.models.user import User

SOON_DAYS = 14


# -- caseload ----------------------------------------------------------------
@dataclass
class AdvocateLoad:
    """One advocate's open cases, stale cases and deadlines."""

    user_id: uuid.UUID | None
    name: str
    open_cases: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    stale: int = 0
    overdue: int = 0
    due_soon: int = 0


def caseload(today: date, now=None) -> list[AdvocateLoad]:
    """Open cases per advocate by type and status, stale cases, overdue and soon-due deadlines."""
    not_moving = stale.clause(now or utcnow())
    loads: dict[uuid.UUID | None, AdvocateLoad] = {}

    def load(user_id):
        if user_id not in loads:
            loads[user_id] = AdvocateLoad(user_id, "")
        return loads[user_id]

    open_case = Case.status != "closed"
    # One pass over the covering index (status, advocate, type, last activity, next
    # deadline): open cases and, with a conditional sum, those nobody is moving.
    rows = db.session.execute(
        select(
            Case.assigned_to_id,
            Case.case_type,
            Case.status,
            func.count(),
            func.sum(case((not_moving, 1), else_=0)),
        )
        .where(open_case)
        .group_by(Case.assigned_to_id, Case.case_type, Case.status)
    ).all()
    for user_id, case_type, status, count, not_moving_count in rows:
        row = load(user_id)
        row.open_cases += count
        row.stale += int(not_moving_count or 0)
        row.by_type[case_type] = row.by_type.get(case_type, 0) + count
        row.by_status[status] = row.by_status.get(status, 0) + count
    soon = today + timedelta(days=SOON_DAYS)
    for user_id, overdue, due_soon in db.session.execute(
        select(
            Case.assigned_to_id,
            # Cases, not deadlines: each count links to the list of those cases.
            func.count(distinct(case((Deadline.due_on < today, Deadline.case_id)))),
            func.count(distinct(case((Deadline.due_on >= today, Deadline.case_id)))),
        )
        .join(Case, Case.id == Deadline.case_id)
        .where(open_case, Deadline.done.is_(False), Deadline.due_on <= soon)
        .group_by(Case.assigned_to_id)
    ).all():
        row = load(user_id)
        row.overdue = int(overdue or 0)
        row.due_soon = int(due_soon or 0)
    # Advocates with no open cases still appear: an empty caseload is news too.
    staff = db.session.execute(
        select(User.id, User.name).where(
            or_(User.id.in_([k for k in loads if k is not None]), User.role == "advocate"),
            or_(User.active.is_(True), User.id.in_([k for k in loads if k is not None])),
        )
    ).all()
    for user_id, name in staff:
        load(user_id).name = name
    ordered = sorted(
        (row for key, row in loads.items() if key is not None), key=lambda r: r.name.casefold()
    )
    if None in loads:
        ordered.append(loads[None])
    return ordered


def caseload_totals(rows: list[AdvocateLoad]) -> AdvocateLoad:
    total = AdvocateLoad(None, "")
    for row in rows:
        total.open_cases += row.open_cases
        total.stale += row.stale
        total.overdue += row.overdue
        total.due_soon += row.due_soon
        for key, value in row.by_type.items():
            total.by_type[key] = total.by_type.get(key, 0) + value
        for key, value in row.by_status.items():
            total.by_status[key] = total.by_status.get(key, 0) + value
    return total
