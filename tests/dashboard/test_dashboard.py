"""The supervisors' dashboard: every figure on a small seeded set, computed by hand."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import update

from casework.dashboard import service
from casework.models import CaseEmployer, Deadline
from casework.models.base import utcnow
from casework.models.judgment import Disbursement, Payment

T = date.today()
D = Decimal


def days(n: int) -> date:
    return T + timedelta(days=n)


@pytest.fixture
def seeded(make, db_session):
    """Five cases, two advocates, one judgment with payments, one employer group."""
    ana = make.user("advocate", name="Ana Advocate")
    ben = make.user("advocate", name="Ben Advocate")
    sup = make.user("supervisor", name="Sam Supervisor")
    bad_a = make.employer(business_name="Bad Diner LLC")
    bad_b = make.employer(business_name="Bad Diner, LLC")
    fresh_a = make.employer(business_name="Fresh Start Foods")
    fresh_b = make.employer(business_name="Fresh Start Foods")
    solo = make.employer(business_name="Solo Cafe")
    now = utcnow()
    c1 = make.case(
        assigned_to=ana,
        employers=[bad_a],
        opened_on=days(-100),
        amount_claimed=D("1000.00"),
        amount_demanded=D("1200.00"),
        last_activity_at=now - timedelta(days=40),
        workers=[make.worker(name="MARKERNAME Uno", phone="(555) 777-0001")],
        narrative="MARKERNARRATIVE kitchen",
    )
    c2 = make.case(
        assigned_to=ana,
        case_type="retaliation",
        status="demand_sent",
        employers=[bad_a, fresh_a],
        opened_on=days(-50),
        amount_claimed=D("500.00"),
        last_activity_at=now,
    )
    c3 = make.case(
        assigned_to=ben,
        status="collecting",
        employers=[bad_b],
        opened_on=days(-200),
        amount_claimed=D("3000.00"),
        amount_demanded=D("3000.00"),
        last_activity_at=now,
    )
    c4 = make.case(
        assigned_to=ben,
        case_type="workers_comp",
        status="closed",
        employers=[fresh_b],
        opened_on=days(-300),
        closed_on=days(-30),
        amount_claimed=D("800.00"),
        last_activity_at=now - timedelta(days=90),
    )
    c5 = make.case(status="intake", employers=[solo], opened_on=days(-5), last_activity_at=now)
    db_session.execute(
        update(CaseEmployer)
        .where(CaseEmployer.case_id == c2.id, CaseEmployer.employer_id == fresh_a.id)
        .values(role="successor")
    )
    for case, due, kind, done in [
        (c1, -3, "follow_up", False),
        (c1, 20, "limitation", False),
        (c2, 2, "follow_up", False),
        (c2, -10, "follow_up", True),
        (c3, 10, "hearing", False),
        (c4, -5, "follow_up", False),
    ]:
        db_session.add(
            Deadline(
                case_id=case.id,
                kind=kind,
                label=f"{kind} {due}",
                due_on=days(due),
                done=done,
                rule="CPLR 213" if kind == "limitation" else None,
                computed=kind == "limitation",
            )
        )
    judgment = make.judgment(c3, entered_on=days(-90), principal=D("2500.00"))
    db_session.add_all(
        [
            Payment(
                judgment_id=judgment.id,
                case_id=c3.id,
                received_on=days(-60),
                amount=D("1000.00"),
                method="check",
                source="employer",
            ),
            Payment(
                judgment_id=judgment.id,
                case_id=c3.id,
                received_on=days(-20),
                amount=D("500.00"),
                method="check",
                source="employer",
            ),
            Disbursement(
                case_id=c3.id,
                judgment_id=judgment.id,
                worker_id=c3.worker_links[0].worker_id,
                paid_on=days(-55),
                amount=D("900.00"),
                method="check",
                reference="MARKERCHECK 1",
            ),
        ]
    )
    # Each case's next open deadline, as the deadline service keeps it (c5 has none).
    for case, due in ((c1, -3), (c2, 2), (c3, 10), (c4, -5)):
        case.next_deadline_on = days(due)
    db_session.flush()
    return {"ana": ana, "ben": ben, "sup": sup, "cases": [c1, c2, c3, c4, c5]}


def test_caseload_by_advocate(seeded):
    rows = {row.name or None: row for row in service.caseload(T)}
    ana, ben, nobody = rows["Ana Advocate"], rows["Ben Advocate"], rows[None]
    assert ana.open_cases == 2
    assert ana.by_type == {"wage_theft": 1, "retaliation": 1}
    assert ana.by_status == {"open": 1, "demand_sent": 1}
    assert (ana.stale, ana.overdue, ana.due_soon) == (1, 1, 1)
    assert ben.open_cases == 1 and ben.by_status == {"collecting": 1}
    assert (ben.stale, ben.overdue, ben.due_soon) == (0, 0, 1)  # the closed case counts nowhere
    assert nobody.open_cases == 1 and nobody.by_status == {"intake": 1}
    assert nobody.stale == 1  # an open case with no open deadline is not moving either
    total = service.caseload_totals(list(rows.values()))
    assert (total.open_cases, total.stale, total.overdue, total.due_soon) == (4, 2, 1, 2)


def test_deadline_board(seeded):
    board = service.deadline_board(T)
    assert [d.due_on for d in board.overdue] == [days(-3)]
    assert [d.due_on for d in board.this_week] == [days(2)]
    assert [d.due_on for d in board.next_30] == [days(10), days(20)]
    assert [d.highlight for d in board.next_30] == [False, True]
    assert board.next_30[1].rule == "CPLR 213"
    assert (board.overdue_total, board.this_week_total, board.next_30_total) == (1, 1, 2)


def test_money_over_a_year(seeded):
    report = service.money_report(days(-365), T)
    t = report.total
    assert t.claimed == D("5300.00")
    assert t.demanded == D("4200.00")
    assert t.judgments == D("2500.00")
    assert t.collected == D("1500.00")
    assert t.disbursed == D("900.00")
    assert t.outstanding == D("1000.00")
    assert t.recovery_rate == D("60.0")
    by_type = {line.key: line for line in report.by_type}
    assert by_type["wage_theft"].claimed == D("4000.00")
    assert by_type["retaliation"].claimed == D("500.00")
    assert by_type["workers_comp"].claimed == D("800.00")
    assert by_type["wage_theft"].collected == D("1500.00")
    by_adv = {line.label or None: line for line in report.by_advocate}
    assert by_adv["Ana Advocate"].claimed == D("1500.00")
    assert by_adv["Ana Advocate"].demanded == D("1200.00")
    assert by_adv["Ben Advocate"].claimed == D("3800.00")
    assert by_adv["Ben Advocate"].judgments == D("2500.00")
    assert by_adv["Ben Advocate"].outstanding == D("1000.00")
    by_month = {line.key: line for line in report.by_month}
    assert by_month[date(days(-60).year, days(-60).month, 1)].collected >= D("1000.00")
    assert sum((line.collected for line in report.by_month), D(0)) == D("1500.00")
    assert sum((line.disbursed for line in report.by_month), D(0)) == D("900.00")


def test_money_over_a_short_period(seeded):
    t = service.money_report(days(-70), T).total
    assert t.claimed == D("500.00")
    assert t.demanded == D("0.00")
    assert t.judgments == D("0.00")
    assert t.collected == D("1500.00")
    assert t.disbursed == D("900.00")
    assert t.outstanding == D("1000.00")
    assert t.recovery_rate is None


def test_repeat_offenders_follow_names_and_successors(seeded):
    c1, c2, c3, c4, _c5 = seeded["cases"]
    offenders = service.repeat_offenders()
    assert len(offenders) == 1
    group = offenders[0]
    assert group.names == ["Bad Diner LLC", "Bad Diner, LLC", "Fresh Start Foods"]
    assert set(group.case_ids) == {c1.id, c2.id, c3.id, c4.id}
    assert group.open_cases == 3
    assert group.owed == D("4800.00")  # 1000 + 500 + judgment 2500 + 800
    assert group.collected == D("1500.00")


def test_dashboard_page_shows_the_figures(seeded, login_as):
    client = login_as(seeded["sup"])
    response = client.get(f"/dashboard?date_from={days(-365).isoformat()}&date_to={T.isoformat()}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "$5,300.00" in page and "$2,500.00" in page and "60" in page
    assert "Bad Diner LLC" in page
    assert f"advocate={seeded['ana'].id}" in page and "overdue=1" in page
    assert "<svg" in page and 'role="img"' in page
    assert "style=" not in page and "<style" not in page
    assert "MARKERNAME" not in page


def test_bad_period_is_a_message_not_an_error(seeded, login_as):
    client = login_as(seeded["sup"])
    response = client.get("/dashboard?date_from=2026-05-01&date_to=2026-01-01")
    assert response.status_code == 200
    assert "on or after the start date" in response.get_data(as_text=True)
    assert client.get("/dashboard?date_from=garbage").status_code == 200


def test_aggregate_csv_has_no_identifying_data(seeded, login_as):
    client = login_as(seeded["sup"])
    response = client.get(
        f"/dashboard/export.csv?date_from={days(-365).isoformat()}&date_to={T.isoformat()}"
    )
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "MARKER" not in body and "555" not in body and "kitchen" not in body
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 5
    c3 = next(r for r in rows if r["reference"] == seeded["cases"][2].reference)
    assert (c3["judgments_entered"], c3["collected"], c3["disbursed"]) == (
        "2500.00",
        "1500.00",
        "900.00",
    )
    assert c3["advocate"] == "Ben Advocate"


@pytest.mark.parametrize(
    "path",
    ["/dashboard", "/dashboard/export.csv", "/dashboard/export/full", "/admin/retention"],
)
def test_advocate_gets_403(make, login_as, path):
    client = login_as(make.user("advocate"))
    assert client.get(path).status_code == 403
    assert client.post(path).status_code in (403, 405)


def test_full_export_needs_password_and_is_audited(seeded, login_as, db_session):
    import json
    import zipfile

    from sqlalchemy import select

    from casework.crypto.archive import decrypt_archive
    from casework.models.audit import AuditEvent
    from tests.factories import PASSWORD

    client = login_as(seeded["sup"])
    c1, c2 = seeded["cases"][:2]
    refs = f"{c1.reference}\n{c2.reference.lower()}"
    passphrase = "long enough passphrase"
    data = {"references": refs, "passphrase": passphrase, "passphrase_again": passphrase}
    wrong = client.post("/dashboard/export/full", data={**data, "password": "nope"})
    assert wrong.status_code == 200 and "That password is not right" in wrong.get_data(as_text=True)
    short = client.post(
        "/dashboard/export/full",
        data={**data, "passphrase": "short", "passphrase_again": "short", "password": PASSWORD},
    )
    assert "at least 12 characters" in short.get_data(as_text=True)
    missing = client.post(
        "/dashboard/export/full", data={**data, "references": "CW-NONE", "password": PASSWORD}
    )
    assert "CW-NONE" in missing.get_data(as_text=True)
    assert not db_session.scalars(
        select(AuditEvent).where(AuditEvent.action == "export.full")
    ).all()
    response = client.post("/dashboard/export/full", data={**data, "password": PASSWORD})
    assert response.status_code == 200
    assert response.mimetype == "application/octet-stream"
    blob = response.get_data()
    assert b"MARKERNAME" not in blob
    archive = zipfile.ZipFile(io.BytesIO(decrypt_archive(blob, passphrase)))
    record = json.loads(archive.read(f"cases/{c1.reference}.json"))
    assert record["workers"][0]["name"] == "MARKERNAME Uno"
    assert record["narrative"] == "MARKERNARRATIVE kitchen"
    assert json.loads(archive.read("manifest.json"))["cases"] == sorted(
        [c1.reference, c2.reference]
    )
    actions = db_session.scalars(select(AuditEvent.action)).all()
    assert actions.count("case.export") == 2 and actions.count("export.full") == 1


def test_letters_awaiting_approval_offer_both_actions(seeded, login_as, db_session):
    from casework.models import Letter

    c1 = seeded["cases"][0]
    draft = Letter(
        case_id=c1.id,
        kind="demand",
        language="en",
        status="draft",
        letter_date=T,
        generated_by_id=seeded["ana"].id,
    )
    db_session.add_all(
        [
            draft,
            Letter(case_id=c1.id, kind="demand", language="en", status="approved", letter_date=T),
        ]
    )
    db_session.flush()
    assert [a.letter_id for a in service.letters_awaiting()] == [draft.id]
    page = login_as(seeded["sup"]).get("/dashboard").get_data(as_text=True)
    assert f"/letters/{draft.id}/approve" in page
    assert f"/letters/{draft.id}/return" in page and 'name="return-comment"' in page


def test_figures_are_reused_briefly_and_recomputed_on_request(seeded, db_session):
    first = service.dashboard(T, days(-365), T, cache_seconds=60)
    again = service.dashboard(T, days(-365), T, cache_seconds=60)
    assert again is not first and again.computed_at == first.computed_at  # read back
    assert again.report.total.claimed == first.report.total.claimed == D("5300.00")
    fresh = service.dashboard(T, days(-365), T, cache_seconds=60, fresh=True)
    assert fresh.computed_at > first.computed_at and fresh.report.total.claimed == D("5300.00")
    unstored = service.dashboard(T, days(-365), T)  # no stored figures unless asked
    assert unstored.computed_at > fresh.computed_at


def test_dashboard_query_count_does_not_grow_with_the_data(seeded, make, login_as):
    from sqlalchemy import event

    from casework.extensions import db

    client = login_as(seeded["sup"])
    statements = []

    def count(*args):
        statements.append(1)

    def queries():
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            assert client.get("/dashboard").status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return len(statements)

    before = queries()
    bad = make.employer(business_name="Bad Diner LLC")
    for n in range(6):
        case = make.case(assigned_to=seeded["ben"], employers=[bad], opened_on=days(-n))
        make.judgment(case, entered_on=days(-n), principal=D("100.00"))
    assert queries() == before
