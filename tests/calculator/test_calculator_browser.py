"""In Chromium: an advocate enters two periods for a New York City restaurant worker."""

import pytest

from tests.browser_fixtures import browser_login, create_user


def make_case(live_server, advocate_email):
    from casework.auth import service
    from casework.extensions import db
    from tests.factories import Factories

    with live_server.app.app_context():
        advocate = service.find_user(advocate_email)
        case = Factories(live_server.app).case(assigned_to=advocate, jurisdiction="NY-NYC")
        ids = (str(case.id), str(case.worker_links[0].id))
        db.session.commit()
        db.session.remove()
    return ids


def fill_period(page, index, start, end, hours, days, *, rate="", weekly="", long_days="0"):
    prefix = f"#periods-{index}-"
    page.fill(prefix + "start", start)
    page.fill(prefix + "end", end)
    page.fill(prefix + "hours_per_week", hours)
    page.fill(prefix + "days_per_week", days)
    page.fill(prefix + "hourly_rate", rate)
    page.fill(prefix + "pay_per_week", weekly)
    page.fill(prefix + "long_days_per_week", long_days)


@pytest.mark.browser
def test_advocate_enters_two_periods_and_sees_the_total(live_server, page):
    email, password = create_user(live_server, "advocate")
    case_id, worker_id = make_case(live_server, email)
    browser_login(page, live_server, email, password)
    page.goto(f"{live_server.url}/cases/{case_id}/workers/{worker_id}/wages")

    # Period 1: 2025-03-02..03-15, two weeks of 50 h over 5 days for $600 cash a week.
    # NYC minimum 2025 is $16.50: 16.50 x 50 + 0.5 x 16.50 x 10 = 907.50 a week,
    # short 307.50 a week -> 615.00.
    fill_period(page, 0, "2025-03-02", "2025-03-15", "50", "5", weekly="600")
    page.get_by_role("button", name="Add another period").click()
    # Period 2: 2025-03-16..03-29, two weeks of 40 h at $12 with 2 days over 10 hours.
    # 16.50 x 40 = 660 vs 480 paid -> 180 a week -> 360.00; spread of hours (restaurant,
    # owed whatever the pay) 2 x 16.50 = 33 a week -> 66.00.
    fill_period(page, 1, "2025-03-16", "2025-03-29", "40", "5", rate="12", long_days="2")
    page.check("#hospitality")
    page.check('input[name="wage_notice_given"][value="yes"]')
    page.check('input[name="wage_statements_given"][value="yes"]')
    page.get_by_role("button", name="Save and calculate").click()
    page.wait_for_url("**/wages/result")

    # As of 2026-03-01: wages 975.00 + spread 66.00 + NY LD 100% 1,041.00 + interest 9% on
    # 1,041 from the midpoint 2025-03-15 (351 days): 1041 x 0.09 x 351 / 365 = 90.0964 -> 90.10.
    # Total 975 + 66 + 1041 + 90.10 = 2,172.10.
    page.fill("#as_of", "2026-03-01")
    page.get_by_role("button", name="Recalculate as of this date").click()
    page.wait_for_url("**as_of=2026-03-01")
    assert page.locator("[data-total]").inner_text().strip() == "$2,172.10"
    assert page.get_by_text("Spread-of-hours pay").is_visible()
    # The real citation, never the research notes' source keys.
    assert page.get_by_text("12 NYCRR 142-2.4, 146-1.6").is_visible()
    assert "[K" not in page.content()
