"""In Chromium: intake of a wage-theft case with two work periods; an advocate works it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def assign(live_server, case_id: str, advocate_email: str) -> None:
    """A supervisor's assignment (tested through the page in test_views), done directly."""
    import uuid

    from casework.auth import service as accounts
    from casework.cases import service
    from casework.extensions import db
    from casework.models import Case

    with live_server.app.app_context():
        case = db.session.get(Case, uuid.UUID(case_id))
        service.assign_case(case, accounts.find_user(advocate_email), [])
        db.session.commit()
        db.session.remove()


def sign_out(page) -> None:
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def test_intake_then_advocate_finds_by_phone_notes_and_changes_status(live_server, page):
    intake_email, password = create_user(live_server, "intake")
    advocate_email, _ = create_user(live_server, "advocate")

    # An intake volunteer records a wage-theft case for a new worker.
    browser_login(page, live_server, intake_email, password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="New intake").click()
    page.select_option("#case_type", "wage_theft")
    # Only the chosen type's section shows (the script hides the others once it has run).
    expect(page.locator("#injury_date")).to_be_hidden()
    page.fill("#workers-0-name", "Rosa Fictitia")
    page.fill("#workers-0-phone", "(555) 201-7788")
    page.select_option("#workers-0-preferred_language", "es")
    page.fill("#employers-0-business_name", "Sample Bakery Corp")
    page.select_option("#employers-0-entity_type", "corporation")
    page.fill("#first_day_worked", "2025-03-02")
    page.fill("#last_day_worked", "2025-03-29")
    page.fill("#narrative", "Worked six days a week in the bakery, paid cash, no overtime.")
    page.get_by_role("button", name="Save intake").click()
    page.wait_for_url(re.compile(rf"/cases/{UUID}$"))
    case_id = re.search(UUID, page.url).group(0)
    assert page.get_by_role("heading", level=1).inner_text().endswith("Rosa Fictitia")

    # ...with two work periods, on the wage calculator's form.
    page.get_by_role("link", name="Hours and pay").click()
    page.fill("#periods-0-start", "2025-03-02")
    page.fill("#periods-0-end", "2025-03-15")
    page.fill("#periods-0-hours_per_week", "50")
    page.fill("#periods-0-days_per_week", "5")
    page.fill("#periods-0-pay_per_week", "600")
    page.get_by_role("button", name="Add another period").click()
    page.fill("#periods-1-start", "2025-03-16")
    page.fill("#periods-1-end", "2025-03-29")
    page.fill("#periods-1-hours_per_week", "40")
    page.fill("#periods-1-days_per_week", "5")
    page.fill("#periods-1-hourly_rate", "12")
    page.check('input[name="wage_notice_given"][value="yes"]')
    page.check('input[name="wage_statements_given"][value="yes"]')
    page.get_by_role("button", name="Save and calculate").click()
    page.wait_for_url("**/wages/result")
    sign_out(page)

    assign(live_server, case_id, advocate_email)

    # The advocate finds it by phone number (posted, never in the URL).
    browser_login(page, live_server, advocate_email, password)
    page.goto(f"{live_server.url}/cases/")
    page.fill("#phone", "555.201.7788")
    page.get_by_role("button", name="Search cases").click()
    page.wait_for_url("**/cases/?search=1")
    assert "7788" not in page.url
    page.get_by_role("link", name=re.compile(r"^CW-\d{4}-\d{5}$")).click()
    page.wait_for_url(f"**/cases/{case_id}")

    # Adds a note.
    page.fill("#body", "Called the worker; meeting on Tuesday with pay records.")
    page.get_by_role("button", name="Add a note").click()
    page.wait_for_load_state()
    note = page.get_by_text("Called the worker; meeting on Tuesday with pay records.")
    assert note.first.is_visible()

    # A note that discloses immigration status is refused, with the typed text kept.
    text = "She told me she is undocumented and worried about the hearing."
    page.fill("#body", text)
    page.get_by_role("button", name="Add a note").click()
    page.wait_for_load_state()
    assert page.get_by_text("never records immigration status").first.is_visible()
    assert page.locator("#body").input_value() == text

    # Changes the status, on its own page.
    page.get_by_role("link", name="Change status").click()
    page.select_option("#status", "demand_sent")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_url(f"**/cases/{case_id}")
    assert page.locator(".page-header .badge").first.inner_text() == "Demand sent"
    assert page.get_by_text("changed the status from Open to Demand sent").is_visible()
