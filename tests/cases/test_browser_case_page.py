"""In Chromium at 1280x800: the case page opens with the story; the Spanish caseload fits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser


def _seed(live_server, advocate_email: str) -> str:
    from casework.auth import service as accounts
    from casework.cases.deadlines import add_deadline
    from casework.extensions import db
    from casework.models.case import Note
    from tests.factories import Factories

    with live_server.app.app_context():
        make = Factories(live_server.app)
        advocate = accounts.find_user(advocate_email)
        first = None
        for n in range(12):
            workers = [
                make.worker(name=f"María José Núñez Rodríguez {n}", preferred_language="es"),
                make.worker(name=f"Guadalupe Hernández Castillo {n}"),
            ]
            employers = [make.employer(business_name=f"Restaurante Sabor Latino Corporation {n}")]
            case = make.case(
                workers=workers,
                employers=employers,
                assigned_to=advocate,
                status="demand_sent",
                jurisdiction="NY-LI-WESTCHESTER" if n % 2 else "NY-NYC",
            )
            add_deadline(case, "Call the employer back", date.today() - timedelta(days=2))
            for k in range(6):
                db.session.add(Note(case=case, author=advocate, body=f"Spoke with the worker {k}"))
            first = first or case
        db.session.commit()
        case_id = str(first.id)
        db.session.remove()
    return case_id


def test_case_page_story_and_spanish_caseload_at_1280(live_server, page, tmp_path):
    email, password = create_user(live_server, "advocate")
    case_id = _seed(live_server, email)
    page.set_viewport_size({"width": 1280, "height": 800})
    browser_login(page, live_server, email, password)

    page.goto(f"{live_server.url}/cases/{case_id}")
    page.screenshot(path=str(tmp_path / "case.png"))
    for heading in ("Money", "Parties", "Next deadline", "Latest notes"):
        box = page.get_by_role("heading", name=heading, exact=True).bounding_box()
        assert box is not None and box["y"] < 800 * 1.25, heading
    # "Add a note" is at hand: the note box is on the first screen.
    note = page.locator("textarea[name=body]").bounding_box()
    assert note is not None and note["y"] + note["height"] < 800
    assert page.locator("select[name=status]").count() == 0
    # A refused note: its message is beside the note box, on the first screen.
    page.get_by_role("button", name="Add a note").click()
    page.wait_for_load_state()
    message = page.get_by_text("Write the note.").bounding_box()
    assert message is not None and message["y"] < 800

    page.goto(f"{live_server.url}/cases/")
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/cases/")
    page.screenshot(path=str(tmp_path / "caseload_es.png"), full_page=True)
    widths = page.evaluate(
        """() => {
          const wrap = document.querySelector('.table-wrap');
          return {doc: document.documentElement.scrollWidth,
                  wrap: wrap.clientWidth, table: wrap.scrollWidth};
        }"""
    )
    assert widths["doc"] <= 1280
    assert widths["table"] <= widths["wrap"] + 1
