"""The case page, composed in one place: each area's part, asked for explicitly.

``case_page(case, user)`` reads; nothing here (and nothing the template calls) writes.
The view passes the result to ``cases/show.html``, which hands each panel its data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from casework import authz
from casework.cases import forms as F
from casework.cases.deadlines import days_left
from casework.cases.search import preload_keys
from casework.cases.workflow import allowed_next
from casework.extensions import db
from casework.judgments import service as judgments
from casework.models.case import Case, CaseEvent, CaseWorker, Deadline, Note
from casework.models.user import User
from casework.timekeeping import service as timekeeping

#: Notes shown at the top of the page; the full timeline is further down.
LATEST_NOTES = 3


@dataclass
class Money:
    claimed: Decimal | None
    demanded: Decimal | None
    recovered: Decimal | None
    collected: Decimal | None
    balance: Decimal | None


@dataclass
class CasePage:
    """Everything the case page shows, in the order the advocate reads it."""

    case: Case
    money: Money
    next_deadline: Deadline | None
    open_deadlines: list[Deadline]
    done_deadlines: int
    latest_notes: list[Note]
    timeline: list[tuple[str, datetime, Any]]
    judgments: Any  # judgments.CaseSummary, or None when the case has none and may get none
    letter_form: Any  # the letters area's "write a letter" form, or None
    note_form: Any
    deadline_form: Any
    can_edit: bool
    can_note: bool
    can_change_status: bool
    can_assign: bool
    time_minutes: int = 0  # time staff recorded on the case
    today: date = field(default_factory=date.today)

    def days_left(self, deadline: Deadline) -> int:
        return days_left(deadline, self.today)


def load_case(case: Case) -> None:
    """Load everything the case page shows in a fixed number of queries."""
    db.session.scalars(
        select(Case)
        .where(Case.id == case.id)
        .options(
            selectinload(Case.worker_links).selectinload(CaseWorker.wage_claim),
            selectinload(Case.employer_links),
            selectinload(Case.team),
            selectinload(Case.notes).joinedload(Note.author),
            selectinload(Case.events).joinedload(CaseEvent.user),
            selectinload(Case.deadlines),
            selectinload(Case.comp_claim),
            selectinload(Case.retaliation_claim),
            joinedload(Case.opened_by),
        )
    ).all()
    preload_keys([case.id] + [link.worker_id for link in case.worker_links])


def _letter_form(case: Case):
    """The letters area's "write a letter" form, choices filled for this case."""
    from casework.letters.views import _generate_form

    return _generate_form(case)


def case_page(case: Case, user: User, *, note_form=None, deadline_form=None) -> CasePage:
    """Compose the case page for ``user`` (who may view the case)."""
    load_case(case)
    today = date.today()
    open_deadlines = sorted((d for d in case.deadlines if not d.done), key=lambda d: d.due_on)
    notes = sorted(case.notes, key=lambda n: n.created_at, reverse=True)
    timeline = sorted(
        [("event", e.at, e) for e in case.events if e.kind != "note_added"]
        + [("note", n.created_at, n) for n in case.notes],
        key=lambda item: item[1],
        reverse=True,
    )
    may_judgment = authz.can_on_case(case, "judgment", user)
    summary = judgments.case_summary(case, today) if case.judgments or may_judgment else None
    collected = summary.collected if summary and summary.standings else None
    balance = summary.total_due if summary and summary.standings else None
    can_edit = authz.can_on_case(case, "edit", user)
    note_form = note_form or F.NoteForm(formdata=None)
    note_form.body.render_kw = {"rows": 3}  # at hand beside the latest notes, not a wall
    return CasePage(
        case=case,
        money=Money(
            claimed=case.amount_claimed,
            demanded=case.amount_demanded,
            recovered=case.amount_recovered,
            collected=collected,
            balance=balance,
        ),
        next_deadline=open_deadlines[0] if open_deadlines else None,
        open_deadlines=open_deadlines,
        done_deadlines=sum(1 for d in case.deadlines if d.done),
        latest_notes=notes[:LATEST_NOTES],
        timeline=timeline,
        judgments=summary,
        letter_form=_letter_form(case) if authz.can_on_case(case, "letter", user) else None,
        note_form=note_form,
        deadline_form=deadline_form or F.DeadlineForm(formdata=None),
        can_edit=can_edit,
        can_note=authz.can_on_case(case, "note", user),
        can_change_status=authz.can_on_case(case, "status", user)
        and bool(allowed_next(case.status)),
        can_assign=authz.can("case.assign", user),
        time_minutes=timekeeping.minutes_on(case.id),
        today=today,
    )
