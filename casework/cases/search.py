"""Finding workers, employers and cases: blind-index search, duplicate checks, the caseload."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import asc, desc, func, or_, select
from sqlalchemy.orm import selectinload

from casework.authz import visible_cases_clause
from casework.cases import stale
from casework.crypto.blind_index import name_words, normalize_name
from casework.crypto.columns import Unreadable, keystore
from casework.crypto.search import find_by_index
from casework.extensions import db
from casework.models.case import Case, CaseEmployer, CaseWorker, Deadline
from casework.models.keys import DataKey
from casework.models.party import Employer, Worker, WorkerNameWord
from casework.models.user import User

PAGE_SIZE = 50


def preload_keys(subject_ids) -> None:
    """Load many subjects' data keys in one query and keep them for the request.

    The session's identity map holds rows weakly, so the rows are kept in the
    session's info (dropped when the session closes at the end of the request).
    """
    ids = {i for i in subject_ids if i is not None}
    if ids:
        rows = db.session.scalars(select(DataKey).where(DataKey.subject_id.in_(ids))).all()
        db.session.info.setdefault("cw_preloaded_keys", []).extend(rows)


def _workers_by_index(attr: str, value: str) -> list[Worker]:
    """Workers whose blind index matches, decrypted and compared exactly."""
    rows = find_by_index(db.session, Worker, attr, value or "")
    return [w for w in rows if w.shredded_at is None]


def workers_by_name_words(name: str) -> list[Worker]:
    """Workers whose name has every word of ``name`` (any order; accents and case ignored).

    "María Núñez" finds "María José Núñez". The word indexes narrow the workers to
    those sharing every word's index; only those are decrypted and their words compared.
    """
    wanted = set(name_words(name or ""))
    if not wanted:
        return []
    indexes = set(keystore().name_word_indexes("workers", "name", name))
    having_all = (
        select(WorkerNameWord.worker_id)
        .where(WorkerNameWord.word_bidx.in_(indexes))
        .group_by(WorkerNameWord.worker_id)
        .having(func.count(WorkerNameWord.word_bidx.distinct()) == len(indexes))
    )
    rows = list(
        db.session.scalars(
            select(Worker).where(Worker.id.in_(having_all), Worker.shredded_at.is_(None))
        )
    )
    keystore().preload(db.session, [w.id for w in rows])
    found = []
    for worker in rows:
        plain = worker.name
        if plain and not isinstance(plain, Unreadable) and wanted <= set(name_words(plain)):
            found.append(worker)
    return found


def find_workers(
    name: str | None = None, phone: str | None = None, *, any_words: bool = False
) -> list[Worker]:
    """Workers with exactly this name or this phone number (either matches).

    ``any_words`` (the caseload search): the name may be any of the worker's name's words.
    The duplicate check at intake keeps to the whole name.
    """
    found: dict[uuid.UUID, Worker] = {}
    if name:
        for w in _workers_by_index("name", name):
            found[w.id] = w
        if any_words:
            for w in workers_by_name_words(name):
                found[w.id] = w
    if phone:
        for w in _workers_by_index("phone", phone):
            found[w.id] = w
    return list(found.values())


def find_employers(name: str, limit: int = 20) -> list[Employer]:
    """Employers whose name matches exactly (normalized) or starts with the typed name."""
    key = normalize_name(name or "")[:200]
    if not key:
        return []
    escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rows = db.session.scalars(
        select(Employer)
        .where(or_(Employer.name_key == key, Employer.name_key.like(escaped + "%", escape="\\")))
        .order_by(Employer.name_key)
        .limit(limit)
    )
    return list(rows)


def open_cases_of_workers(worker_ids) -> dict[uuid.UUID, list[Case]]:
    """Each worker's cases that are not closed (for the duplicate check)."""
    result: dict[uuid.UUID, list[Case]] = {w: [] for w in worker_ids}
    if not worker_ids:
        return result
    rows = db.session.execute(
        select(CaseWorker.worker_id, Case)
        .join(Case, Case.id == CaseWorker.case_id)
        .where(CaseWorker.worker_id.in_(worker_ids), Case.status != "closed")
        .order_by(Case.opened_on.desc())
    )
    for worker_id, case in rows:
        result[worker_id].append(case)
    return result


def open_cases_of_employers(employer_ids) -> dict[uuid.UUID, list[Case]]:
    result: dict[uuid.UUID, list[Case]] = {e: [] for e in employer_ids}
    if not employer_ids:
        return result
    rows = db.session.execute(
        select(CaseEmployer.employer_id, Case)
        .join(Case, Case.id == CaseEmployer.case_id)
        .where(CaseEmployer.employer_id.in_(employer_ids), Case.status != "closed")
        .order_by(Case.opened_on.desc())
    )
    for employer_id, case in rows:
        result[employer_id].append(case)
    return result


@dataclass
class CaseQuery:
    """What the caseload list shows: filters from the URL, the search from the session."""

    status: str = ""
    case_type: str = ""
    jurisdiction: str = ""
    advocate: str = ""
    overdue: bool = False
    open_only: bool = False
    stale: bool = False
    due_within: int | None = None
    sort: str = "opened"
    direction: str = "desc"
    page: int = 1
    worker_name: str = ""
    phone: str = ""
    employer: str = ""
    today: date = field(default_factory=date.today)


SORTS = {
    "reference": Case.reference,
    "type": Case.case_type,
    "status": Case.status,
    "jurisdiction": Case.jurisdiction,
    "opened": Case.opened_on,
    "deadline": Case.next_deadline_on,
    "activity": Case.last_activity_at,
}


@dataclass
class CasePage:
    cases: list[Case]
    total: int
    page: int
    pages: int


def list_cases(user: User, q: CaseQuery) -> CasePage:
    """One page of the cases the user may see, filtered, searched and sorted."""
    stmt = select(Case)
    clause = visible_cases_clause(user)
    if clause is not None:
        stmt = stmt.where(clause)
    if q.status:
        stmt = stmt.where(Case.status == q.status)
    if q.case_type:
        stmt = stmt.where(Case.case_type == q.case_type)
    if q.jurisdiction:
        stmt = stmt.where(Case.jurisdiction == q.jurisdiction)
    if q.advocate == "none":
        stmt = stmt.where(Case.assigned_to_id.is_(None))
    elif q.advocate:
        try:
            stmt = stmt.where(Case.assigned_to_id == uuid.UUID(q.advocate))
        except ValueError:
            pass
    if q.open_only or q.stale or q.overdue or q.due_within:
        # Stale, overdue and due-soon mean something only for cases still being worked.
        stmt = stmt.where(Case.status != "closed")
    if q.stale:
        stmt = stmt.where(stale.clause())
    if q.overdue:
        overdue = select(Deadline.case_id).where(
            Deadline.done.is_(False), Deadline.due_on < q.today
        )
        stmt = stmt.where(Case.id.in_(overdue))
    if q.due_within:
        due_soon = select(Deadline.case_id).where(
            Deadline.done.is_(False),
            Deadline.due_on >= q.today,
            Deadline.due_on <= q.today + timedelta(days=q.due_within),
        )
        stmt = stmt.where(Case.id.in_(due_soon))
    if q.worker_name or q.phone:
        found = find_workers(q.worker_name or None, q.phone or None, any_words=True)
        ids = [w.id for w in found]
        stmt = stmt.where(
            Case.id.in_(select(CaseWorker.case_id).where(CaseWorker.worker_id.in_(ids)))
        )
    if q.employer:
        ids = [e.id for e in find_employers(q.employer, limit=200)]
        stmt = stmt.where(
            Case.id.in_(select(CaseEmployer.case_id).where(CaseEmployer.employer_id.in_(ids)))
        )
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, q.page), pages)
    column = SORTS.get(q.sort, Case.opened_on)
    order = desc(column) if q.direction == "desc" else asc(column)
    if q.sort == "deadline":
        # Cases without a deadline (closed ones, mostly) come last in both directions, so the
        # first pages read dated cases in index order instead of sorting thousands of ties.
        order = order.nulls_last()
    stmt = (
        stmt.order_by(order, Case.reference)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .options(
            selectinload(Case.worker_links).joinedload(CaseWorker.worker),
            selectinload(Case.employer_links).joinedload(CaseEmployer.employer),
        )
    )
    cases = list(db.session.scalars(stmt).unique())
    preload_keys([link.worker_id for c in cases for link in c.worker_links])
    return CasePage(cases, total, page, pages)


def user_deadlines(user: User, today: date | None = None) -> list[Deadline]:
    """Open deadlines on the cases the user may see (advocates: their own), soonest first."""
    stmt = (
        select(Deadline)
        .join(Case, Case.id == Deadline.case_id)
        .where(Deadline.done.is_(False), Case.status != "closed")
        .order_by(Deadline.due_on)
        .options(selectinload(Deadline.case))
        .limit(1000)
    )
    clause = visible_cases_clause(user)
    if clause is not None:
        stmt = stmt.where(clause)
    return list(db.session.scalars(stmt))
