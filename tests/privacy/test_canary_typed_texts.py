"""Canary: the reason a judgment's rate was set by hand and a typed-in deadline label,
entered through the forms, are nowhere in the raw database, while the pages show them.

Every column of every table is read back with plain SQL (on SQLite and on PostgreSQL)
and searched for the markers, in any letter case.
"""

from __future__ import annotations

import secrets

from sqlalchemy import inspect, text

from casework.extensions import db


def _raw_hits(needles: list[str]) -> list[str]:
    """Where any needle occurs in any column of any table: ["table.column", ...]."""
    connection = db.session.connection()
    hits = []
    for table in inspect(connection).get_table_names():
        if table == "alembic_version":
            continue
        quoted = connection.dialect.identifier_preparer.quote(table)
        result = connection.execute(text(f"SELECT * FROM {quoted}"))
        columns = list(result.keys())
        for row in result:
            for column, value in zip(columns, row, strict=True):
                if value is None:
                    continue
                raw = bytes(value) if isinstance(value, bytes | memoryview) else str(value)
                blob = raw.lower() if isinstance(raw, bytes) else raw.lower().encode()
                if any(n.lower().encode() in blob for n in needles):
                    hits.append(f"{table}.{column}")
    return hits


def test_rate_reason_and_typed_labels_are_absent_from_the_raw_database(make, login_as):
    tag = secrets.token_hex(4)
    reason = f"Canaryreason{tag}: the rate stipulated in the consent judgment"
    label = f"Canarylabel{tag}: call the clerk about the hearing"
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="judgment", jurisdiction="NY-NYC")
    client = login_as(advocate)

    response = client.post(
        f"/cases/{case.id}/judgments/new",
        data={
            "forum": "court",
            "entered_on": "2025-01-15",
            "principal": "10000.00",
            "interest_rate": "5",
            "rate_override_reason": reason,
            "docket_number": "Index No. 123/2025",
            "wage_judgment": "y",
            "shares-0-worker_id": str(case.workers[0].id),
            "shares-0-amount": "10000.00",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    added = client.post(
        f"/cases/{case.id}/deadlines",
        data={"label": label, "due_on": "2031-03-04", "kind": "hearing"},
    )
    assert added.status_code == 303
    db.session.flush()

    [judgment] = case.judgments
    assert judgment.rate_override_reason == reason
    show = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Rate set by hand: {reason}" in show
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert label in page

    needles = [reason, label, f"Canaryreason{tag}", f"Canarylabel{tag}"]
    assert _raw_hits(needles) == []
    # The search itself can fail: the case's reference is found where it is stored.
    assert "cases.reference" in _raw_hits([case.reference])
