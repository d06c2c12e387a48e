"""The amount demanded: set when a demand goes out, and filled in for demands already sent."""

from __future__ import annotations

import csv
import importlib.util
import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import text

from casework.letters import service as letters
from casework.models import Letter

T = date.today()
MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "migrations/versions/c41e7a2d9b10_demanded_amounts_and_dashboard_figures.py"
)


def _demand(db_session, case, amount: str, status: str = "approved") -> Letter:
    letter = Letter(
        case_id=case.id,
        kind="demand",
        language="en",
        status=status,
        letter_date=T - timedelta(days=1),
        amount=amount,
    )
    db_session.add(letter)
    db_session.flush()
    return letter


def _csv_row(client, case) -> dict:
    body = client.get(
        f"/dashboard/export.csv?date_from={(T - timedelta(days=30)).isoformat()}"
        f"&date_to={T.isoformat()}"
    ).get_data(as_text=True)
    return next(r for r in csv.DictReader(io.StringIO(body)) if r["reference"] == case.reference)


def test_sending_a_demand_fills_in_the_amount_demanded(make, login_as, db_session, app):
    supervisor = make.user("supervisor")
    case = make.case(status="open", opened_on=T - timedelta(days=10))
    letter = _demand(db_session, case, "4321.50")
    client = login_as(supervisor)
    assert _csv_row(client, case)["amount_demanded"] == ""
    with app.test_request_context():
        letters.mark_sent(letter, user=supervisor, sent_on=T, method="mail")
    db_session.flush()
    assert _csv_row(client, case)["amount_demanded"] == "4321.50"
    page = client.get("/dashboard?fresh=1").get_data(as_text=True)
    assert "$4,321.50" in page


def test_demands_already_sent_are_filled_in_by_the_migration(make, db_session):
    case = make.case(status="demand_sent", opened_on=T - timedelta(days=10))
    untouched = make.case(status="demand_sent", amount_demanded=Decimal("900.00"))
    never_sent = make.case(status="open")
    old = _demand(db_session, case, "1000.00", status="sent")
    old.sent_on = T - timedelta(days=5)
    newer = _demand(db_session, case, "1250.75", status="sent")
    newer.sent_on = T - timedelta(days=1)
    _demand(db_session, untouched, "5000.00", status="sent").sent_on = T
    _demand(db_session, never_sent, "700.00", status="approved")
    db_session.flush()
    spec = importlib.util.spec_from_file_location("backfill", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    db_session.execute(text(module.BACKFILL_DEMANDED))
    db_session.expire_all()
    assert case.amount_demanded == Decimal("1250.75")
    assert untouched.amount_demanded == Decimal("900.00")
    assert never_sent.amount_demanded is None


def test_a_limitation_date_passed_says_so_not_soon(make, login_as, db_session):
    from casework.models import Deadline

    supervisor = make.user("supervisor")
    case = make.case(status="open")
    for due, label in ((-4, "Limitation gone"), (12, "Limitation near")):
        db_session.add(
            Deadline(
                case_id=case.id,
                kind="limitation",
                label=label,
                due_on=T + timedelta(days=due),
                rule="CPLR 213",
            )
        )
    db_session.flush()
    page = login_as(supervisor).get("/dashboard?fresh=1").get_data(as_text=True)
    gone = page.split("Limitation gone", 1)[0].rsplit("<tr", 1)[1]
    near = page.split("Limitation near", 1)[0].rsplit("<tr", 1)[1]
    assert "Limitation passed" in gone and "Limitation soon" not in gone
    assert "The time to file ran out on this date" in gone
    assert "Limitation soon" in near and "Limitation passed" not in near
