"""An intake completed with the keyboard alone: Tab to move, typing, Space and Enter."""

from __future__ import annotations

import re

import pytest

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def tab_to(page, selector: str, limit: int = 150) -> None:
    """Press Tab until the element matching ``selector`` has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            # Focus is visible where it lands: an outline or a box shadow.
            style = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }"
            )
            assert style[0] != "none" or style[2] != "none", (selector, style)
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_intake_without_the_mouse(live_server, page):
    email, password = create_user(live_server, "intake")
    browser_login(page, live_server, email, password)

    tab_to(page, "a[href$='/cases/new']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/new")

    tab_to(page, "#case_type")
    page.keyboard.type("Wage")  # a focused list box selects by typing
    assert page.eval_on_selector("#case_type", "e => e.value") == "wage_theft"
    tab_to(page, "#workers-0-name")
    page.keyboard.type("Keyboard Only Worker")
    tab_to(page, "#workers-0-phone")
    page.keyboard.type("(555) 201-4433")
    tab_to(page, "#employers-0-business_name")
    page.keyboard.type("Keyboard Bakery LLC")
    tab_to(page, "#first_day_worked")
    page.keyboard.type("03022025")  # a date field takes the digits in the locale's order
    tab_to(page, "#last_day_worked")
    page.keyboard.type("03292025")
    tab_to(page, "#narrative")
    page.keyboard.type("Worked six days a week, paid cash, no overtime.")
    tab_to(page, "main form button[type=submit]")
    assert page.evaluate("() => document.activeElement.textContent").strip() == "Save intake"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/cases/{UUID}$"))
    assert page.get_by_role("heading", level=1).inner_text().endswith("Keyboard Only Worker")
    assert "2025" in page.content()
