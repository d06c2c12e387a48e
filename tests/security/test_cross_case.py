"""Objects of another advocate's case are changed by nobody who may not change that case.

The matrix sends empty forms; here the advocate on one case sends complete, valid forms
against every kind of object of another advocate's case (worker, employer, note, deadline,
letter, judgment, payment, disbursement, enforcement action, attachment), by that case's
address and by their own case's address. Each is a 404 (or, for an object named in a form
field, a refusal next to the field), and the database holds what it held before.
"""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import func, select

from casework.extensions import db
from casework.models import (
    Attachment,
    CaseEvent,
    Disbursement,
    EnforcementAction,
    Letter,
    Note,
    Payment,
)
from tests.security.conftest import sign_in

TODAY = date.today().isoformat()


def _count(model, **where) -> int:
    stmt = select(func.count()).select_from(model)
    for name, value in where.items():
        stmt = stmt.where(getattr(model, name) == value)
    return db.session.scalar(stmt)


def _snapshot(seed) -> dict:
    other = seed.other
    case_id, judgment_id = seed.other_case.id, other["judgment"].id
    db.session.expire_all()
    return {
        "notes": _count(Note, case_id=case_id),
        "events": _count(CaseEvent, case_id=case_id),
        "payments": _count(Payment, judgment_id=judgment_id),
        "disbursements": _count(Disbursement, judgment_id=judgment_id),
        "enforcement": _count(EnforcementAction, judgment_id=judgment_id),
        "attachments": _count(Attachment, case_id=case_id),
        "letters": _count(Letter, case_id=case_id),
        "deadline_done": other["deadline"].done,
        "letter_status": other["letter"].status,
        "action": (other["enforcement"].status, other["enforcement"].result),
        "worker": (other["worker"].name, other["worker"].contact_ok_by),
        "employer": (other["employer"].business_name, other["employer"].owner_names),
        "case": (seed.other_case.status, seed.other_case.narrative, seed.other_case.version),
    }


def _requests(seed):
    """(label, path, form) for every change, aimed at the other case's objects."""
    mine, theirs = seed.case.id, seed.other_case.id
    other = seed.other
    judgment = other["judgment"].id
    worker, employer = other["worker"], other["employer"]
    payment = {
        "rows-0-received_on": TODAY,
        "rows-0-amount": "77.77",
        "rows-0-method": "check",
        "rows-0-source": "employer",
    }
    disbursement = {
        "worker_id": str(worker.id),
        "paid_on": TODAY,
        "amount": "66.66",
        "method": "check",
    }
    enforcement = {"kind": "bank_levy", "taken_on": TODAY, "status": "satisfied"}
    for case in (theirs, mine):
        base = f"/cases/{case}/judgments/{judgment}"
        yield "payment", f"{base}/payments/new", payment
        yield "disbursement", f"{base}/disbursements/new", disbursement
        yield "new enforcement", f"{base}/enforcement/new", enforcement
        yield (
            "edit enforcement",
            f"{base}/enforcement/{other['enforcement'].id}",
            {**enforcement, "result": "Changed by someone else"},
        )
        yield (
            "plan",
            f"{base}/plans/new",
            {
                "amount": "10.00",
                "every": "week",
                "first_due_on": TODAY,
                "count": "2",
            },
        )
        yield "deadline done", f"/cases/{case}/deadlines/{other['deadline'].id}/done", {}
        yield (
            "attachment delete",
            (f"/cases/{case}/evidence/{other['attachment'].id}/delete"),
            {"confirm": "y"},
        )
    yield "note", f"/cases/{theirs}/notes", {"body": "Written by someone not on the case."}
    yield (
        "deadline",
        f"/cases/{theirs}/deadlines",
        {
            "label": "Not mine",
            "due_on": TODAY,
            "kind": "follow_up",
        },
    )
    yield "status", f"/cases/{theirs}/status", {"status": "closed", "outcome": "withdrawn"}
    yield (
        "letter",
        f"/cases/{theirs}/letters/new",
        {
            "letter-kind": "demand",
            "letter-recipient": f"employer:{employer.id}",
        },
    )
    yield (
        "letter sent",
        f"/letters/{other['letter'].id}/sent",
        {
            "sent_on": TODAY,
            "method": "mail",
        },
    )
    yield (
        "worker edit",
        f"/cases/workers/{worker.id}/edit",
        {
            "name": "Renamed Worker",
            "preferred_language": "en",
            "contact_ok_by": "mail",
        },
    )
    yield (
        "employer edit",
        f"/cases/employers/{employer.id}/edit",
        {
            "business_name": "Renamed Employer LLC",
            "entity_type": "llc",
        },
    )


def test_another_advocates_objects_are_not_found_and_not_changed(client, seed):
    before = _snapshot(seed)
    problems = []
    for label, path, form in _requests(seed):
        sign_in(client, seed.users["advocate_on"])
        status = client.post(path, data=form).status_code
        if status != 404:
            problems.append(f"{label} {path}: {status}")
    assert problems == []
    assert _snapshot(seed) == before


def test_objects_of_another_case_named_in_a_form_are_refused(client, seed):
    """Ids in form fields (a recipient, a worker paid, what a file is about) must be on
    the case in the address; otherwise the field says so and nothing is stored."""
    other = seed.other
    mine = seed.case.id
    judgment = seed.judgment.id
    before = {
        "letters": _count(Letter, case_id=mine),
        "disbursements": _count(Disbursement, judgment_id=judgment),
        "attachments": _count(Attachment, case_id=mine),
    }
    sign_in(client, seed.users["advocate_on"])

    def letter(employer):
        return client.post(
            f"/cases/{mine}/letters/new",
            data={"letter-kind": "demand", "letter-recipient": f"employer:{employer.id}"},
        )

    def disbursement(worker):
        return client.post(
            f"/cases/{mine}/judgments/{judgment}/disbursements/new",
            data={"worker_id": str(worker.id), "paid_on": TODAY, "amount": "12.34"}
            | {"method": "check"},
        )

    def upload(about):
        return client.post(
            f"/cases/{mine}/evidence",
            data={"file": (io.BytesIO(b"A note about pay.\n"), "pay.txt"), "about": about},
            content_type="multipart/form-data",
        )

    refused = [
        letter(other["employer"]),
        disbursement(other["worker"]),
        upload(f"note:{other['note'].id}"),
        upload(f"worker:{other['worker'].id}"),
    ]
    for response in refused:
        assert response.status_code in (200, 422), response.status_code
        for secret in seed.other_secrets():
            assert secret not in response.data
    db.session.expire_all()
    assert before == {
        "letters": _count(Letter, case_id=mine),
        "disbursements": _count(Disbursement, judgment_id=judgment),
        "attachments": _count(Attachment, case_id=mine),
    }
    # The same forms naming this case's own objects are saved.
    saved = [
        letter(seed.employer),
        disbursement(seed.worker),
        upload(f"note:{seed.note.id}"),
        upload(f"worker:{seed.worker.id}"),
    ]
    assert all(r.status_code in (302, 303) for r in saved), [r.status_code for r in saved]
    db.session.expire_all()
    assert _count(Letter, case_id=mine) > before["letters"]
    assert _count(Disbursement, judgment_id=judgment) == before["disbursements"] + 1
    assert _count(Attachment, case_id=mine) == before["attachments"] + 2
