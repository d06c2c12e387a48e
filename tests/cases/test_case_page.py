"""The case page: the story first, rarer actions on their own pages; first-day rough edges."""

from __future__ import annotations

import re
from datetime import date, timedelta

from casework.cases.deadlines import add_deadline
from casework.models.case import Note


def _text(response) -> str:
    return response.get_data(as_text=True)


def _story_part(html: str) -> str:
    """What comes before the facts: the part of the page that opens first."""
    return html.split('id="facts"', 1)[0]


def test_case_page_opens_with_the_story(make, login_as, db_session):
    advocate = make.user("advocate")
    worker = make.worker(name="Rosa Ejemplo", preferred_language="es")
    case = make.case(workers=[worker], assigned_to=advocate)
    add_deadline(case, "Call the employer back", date.today() + timedelta(days=5))
    add_deadline(case, "File with the labor department", date.today() + timedelta(days=40))
    for n in range(5):
        db_session.add(Note(case=case, author=advocate, body=f"Spoke with the worker, call {n}"))
    db_session.flush()
    client = login_as(advocate)
    html = _text(client.get(f"/cases/{case.id}"))
    story = _story_part(html)
    for heading in ("Money", "Parties", "Next deadline", "Latest notes"):
        assert f">{heading}</h2>" in story, heading
    assert "Call the employer back" in story and "in 5 days" in story
    assert "File with the labor department" not in story  # only the next one up top
    assert "Add a note" in story
    assert "Collected" in story and "Demanded" in story
    assert story.count("Spoke with the worker") == 3  # the latest three; all in the timeline
    assert html.count("Spoke with the worker") == 8
    # The rarer forms are elsewhere: status and assignment on their own pages.
    assert 'name="status"' not in html and 'name="team"' not in html
    assert f'href="/cases/{case.id}/status"' in html
    # The language is named, not coded.
    assert "Rosa Ejemplo</a>" in html and "Spanish" in story
    assert not re.search(r">\s*es\s*<", html)


def test_a_refused_note_is_answered_beside_the_note_form(make, login_as, db_session):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    db_session.flush()
    client = login_as(advocate)
    response = client.post(f"/cases/{case.id}/notes", data={"body": ""})
    assert response.status_code == 422
    story = _story_part(_text(response))
    notes = story.split('id="notes-h"', 1)[1]
    assert "Write the note." in notes.split("Add a note", 1)[0]
    assert db_session.query(Note).filter_by(case_id=case.id).count() == 0


def test_status_is_changed_on_its_own_page(make, login_as, db_session):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="intake")
    db_session.flush()
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/status")
    assert page.status_code == 200 and 'name="status"' in _text(page)
    refused = client.post(f"/cases/{case.id}/status", data={"status": "closed"})
    assert refused.status_code == 422 and 'name="status"' in _text(refused)
    done = client.post(f"/cases/{case.id}/status", data={"status": "open"})
    assert done.status_code == 303
    assert case.status == "open"


def test_team_is_chosen_with_checkboxes(make, login_as, db_session):
    supervisor = make.user("supervisor")
    one, two = make.user("advocate"), make.user("advocate")
    case = make.case()
    db_session.flush()
    client = login_as(supervisor)
    html = _text(client.get(f"/cases/{case.id}/assign"))
    assert len(re.findall(r'<input[^>]*name="team" type="checkbox"', html)) >= 2
    assert "<select multiple" not in html and "Hold Ctrl" not in html
    response = client.post(
        f"/cases/{case.id}/assign",
        data={"assigned_to": str(one.id), "team": [str(one.id), str(two.id)]},
    )
    assert response.status_code == 303
    assert case.assigned_to_id == one.id
    assert {u.id for u in case.team} == {one.id, two.id}


def test_an_address_keeps_its_lines(make, login_as, db_session):
    advocate = make.user("advocate")
    worker = make.worker(name="Luis Ejemplo")
    make.case(workers=[worker], assigned_to=advocate)
    db_session.flush()
    client = login_as(advocate)
    form = _text(client.get(f"/cases/workers/{worker.id}/edit"))
    assert re.search(r'<textarea[^>]*name="address"', form)
    typed = "Apt 4B\r\n 123 Main St, Suite 2 \r\n\r\nQueens, NY 11101"
    response = client.post(
        f"/cases/workers/{worker.id}/edit",
        data={
            "name": "Luis Ejemplo",
            "address": typed,
            "preferred_language": "es",
            "contact_ok_by": "phone",
        },
    )
    assert response.status_code == 303
    assert worker.address == "Apt 4B\n123 Main St, Suite 2\nQueens, NY 11101"
    page = _text(client.get(f"/cases/workers/{worker.id}"))
    assert '<dd class="prewrap">Apt 4B\n123 Main St, Suite 2\nQueens, NY 11101</dd>' in page
    assert "<dt>Preferred language</dt><dd>Spanish</dd>" in page


def test_no_year_month_day_hint_beside_a_date_picker(make, login_as, db_session):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="judgment")
    db_session.flush()
    client = login_as(advocate)
    for address in (f"/cases/{case.id}/judgments/new", f"/cases/{case.id}/status"):
        html = _text(client.get(address))
        assert "Year-month-day" not in html, address
