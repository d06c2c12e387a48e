"""A token acts as its user: the web's authorization, the privacy guard, the audit log."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from casework.extensions import db
from casework.models import AuditEvent, Case, Note, Payment
from tests.api.conftest import bearer

CASE_PATHS = (
    "",
    "/workers",
    "/employers",
    "/notes",
    "/deadlines",
    "/breakdown",
    "/letters",
    "/judgments",
)

#: What each role gets on the seeded case's pages, as on the web (tests/security).
EXPECTED = {"intake": 404, "advocate_on": 200, "advocate_off": 404, "supervisor": 200}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_each_role_sees_what_it_sees_on_the_web(client, seed, role_tokens, role):
    headers = bearer(role_tokens[role])
    for suffix in CASE_PATHS:
        response = client.get(f"/api/v1/cases/{seed.case.id}{suffix}", headers=headers)
        assert response.status_code == EXPECTED[role], (role, suffix)
        if response.status_code == 404:
            assert response.mimetype == "application/problem+json"
            assert seed.worker.name not in response.get_data(as_text=True)
    judgment = client.get(
        f"/api/v1/cases/{seed.case.id}/judgments/{seed.judgment.id}", headers=headers
    )
    assert judgment.status_code == EXPECTED[role]
    listed = client.get("/api/v1/cases", headers=headers).json
    ids = {c["id"] for c in listed["cases"]}
    assert (str(seed.case.id) in ids) == (EXPECTED[role] == 200)
    assert (str(seed.other_case.id) in ids) == (role == "supervisor")


def test_guessed_and_mismatched_ids_are_404(client, seed, role_tokens):
    for role in ("advocate_on", "supervisor"):
        headers = bearer(role_tokens[role])
        case = seed.case.id
        for path in (
            f"/api/v1/cases/{uuid.uuid4()}",
            "/api/v1/cases/1",
            f"/api/v1/cases/{case}/judgments/{uuid.uuid4()}",
            f"/api/v1/cases/{case}/judgments/{seed.other['judgment'].id}",
            f"/api/v1/cases/{case}/letters/{seed.other['letter'].id}/pdf",
        ):
            response = client.get(path, headers=headers)
            assert response.status_code == 404, (role, path)


def test_the_caseload_filters_work(client, seed, role_tokens):
    headers = bearer(role_tokens["supervisor"])
    everything = client.get("/api/v1/cases", headers=headers).json
    assert everything["total"] >= 2
    intake_only = client.get("/api/v1/cases?status=intake", headers=headers).json
    assert intake_only["total"] == 0
    mine = client.get(
        f"/api/v1/cases?advocate={seed.users['advocate_on'].id}", headers=headers
    ).json
    assert [c["id"] for c in mine["cases"]] == [str(seed.case.id)]
    refused = client.get("/api/v1/cases?status=lost&page=0", headers=headers)
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json["errors"]} == {"status", "page"}


def test_a_note_that_discloses_status_is_refused_and_nothing_is_kept(client, seed, role_tokens):
    before = db.session.scalar(select(func.count()).where(Note.case_id == seed.case.id))
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/notes",
        json={"body": "The worker is undocumented and has no papers."},
        headers=bearer(role_tokens["advocate_on"]),
    )
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    problem = response.json
    assert problem["type"].endswith("#problem-status-disclosure")
    assert problem["field"] == "body"
    assert "never records immigration status" in problem["message"]
    after = db.session.scalar(select(func.count()).where(Note.case_id == seed.case.id))
    assert after == before


def test_describing_the_employers_threat_is_accepted_and_audited(client, seed, role_tokens):
    body = "The manager threatened to call immigration when she asked for her pay."
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/notes",
        json={"body": body},
        headers=bearer(role_tokens["advocate_on"]),
    )
    assert response.status_code == 201
    note = db.session.get(Note, uuid.UUID(response.json["id"]))
    assert note.body == body and note.author_id == seed.users["advocate_on"].id
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "note.create").order_by(AuditEvent.seq.desc())
    ).first()
    assert event.user_id == seed.users["advocate_on"].id
    assert event.object_id == str(note.id)


def test_an_advocate_not_on_the_case_cannot_write_to_it(client, seed, role_tokens):
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/notes",
        json={"body": "Not mine"},
        headers=bearer(role_tokens["advocate_off"]),
    )
    assert response.status_code == 404


def test_an_intake_opened_through_the_api(client, seed, role_tokens):
    response = client.post(
        "/api/v1/cases",
        json={
            "case_type": "wage_theft",
            "jurisdiction": "NY-NYC",
            "narrative": "Paid $400 for 60 hours a week at the car wash.",
            "first_day_worked": "2025-03-01",
            "last_day_worked": "2025-09-30",
            "workers": [{"name": "Ana Example", "phone": "555-201-7777"}],
            "employers": [{"business_name": "Shine Car Wash LLC", "entity_type": "llc"}],
        },
        headers=bearer(role_tokens["intake"]),
    )
    assert response.status_code == 201, response.json
    data = response.json
    assert data["status"] == "intake" and data["reference"].startswith("CW-")
    case = db.session.get(Case, uuid.UUID(data["id"]))
    assert case.opened_by_id == seed.users["intake"].id
    assert case.workers[0].name == "Ana Example"
    assert case.narrative.startswith("Paid $400")
    # The intake worker sees their intake; the other advocate does not.
    assert (
        client.get(f"/api/v1/cases/{case.id}/workers", headers=bearer(role_tokens["intake"])).json[
            0
        ]["name"]
        == "Ana Example"
    )
    assert (
        client.get(
            f"/api/v1/cases/{case.id}", headers=bearer(role_tokens["advocate_off"])
        ).status_code
        == 404
    )


def test_a_refused_intake_names_each_field(client, seed, role_tokens):
    before = db.session.scalar(select(func.count()).select_from(Case))
    response = client.post(
        "/api/v1/cases",
        json={
            "case_type": "wage_theft",
            "jurisdiction": "Atlantis",
            "workers": [{"name": "", "email": "not an email"}],
            "employers": [],
        },
        headers=bearer(role_tokens["advocate_on"]),
    )
    assert response.status_code == 422
    fields = {e["field"] for e in response.json["errors"]}
    assert {"jurisdiction", "workers.0.name", "workers.0.email", "employers"} <= fields
    assert db.session.scalar(select(func.count()).select_from(Case)) == before


def test_a_worker_name_that_discloses_status_is_refused(client, seed, role_tokens):
    response = client.post(
        "/api/v1/cases",
        json={
            "case_type": "wage_theft",
            "jurisdiction": "NY-NYC",
            "workers": [{"name": "Ana (undocumented)"}],
            "employers": [{"business_name": "Shine Car Wash LLC"}],
        },
        headers=bearer(role_tokens["advocate_on"]),
    )
    assert response.status_code == 422
    assert response.json["type"].endswith("#problem-status-disclosure")


def test_money_is_strings_with_cents_and_a_payment_is_recorded(client, seed, role_tokens):
    headers = bearer(role_tokens["advocate_on"])
    base = f"/api/v1/cases/{seed.case.id}/judgments/{seed.judgment.id}"
    before = client.get(base, headers=headers).json
    assert before["principal"] == "10000.00"
    assert before["collected"] == "1000.00"
    paid = client.post(
        f"{base}/payments",
        json={
            "received_on": date.today().isoformat(),
            "amount": "250.50",
            "method": "check",
            "source": "employer",
        },
        headers=headers,
    )
    assert paid.status_code == 201, paid.json
    assert paid.json["amount"] == "250.50"
    row = db.session.get(Payment, uuid.UUID(paid.json["id"]))
    assert row.amount == Decimal("250.50") and row.recorded_by_id == seed.users["advocate_on"].id
    after = client.get(base, headers=headers).json
    assert after["collected"] == "1250.50"
    breakdown = client.get(f"/api/v1/cases/{seed.case.id}/breakdown", headers=headers).json
    assert breakdown["total"] == breakdown["workers"][0]["total"]
    assert breakdown["total"].count(".") == 1 and len(breakdown["total"].split(".")[1]) == 2


@pytest.mark.parametrize(
    "amount, field",
    [(250.5, "amount"), ("12.345", "amount"), ("-5.00", "amount"), ("999999999.00", "amount")],
)
def test_refused_payments_change_nothing(client, seed, role_tokens, amount, field):
    headers = bearer(role_tokens["advocate_on"])
    count = db.session.scalar(select(func.count()).select_from(Payment))
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/judgments/{seed.judgment.id}/payments",
        json={
            "received_on": "2026-01-05",
            "amount": amount,
            "method": "check",
            "source": "employer",
        },
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json["field"] == field
    assert db.session.scalar(select(func.count()).select_from(Payment)) == count


def test_an_overpayment_is_refused_with_the_reason(client, seed, role_tokens):
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/judgments/{seed.judgment.id}/payments",
        json={
            "received_on": date.today().isoformat(),
            "amount": "9000000.00",
            "method": "check",
            "source": "employer",
        },
        headers=bearer(role_tokens["advocate_on"]),
    )
    assert response.status_code == 422
    assert response.json["field"] and response.json["message"]


def test_only_approved_letters_download(client, seed, role_tokens):
    headers = bearer(role_tokens["advocate_on"])
    url = f"/api/v1/cases/{seed.case.id}/letters/{seed.letter.id}/pdf"
    draft = client.get(url, headers=headers)
    assert draft.status_code == 409
    assert draft.json["type"].endswith("#problem-not-approved")
    seed.letter.status = "approved"
    db.session.commit()
    response = client.get(url, headers=headers)
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert response.headers["X-Casework-Hash-Check"] == "ok"
    assert response.headers["Content-Disposition"].startswith("attachment")
    listed = client.get(f"/api/v1/cases/{seed.case.id}/letters", headers=headers).json
    assert {"id": str(seed.letter.id), "status": "approved"}.items() <= next(
        row for row in listed if row["id"] == str(seed.letter.id)
    ).items()
    event = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "letter.view").order_by(AuditEvent.seq.desc())
    ).first()
    assert event.detail == "api:pdf" and event.user_id == seed.users["advocate_on"].id


@pytest.mark.parametrize("amount", ["1E+400", "NaN", "sNaN", "Infinity", "12,00", "", " "])
def test_amounts_that_are_not_money_are_refused(client, seed, role_tokens, amount):
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/judgments/{seed.judgment.id}/payments",
        json={
            "received_on": "2026-01-05",
            "amount": amount,
            "method": "check",
            "source": "employer",
        },
        headers=bearer(role_tokens["advocate_on"]),
    )
    assert response.status_code == 422, amount
    assert response.json["field"] == "amount"


def test_a_worker_without_work_periods_has_no_total_and_says_why(client, seed, role_tokens):
    from casework.models import CaseWorker

    case = seed.case
    second = CaseWorker(case=case, worker=seed.other["worker"], position=1)
    db.session.add(second)
    db.session.commit()
    data = client.get(
        f"/api/v1/cases/{case.id}/breakdown", headers=bearer(role_tokens["supervisor"])
    ).json
    without = next(w for w in data["workers"] if w["case_worker_id"] == str(second.id))
    assert without["computed"] is False and without["total"] is None
    assert without["problem"]
    computed = next(w for w in data["workers"] if w["computed"])
    assert data["total"] == computed["total"]
