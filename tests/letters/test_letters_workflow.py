"""The letter workflow through the web: generate, preview, approve or return, mark sent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework.extensions import db
from casework.models import AuditEvent, CaseEvent, Deadline, Letter


@pytest.fixture
def setup(make):
    advocate = make.user("advocate")
    supervisor = make.user("supervisor")
    worker = make.worker(name="Rosa Díaz", preferred_language="es")
    case = make.case(workers=[worker], assigned_to=advocate, status="open")
    make.period(case.worker_links[0].wage_claim)
    return advocate, supervisor, case


@pytest.fixture
def login_as(login_as):
    """Sign in as another user: the test's app context is shared, so drop the cached user."""

    def switch(user):
        from flask import g

        g.pop("_login_user", None)
        return login_as(user)

    return switch


def generate(client, case, kind="demand", recipient=None):
    recipient = recipient or f"employer:{case.employers[0].id}"
    return client.post(
        f"/cases/{case.id}/letters/new",
        data={"letter-kind": kind, "letter-recipient": recipient},
    )


def test_advocate_generates_supervisor_approves_advocate_marks_sent(setup, login_as, client):
    advocate, supervisor, case = setup
    login_as(advocate)
    response = generate(client, case)
    assert response.status_code == 302
    demand = db.session.scalars(select(Letter).where(Letter.kind == "demand")).one()
    copy = db.session.scalars(select(Letter).where(Letter.kind == "worker_copy")).one()
    assert demand.status == "draft" and demand.generated_by_id == advocate.id

    pdf = client.get(f"/letters/{demand.id}/pdf")
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Content-Disposition"].startswith("inline")
    assert pdf.headers["Cache-Control"] == "no-store"
    assert pdf.data.startswith(b"%PDF")
    assert pdf.headers["X-Casework-Hash-Check"] == "ok"

    # An advocate cannot approve.
    assert client.post(f"/letters/{demand.id}/approve").status_code == 403
    assert db.session.get(Letter, demand.id).status == "draft"

    login_as(supervisor)
    page = client.get("/letters/pending")
    assert page.status_code == 200 and case.reference in page.get_data(as_text=True)
    assert client.post(f"/letters/{demand.id}/approve").status_code == 302
    db.session.expire_all()
    assert demand.status == "approved" and demand.approved_by_id == supervisor.id
    assert copy.status == "approved"

    login_as(advocate)
    sent_on = date.today()
    response = client.post(
        f"/letters/{demand.id}/sent",
        data={"sent-sent_on": sent_on.isoformat(), "sent-method": "certified_mail"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert demand.status == "sent" and demand.sent_method == "certified_mail"
    assert demand.sent_on == sent_on and copy.status == "sent"
    assert case.status == "demand_sent"
    follow_up = db.session.scalars(
        select(Deadline).where(Deadline.case_id == case.id, Deadline.kind == "follow_up")
    ).one()
    assert follow_up.due_on == demand.pay_by == demand.letter_date + timedelta(days=14)

    kinds = set(db.session.scalars(select(CaseEvent.kind).where(CaseEvent.case_id == case.id)))
    assert {"letter_generated", "letter_approved", "letter_sent", "status_changed"} <= kinds
    actions = set(db.session.scalars(select(AuditEvent.action)))
    assert {"letter.generate", "letter.approve", "letter.sent", "letter.view"} <= actions


def test_supervisor_returns_with_comment(setup, login_as, client):
    advocate, supervisor, case = setup
    login_as(advocate)
    generate(client, case, "worker_case_opened", f"worker:{case.workers[0].id}")
    letter = db.session.scalars(select(Letter)).one()
    login_as(supervisor)
    empty = client.post(f"/letters/{letter.id}/return", data={"return-comment": ""})
    assert empty.status_code == 422
    assert "Say what should change." in empty.get_data(as_text=True)
    response = client.post(
        f"/letters/{letter.id}/return", data={"return-comment": "Add the office hours."}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert letter.status == "returned" and letter.return_comment == "Add the office hours."
    page = client.get(f"/letters/{letter.id}").get_data(as_text=True)
    assert "Add the office hours." in page


def test_bad_input_gets_a_message_and_changes_nothing(setup, login_as, client):
    advocate, supervisor, case = setup
    login_as(advocate)
    response = generate(client, case, "demand", f"worker:{case.workers[0].id}")
    assert response.status_code == 422
    assert "Employer letters go to an employer" in response.get_data(as_text=True)
    response = generate(client, case, "not-a-kind")
    assert response.status_code == 422
    assert db.session.scalars(select(Letter)).first() is None

    generate(client, case)
    demand = db.session.scalars(select(Letter).where(Letter.kind == "demand")).one()
    # Not approved yet: cannot be marked sent.
    response = client.post(
        f"/letters/{demand.id}/sent",
        data={"sent-sent_on": date.today().isoformat(), "sent-method": "mail"},
    )
    assert response.status_code == 422
    assert "Only an approved letter can be marked sent." in response.get_data(as_text=True)
    demand.status = "approved"
    db.session.flush()
    future = (date.today() + timedelta(days=3)).isoformat()
    response = client.post(
        f"/letters/{demand.id}/sent", data={"sent-sent_on": future, "sent-method": "pigeon"}
    )
    assert response.status_code == 422
    db.session.expire_all()
    assert demand.status == "approved" and case.status == "open"


def test_other_advocates_cannot_see_or_generate(setup, make, login_as, client):
    advocate, supervisor, case = setup
    login_as(advocate)
    generate(client, case)
    demand = db.session.scalars(select(Letter).where(Letter.kind == "demand")).one()
    login_as(make.user("advocate"))
    assert client.get(f"/letters/{demand.id}/pdf").status_code == 404
    assert client.get(f"/letters/{demand.id}").status_code == 404
    assert generate(client, case).status_code == 404
    assert client.get("/letters/pending").status_code == 403
    assert client.get("/letters/mail-day.pdf").status_code == 403


def test_mail_day_prints_every_approved_unsent_letter(setup, make, login_as, client):
    from io import BytesIO

    from pypdf import PdfReader

    advocate, supervisor, case = setup
    login_as(advocate)
    generate(client, case)
    generate(client, case, "worker_case_opened", f"worker:{case.workers[0].id}")
    login_as(supervisor)
    empty = client.get("/letters/mail-day.pdf")
    assert empty.status_code == 302
    for letter in db.session.scalars(select(Letter).where(Letter.copy_of_id.is_(None))).all():
        client.post(f"/letters/{letter.id}/approve")
    response = client.get("/letters/mail-day.pdf")
    assert response.status_code == 200 and response.headers["Content-Type"] == "application/pdf"
    assert response.headers["X-Casework-Letters"] == "3"  # demand, worker copy, worker letter
    text = " ".join((page.extract_text() or "") for page in PdfReader(BytesIO(response.data)).pages)
    assert text.count(case.reference) >= 3


def test_show_page_and_case_panel_render(setup, login_as, client, app):
    advocate, supervisor, case = setup
    login_as(advocate)
    generate(client, case)
    demand = db.session.scalars(select(Letter).where(Letter.kind == "demand")).one()
    page = client.get(f"/letters/{demand.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert html.count("<h1") == 1 and demand.pdf_sha256 not in html  # the hash is for the audit
    assert page.headers["Cache-Control"] == "no-store"
    with app.test_request_context():
        from flask import render_template
        from flask_login import login_user

        from casework.cases.page import case_page

        login_user(advocate)
        gform = case_page(case, advocate).letter_form
        panel = render_template("letters/_case_panel.html", case=case, gform=gform)
    assert "Generate draft letter" in panel and "Preview PDF" in panel


def test_case_page_shows_the_letters_panel(setup, login_as, client):
    advocate, supervisor, case = setup
    login_as(advocate)
    generate(client, case)
    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Generate draft letter" in html
    assert "Demand letter to the employer" in html
