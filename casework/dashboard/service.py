"""The supervisors' dashboard: every figure, composed and kept briefly; the letters awaiting.

Each figure lives in a module of its own (caseload, deadline_board, money, offenders) and
is named here too, so callers need one import.

Every figure is one aggregate query (GROUP BY in the database), never a loop over
all cases in Python, so the dashboard stays fast on a center's whole history.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from casework.dashboard.caseload import AdvocateLoad, caseload, caseload_totals  # noqa: F401
from casework.dashboard.deadline_board import DeadlineBoard, DeadlineRow, deadline_board  # noqa: F401
from casework.dashboard.money import (  # noqa: F401
    FLOW_FIELDS,
    MoneyLine,
    MoneyReport,
    collected_by_month,
    money_report,
    months_between,
    opened_closed_by_month,
)
from casework.dashboard.offenders import Offender, case_figures, repeat_offenders  # noqa: F401
from casework.extensions import db
from casework.models.base import utcnow
from casework.models.case import STATUSES, Case, Deadline
from casework.models.letter import Letter
from casework.models.user import User

OPEN_STATUSES = tuple(s for s in STATUSES if s != "closed")


#: Letters waiting for a supervisor's approval.
AWAITING_STATUSES = ("draft",)


# -- letters -----------------------------------------------------------------
@dataclass(frozen=True)
class AwaitingLetter:
    letter_id: uuid.UUID
    case_id: uuid.UUID
    reference: str
    kind: str
    language: str
    created_at: object
    generated_by: str | None


def letters_awaiting(limit: int = 100) -> list[AwaitingLetter]:
    """Letters generated and waiting for a supervisor, oldest first."""
    rows = db.session.execute(
        select(
            Letter.id,
            Letter.case_id,
            Case.reference,
            Letter.kind,
            Letter.language,
            Letter.created_at,
            User.name,
        )
        .join(Case, Case.id == Letter.case_id)
        .outerjoin(User, User.id == Letter.generated_by_id)
        .where(Letter.status.in_(AWAITING_STATUSES), Letter.copy_of_id.is_(None))
        .order_by(Letter.created_at)
        .limit(limit)
    ).all()
    return [AwaitingLetter(*row) for row in rows]


def open_status_keys() -> tuple[str, ...]:
    return OPEN_STATUSES


# -- the whole page, cached briefly ------------------------------------------
@dataclass
class Dashboard:
    """Every figure on the dashboard but the letters (those change with each approval)."""

    computed_at: object
    loads: list[AdvocateLoad]
    totals: AdvocateLoad
    board: DeadlineBoard
    report: MoneyReport
    offenders: list[Offender]
    references: dict
    opened_closed: list
    collected: list


def dashboard(
    today: date, date_from: date, date_to: date, *, cache_seconds: float = 0, fresh: bool = False
) -> Dashboard:
    """The dashboard's figures: those stored in the database if younger than cache_seconds.

    Aggregating a whole network's history takes a moment; every process and server
    reads the same stored figures, which the writes that change them delete. `fresh`
    recomputes.
    """
    from casework.dashboard import cache

    key = cache.key_for(today, date_from, date_to)
    if cache_seconds and not fresh:
        stored = cache.load(key, cache_seconds)
        if stored is not None:
            return _with_typed_labels(stored)
    loads = caseload(today)
    report = money_report(date_from, date_to)
    offenders = repeat_offenders()
    ids = {i for o in offenders for i in o.case_ids[:10]}
    references = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids)[start : start + 500]
        references.update(
            db.session.execute(select(Case.id, Case.reference).where(Case.id.in_(chunk))).all()
        )
    result = Dashboard(
        computed_at=utcnow(),
        loads=loads,
        totals=caseload_totals(loads),
        board=deadline_board(today),
        report=report,
        offenders=offenders,
        references=references,
        opened_closed=opened_closed_by_month(date_from, date_to),
        collected=collected_by_month(report),
    )
    if cache_seconds:
        cache.store(key, _without_typed_labels(result))
    return result


def _board_rows(figures: Dashboard) -> list[DeadlineRow]:
    board = figures.board
    return [*board.overdue, *board.this_week, *board.next_30]


def _without_typed_labels(figures: Dashboard) -> Dashboard:
    """The figures as stored: a label typed by staff is encrypted with its case's key and
    stays in the deadlines table; the stored figures keep only which deadline it was."""
    board = figures.board
    plain = {
        name: [
            r if r.computed else dataclasses.replace(r, typed_label=None, label="")
            for r in getattr(board, name)
        ]
        for name in ("overdue", "this_week", "next_30")
    }
    return dataclasses.replace(figures, board=dataclasses.replace(board, **plain))


def _with_typed_labels(figures: Dashboard) -> Dashboard:
    """Stored figures with each typed label read back (decrypted) from its deadline."""
    wanted = [r.deadline_id for r in _board_rows(figures) if not r.computed]
    if not wanted:
        return figures
    found = {d.id: d for d in db.session.scalars(select(Deadline).where(Deadline.id.in_(wanted)))}

    def filled_in(row: DeadlineRow) -> DeadlineRow:
        deadline = found.get(row.deadline_id)
        if row.computed or deadline is None:
            return row
        typed = str(deadline.typed_label) if deadline.typed_label is not None else None
        return dataclasses.replace(row, typed_label=typed, label=deadline.label or "")

    board = figures.board
    filled = {
        name: [filled_in(r) for r in getattr(board, name)]
        for name in ("overdue", "this_week", "next_30")
    }
    figures = dataclasses.replace(figures, board=dataclasses.replace(board, **filled))
    return figures
