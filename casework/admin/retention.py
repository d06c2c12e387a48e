"""Retention: closed cases keep identifying data for a set number of years, then it is shredded.

Shredding destroys the case's data key and the data keys of its workers who have no
other case still within retention, so names, contact details, narratives and notes
become unreadable for good; case facts, dates and amounts stay for the statistics.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select

from casework import audit, settings
from casework.extensions import db
from casework.models.case import Case, CaseWorker
from casework.services import shredding

DEFAULT_YEARS = 3
MIN_YEARS = 1
MAX_YEARS = 50


class RetentionError(ValueError):
    """A retention setting out of range."""


def retention_years() -> int:
    try:
        years = int(settings.get("retention_years") or DEFAULT_YEARS)
    except ValueError:
        return DEFAULT_YEARS
    return years if MIN_YEARS <= years <= MAX_YEARS else DEFAULT_YEARS


def set_retention_years(years: int) -> None:
    """Change the retention period (admins); audited. The caller commits."""
    if not isinstance(years, int) or not MIN_YEARS <= years <= MAX_YEARS:
        raise RetentionError("out of range")
    settings.put("retention_years", str(years))
    audit.record("settings.retention", object_type="settings", detail=f"{years} years")


def cutoff(today: date, years: int | None = None) -> date:
    """Cases closed on or before this date are due."""
    years = retention_years() if years is None else years
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def _due_clause(today: date, years: int | None = None):
    return and_(
        Case.status == "closed",
        Case.closed_on.is_not(None),
        Case.closed_on <= cutoff(today, years),
        Case.shredded_at.is_(None),
    )


@dataclass(frozen=True)
class DueCase:
    case_id: uuid.UUID
    reference: str
    case_type: str
    closed_on: date
    outcome: str | None


def cases_due(today: date, limit: int | None = None) -> list[DueCase]:
    """Closed cases past retention whose identifying data is still readable, oldest first."""
    query = (
        select(Case.id, Case.reference, Case.case_type, Case.closed_on, Case.outcome)
        .where(_due_clause(today))
        .order_by(Case.closed_on, Case.reference)
    )
    if limit:
        query = query.limit(limit)
    return [DueCase(*row) for row in db.session.execute(query).all()]


@dataclass
class ShredReport:
    cases: list[str]
    workers: int
    workers_kept: int


def shred_due(today: date, case_ids: list[uuid.UUID] | None = None) -> ShredReport:
    """Shred the due cases (all, or those chosen that are still due) and their workers' keys.

    A worker who still has another case that is not due keeps their key.
    """
    due = cases_due(today)
    if case_ids is not None:
        chosen = set(case_ids)
        due = [d for d in due if d.case_id in chosen]
    due_ids = {d.case_id for d in due}
    if not due_ids:
        return ShredReport([], 0, 0)
    workers = set(
        db.session.scalars(
            select(CaseWorker.worker_id).where(CaseWorker.case_id.in_(due_ids))
        ).all()
    )
    # Workers with a case that is neither being shredded now nor already shredded.
    kept = set(
        db.session.scalars(
            select(CaseWorker.worker_id)
            .join(Case, Case.id == CaseWorker.case_id)
            .where(
                CaseWorker.worker_id.in_(workers),
                Case.id.not_in(due_ids),
                Case.shredded_at.is_(None),
            )
        ).all()
    )
    shredded_workers = 0
    for worker_id in sorted(workers - kept, key=str):
        if shredding.shred_worker(worker_id, commit=False):
            shredded_workers += 1
    for item in due:
        shredding.shred_case(item.case_id, commit=False)
    audit.record(
        "retention.shred",
        object_type="cases",
        detail=f"{len(due)} cases, {shredded_workers} workers",
    )
    db.session.commit()
    db.session.expire_all()
    shredding.checkpoint()
    return ShredReport([d.reference for d in due], shredded_workers, len(workers & kept))
