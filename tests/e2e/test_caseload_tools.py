"""In Chromium, on the demo data: cases nobody is moving, time on a case, the calendar feed."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import browser_login

pytestmark = pytest.mark.browser

ADVOCATE = "advocate1@demo.casework.test"


def _shot(page, name: str) -> None:
    folder = os.environ.get("CASEWORK_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def demo_server(live_server):
    from datetime import timedelta

    from sqlalchemy import select

    from casework.demo import seed
    from casework.demo.staff import DEMO_PASSWORD
    from casework.extensions import db
    from casework.models.base import utcnow
    from casework.models.case import Case
    from casework.models.user import User

    with live_server.app.app_context():
        seed()
        # One of the advocate's open cases has been quiet for six weeks.
        advocate = db.session.scalar(select(User).where(User.email == ADVOCATE))
        quiet = db.session.scalars(
            select(Case)
            .where(Case.assigned_to_id == advocate.id, Case.status != "closed")
            .order_by(Case.reference)
        ).first()
        quiet.last_activity_at = utcnow() - timedelta(days=45)
        db.session.commit()
        db.session.remove()
    return live_server, DEMO_PASSWORD


def test_an_advocate_finds_quiet_cases_records_time_and_subscribes(demo_server, page):
    server, password = demo_server
    browser_login(page, server, ADVOCATE, password)
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=re.compile(r"Not moving \(\d+\)"))
    expect(link).to_be_visible()
    count = int(re.search(r"\((\d+)\)", link.inner_text()).group(1))
    assert count >= 1
    link.click()
    expect(page.get_by_label("Only cases nobody is moving")).to_be_checked()
    _shot(page, "01-not-moving")
    assert page.locator("table tbody tr").count() == min(count, 50)

    # Open the first quiet case and record time on it.
    page.locator("table tbody tr a[href*='/cases/']").first.click()
    page.get_by_role("link", name=re.compile(r"^Time: ")).click()
    page.fill("#hours", "1")
    page.fill("#minutes", "15")
    page.select_option("#activity", "correspondence")
    page.fill("#note", "Called the employer's office; left a message.")
    page.get_by_role("button", name="Record time").click()
    expect(page.get_by_text("Time recorded.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Total: \d+ h \d\d min"))).to_be_visible()
    expect(page.get_by_role("cell", name="Letters, calls and emails")).to_be_visible()
    _shot(page, "02-time")

    # Turn on the calendar feed and read it as a calendar app would.
    page.get_by_role("link", name="Calendar").click()
    expect(page.get_by_text("never shows a worker's name")).to_be_visible()
    page.get_by_role("button", name="Turn on the calendar feed").click()
    address = page.locator("#feed-address").input_value()
    assert re.search(r"/calendar/[A-Za-z0-9_-]{40,}\.ics$", address)
    _shot(page, "03-calendar")
    feed = page.request.get(address)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert "BEGIN:VCALENDAR" in feed.text()
    page.get_by_role("button", name="Turn off the calendar feed").click()
    expect(page.get_by_text("Your calendar feed is off.")).to_be_visible()
    assert page.request.get(address).status == 404
