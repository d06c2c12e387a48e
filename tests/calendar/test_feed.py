"""Deadlines in the staff's own calendar: turning the feed on, what it carries, revoking it."""

from __future__ import annotations

import re
from datetime import date, timedelta

from icalendar import Calendar
from sqlalchemy import text

from casework.cases.deadlines import add_deadline
from casework.extensions import db

SOON = date.today() + timedelta(days=10)
LATER = date.today() + timedelta(days=40)
FEED = re.compile(r"https?://[^\s\"<]+/calendar/([A-Za-z0-9_-]{40,})\.ics")


def _turn_on(client, action="on") -> str:
    page = client.post("/account/calendar", data={"action": action})
    assert page.status_code == 200
    found = FEED.search(page.get_data(as_text=True))
    assert found, "the new address is shown"
    return found.group(1)


def _events(client, token):
    answer = client.get(f"/calendar/{token}.ics")
    assert answer.status_code == 200
    assert answer.mimetype == "text/calendar"
    return answer, Calendar.from_ical(answer.data).walk("VEVENT")


def _seed(make):
    advocate = make.user("advocate", name="Ana Advocate")
    mine = make.case(
        assigned_to=advocate,
        reference="CW-CAL-1",
        workers=[make.worker(name="Rosa Fictitia", phone="(555) 201-7788")],
        employers=[make.employer(business_name="Sample Bakery Corp")],
    )
    add_deadline(
        mine,
        "Unpaid judgment rises by 15%",
        SOON,
        kind="collection",
        rule_key="ny_fifteen_percent",
        rule="90 days after entry or after the time to appeal ends, whichever is later",
        source="NY LL 198(4)",
    )
    add_deadline(mine, "Call Rosa Fictitia about the Sample Bakery checks", LATER)
    done = add_deadline(mine, "Already done", SOON)
    done.done = True
    other = make.case(reference="CW-CAL-2", assigned_to=make.user("advocate"))
    add_deadline(other, "Someone else's deadline", SOON)
    closed = make.case(reference="CW-CAL-3", assigned_to=advocate, status="closed")
    closed.outcome = "withdrawn"
    add_deadline(closed, "On a closed case", SOON)
    db.session.flush()
    return advocate, mine


def test_the_feed_carries_references_labels_dates_and_links_never_names(make, login_as):
    advocate, case = _seed(make)
    client = login_as(advocate)
    token = _turn_on(client)
    answer, events = _events(client, token)

    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries == [
        "CW-CAL-1: Deadline (open the case to read it)",
        "CW-CAL-1: Unpaid judgment rises by 15%",
    ]
    starts = sorted(e.decoded("dtstart") for e in events)
    assert starts == [SOON, LATER]
    assert all(str(e["url"]).endswith(f"/cases/{case.id}") for e in events)
    body = answer.get_data(as_text=True)
    for secret in ("Rosa", "Fictitia", "Sample Bakery", "201-7788", "Ana Advocate"):
        assert secret not in body
    # The address is shown once; afterwards the page says the feed is on, without it.
    again = client.get("/account/calendar").get_data(as_text=True)
    assert "Your calendar feed is on" in again and token not in again


def test_only_the_tokens_hash_is_stored(make, login_as):
    advocate, _ = _seed(make)
    token = _turn_on(login_as(advocate))
    rows = db.session.execute(text("SELECT token_hash FROM calendar_feeds")).scalars().all()
    assert len(rows) == 1 and token not in rows[0] and len(rows[0]) == 64


def test_renewing_or_turning_off_stops_the_old_address(make, login_as, client):
    advocate, _ = _seed(make)
    login_as(advocate)
    first = _turn_on(client)
    second = _turn_on(client, "renew")
    assert first != second
    assert client.get(f"/calendar/{first}.ics").status_code == 404
    assert client.get(f"/calendar/{second}.ics").status_code == 200
    page = client.post("/account/calendar", data={"action": "off"})
    assert "Your calendar feed is off" in page.get_data(as_text=True)
    assert client.get(f"/calendar/{second}.ics").status_code == 404
    assert client.get("/calendar/" + "x" * 43 + ".ics").status_code == 404


def test_a_deactivated_users_feed_stops(make, login_as):
    advocate, _ = _seed(make)
    token = _turn_on(login_as(advocate))
    advocate.active = False
    db.session.flush()
    assert login_as(make.user("supervisor")).get(f"/calendar/{token}.ics").status_code == 404


def test_the_feed_speaks_its_users_language(make, login_as):
    advocate, _ = _seed(make)
    advocate.locale = "es"
    db.session.flush()
    client = login_as(advocate)
    _, events = _events(client, _turn_on(client))
    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries == [
        "CW-CAL-1: La sentencia no pagada aumenta un 15%",
        "CW-CAL-1: Plazo (abra el caso para leerlo)",
    ]


def test_a_supervisor_sees_every_open_cases_deadlines(make, login_as):
    _seed(make)
    client = login_as(make.user("supervisor"))
    _, events = _events(client, _turn_on(client))
    assert sorted({str(e["summary"]).split(":")[0] for e in events}) == ["CW-CAL-1", "CW-CAL-2"]


def test_the_page_explains_and_refuses_a_missing_choice(make, login_as):
    client = login_as(make.user("advocate"))
    page = client.get("/account/calendar").get_data(as_text=True)
    assert "never shows a worker" in page and "Turn on the calendar feed" in page
    assert client.post("/account/calendar", data={}).status_code == 422
    assert login_as(make.user("admin")).get("/account/calendar").status_code == 403


def test_fetches_of_one_address_are_limited(make, login_as, client):
    advocate, _ = _seed(make)
    login_as(advocate)
    token = _turn_on(client)
    answers = [client.get(f"/calendar/{token}.ics").status_code for _ in range(61)]
    assert answers[:60] == [200] * 60 and answers[60] == 429
