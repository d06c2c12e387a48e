"""Case rules and writes: intake, facts, notes, deadlines, assignment, workers, employers.

Every function changes the session and writes its audit event; the caller commits.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from casework import audit
from casework.cases import deadlines, existing
from casework.extensions import db
from casework.models.base import utcnow
from casework.models.case import CASE_TYPES, Case, CaseEmployer, CaseWorker, Note
from casework.models.claims import CompClaim, RetaliationClaim, WageClaim
from casework.models.party import (
    CONTACT_METHODS,
    EMPLOYER_ROLES,
    ENTITY_TYPES,
    Employer,
    Worker,
)
from casework.models.user import User
from casework.refusals import Refused
from casework.services.timeline import add_event

CASE_FACTS = ("jurisdiction", "first_day_worked", "last_day_worked", "willful")
COMP_FACTS = (
    "injury_date",
    "notice_to_employer_on",
    "claim_filed_on",
    "carrier",
    "body_parts",
    "board_case_number",
)
RETALIATION_FACTS = (
    "protected_activity",
    "protected_activity_on",
    "adverse_action",
    "adverse_action_on",
    "threatened_immigration_report",
    "forum",
)
WORKER_FIELDS = ("name", "phone", "email", "address", "preferred_language", "contact_ok_by")
EMPLOYER_FIELDS = ("business_name", "address", "owner_names", "industry", "ein", "entity_type")


class StaleCase(Refused):
    """Somebody else saved the case since this form was opened."""


@dataclass
class WorkerInput:
    name: str
    phone: str | None = None
    email: str | None = None
    address: str | None = None
    preferred_language: str = "en"
    contact_ok_by: str = "phone"
    existing_id: uuid.UUID | None = None


@dataclass
class EmployerInput:
    business_name: str
    role: str = "employer"
    address: str | None = None
    owner_names: str | None = None
    industry: str | None = None
    ein: str | None = None
    entity_type: str = "unknown"
    existing_id: uuid.UUID | None = None


@dataclass
class Intake:
    case_type: str
    jurisdiction: str
    workers: list[WorkerInput]
    employers: list[EmployerInput]
    facts: dict[str, Any] = field(default_factory=dict)


# -- case numbers ---------------------------------------------------------------


def next_reference(year: int) -> str:
    prefix = f"CW-{year}-"
    last = db.session.scalar(
        select(func.max(Case.reference)).where(Case.reference.like(prefix + "%"))
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:05d}"


def assign_reference(case: Case, year: int | None = None, attempts: int = 8) -> str:
    """Give a flushed case its human reference (CW-2026-00042), retrying on a collision."""
    year = year or case.opened_on.year
    for _attempt in range(attempts):
        reference = next_reference(year)
        try:
            with db.session.begin_nested():
                db.session.execute(
                    update(Case)
                    .where(Case.id == case.id)
                    .values(reference=reference)
                    .execution_options(synchronize_session=False)
                )
        except IntegrityError:
            continue
        set_committed_value(case, "reference", reference)
        return reference
    raise Refused("reference", "reference_busy")


# -- intake ---------------------------------------------------------------------


def _apply_worker(worker: Worker, data: WorkerInput | dict) -> None:
    values = data if isinstance(data, dict) else data.__dict__
    for name in WORKER_FIELDS:
        if name in values:
            value = values[name]
            if name == "contact_ok_by" and value not in CONTACT_METHODS:
                raise Refused(name, "invalid")
            setattr(worker, name, value or None if name in ("email", "address") else value)


def _apply_employer(employer: Employer, data: EmployerInput | dict) -> None:
    values = data if isinstance(data, dict) else data.__dict__
    for name in EMPLOYER_FIELDS:
        if name in values:
            value = values[name]
            if name == "entity_type" and value not in ENTITY_TYPES:
                raise Refused(name, "invalid")
            setattr(employer, name, value or None if name not in ("business_name",) else value)
    if not employer.entity_type:
        employer.entity_type = "unknown"


def _apply_facts(case: Case, facts: dict[str, Any]) -> None:
    for name in CASE_FACTS + ("narrative",):
        if name in facts:
            setattr(case, name, facts[name])
    if case.case_type == "workers_comp":
        claim = case.comp_claim or CompClaim(case_id=case.id)
        case.comp_claim = claim
        for name in COMP_FACTS:
            if name in facts:
                setattr(claim, name, facts[name] or None)
    if case.case_type == "retaliation":
        claim = case.retaliation_claim or RetaliationClaim(case_id=case.id)
        case.retaliation_claim = claim
        for name in RETALIATION_FACTS:
            if name in facts:
                value = facts[name]
                if name == "threatened_immigration_report":
                    value = bool(value)
                elif not value:
                    value = None
                setattr(claim, name, value)


def open_case(intake: Intake, user: User, today: date | None = None) -> Case:
    """Record an intake: the case, its workers and employers, facts and computed deadlines."""
    if intake.case_type not in CASE_TYPES:
        raise Refused("case_type", "invalid")
    if not intake.workers:
        raise Refused("workers", "worker_required")
    if not intake.employers:
        raise Refused("employers", "employer_required")
    # Existing records are checked before anything is written.
    chosen_workers = [
        existing.existing_worker(data.existing_id, data.name, data.phone, user)
        for data in intake.workers
    ]
    chosen_employers = [
        existing.existing_employer(data.existing_id, data.business_name, user)
        for data in intake.employers
    ]
    today = today or date.today()
    case = Case(
        id=uuid.uuid4(),
        reference="T" + uuid.uuid4().hex[:16],
        case_type=intake.case_type,
        status="intake",
        jurisdiction=intake.jurisdiction,
        opened_by_id=user.id,
        opened_on=today,
    )
    # Advocates who open a case work it themselves.
    if user.role == "advocate":
        case.assigned_to_id = user.id
    db.session.add(case)
    _apply_facts(case, intake.facts)
    used_workers: set[uuid.UUID] = set()
    for position, (data, worker) in enumerate(zip(intake.workers, chosen_workers, strict=True)):
        if worker is None:
            worker = Worker(id=uuid.uuid4())
            _apply_worker(worker, data)
            db.session.add(worker)
        if worker.id in used_workers:
            continue
        used_workers.add(worker.id)
        link = CaseWorker(id=uuid.uuid4(), case=case, worker=worker, position=position)
        db.session.add(link)
        if case.case_type == "wage_theft":
            db.session.add(WageClaim(case_worker=link))
    used_employers: set[uuid.UUID] = set()
    for position, (data, employer) in enumerate(
        zip(intake.employers, chosen_employers, strict=True)
    ):
        if data.role not in EMPLOYER_ROLES:
            raise Refused("role", "invalid")
        if employer is None:
            employer = Employer(id=uuid.uuid4())
            _apply_employer(employer, data)
            db.session.add(employer)
        if employer.id in used_employers:
            continue
        used_employers.add(employer.id)
        db.session.add(
            CaseEmployer(case=case, employer=employer, role=data.role, position=position)
        )
    db.session.flush()
    assign_reference(case)
    deadlines.recompute(case)
    add_event(case, "opened", case.case_type)
    audit.record("case.create", case, detail=case.case_type)
    return case


# -- working a case ---------------------------------------------------------------


def record_view(case: Case) -> None:
    audit.record("case.view", case)


def update_facts(case: Case, facts: dict[str, Any], version: int | str | None) -> Case:
    """Change the case facts, refusing a stale version; recompute the deadlines."""
    try:
        expected = int(version) if version not in (None, "") else None
    except (TypeError, ValueError):
        expected = None
    if expected is None or expected != case.version:
        raise StaleCase("version", "stale")
    _apply_facts(case, facts)
    deadlines.recompute(case)
    changed = sorted(k for k in facts if k in CASE_FACTS + COMP_FACTS + RETALIATION_FACTS)
    add_event(case, "facts_changed")
    audit.record("case.edit", case, detail=",".join(changed)[:255])
    return case


def add_note(case: Case, body: str, author: User) -> Note:
    body = (body or "").strip()
    if not body:
        raise Refused("body", "required")
    note = Note(id=uuid.uuid4(), case_id=case.id, author_id=author.id, body=body)
    case.notes.insert(0, note)
    db.session.add(note)
    add_event(case, "note_added", ref_id=note.id)
    audit.record("note.create", note, case_id=case.id)
    return note


def add_typed_deadline(case: Case, label: str, due_on: date, kind: str, user: User):
    row = deadlines.add_deadline(case, label, due_on, kind=kind, created_by_id=user.id)
    add_event(case, "deadline_added", kind)
    audit.record("deadline.create", row, case_id=case.id)
    return row


def complete_deadline(case: Case, deadline_id: uuid.UUID | str) -> None:
    row = next((d for d in case.deadlines if str(d.id) == str(deadline_id)), None)
    if row is None:
        raise Refused("deadline", "not_found")
    row.done = True
    row.done_at = utcnow()
    deadlines.refresh_next(case)
    add_event(case, "deadline_done", row.kind, ref_id=row.id)
    audit.record("deadline.done", row, case_id=case.id)


def assign_case(case: Case, assignee: User | None, team: list[User]) -> None:
    """Assign the case (an intake becomes open) and set the team."""
    if assignee is not None and assignee.role not in ("advocate", "supervisor"):
        raise Refused("assigned_to", "invalid")
    previous = case.assigned_to_id
    case.assigned_to_id = assignee.id if assignee else None
    case.assigned_to = assignee
    case.team[:] = [u for u in team if u.role in ("advocate", "supervisor")]
    if assignee is not None and case.status == "intake":
        from casework.cases.workflow import change_status

        change_status(case, "open")
    add_event(case, "assigned", ref_id=assignee.id if assignee else None)
    audit.record(
        "case.assign",
        case,
        detail=f"{previous or '-'}>{case.assigned_to_id or '-'};team={len(case.team)}",
    )


def _changed(record, fields: tuple[str, ...], apply, values: dict[str, Any]) -> str:
    before = {name: getattr(record, name) for name in fields}
    apply(record, values)
    return ", ".join(name for name in fields if getattr(record, name) != before[name])


def update_worker(worker: Worker, values: dict[str, Any], cases: list[Case] = ()) -> None:
    """Save a worker's details; each case the worker is on records the change."""
    changed = _changed(worker, WORKER_FIELDS, _apply_worker, values)
    for case in cases:
        add_event(case, "worker_edited", changed or None, ref_id=worker.id)
    audit.record("worker.edit", worker, detail=changed or None)


def update_employer(employer: Employer, values: dict[str, Any], cases: list[Case] = ()) -> None:
    """Save an employer's details; each case the employer is on records the change."""
    changed = _changed(employer, EMPLOYER_FIELDS, _apply_employer, values)
    for case in cases:
        add_event(case, "employer_edited", changed or None, ref_id=employer.id)
    audit.record("employer.edit", employer, detail=changed or None)


def employer_totals(cases: list[Case]) -> dict[str, Any]:
    """Open and closed counts and the money claimed and recovered over these cases."""
    return {
        "claimed": sum((c.amount_claimed or 0 for c in cases), 0),
        "recovered": sum((c.amount_recovered or 0 for c in cases), 0),
        "open": sum(1 for c in cases if not c.is_closed),
        "closed": sum(1 for c in cases if c.is_closed),
    }


def add_worker(case: Case, data: WorkerInput) -> CaseWorker:
    """Add one more worker to a case (a group claim), new or existing."""
    worker = existing.existing_worker(data.existing_id, data.name, data.phone)
    if worker is None:
        worker = Worker(id=uuid.uuid4())
        _apply_worker(worker, data)
        db.session.add(worker)
    if any(link.worker_id == worker.id for link in case.worker_links):
        raise Refused("name", "already_on_case")
    link = CaseWorker(id=uuid.uuid4(), case=case, worker=worker, position=len(case.worker_links))
    db.session.add(link)
    if case.case_type == "wage_theft":
        db.session.add(WageClaim(case_worker=link))
    add_event(case, "worker_added", ref_id=worker.id)
    audit.record("case.add_worker", case, detail=str(worker.id))
    return link


def add_employer(case: Case, data: EmployerInput) -> CaseEmployer:
    if data.role not in EMPLOYER_ROLES:
        raise Refused("role", "invalid")
    employer = existing.existing_employer(data.existing_id, data.business_name)
    if employer is None:
        employer = Employer(id=uuid.uuid4())
        _apply_employer(employer, data)
        db.session.add(employer)
    if any(link.employer_id == employer.id for link in case.employer_links):
        raise Refused("business_name", "already_on_case")
    link = CaseEmployer(
        case=case, employer=employer, role=data.role, position=len(case.employer_links)
    )
    db.session.add(link)
    db.session.flush()
    deadlines.recompute(case)
    add_event(case, "employer_added", ref_id=employer.id)
    audit.record("case.add_employer", case, detail=str(employer.id))
    return link
