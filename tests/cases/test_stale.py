"""Cases nobody is moving: what counts, the configured number of days, the navigation's count."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from casework.cases import stale
from casework.cases.deadlines import add_deadline

TODAY = date.today()
REFS = ("CW-S-1", "CW-S-2", "CW-S-3", "CW-S-4", "CW-S-5")


def _case(make, reference, *, status="open", activity_days_ago=1, due_in=None, assigned_to=None):
    case = make.case(status=status, reference=reference, assigned_to=assigned_to)
    case.last_activity_at = datetime.now(UTC) - timedelta(days=activity_days_ago)
    if status == "closed":
        case.outcome, case.amount_recovered = "withdrawn", Decimal("0")
    if due_in is not None:
        add_deadline(case, "Call the employer", TODAY + timedelta(days=due_in))
    return case


def _listed(client, **params) -> set[str]:
    html = client.get("/cases/", query_string=params).get_data(as_text=True)
    return {ref for ref in REFS if ref in html}


def _nav_count(client) -> int | None:
    html = client.get("/cases/").get_data(as_text=True)
    found = re.search(r"Not moving \((\d+)\)", html)
    return int(found.group(1)) if found else None


def _seed(make, advocate):
    _case(make, "CW-S-1", due_in=5, assigned_to=advocate)  # moving: a deadline, recent note
    _case(make, "CW-S-2", assigned_to=advocate)  # open, no open deadline: not moving
    _case(make, "CW-S-3", due_in=5, activity_days_ago=45, assigned_to=advocate)  # quiet 45 days
    _case(make, "CW-S-4", status="closed", activity_days_ago=400)  # closed: never counted
    _case(make, "CW-S-5", due_in=5, activity_days_ago=20)  # someone else's, quiet 20 days


def test_open_cases_without_a_deadline_or_without_activity_are_listed(make, login_as, db_session):
    advocate = make.user("advocate")
    _seed(make, advocate)
    db_session.flush()
    client = login_as(make.user("supervisor"))

    assert _listed(client, stale=1) == {"CW-S-2", "CW-S-3"}
    page = client.get("/cases/").get_data(as_text=True)
    assert "Only cases nobody is moving" in page
    assert "no note, status change or other activity for 30 days" in page


def test_the_number_of_days_is_configured(app, make, login_as, db_session):
    _seed(make, make.user("advocate"))
    db_session.flush()
    client = login_as(make.user("supervisor"))
    app.config["CASEWORK_STALE_DAYS"] = 14
    try:
        assert _listed(client, stale=1) == {"CW-S-2", "CW-S-3", "CW-S-5"}
        assert "activity for 14 days" in client.get("/cases/").get_data(as_text=True)
    finally:
        app.config["CASEWORK_STALE_DAYS"] = 30


def test_the_navigation_counts_each_users_own_cases(app, make, login_as, client, db_session):
    advocate = make.user("advocate")
    _seed(make, advocate)
    db_session.flush()
    # The count is kept for a minute, and forgotten after a write.
    try:
        _counts_follow_the_work(client, login_as, advocate, db_session)
    finally:
        stale.forget_counts()


def _counts_follow_the_work(client, login_as, advocate, db_session):
    assert _nav_count(login_as(advocate)) == 2
    page = client.get("/cases/", query_string={"stale": 1}).get_data(as_text=True)
    assert {ref for ref in REFS if ref in page} == {"CW-S-2", "CW-S-3"}

    # A note on the quiet case moves it: the count follows at once.
    client.post(
        "/cases/" + _case_id(db_session, "CW-S-3") + "/notes",
        data={"body": "Called the employer's lawyer; answer promised by Friday."},
    )
    assert _nav_count(client) == 1


def test_supervisors_see_every_case_and_admins_see_no_count(make, login_as, db_session):
    _seed(make, make.user("advocate"))
    db_session.flush()
    assert _nav_count(login_as(make.user("supervisor"))) == 2
    admin_page = login_as(make.user("admin")).get("/admin/users").get_data(as_text=True)
    assert "Not moving" not in admin_page


def test_the_dashboard_links_to_the_list_it_counted(make, login_as, db_session):
    _seed(make, make.user("advocate"))
    db_session.flush()
    client = login_as(make.user("supervisor"))
    html = client.get("/dashboard").get_data(as_text=True)
    figure = re.search(r'data-key-figure="stale">(\d+)<', html)
    assert figure is not None and int(figure.group(1)) == 2
    assert "Open cases nobody is moving" in html


def _case_id(db_session, reference: str) -> str:
    from sqlalchemy import select

    from casework.models.case import Case

    return str(db_session.execute(select(Case.id).where(Case.reference == reference)).scalar_one())
