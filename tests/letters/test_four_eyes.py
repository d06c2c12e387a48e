"""Four eyes on what leaves the building: a letter is approved by someone other than its author."""

from __future__ import annotations

from sqlalchemy import select

from casework.extensions import db
from casework.models import AuditEvent, CaseEvent, Letter


def _demand(client, case):
    response = client.post(
        f"/cases/{case.id}/letters/new",
        data={"letter-kind": "demand", "letter-recipient": f"employer:{case.employers[0].id}"},
    )
    assert response.status_code == 302
    return db.session.scalars(
        select(Letter).where(Letter.case_id == case.id, Letter.kind == "demand")
    ).one()


def _relogin(login_as, user):
    from flask import g

    g.pop("_login_user", None)
    return login_as(user)


def test_a_supervisor_cannot_approve_their_own_letter(make, login_as):
    author, other = make.user("supervisor"), make.user("supervisor")
    case = make.case(assigned_to=make.user("advocate"))
    make.period(case.worker_links[0].wage_claim)
    client = _relogin(login_as, author)
    letter = _demand(client, case)
    refused = client.post(f"/letters/{letter.id}/approve", follow_redirects=True)
    assert "another supervisor must approve it" in refused.get_data(as_text=True)
    db.session.refresh(letter)
    assert letter.status == "draft" and letter.approved_by_id is None

    # The settings refuse self-approval while there are two supervisors.
    admin_client = _relogin(login_as, make.user("admin"))
    page = admin_client.post("/admin/settings", data={"letters_self_approval": "y"})
    assert page.status_code == 422
    assert "There are 2 active supervisors" in page.get_data(as_text=True)

    client = _relogin(login_as, other)
    assert client.post(f"/letters/{letter.id}/approve").status_code == 302
    db.session.refresh(letter)
    assert letter.status == "approved" and letter.approved_by_id == other.id


def test_a_lone_supervisor_may_self_approve_when_allowed_and_the_trail_says_so(make, login_as):
    supervisor = make.user("supervisor")
    case = make.case(assigned_to=make.user("advocate"))
    make.period(case.worker_links[0].wage_claim)
    letter = _demand(_relogin(login_as, supervisor), case)
    client = _relogin(login_as, supervisor)
    client.post(f"/letters/{letter.id}/approve")
    db.session.refresh(letter)
    assert letter.status == "draft"

    admin_client = _relogin(login_as, make.user("admin"))
    assert "Letter approval" in admin_client.get("/admin/settings").get_data(as_text=True)
    saved = admin_client.post("/admin/settings", data={"letters_self_approval": "y"})
    assert saved.status_code == 303

    client = _relogin(login_as, supervisor)
    assert client.post(f"/letters/{letter.id}/approve").status_code == 302
    db.session.refresh(letter)
    assert letter.status == "approved" and letter.approved_by_id == supervisor.id
    page = client.get(f"/letters/{letter.id}").get_data(as_text=True)
    assert "self-approved: allowed in Admin, Settings" in page
    audit = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "letter.approve")
    ).one()
    assert audit.detail == "demand, self-approved"
    event = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "letter_approved")
    ).one()
    assert event.detail == "demand, self-approved"
