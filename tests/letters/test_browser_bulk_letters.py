"""In Chromium: an advocate selects cases on the caseload and makes their letters at once."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser


def seed_cases(live_server, advocate_email: str) -> list[str]:
    from casework.auth import service as accounts
    from casework.extensions import db
    from tests.factories import Factories

    with live_server.app.app_context():
        make = Factories(live_server.app)
        advocate = accounts.find_user(advocate_email)
        cases = [
            make.case(
                assigned_to=advocate,
                reference=f"CW-BULK-000{i}",
                workers=[make.worker(name=f"Bulk Worker{i}")],
            )
            for i in range(1, 4)
        ]
        references = [case.reference for case in cases]
        db.session.commit()
        db.session.remove()
    return references


def test_advocate_selects_cases_and_makes_their_letters(live_server, page):
    advocate_email, password = create_user(live_server, "advocate")
    first, second, third = seed_cases(live_server, advocate_email)

    browser_login(page, live_server, advocate_email, password)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cases").click()
    # The script shows "Select all on this page"; it ticks every case, then one is cleared.
    page.get_by_label("Select all on this page").check()
    for reference in (first, second, third):
        expect(page.get_by_label(f"Select {reference}")).to_be_checked()
    page.get_by_label(f"Select {third}").uncheck()
    page.select_option("#bulk-kind", "worker_case_opened")
    page.get_by_role("button", name="Make the letters for the selected cases").click()
    page.wait_for_url(re.compile(r"/letters/bulk/[0-9a-f-]{36}$"))

    expect(page.get_by_role("heading", level=1)).to_have_text("Letters for many cases")
    expect(page.get_by_test_id("bulk-progress")).to_contain_text("2 of 2 cases done")
    expect(page.get_by_text("2 letters awaiting approval")).to_be_visible()
    table = page.get_by_role("table", name="Cases in this run")
    expect(table).to_contain_text(first)
    expect(table).to_contain_text(second)
    expect(table).not_to_contain_text(third)

    # Each case's letter opens as a draft awaiting approval.
    table.get_by_role("row").filter(has_text=first).get_by_role("link", name="1 letter").click()
    expect(page.get_by_text("Draft: awaiting approval").first).to_be_visible()
