"""API: cases (list, read, open an intake), their workers, employers, notes, deadlines and
the wage calculator's breakdown. Each view asks casework.authz and calls a service."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_login import current_user

from casework import authz, messages
from casework.api import schemas as S
from casework.api.blueprint import bp, refusal
from casework.api.problems import ApiProblem
from casework.cases import calculator, search, service
from casework.cases.calculator_text import claim_message
from casework.crypto.columns import Unreadable
from casework.extensions import db
from casework.refusals import Refused

CASE_REFUSALS = {
    "invalid": lambda: _("Choose a value from the list."),
    "required": lambda: _("This is required."),
    "worker_required": lambda: _("Add at least one worker."),
    "employer_required": lambda: _("Add at least one employer."),
    "reference_busy": lambda: _("Casework could not number the case; please send it again."),
}


def readable(value):
    """A decrypted value, or None when it is missing or can no longer be read (shredded)."""
    if value is None or isinstance(value, Unreadable):
        return None
    return value


def case_summary(case) -> dict:
    return {
        "id": case.id,
        "reference": case.reference,
        "case_type": case.case_type,
        "status": case.status,
        "jurisdiction": case.jurisdiction,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
        "next_deadline_on": case.next_deadline_on,
        "assigned_to_id": case.assigned_to_id,
    }


def case_detail(case) -> dict:
    return {
        **case_summary(case),
        "outcome": case.outcome,
        "narrative": readable(case.narrative),
        "first_day_worked": case.first_day_worked,
        "last_day_worked": case.last_day_worked,
        "amount_claimed": case.amount_claimed,
        "amount_demanded": case.amount_demanded,
        "amount_recovered": case.amount_recovered,
        "worker_ids": [link.worker_id for link in case.worker_links],
        "employer_ids": [link.employer_id for link in case.employer_links],
    }


def _case_refused(error: Refused) -> ApiProblem:
    words = CASE_REFUSALS.get(error.code)
    return refusal(error.field, words() if words else error.code)


def _viewed(case) -> None:
    service.record_view(case)
    db.session.commit()


@bp.get("/cases")
@bp.arguments(S.CaseListArgs, location="query", as_kwargs=True)
@bp.response(200, S.CaseList)
def list_cases(**args):
    """The caseload: the cases the token's user may see, with the caseload's filters.

    Twenty-five a page. Searching by a worker's name or phone is not offered here, so that
    no name is ever put in an address.
    """
    authz.require("case.list")
    query = search.CaseQuery(
        status=args.get("status", ""),
        case_type=args.get("case_type", ""),
        jurisdiction=args.get("jurisdiction", ""),
        advocate=args.get("advocate", ""),
        overdue=args.get("overdue", False),
        open_only=args.get("open", False),
        stale=args.get("stale", False),
        due_within=args.get("due_within"),
        sort=args.get("sort", "opened"),
        direction=args.get("dir", "desc"),
        page=args.get("page", 1),
    )
    result = search.list_cases(current_user, query)
    return {
        "cases": [case_summary(c) for c in result.cases],
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
    }


@bp.post("/cases")
@bp.arguments(S.IntakeIn)
@bp.response(201, S.CaseDetail)
def create_case(data):
    """Open an intake: the case, its workers and employers (always new records)."""
    authz.require("case.create")
    workers = [
        service.WorkerInput(
            name=w["name"],
            phone=w.get("phone") or None,
            email=w.get("email") or None,
            address=w.get("address") or None,
            preferred_language=w["preferred_language"],
            contact_ok_by=w["contact_ok_by"],
        )
        for w in data["workers"]
    ]
    employers = [
        service.EmployerInput(
            business_name=e["business_name"],
            role=e["role"],
            address=e.get("address") or None,
            owner_names=e.get("owner_names") or None,
            industry=e.get("industry") or None,
            ein=e.get("ein") or None,
            entity_type=e["entity_type"],
        )
        for e in data["employers"]
    ]
    first, last = data.get("first_day_worked"), data.get("last_day_worked")
    if first and last and last < first:
        raise refusal("last_day_worked", _("The last day is before the first day."))
    facts = {"narrative": data.get("narrative") or None}
    if data["case_type"] == "wage_theft":
        facts.update(first_day_worked=first, last_day_worked=last)
    intake = service.Intake(
        case_type=data["case_type"],
        jurisdiction=data["jurisdiction"],
        workers=workers,
        employers=employers,
        facts=facts,
    )
    try:
        with db.session.begin_nested():
            case = service.open_case(intake, current_user)
    except Refused as error:
        raise _case_refused(error) from None
    db.session.commit()
    return case_detail(case)


@bp.get("/cases/<uuid:case_id>")
@bp.response(200, S.CaseDetail)
def get_case(case_id):
    """One case (the view is in the audit log, as on the case page)."""
    case = authz.case_or_404(case_id, "view")
    _viewed(case)
    return case_detail(case)


@bp.get("/cases/<uuid:case_id>/workers")
@bp.response(200, S.WorkerOut(many=True))
def case_workers(case_id):
    """The workers on a case, with their contact details."""
    case = authz.case_or_404(case_id, "view")
    authz.require("worker.view")
    _viewed(case)
    return [
        {
            "id": link.worker.id,
            "case_worker_id": link.id,
            "name": readable(link.worker.name),
            "phone": readable(link.worker.phone),
            "email": readable(link.worker.email),
            "address": readable(link.worker.address),
            "preferred_language": link.worker.preferred_language,
            "contact_ok_by": link.worker.contact_ok_by,
        }
        for link in case.worker_links
    ]


@bp.get("/cases/<uuid:case_id>/employers")
@bp.response(200, S.EmployerOut(many=True))
def case_employers(case_id):
    """The employers on a case and the role of each."""
    case = authz.case_or_404(case_id, "view")
    authz.require("employer.view")
    return [
        {
            "id": link.employer.id,
            "role": link.role,
            "business_name": link.employer.business_name,
            "address": link.employer.address,
            "owner_names": readable(link.employer.owner_names),
            "industry": link.employer.industry,
            "ein": link.employer.ein,
            "entity_type": link.employer.entity_type,
        }
        for link in case.employer_links
    ]


def _note(note) -> dict:
    return {
        "id": note.id,
        "body": readable(note.body),
        "author_id": note.author_id,
        "created_at": note.created_at,
    }


@bp.get("/cases/<uuid:case_id>/notes")
@bp.response(200, S.NoteOut(many=True))
def list_notes(case_id):
    """A case's notes, newest first."""
    case = authz.case_or_404(case_id, "view")
    _viewed(case)
    return [_note(n) for n in case.notes]


@bp.post("/cases/<uuid:case_id>/notes")
@bp.arguments(S.NoteIn)
@bp.response(201, S.NoteOut)
def add_note(data, case_id):
    """Add a note. Text that discloses immigration status is refused (422), nothing saved."""
    case = authz.case_or_404(case_id, "note")
    try:
        with db.session.begin_nested():
            note = service.add_note(case, data["body"], current_user)
    except Refused as error:
        raise _case_refused(error) from None
    db.session.commit()
    return _note(note)


@bp.get("/cases/<uuid:case_id>/deadlines")
@bp.response(200, S.DeadlineOut(many=True))
def list_deadlines(case_id):
    """A case's deadlines, computed and typed in, soonest first."""
    case = authz.case_or_404(case_id, "view")
    authz.require("deadline.list")
    return [
        {
            "id": d.id,
            "label": messages.deadline_label(d),
            "kind": d.kind,
            "due_on": d.due_on,
            "computed": d.computed,
            "done": d.done,
            "source": d.source,
        }
        for d in case.deadlines
    ]


@bp.get("/cases/<uuid:case_id>/breakdown")
@bp.response(200, S.CaseBreakdown)
def breakdown(case_id):
    """What each worker on a wage case is owed today: the calculator's lines and totals."""
    case = authz.case_or_404(case_id, "calculate")
    if case.case_type != "wage_theft":
        raise ApiProblem(404, _("Only wage cases have a wage breakdown."))
    today = date.today()
    result = calculator.compute_case(case, as_of=today)
    workers = []
    for item in result.workers:
        b = item.breakdown
        workers.append(
            {
                "case_worker_id": item.case_worker.id,
                "worker_id": item.case_worker.worker_id,
                "computed": b is not None,
                "problem": None if b is not None else claim_message(item.error),
                "lines": [
                    {
                        "key": line.key,
                        "label": messages.line_label(line),
                        "amount": line.amount,
                        "citation": line.citation,
                    }
                    for line in (b.lines if b is not None else [])
                ],
                "unpaid_wages": b.unpaid_wages if b else None,
                "liquidated_damages": b.liquidated_damages if b else None,
                "statutory_damages": b.statutory_damages if b else None,
                "interest": b.interest if b else None,
                "total": b.total if b else None,
            }
        )
    return {"as_of": today, "workers": workers, "total": result.total}
