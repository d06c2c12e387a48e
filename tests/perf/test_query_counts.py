"""Bounded SQL per page: the case page and the caseload list issue as many statements with
20 notes, payments, deadlines or cases as with 2 (no query per row)."""

from __future__ import annotations

import uuid
from contextlib import contextmanager
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event
from sqlalchemy.engine import Engine

from casework.extensions import db
from casework.models.case import Deadline
from casework.models.judgment import Disbursement, Payment

#: Ceilings well above today's counts, so that a new panel does not break them, but far
#: below what one query per row would give with 20 rows.
CASE_PAGE_MAX = 40
LIST_PAGE_MAX = 15


@contextmanager
def counting():
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def _fill_case(make, n: int, advocate):
    workers = [make.worker(name=f"Ana Prueba {i}", phone=f"(555) 300-{i:04d}") for i in range(2)]
    case = make.case(workers=workers, assigned_to=advocate, status="collecting")
    for i in range(n):
        make.note(case, body=f"Called the employer, attempt {i}.", author=advocate)
    judgment = make.judgment(case)
    for i in range(n):
        db.session.add(
            Payment(
                judgment_id=judgment.id,
                case_id=case.id,
                received_on=date(2025, 2, 1) + timedelta(days=14 * i),
                amount=Decimal("100.00"),
                method="check",
                source="employer",
                recorded_by_id=advocate.id,
            )
        )
        db.session.add(
            Deadline(
                case_id=case.id,
                label=f"Follow up {i}",
                kind="follow_up",
                due_on=date(2026, 6, 1) + timedelta(days=i),
            )
        )
    db.session.add(
        Disbursement(
            case_id=case.id,
            judgment_id=judgment.id,
            worker_id=workers[0].id,
            paid_on=date(2025, 6, 1),
            amount=Decimal("50.00"),
            method="check",
        )
    )
    db.session.flush()
    return case


def _case_page_statements(make, login_as, n: int) -> int:
    advocate = make.user("advocate")
    case = _fill_case(make, n, advocate)
    client = login_as(advocate)
    assert client.get(f"/cases/{case.id}").status_code == 200  # warm caches
    db.session.expire_all()
    with counting() as statements:
        response = client.get(f"/cases/{case.id}")
    assert response.status_code == 200
    assert b"attempt %d" % (n - 1) in response.data
    return len(statements)


def test_case_page_queries_do_not_grow_with_notes_and_payments(make, login_as):
    small = _case_page_statements(make, login_as, 2)
    large = _case_page_statements(make, login_as, 20)
    assert large == small, f"case page: {small} statements with 2 rows, {large} with 20"
    assert small <= CASE_PAGE_MAX


def _list_page_statements(make, login_as, n: int, role: str) -> int:
    advocate = make.user("advocate")
    viewer = advocate if role == "advocate" else make.user(role)
    tag = uuid.uuid4().hex[:6]
    for i in range(n):
        workers = [make.worker(name=f"Luis Ejemplo {tag} {i}") for _ in range(2)]
        make.case(workers=workers, assigned_to=advocate, status="open", jurisdiction="CA")
    client = login_as(viewer)
    url = f"/cases/?status=open&advocate={advocate.id}&sort=deadline"
    assert client.get(url).status_code == 200
    db.session.expire_all()
    with counting() as statements:
        response = client.get(url)
    assert response.status_code == 200
    assert response.data.count(b"CW-T-") >= n
    return len(statements)


@pytest.mark.parametrize("role", ["advocate", "supervisor"])
def test_caseload_list_queries_do_not_grow_with_cases(make, login_as, role):
    small = _list_page_statements(make, login_as, 2, role)
    large = _list_page_statements(make, login_as, 20, role)
    assert large == small, f"caseload list: {small} statements with 2 cases, {large} with 20"
    assert small <= LIST_PAGE_MAX


def test_caseload_search_by_name_is_bounded(make, login_as):
    """Searching the list by a worker's name decrypts only blind-index candidates."""
    advocate = make.user("advocate")
    for _ in range(5):
        make.case(workers=[make.worker(name="Rosa Búsqueda")], assigned_to=advocate)
    client = login_as(advocate)
    client.post("/cases/search", data={"worker_name": "rosa busqueda"})
    client.get("/cases/?search=1")
    db.session.expire_all()
    with counting() as statements:
        response = client.get("/cases/?search=1")
    assert response.status_code == 200
    assert response.data.count(b"CW-T-") >= 5
    assert len(statements) <= LIST_PAGE_MAX
