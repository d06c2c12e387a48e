"""In a real browser: an advocate records a judgment, two payments and a disbursement."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser


def _setup_case(live_server, email):
    from casework.auth import service as auth
    from casework.extensions import db
    from tests.factories import Factories

    with live_server.app.app_context():
        make = Factories(live_server.app)
        advocate = auth.find_user(email)
        case = make.case(assigned_to=advocate, status="judgment", jurisdiction="CA")
        db.session.commit()
        case_id = str(case.id)
        db.session.remove()
    return case_id


def test_advocate_collects_a_judgment(live_server, page):
    email, password = create_user(live_server, "advocate")
    case_id = _setup_case(live_server, email)
    browser_login(page, live_server, email, password)

    # E05 (CCP 685.010, 695.220): 10,000.00 at 10% simple, payments on day 145 and day 360.
    # Day 145: interest 10,000 x 0.10 x 145/365 = 397.26; 2,000 pays 397.26 interest
    #   and 1,602.74 principal, leaving 8,397.26.
    # Day 360: interest 8,397.26 x 0.10 x 215/365 = 494.63; 750 pays 494.63 interest
    #   and 255.37 principal, leaving 8,141.89 due, nothing unpaid in interest.
    entered = date.today() - timedelta(days=400)
    page.goto(f"{live_server.url}/cases/{case_id}/judgments/new")
    page.select_option("select[name=forum]", "court")
    page.fill("input[name=entered_on]", entered.isoformat())
    page.fill("input[name=principal]", "10000.00")
    page.fill("input[name=docket_number]", "Case No. 24-000123")
    page.click("button:has-text('Save judgment')")
    page.wait_for_load_state()
    assert "/judgments/" in page.url and page.locator("h1").count() == 1
    judgment_url = page.url.split("?")[0]

    for day, amount in ((145, "2000.00"), (360, "750.00")):
        page.click("a:has-text('Record a payment')")
        page.fill("input[name='rows-0-received_on']", (entered + timedelta(days=day)).isoformat())
        page.fill("input[name='rows-0-amount']", amount)
        page.select_option("select[name='rows-0-source']", "employer")
        page.click("button:has-text('Record payments')")
        page.wait_for_load_state()
        assert page.url.split("?")[0] == judgment_url

    page.goto(f"{judgment_url}?as_of={(entered + timedelta(days=360)).isoformat()}")
    assert page.locator("[data-testid=principal-remaining]").inner_text() == "$8,141.89"
    assert page.locator("[data-testid=total-due]").inner_text() == "$8,141.89"
    rows = page.locator("#payments tbody tr")
    assert rows.count() == 2
    assert "$397.26" in rows.nth(0).inner_text() and "$1,602.74" in rows.nth(0).inner_text()
    assert "$494.63" in rows.nth(1).inner_text() and "$255.37" in rows.nth(1).inner_text()

    page.goto(judgment_url)
    page.click("a:has-text('Pass money on to a worker')")
    page.fill("input[name=amount]", "1000.00")
    page.fill("input[name=reference]", "1042")
    page.click("button:has-text('Record disbursement')")
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "$2,750.00" in text and "$1,000.00" in text and "$1,750.00" in text
