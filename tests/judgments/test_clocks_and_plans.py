"""What the judgment pages say about clocks already passed, and that reading them writes nothing."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event

from casework.extensions import db
from casework.judgments import service

T = date.today()


@pytest.fixture
def judged(make, db_session, app):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="judgment", jurisdiction="NY-NYC")
    with app.test_request_context():
        judgment = service.record_judgment(
            case,
            forum="court",
            entered_on=T - timedelta(days=200),
            principal=Decimal("6000.00"),
            appeal_deadline=T - timedelta(days=170),
        )
        service.add_installment_plan(
            judgment,
            amount=Decimal("500.00"),
            every="month",
            first_due_on=T - timedelta(days=60),
            count=6,
        )
    db_session.flush()
    return case, judgment, advocate


def test_a_passed_clock_is_not_the_next_one_and_says_what_follows(judged, login_as):
    case, judgment, advocate = judged
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/judgments").get_data(as_text=True)
    next_part = page.split("Next collection deadline", 1)[1].split("</dd>", 1)[0]
    assert "Unpaid judgment rises by 15%" not in next_part
    assert "Renewal action may be started" in next_part
    passed = page.split('data-testid="clocks-passed"', 1)[1].split("</ul>", 1)[0]
    assert "Unpaid judgment rises by 15%" in passed
    assert "days ago" in passed and "rose by 15%" in passed
    detail = client.get(f"/cases/{case.id}/judgments/{judgment.id}").get_data(as_text=True)
    assert "rose by 15%; the increase is part of the total due" in detail


def test_passed_clock_in_spanish(judged, login_as, app):
    case, _judgment, advocate = judged
    advocate.language = "es"
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/judgments", headers={"Accept-Language": "es"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "15%" in text


def test_reading_the_pages_writes_nothing(judged, login_as, app):
    case, judgment, advocate = judged
    client = login_as(advocate)
    writes = []

    def watch(conn, cursor, statement, params, context, executemany):
        head = statement.lstrip().split(None, 1)[0].upper()
        if head in ("INSERT", "UPDATE", "DELETE") and "audit" not in statement.split("(")[0]:
            writes.append(statement.split("\n", 1)[0])

    event.listen(db.engine, "before_cursor_execute", watch)
    try:
        panel = client.get(f"/cases/{case.id}")  # the case page, with its judgment panel
        assert panel.status_code == 200
        assert "Dates passed" in panel.get_data(as_text=True)
        for path in (
            f"/cases/{case.id}/judgments",
            f"/cases/{case.id}/judgments/{judgment.id}",
        ):
            response = client.get(path)
            assert response.status_code == 200, path
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
    assert not [w for w in writes if "deadlines" in w or "timeline" in w], writes
    page = client.get(f"/cases/{case.id}/judgments/{judgment.id}").get_data(as_text=True)
    assert "Missed" in page and "the end of the grace period" in page
    assert not [d for d in case.deadlines if (d.rule_key or "").startswith("installment_missed")]


def test_the_scheduled_check_flags_one_follow_up(judged, app, db_session):
    case, _judgment, _advocate = judged
    runner = app.test_cli_runner()
    result = runner.invoke(args=["casework", "installments", "check"])
    assert result.exit_code == 0, result.output
    assert "1 missed installments flagged" in result.output
    again = runner.invoke(args=["casework", "installments", "check"])
    assert "0 missed installments flagged" in again.output
    db_session.expire_all()
    follow_ups = [d for d in case.deadlines if (d.rule_key or "").startswith("installment_missed")]
    assert len(follow_ups) == 1 and not follow_ups[0].done
