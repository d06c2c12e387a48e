"""The audit log: its page, its filters, and a chain that exposes tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from casework import audit
from casework.cli import casework_cli
from casework.models.audit import AuditEvent


@pytest.fixture
def chain(make, db_session):
    sup = make.user("supervisor", name="Sam Supervisor")
    adv = make.user("advocate", name="Ana Advocate")
    case = make.case(assigned_to=adv)
    for user in (adv, sup, adv):
        audit.record("case.view", case, user_id=user.id)
    audit.record("case.edit", case, user_id=adv.id, detail="status open>demand_sent")
    audit.record("letter.approve", object_type="letters", object_id=case.id, user_id=sup.id)
    db_session.flush()
    return {"sup": sup, "adv": adv, "case": case}


def _run_verify(app):
    return app.test_cli_runner().invoke(casework_cli, ["audit", "verify"])


def test_intact_chain_verifies(app, chain):
    result = audit.verify()
    assert result.ok and result.checked == 5
    out = _run_verify(app)
    assert out.exit_code == 0 and "intact: 5 events" in out.output


def test_edited_event_is_detected(app, chain, db_session):
    db_session.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(action="case.note"))
    db_session.expire_all()
    result = audit.verify()
    assert (result.ok, result.broken_at, result.reason) == (False, 3, "event altered")
    out = _run_verify(app)
    assert out.exit_code != 0 and "broken at event 3" in out.output


def test_deleted_event_is_detected(app, chain, db_session):
    db_session.execute(delete(AuditEvent).where(AuditEvent.seq == 2))
    db_session.expire_all()
    result = audit.verify()
    assert (result.ok, result.broken_at) == (False, 2)
    assert "broken at event 2" in _run_verify(app).output


def test_deleted_last_event_is_detected(chain, db_session):
    db_session.execute(delete(AuditEvent).where(AuditEvent.seq == 5))
    db_session.expire_all()
    result = audit.verify()
    assert (result.ok, result.broken_at) == (False, 5)


def test_reordered_events_are_detected(app, chain, db_session):
    # Swap the contents of events 2 and 4, keeping each row's own hash and link.
    rows = {
        e.seq: e for e in db_session.scalars(select(AuditEvent).where(AuditEvent.seq.in_([2, 4])))
    }
    fields = (
        "at",
        "user_id",
        "action",
        "object_type",
        "object_id",
        "case_id",
        "detail",
        "prev_hash",
        "hash",
    )
    two = {f: getattr(rows[2], f) for f in fields}
    four = {f: getattr(rows[4], f) for f in fields}
    db_session.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(hash="x" * 64))
    db_session.execute(update(AuditEvent).where(AuditEvent.seq == 4).values(**two))
    db_session.execute(update(AuditEvent).where(AuditEvent.seq == 2).values(**four))
    db_session.expire_all()
    result = audit.verify()
    assert (result.ok, result.broken_at) == (False, 2)
    assert "broken at event 2" in _run_verify(app).output


def test_audit_page_filters_and_shows_viewers(chain, login_as):
    client = login_as(chain["sup"])
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "5 events" in page and "letter.approve" in page
    ref = chain["case"].reference
    page = client.get(f"/admin/audit?case={ref}&action=case.view").get_data(as_text=True)
    assert "3 events" in page
    assert f"Who viewed case {ref}" in page
    assert "Ana Advocate" in page and "Sam Supervisor" in page
    page = client.get(f"/admin/audit?user={chain['sup'].id}").get_data(as_text=True)
    assert "2 events" in page
    page = client.get("/admin/audit?date_from=2000-01-01&date_to=2000-01-02").get_data(as_text=True)
    assert "0 events" in page
    assert client.get("/admin/audit?date_from=nonsense&page=x").status_code == 200
    assert "No case has that reference" in client.get("/admin/audit?case=NOPE").get_data(
        as_text=True
    )


def test_audit_page_paginates(make, login_as, db_session):
    admin = make.user("admin")
    for _ in range(120):
        audit.record("case.view", object_type="cases", object_id="x", user_id=admin.id)
    db_session.flush()
    client = login_as(admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert "Page 1 of 3" in page and page.count("<td>Viewed a case</td>") == 50
    page = client.get("/admin/audit?page=3").get_data(as_text=True)
    assert page.count("<td>Viewed a case</td>") == 20


@pytest.mark.parametrize("role", ["advocate", "intake"])
def test_audit_page_is_for_supervisors_and_admins(make, login_as, role):
    assert login_as(make.user(role)).get("/admin/audit").status_code == 403


def test_audit_page_shows_words_and_local_time(make, login_as, db_session, app):
    from datetime import UTC, datetime

    sup = make.user("supervisor")
    audit.record("letter.sent", object_type="letters", object_id="x", user_id=sup.id)
    db_session.flush()
    event = db_session.scalars(select(AuditEvent).order_by(AuditEvent.seq.desc())).first()
    event.at = datetime(2026, 7, 1, 16, 5, 0, tzinfo=UTC)  # UTC: 12:05 PM in New York (EDT)
    db_session.flush()
    client = login_as(sup)
    page = client.get("/admin/audit").get_data(as_text=True)
    row = page.split('id="audit-events"', 1)[1]
    assert "<td>Marked a letter sent</td>" in row and "<code>" not in row
    assert "Jul 1, 2026, 12:05:00" in row and "16:05" not in row and "(UTC)" not in page
    assert '<option value="letter.sent">Marked a letter sent</option>' in page
    sup.locale = "es"
    spanish = client.get("/admin/audit").get_data(as_text=True)
    assert "Marcó una carta como enviada" in spanish
