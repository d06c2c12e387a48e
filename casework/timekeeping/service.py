"""Recording time on a case and summing it for a period.

Totals are sums in the database (GROUP BY), never loops over entries. The report for
funders names cases by reference and staff by name, never a worker or an employer.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from casework import audit
from casework.extensions import db
from casework.models.case import Case
from casework.models.time_entry import ACTIVITIES, TimeEntry
from casework.models.user import User
from casework.refusals import Refused

#: Longest single entry: a long hearing day.
MAX_MINUTES = 24 * 60
#: How far back an entry may be dated.
MAX_DAYS_BACK = 366


def record(
    case: Case,
    user: User,
    *,
    worked_on: date,
    minutes: int,
    activity: str,
    note: str | None = None,
    today: date | None = None,
) -> TimeEntry:
    """Add one entry to the case; refuses a future date, zero or over a day, unknown activity."""
    today = today or date.today()
    if worked_on > today:
        raise Refused("worked_on", "future")
    if worked_on < today - timedelta(days=MAX_DAYS_BACK):
        raise Refused("worked_on", "too_old", days=MAX_DAYS_BACK)
    if minutes <= 0 or minutes > MAX_MINUTES:
        raise Refused("minutes", "range", most=MAX_MINUTES // 60)
    if activity not in ACTIVITIES:
        raise Refused("activity", "invalid")
    entry = TimeEntry(
        case_id=case.id,
        user_id=user.id,
        worked_on=worked_on,
        minutes=minutes,
        activity=activity,
    )
    entry.case = case
    entry.note = (note or "").strip() or None
    db.session.add(entry)
    db.session.flush()
    audit.record("time.record", entry, case_id=case.id)
    return entry


def entries_for(case: Case) -> list[TimeEntry]:
    return list(
        db.session.scalars(
            select(TimeEntry)
            .where(TimeEntry.case_id == case.id)
            .order_by(TimeEntry.worked_on.desc(), TimeEntry.created_at.desc())
        )
    )


def minutes_on(case_id: uuid.UUID) -> int:
    total = db.session.execute(
        select(func.coalesce(func.sum(TimeEntry.minutes), 0)).where(TimeEntry.case_id == case_id)
    ).scalar_one()
    return int(total)


@dataclass(frozen=True)
class ReportRow:
    key: str  # case reference, person's name or activity code
    minutes: int
    entries: int


@dataclass(frozen=True)
class Report:
    date_from: date
    date_to: date
    by_case: list[ReportRow]
    by_person: list[ReportRow]
    by_activity: list[ReportRow]
    total_minutes: int
    total_entries: int


def _grouped(column, date_from: date, date_to: date, join=None) -> list[ReportRow]:
    stmt = select(column, func.sum(TimeEntry.minutes), func.count()).where(
        TimeEntry.worked_on >= date_from, TimeEntry.worked_on <= date_to
    )
    if join is not None:
        stmt = stmt.join(*join)
    rows = db.session.execute(stmt.group_by(column)).all()
    return sorted(
        (ReportRow(str(key) if key is not None else "", int(m or 0), int(n)) for key, m, n in rows),
        key=lambda r: r.key.casefold(),
    )


def report(date_from: date, date_to: date) -> Report:
    """Time in the period per case, per person and per activity (each sums to the total)."""
    by_case = _grouped(Case.reference, date_from, date_to, (Case, Case.id == TimeEntry.case_id))
    by_person = _grouped(User.name, date_from, date_to, (User, User.id == TimeEntry.user_id))
    by_activity = _grouped(TimeEntry.activity, date_from, date_to)
    by_activity.sort(key=lambda r: ACTIVITIES.index(r.key) if r.key in ACTIVITIES else 99)
    return Report(
        date_from=date_from,
        date_to=date_to,
        by_case=by_case,
        by_person=by_person,
        by_activity=by_activity,
        total_minutes=sum(r.minutes for r in by_activity),
        total_entries=sum(r.entries for r in by_activity),
    )
