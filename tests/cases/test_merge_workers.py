"""Merging two records of one worker: everything moves to the kept one, the other is shredded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from casework.evidence import service as evidence
from casework.extensions import db
from casework.models.audit import AuditEvent
from casework.models.case import CaseEvent, CaseWorker
from casework.models.evidence import Attachment
from casework.models.judgment import Disbursement
from casework.models.party import Worker

TEXT = b"Pay stub: 40 hours, paid $200 cash, week of March 2."


def _seed(make):
    keep = make.worker(name="Rosa Fictitia", phone="(555) 201-7788", email=None)
    other = make.worker(name="Rosa Fictitia", phone="(555) 201-7788", email="rosa@example.org")
    first = make.case(reference="CW-M-1", workers=[keep])
    second = make.case(reference="CW-M-2", workers=[other], status="collecting")
    judgment = make.judgment(second)
    db.session.add(
        Disbursement(
            case_id=second.id,
            judgment_id=judgment.id,
            worker_id=other.id,
            paid_on=date(2026, 3, 1),
            amount=Decimal("250.00"),
            method="check",
            reference="1001",
        )
    )
    supervisor = make.user("supervisor")
    stub = evidence.add_attachment(
        second,
        supervisor,
        data=TEXT,
        file_name="stub.txt",
        description="Pay stub",
        about=f"worker:{other.id}",
        limits=evidence.Limits(max_bytes=1_000_000, max_files=10),
    )
    db.session.flush()
    return keep, other, first, second, supervisor, stub


def test_a_supervisor_merges_two_records_and_nothing_is_lost(make, login_as):
    keep, other, first, second, supervisor, stub = _seed(make)
    client = login_as(supervisor)

    page = client.get(f"/cases/workers/{keep.id}/merge").get_data(as_text=True)
    assert "CW-M-2" in page and "rosa@example.org" in page
    answer = client.post(
        f"/cases/workers/{keep.id}/merge",
        data={"other": str(other.id), "keep": "this", "confirm": "y"},
    )
    assert answer.status_code == 303
    db.session.expire_all()

    links = db.session.scalars(select(CaseWorker)).all()
    assert {(link.case.reference, link.worker_id) for link in links} == {
        ("CW-M-1", keep.id),
        ("CW-M-2", keep.id),
    }
    disbursement = db.session.scalars(select(Disbursement)).one()
    assert disbursement.worker_id == keep.id and disbursement.amount == Decimal("250.00")
    moved = db.session.get(Attachment, stub.id)
    assert moved.worker_id == keep.id and evidence.read_content(moved) == TEXT
    kept = db.session.get(Worker, keep.id)
    assert kept.email == "rosa@example.org"  # taken from the other record, which had one
    assert db.session.get(Worker, other.id).shredded_at is not None
    for case in (first, second):
        kinds = db.session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id))
        assert "worker_merged" in set(kinds)
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "worker.merge"))
    worker_page = client.get(f"/cases/workers/{keep.id}").get_data(as_text=True)
    assert "CW-M-1" in worker_page and "CW-M-2" in worker_page


def test_records_on_the_same_case_are_not_merged(make, login_as):
    keep = make.worker(name="Ana Fictitia", phone="(555) 201-1111")
    other = make.worker(name="Ana Fictitia")
    make.case(reference="CW-M-3", workers=[keep, other])
    db.session.flush()
    client = login_as(make.user("supervisor"))
    answer = client.post(
        f"/cases/workers/{keep.id}/merge",
        data={"other": str(other.id), "keep": "this", "confirm": "y"},
    )
    assert answer.status_code == 422
    assert "Both records are on case CW-M-3" in answer.get_data(as_text=True)
    assert db.session.get(Worker, other.id).shredded_at is None


def test_the_merge_asks_for_confirmation_and_only_supervisors_may(make, login_as):
    keep, other, *_ = _seed(make)
    client = login_as(make.user("supervisor"))
    answer = client.post(
        f"/cases/workers/{keep.id}/merge", data={"other": str(other.id), "keep": "this"}
    )
    assert answer.status_code == 422 and "Tick the box to confirm." in answer.get_data(as_text=True)
    assert db.session.get(Worker, other.id).shredded_at is None
    advocate = login_as(make.user("advocate"))
    assert advocate.get(f"/cases/workers/{keep.id}/merge").status_code == 403
