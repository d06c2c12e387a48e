"""First run in Chromium: setup address, TOTP enrolment, sign-in, Spanish, sign-out."""

from __future__ import annotations

import pytest

from tests.browser_fixtures import browser_login, totp_code

pytestmark = pytest.mark.browser

EMAIL = "admin@example.org"
PASSWORD = "a long quiet river under the old bridge"


def issue_token(live_server) -> str:
    from casework.auth import service

    with live_server.app.app_context():
        token = service.issue_setup_token()
    assert token
    return token


def test_first_run_enrol_sign_in_spanish_sign_out(live_server, page):
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    token = issue_token(live_server)

    # Without the token nobody can claim the instance.
    assert page.goto(f"{live_server.url}/setup").status == 404
    assert page.goto(f"{live_server.url}/setup?token=wrong").status == 404
    errors.clear()  # the two refusals above are logged by the browser as failed loads

    page.goto(f"{live_server.url}/setup?token={token}")
    assert page.locator("h1").inner_text() == "Create the first administrator"
    page.get_by_label("Your name").fill("Ana Admin")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_role("button", name="Create administrator account").click()
    page.wait_for_url("**/login")
    assert "Your administrator account is ready" in page.inner_text("main")

    # The address worked once.
    assert page.goto(f"{live_server.url}/setup?token={token}").status == 404
    assert len(errors) == 1 and "status of 404" in errors[0]
    errors.clear()

    # First sign-in: password, then enrolment of an authenticator.
    page.goto(f"{live_server.url}/login")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/login/totp/enroll")
    secret = page.locator("[data-testid=totp-secret]").inner_text().strip()
    assert len(secret) >= 16
    qr = page.locator("img.qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    page.get_by_label("Six-digit code").fill(totp_code(secret))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.wait_for_url("**/admin/**")
    assert page.get_by_role("button", name="Sign out").is_visible()

    # Switch to Spanish from the page header; the choice is saved for the account.
    # (Words are checked in tests/app/test_i18n.py; here, the page's language and switch.)
    page.get_by_role("button", name="Español").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator(".lang-switch button[value=en]").is_visible()
    assert page.locator(".lang-switch button[value=es]").count() == 0

    # Sign out: back at the sign-in page, still in Spanish, and the admin pages are closed.
    page.locator("form[action$='/logout'] button[type=submit]").click()
    page.wait_for_url("**/login")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("form[action$='/logout']").count() == 0
    page.goto(f"{live_server.url}/admin/users")
    assert page.url.endswith("/login")

    # Signing in again asks for a code (the saved secret), not a new enrolment.
    assert browser_login(page, live_server, EMAIL, PASSWORD) == secret
    assert page.locator("html").get_attribute("lang") == "es"
    assert errors == []
