"""Retention: the setting, the list of cases due, shredding from the page and the command."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework import settings
from casework.admin import retention
from casework.cli import casework_cli
from casework.crypto.columns import Unreadable
from casework.extensions import db
from casework.models import Case, Worker
from casework.models.audit import AuditEvent

T = date.today()


@pytest.fixture
def closed(make):
    """Two cases past three years, one recent; a worker shared with the recent case."""
    shared = make.worker(name="Shared Worker")
    alone = make.worker(name="Alone Worker")
    old = make.case(
        workers=[shared, alone],
        status="closed",
        closed_on=T - timedelta(days=3 * 366),
        outcome="recovered",
        opened_on=T - timedelta(days=1500),
    )
    older = make.case(
        status="closed",
        closed_on=T - timedelta(days=5 * 366),
        outcome="withdrawn",
        opened_on=T - timedelta(days=2500),
    )
    recent = make.case(workers=[shared], status="closed", closed_on=T - timedelta(days=30))
    current = make.case(status="open")
    return {
        "shared": shared,
        "alone": alone,
        "old": old,
        "older": older,
        "recent": recent,
        "current": current,
    }


def test_cases_due_follow_the_setting(closed, db_session):
    assert retention.retention_years() == 3
    due = [d.reference for d in retention.cases_due(T)]
    assert due == [closed["older"].reference, closed["old"].reference]
    settings.put("retention_years", "4")
    assert [d.reference for d in retention.cases_due(T)] == [closed["older"].reference]
    settings.put("retention_years", "1")
    assert len(retention.cases_due(T)) == 2  # the case closed 30 days ago is not due


def test_shredding_keeps_statistics_and_shared_workers(closed, db_session):
    report = retention.shred_due(T, [closed["old"].id])
    assert report.cases == [closed["old"].reference]
    assert (report.workers, report.workers_kept) == (1, 1)
    db.session.expire_all()
    old = db.session.get(Case, closed["old"].id)
    assert old.shredded_at is not None and isinstance(old.narrative, Unreadable)
    assert old.status == "closed" and old.outcome == "recovered"  # the statistics stay
    assert isinstance(db.session.get(Worker, closed["alone"].id).name, Unreadable)
    assert db.session.get(Worker, closed["shared"].id).name == "Shared Worker"
    assert db.session.get(Case, closed["older"].id).shredded_at is None  # not chosen
    assert [d.reference for d in retention.cases_due(T)] == [closed["older"].reference]
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert "retention.shred" in actions and "case.shred" in actions


def test_supervisor_confirms_on_the_page(closed, make, login_as):
    client = login_as(make.user("supervisor"))
    page = client.get("/admin/retention").get_data(as_text=True)
    assert closed["old"].reference in page and closed["recent"].reference not in page
    ids = [str(closed["old"].id), str(closed["older"].id)]
    unconfirmed = client.post("/admin/retention/shred", data={"case_id": ids})
    assert unconfirmed.status_code == 400 and "Tick the box" in unconfirmed.get_data(as_text=True)
    assert db.session.get(Case, closed["old"].id).shredded_at is None
    response = client.post(
        "/admin/retention/shred", data={"case_id": ids, "confirm": "y"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "Shredded 2 cases" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Case, closed["older"].id).shredded_at is not None


def test_admin_sets_retention_but_cannot_shred(closed, make, login_as):
    client = login_as(make.user("admin"))
    assert client.get("/admin/retention").status_code == 200
    bad = client.post("/admin/retention/settings", data={"years": "0"})
    assert bad.status_code == 400 and "from 1 to 50" in bad.get_data(as_text=True)
    ok = client.post("/admin/retention/settings", data={"years": "4"})
    assert ok.status_code == 302 and settings.get("retention_years") == "4"
    assert client.post("/admin/retention/shred", data={"confirm": "y"}).status_code == 403


def test_supervisor_cannot_change_the_setting(make, login_as):
    client = login_as(make.user("supervisor"))
    assert client.post("/admin/retention/settings", data={"years": "9"}).status_code == 403


def test_retention_run_command(app, closed):
    runner = app.test_cli_runner()
    dry = runner.invoke(casework_cli, ["retention", "run", "--dry-run"])
    assert dry.exit_code == 0 and "2 due" in dry.output
    assert db.session.get(Case, closed["old"].id).shredded_at is None
    out = runner.invoke(casework_cli, ["retention", "run"])
    assert out.exit_code == 0, out.output
    assert f"shredded {closed['old'].reference}" in out.output
    assert "Shredded 2 cases and 2 workers; 1 workers kept" in out.output
    assert "Worker" not in out.output  # references and counts only
    again = runner.invoke(casework_cli, ["retention", "run"])
    assert "0 due" in again.output
