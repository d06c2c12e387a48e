"""The caseload filters the dashboard links to: open, stale, overdue, due within N days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from casework.cases.deadlines import add_deadline

TODAY = date.today()


def _case(make, reference, *, status="open", activity_days_ago=1, due_in=None):
    case = make.case(status=status, reference=reference)
    case.last_activity_at = datetime.now(UTC) - timedelta(days=activity_days_ago)
    if status == "closed":
        case.outcome, case.amount_recovered = "withdrawn", Decimal("0")
    if due_in is not None:
        add_deadline(case, "Call the employer", TODAY + timedelta(days=due_in))
    return case


def _listed(client, **params) -> set[str]:
    html = client.get("/cases/", query_string=params).get_data(as_text=True)
    return {ref for ref in ("CW-F-1", "CW-F-2", "CW-F-3", "CW-F-4", "CW-F-5") if ref in html}


def test_filters_select_the_cases_the_dashboard_counted(make, login_as, db_session):
    _case(make, "CW-F-1", due_in=-3)  # open, overdue
    _case(make, "CW-F-2", status="closed", due_in=-3)  # closed: not counted anywhere
    _case(make, "CW-F-3", activity_days_ago=45)  # open, stale, nothing due
    _case(make, "CW-F-4", due_in=10)  # open, due in 10 days
    _case(make, "CW-F-5", due_in=20)  # open, due in 20 days
    db_session.flush()
    client = login_as(make.user("supervisor"))

    assert _listed(client) == {"CW-F-1", "CW-F-2", "CW-F-3", "CW-F-4", "CW-F-5"}
    assert _listed(client, open=1) == {"CW-F-1", "CW-F-3", "CW-F-4", "CW-F-5"}
    assert _listed(client, overdue=1) == {"CW-F-1"}
    assert _listed(client, stale=1) == {"CW-F-3"}
    assert _listed(client, due_within=14) == {"CW-F-4"}
    assert _listed(client, due_within=30) == {"CW-F-4", "CW-F-5"}
    # An unknown window is ignored rather than refused.
    assert "CW-F-2" in _listed(client, due_within=999)
