"""A seeded case with one of everything, and the people who may or may not see it.

Requests in these tests see a fresh ``g`` and roll back only their own work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from flask import g, request_started
from sqlalchemy import select

from casework.api import tokens
from casework.evidence.service import Limits, add_attachment
from casework.extensions import db
from casework.models import (
    Deadline,
    Disbursement,
    EnforcementAction,
    JudgmentShare,
    Letter,
    Payment,
)


def _fresh_globals(sender, **extra) -> None:
    for name in list(vars(g)):
        delattr(g, name)


@pytest.fixture(autouse=True)
def request_isolation(request):
    """Each request sees a fresh ``g``; a view's rollback undoes only its own work.

    The shared ``db_session`` fixture keeps one app context (and one outer transaction)
    for the whole test; a real server gives every request its own.
    """
    if not {"app", "client"} & set(request.fixturenames):
        yield
        return
    app = request.getfixturevalue("app")
    request.getfixturevalue("db_session")
    for connection in db.engines.values():
        raw = connection.connection.dbapi_connection
        if connection.dialect.name == "sqlite" and not raw.in_transaction:
            connection.exec_driver_sql("BEGIN")
    db.session.remove()
    db.session.configure(join_transaction_mode="create_savepoint")
    request_started.connect(_fresh_globals, app)
    try:
        yield
    finally:
        request_started.disconnect(_fresh_globals, app)
        db.session.remove()


ROLES = ("anonymous", "intake", "advocate_on", "advocate_off", "supervisor", "admin")


@dataclass
class Seed:
    users: dict = field(default_factory=dict)
    case: object = None
    other_case: object = None
    worker: object = None
    employer: object = None
    case_worker: object = None
    judgment: object = None
    enforcement: object = None
    letter: object = None
    attachment: object = None
    note: object = None
    deadline: object = None
    payment: object = None
    disbursement: object = None
    token: object = None  # an API token of advocate_on (the row)
    run: object = None  # a bulk letter run advocate_on started (queued, not made)
    other: dict = field(default_factory=dict)  # the same kinds of objects on other_case

    def other_secrets(self) -> list[bytes]:
        """What the other advocate's case holds that no page of this case may show."""
        worker, employer = self.other["worker"], self.other["employer"]
        return [
            worker.name.encode(),
            worker.phone.encode(),
            self.other_case.narrative.encode(),
            self.other_case.reference.encode(),
            employer.owner_names.encode(),
            employer.business_name.encode(),
            OTHER_MARKS["note"].encode(),
            OTHER_MARKS["docket"].encode(),
            OTHER_MARKS["attachment"].strip(),
            b"1,234.57",
            b"432.10",
        ]

    def url_values(self) -> dict[str, str]:
        return {
            "case_id": str(self.case.id),
            "deadline_id": str(self.deadline.id),
            "judgment_id": str(self.judgment.id),
            "action_id": str(self.enforcement.id),
            "worker_id": str(self.worker.id),
            "case_worker_id": str(self.case_worker.id),
            "employer_id": str(self.employer.id),
            "letter_id": str(self.letter.id),
            "attachment_id": str(self.attachment.id),
            "user_id": str(self.users["advocate_off"].id),
            "token_id": str(self.token.id),
            "run_id": str(self.run.id),
            "filename": "css/casework.css",
            "lang": "ar",
            "kind": "worker_case_opened",
            "token": "x" * 43,  # no feed has it
        }


def sign_in(client, user) -> None:
    """Sign a user in (or out, for None) on the test client, skipping password and TOTP."""
    with client.session_transaction() as session:
        session.clear()
        if user is not None:
            now = int(time.time())
            session["_user_id"] = user.get_id()
            session["_fresh"] = True
            session["_started"] = now
            session["_seen"] = now


#: What the seeded case's objects hold, and what the other advocate's case's hold instead.
MAIN_MARKS = {
    "note": "Called the worker back.",
    "docket": "Index No. 000000/2025",
    "payment": "1000.00",
    "disbursement": "500.00",
    "attachment": b"Text from the employer: pay comes Friday.\n",
}
OTHER_MARKS = {
    "note": "Other advocate's note: the owner offered cash.",
    "docket": "Index No. 987654/2025",
    "payment": "1234.57",
    "disbursement": "432.10",
    "attachment": b"Receipt from the other advocate's worker.\n",
}


def _furnish(client, make, case, supervisor, marks=MAIN_MARKS) -> dict:
    """Give a case a judgment, a payment, a plan, an enforcement action, a disbursement,
    a letter, a note and a deadline, through the same pages staff use."""
    make.period(case.worker_links[0].wage_claim)
    note = make.note(case, body=marks["note"], author=supervisor)
    judgment = make.judgment(case, docket_number=marks["docket"])
    db.session.add(
        JudgmentShare(
            judgment_id=judgment.id,
            worker_id=case.worker_links[0].worker_id,
            amount=judgment.principal,
        )
    )
    db.session.flush()
    sign_in(client, supervisor)
    base = f"/cases/{case.id}/judgments/{judgment.id}"
    today = date.today()
    steps = [
        (
            f"{base}/payments/new",
            {
                "rows-0-received_on": (today - timedelta(days=30)).isoformat(),
                "rows-0-amount": marks["payment"],
                "rows-0-method": "check",
                "rows-0-source": "employer",
            },
        ),
        (
            f"{base}/plans/new",
            {"amount": "100.00", "every": "week", "first_due_on": today.isoformat(), "count": "5"},
        ),
        (
            f"{base}/enforcement/new",
            {"kind": "restraining_notice", "taken_on": today.isoformat(), "status": "served"},
        ),
        (
            f"{base}/disbursements/new",
            {
                "worker_id": str(case.worker_links[0].worker_id),
                "paid_on": today.isoformat(),
                "amount": marks["disbursement"],
                "method": "check",
            },
        ),
        (
            f"/cases/{case.id}/letters/new",
            {"letter-kind": "demand", "letter-recipient": f"employer:{case.employers[0].id}"},
        ),
        (
            f"/cases/{case.id}/deadlines",
            {"label": "Call the employer", "due_on": today.isoformat(), "kind": "follow_up"},
        ),
    ]
    for url, data in steps:
        response = client.post(url, data=data)
        assert response.status_code in (302, 303), (url, response.status_code)
    sign_in(client, None)
    enforcement = db.session.scalars(
        select(EnforcementAction).where(EnforcementAction.judgment_id == judgment.id)
    ).one()
    letter = db.session.scalars(
        select(Letter).where(Letter.case_id == case.id, Letter.kind == "demand")
    ).one()
    deadline = next(
        d
        for d in db.session.scalars(select(Deadline).where(Deadline.case_id == case.id))
        if d.typed_label == "Call the employer"
    )
    attachment = add_attachment(
        case,
        supervisor,
        data=marks["attachment"],
        file_name="messages.txt",
        description=None,
        about="case",
        limits=Limits(max_bytes=1024 * 1024, max_files=10),
    )
    payment = db.session.scalars(select(Payment).where(Payment.judgment_id == judgment.id)).one()
    disbursement = db.session.scalars(
        select(Disbursement).where(Disbursement.judgment_id == judgment.id)
    ).one()
    return {
        "payment": payment,
        "disbursement": disbursement,
        "attachment": attachment,
        "note": note,
        "judgment": judgment,
        "enforcement": enforcement,
        "letter": letter,
        "deadline": deadline,
    }


@pytest.fixture
def seed(client, make) -> Seed:
    """One open wage case assigned to `advocate_on`, and one of another advocate."""
    users = {role: make.user(role) for role in ROLES if role != "anonymous"}
    users["advocate_off"] = make.user("advocate")
    users["advocate_on"] = make.user("advocate")
    users["anonymous"] = None
    other_advocate = make.user("advocate")
    worker = make.worker()
    employer = make.employer()
    case = make.case(
        workers=[worker],
        employers=[employer],
        assigned_to=users["advocate_on"],
        opened_by=users["intake"],
        status="open",
    )
    other_case = make.case(
        assigned_to=other_advocate,
        opened_by=users["intake"],
        status="open",
        narrative="Another advocate's case: the foreman kept the tips.",
    )
    furnished = _furnish(client, make, case, users["supervisor"])
    other = _furnish(client, make, other_case, users["supervisor"], OTHER_MARKS)
    other.update(
        worker=other_case.worker_links[0].worker,
        case_worker=other_case.worker_links[0],
        employer=other_case.employers[0],
    )
    token = tokens.create_token(users["advocate_on"], "mail house", ["read"], 30).row
    from casework.letters import bulk

    # The other advocate's case is in the selection too: it is left out, never shown.
    run = bulk.create_run(
        users["advocate_on"], "worker_case_opened", [str(case.id), str(other_case.id)]
    )
    db.session.commit()  # into the test's outer transaction: a view's rollback keeps it
    return Seed(
        users=users,
        token=token,
        run=run,
        case=case,
        other_case=other_case,
        worker=worker,
        employer=employer,
        case_worker=case.worker_links[0],
        other=other,
        **furnished,
    )
