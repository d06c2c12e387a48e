"""In a real browser: an advocate generates a demand, and the letter page reads plainly."""

from __future__ import annotations

import os

import pytest

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser


def _seed(live_server, advocate_email):
    from casework.auth import service as auth
    from casework.extensions import db
    from tests.factories import Factories

    with live_server.app.app_context():
        make = Factories(live_server.app)
        advocate = auth.find_user(advocate_email)
        workers = [
            make.worker(name="Rosa Díaz", preferred_language="es"),
            make.worker(name="Ben Okafor", preferred_language="en"),
        ]
        case = make.case(assigned_to=advocate, reference="CW-B-00013", workers=workers)
        for link in case.worker_links:
            make.period(link.wage_claim)
        db.session.commit()
        case_id = str(case.id)
        db.session.remove()
    return case_id


def test_the_advocate_reads_the_draft_letter_page(live_server, page):
    email, password = create_user(live_server, "advocate", name="Ana Advocate")
    case_id = _seed(live_server, email)
    browser_login(page, live_server, email, password)
    page.goto(f"{live_server.url}/cases/{case_id}/letters/new")
    page.select_option("#letter-kind", "demand")
    page.select_option("#letter-recipient", index=1)
    page.locator("main form button[type=submit], main form input[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/letters/" in page.url
    main = page.locator("main").inner_text()
    assert "waits for a supervisor's approval" in main
    assert "ask for approval" not in main
    assert "SHA-256" not in main
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    assert "Rosa Díaz" in rows.nth(0).inner_text() and "Spanish" in rows.nth(0).inner_text()
    assert "Ben Okafor" in rows.nth(1).inner_text() and "English" in rows.nth(1).inner_text()
    shots = os.environ.get("CASEWORK_SCREENSHOTS")
    if shots:
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=os.path.join(shots, "letter-page.png"), full_page=True)
