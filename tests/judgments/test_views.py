"""Judgment pages through the test client: roles, forms, PDFs."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

D = Decimal


@pytest.fixture
def setup(app, make):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="judgment", jurisdiction="NY-NYC")
    return case, advocate


def _judgment(make, case):
    return make.judgment(
        case,
        entered_on=date(2025, 1, 15),
        appeal_deadline=date(2025, 2, 14),
        shares=[],
    )


def _record(client, case, **overrides):
    data = {
        "forum": "court",
        "entered_on": "2025-01-15",
        "principal": "10000.00",
        "docket_number": "Index No. 123/2025",
        "wage_judgment": "y",
        "shares-0-worker_id": str(case.workers[0].id),
        "shares-0-amount": "10000.00",
    }
    data.update(overrides)
    return client.post(f"/cases/{case.id}/judgments/new", data=data)


@pytest.mark.parametrize(
    "role, expected", [("intake", 404), ("admin", 403), ("supervisor", 200), ("advocate", 404)]
)
def test_access_by_role(setup, make, login_as, role, expected):
    case, _ = setup
    client = login_as(make.user(role))  # an advocate not on the case sees nothing
    assert client.get(f"/cases/{case.id}/judgments").status_code == expected
    assert client.get(f"/cases/{case.id}/judgments/new").status_code == expected


def test_advocate_records_a_judgment_and_payment(setup, login_as):
    case, advocate = setup
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/judgments/new")
    assert page.status_code == 200 and b"Save judgment" in page.data
    response = _record(client, case)
    assert response.status_code == 302, response.data
    [judgment] = case.judgments
    assert judgment.interest_rate == D("0.09")
    assert judgment.docket_number == "Index No. 123/2025"
    show = client.get(response.headers["Location"])
    assert show.status_code == 200
    assert show.headers["Cache-Control"] == "no-store"
    assert b"Index No. 123/2025" in show.data
    pay = client.post(
        f"/cases/{case.id}/judgments/{judgment.id}/payments/new",
        data={
            "rows-0-received_on": "2025-02-14",
            "rows-0-amount": "1000.00",
            "rows-0-method": "check",
            "rows-0-source": "employer",
            "rows-1-received_on": "2025-03-01",
            "rows-1-amount": "",
            "rows-1-method": "check",
            "rows-1-source": "employer",
        },
    )
    assert pay.status_code == 302, pay.data
    assert len(judgment.payments) == 1
    assert case.status == "collecting"
    show = client.get(f"/cases/{case.id}/judgments/{judgment.id}?as_of=2025-02-14")
    # 10,000 x 9% x 30 / 365 = 73.97 interest; 926.03 to principal.
    assert b"$73.97" in show.data and b"$926.03" in show.data and b"$9,073.97" in show.data


def test_bad_input_shows_messages_and_changes_nothing(setup, login_as):
    case, advocate = setup
    client = login_as(advocate)
    response = _record(client, case, **{"shares-0-amount": "9000.00"})
    assert response.status_code == 200
    assert b"must add up to the principal" in response.data
    assert case.judgments == []
    response = _record(client, case, principal="abc")
    assert response.status_code == 200 and case.judgments == []
    response = _record(client, case, interest_rate="12")
    assert b"Say why the rate differs" in response.data


def test_overpayment_refused_with_a_message(setup, make, login_as):
    case, advocate = setup
    judgment = _judgment(make, case)
    client = login_as(advocate)
    response = client.post(
        f"/cases/{case.id}/judgments/{judgment.id}/payments/new",
        data={
            "rows-0-received_on": "2025-01-15",
            "rows-0-amount": "10000.01",
            "rows-0-method": "check",
            "rows-0-source": "employer",
        },
    )
    assert response.status_code == 200
    assert b"is more than the $10,000.00 due" in response.data
    assert judgment.payments == []


def test_disbursement_plan_enforcement_and_statements(setup, make, login_as, app, db_session):
    case, advocate = setup
    worker = case.workers[0]
    client = login_as(advocate)
    entered = date.today() - timedelta(days=100)
    response = _record(
        client,
        case,
        entered_on=entered.isoformat(),
        principal="5000.00",
        **{"shares-0-amount": "5000.00"},
    )
    assert response.status_code == 302
    [judgment] = case.judgments
    response = client.post(
        f"/cases/{case.id}/judgments/{judgment.id}/payments/new",
        data={
            "rows-0-received_on": (date.today() - timedelta(days=50)).isoformat(),
            "rows-0-amount": "800.00",
            "rows-0-method": "check",
            "rows-0-source": "employer",
        },
    )
    assert response.status_code == 302
    base = f"/cases/{case.id}/judgments/{judgment.id}"
    too_much = client.post(
        f"{base}/disbursements/new",
        data={
            "worker_id": str(worker.id),
            "paid_on": date.today().isoformat(),
            "amount": "800.01",
            "method": "check",
        },
    )
    refusal = too_much.get_data(as_text=True)
    assert "$800.01 is more than the $800.00 available for this worker" in refusal
    assert "$800.00 collected for them, of which $0.00 was already passed on" in refusal
    ok = client.post(
        f"{base}/disbursements/new",
        data={
            "worker_id": str(worker.id),
            "paid_on": date.today().isoformat(),
            "amount": "500.00",
            "method": "check",
            "reference": "Check 2001",
        },
    )
    assert ok.status_code == 302
    second = client.post(
        f"{base}/disbursements/new",
        data={
            "worker_id": str(worker.id),
            "paid_on": date.today().isoformat(),
            "amount": "400.00",
            "method": "check",
        },
    ).get_data(as_text=True)
    assert "$400.00 is more than the $300.00 available for this worker" in second
    assert "of which $500.00 was already passed on. Pass on $300.00 or less." in second
    plan = client.post(
        f"{base}/plans/new",
        data={
            "amount": "100.00",
            "every": "week",
            "first_due_on": (date.today() - timedelta(days=21)).isoformat(),
            "count": "10",
        },
    )
    assert plan.status_code == 302
    page = client.get(base)
    assert b"Missed" in page.data and b"Check the plan now" in page.data

    def follow_ups():
        db_session.expire_all()
        return [d for d in case.deadlines if (d.rule_key or "").startswith("installment_missed")]

    assert follow_ups() == []  # a page view writes nothing
    checked = client.post(f"{base}/plans/check", follow_redirects=True)
    assert b"a follow-up deadline was added" in checked.data
    assert len(follow_ups()) == 1
    again = client.post(f"{base}/plans/check", follow_redirects=True)
    assert b"No new missed installment" in again.data
    assert len(follow_ups()) == 1
    enf = client.post(
        f"{base}/enforcement/new",
        data={
            "kind": "restraining_notice",
            "taken_on": date.today().isoformat(),
            "status": "served",
            "result": "Served on the bank.",
        },
    )
    assert enf.status_code == 302
    refused = client.post(
        f"{base}/enforcement/new",
        data={
            "kind": "bank_levy",
            "taken_on": date.today().isoformat(),
            "status": "served",
            "result": "She has no papers.",
        },
    )
    assert refused.status_code == 200 and b"never records immigration status" in refused.data
    pdf = client.get(f"/cases/{case.id}/judgments/statement.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Cache-Control"] == "no-store"
    assert pdf.data.startswith(b"%PDF")
    worker.preferred_language = "es"
    wpdf = client.get(f"/cases/{case.id}/judgments/statement/{worker.id}.pdf")
    assert wpdf.status_code == 200 and wpdf.data.startswith(b"%PDF")
    index = client.get(f"/cases/{case.id}/judgments")
    assert b"$800.00" in index.data and b"$500.00" in index.data


def test_case_panel_renders(setup, make, app):
    case, advocate = setup
    _judgment(make, case)
    from flask import render_template_string
    from flask_login import login_user

    from casework.cases.page import case_page

    with app.test_request_context():
        login_user(advocate)
        js = case_page(case, advocate).judgments
        html = render_template_string(
            '{% include "judgments/_case_panel.html" %}', case=case, js=js
        )
    assert "Judgments and collection" in html
    assert "Record a judgment or settlement" in html
    assert "Next collection deadline" in html


def test_disbursement_before_any_payment_says_nothing_was_collected(setup, make, login_as):
    case, advocate = setup
    from casework.models.judgment import JudgmentShare

    judgment = make.judgment(
        case,
        entered_on=date(2025, 1, 15),
        appeal_deadline=date(2025, 2, 14),
        shares=[JudgmentShare(worker_id=case.workers[0].id, amount=D("10000.00"))],
    )
    page = login_as(advocate).post(
        f"/cases/{case.id}/judgments/{judgment.id}/disbursements/new",
        data={
            "worker_id": str(case.workers[0].id),
            "paid_on": date.today().isoformat(),
            "amount": "100.00",
            "method": "check",
        },
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "$100.00 cannot be passed on: nothing has been collected for this worker yet" in text
    assert "Only $0.00" not in text
