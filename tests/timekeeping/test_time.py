"""Time for funders: staff record time on a case, the case shows it, supervisors report it."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from sqlalchemy import func, select, text

from casework.extensions import db
from casework.models.time_entry import TimeEntry

TODAY = date.today()


def _record(client, case, **fields):
    data = {
        "worked_on": TODAY.isoformat(),
        "hours": "1",
        "minutes": "30",
        "activity": "advice",
        "note": "",
    }
    data.update(fields)
    return client.post(f"/cases/{case.id}/time", data=data)


def _count() -> int:
    return db.session.execute(select(func.count()).select_from(TimeEntry)).scalar_one()


def test_an_advocate_records_time_and_the_case_shows_its_total(make, login_as):
    advocate = make.user("advocate", name="Ana Advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)

    answer = _record(client, case, note="Explained the MARKERNOTE claim to the worker")
    assert answer.status_code == 303
    _record(client, case, hours="0", minutes="45", activity="correspondence")

    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Time: 2 h 15 min" in page
    listing = client.get(f"/cases/{case.id}/time").get_data(as_text=True)
    assert "Total: 2 h 15 min" in listing
    assert "Ana Advocate" in listing and "Letters, calls and emails" in listing
    assert "Explained the MARKERNOTE claim" in listing
    # The note is encrypted with the case's key: its words are not in the table.
    raw = db.session.execute(text("SELECT note FROM time_entries")).scalars().all()
    assert all(b"MARKERNOTE" not in bytes(value or b"") for value in raw)


def test_bad_entries_are_refused_next_to_their_field_and_nothing_is_stored(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    cases = [
        ({"worked_on": (TODAY + timedelta(days=1)).isoformat()}, "cannot be later than today"),
        ({"hours": "0", "minutes": "0"}, "more than zero and at most 24 hours"),
        ({"minutes": "75"}, "between 0 and 59 minutes"),
        ({"activity": "golf"}, "Not a valid choice"),
        ({"note": "She is undocumented, so she is afraid"}, "never records immigration status"),
    ]
    for fields, message in cases:
        answer = _record(client, case, **fields)
        assert answer.status_code == 422, fields
        assert message in answer.get_data(as_text=True), fields
    assert _count() == 0


def test_only_people_on_the_case_see_or_record_its_time(make, login_as):
    case = make.case(assigned_to=make.user("advocate"))
    client = login_as(make.user("advocate"))
    assert client.get(f"/cases/{case.id}/time").status_code == 404
    assert _record(client, case).status_code == 404
    assert _count() == 0


def test_the_supervisor_reports_a_period_by_case_person_and_activity(make, login_as):
    ana = make.user("advocate", name="Ana Advocate")
    ben = make.user("advocate", name="Ben Advocate")
    one = make.case(
        assigned_to=ana,
        reference="CW-TIME-1",
        workers=[make.worker(name="Rosa Fictitia")],
    )
    two = make.case(assigned_to=ben, reference="CW-TIME-2", team=[ana])
    for client_user, case, minutes, activity, day in [
        (ana, one, 90, "advice", TODAY),
        (ana, two, 30, "hearing", TODAY - timedelta(days=2)),
        (ben, two, 60, "hearing", TODAY),
        (ben, two, 600, "collection", TODAY - timedelta(days=400)),  # outside the period
    ]:
        entry = TimeEntry(
            case_id=case.id,
            user_id=client_user.id,
            worked_on=day,
            minutes=minutes,
            activity=activity,
        )
        entry.case = case
        db.session.add(entry)
    db.session.flush()
    client = login_as(make.user("supervisor"))
    period = {"date_from": (TODAY - timedelta(days=30)).isoformat(), "date_to": TODAY.isoformat()}

    page = client.get("/reports/time", query_string=period).get_data(as_text=True)
    assert "Total: 3 h 00 min in 3 entries." in page

    def rows(by):
        answer = client.get("/reports/time.csv", query_string={**period, "by": by})
        assert answer.status_code == 200 and answer.mimetype == "text/csv"
        body = answer.get_data(as_text=True)
        assert "Rosa" not in body and "Fictitia" not in body
        return list(csv.reader(io.StringIO(body)))

    assert rows("case")[1:] == [
        ["CW-TIME-1", "90", "1.50", "1"],
        ["CW-TIME-2", "90", "1.50", "2"],
        ["Total", "180", "3.00", "3"],
    ]
    assert rows("person")[1:] == [
        ["Ana Advocate", "120", "2.00", "2"],
        ["Ben Advocate", "60", "1.00", "1"],
        ["Total", "180", "3.00", "3"],
    ]
    assert rows("activity")[1:] == [
        ["Advice and counseling", "90", "1.50", "1"],
        ["Hearing, court or agency", "90", "1.50", "2"],
        ["Total", "180", "3.00", "3"],
    ]


def test_a_backwards_period_is_refused_next_to_its_field(make, login_as):
    client = login_as(make.user("supervisor"))
    answer = client.get(
        "/reports/time",
        query_string={"date_from": TODAY.isoformat(), "date_to": "2020-01-01"},
    )
    assert answer.status_code == 422
    assert "The last day cannot be before the first day." in answer.get_data(as_text=True)
    assert client.get("/reports/time.csv", query_string={"by": "nothing"}).status_code == 404
