"""Browser-test fixtures (live server and Chromium through Playwright).

``live_server``: the app on a fresh SQLite file database (Alembic migrations applied, CSRF
on), served by Werkzeug on a free loopback port in a daemon thread; ``.url`` and ``.app``.
``page``: a Playwright page in Debian's Chromium (``/usr/bin/chromium``).
Helpers: ``create_user(live_server, role, ...)`` and ``browser_login(page, live_server, ...)``.

Without Chromium or Playwright the browser tests are skipped with the reason, unless
``CASEWORK_REQUIRE_BROWSER=1``, which turns the skip into a failure.
"""

from __future__ import annotations

import os
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CASEWORK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
DEFAULT_PASSWORD = "correct horse battery staple sunrise"

try:  # pytest-playwright provides `page`, `browser`, `context` when Playwright is installed
    import playwright.sync_api  # noqa: F401

    HAVE_PLAYWRIGHT = True
except ImportError:  # pragma: no cover - depends on the machine
    HAVE_PLAYWRIGHT = False


def _browser_missing(reason: str) -> None:
    if os.environ.get("CASEWORK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (CASEWORK_REQUIRE_BROWSER=1)", pytrace=False)
    pytest.skip(reason)


def _check_browser() -> None:
    if not HAVE_PLAYWRIGHT:
        _browser_missing("Playwright for Python is not installed")
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)) and not shutil.which(
        CHROMIUM
    ):
        _browser_missing(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")


if HAVE_PLAYWRIGHT:

    @pytest.fixture(scope="session")
    def browser_type_launch_args(browser_type_launch_args):
        """Launch Debian's Chromium, headless, without network chatter."""
        _check_browser()
        return {
            **browser_type_launch_args,
            "executable_path": CHROMIUM,
            "args": CHROMIUM_ARGS,
        }

    @pytest.fixture
    def page(page):  # noqa: F811 - wraps pytest-playwright's page
        """pytest-playwright's page, with short timeouts so a broken page fails fast."""
        page.set_default_timeout(10_000)
        page.set_default_navigation_timeout(15_000)
        return page

else:  # pragma: no cover - depends on the machine

    @pytest.fixture
    def page():
        _check_browser()


def pytest_configure(config):
    # pytest-playwright's fallback `base_url` fixture is a session fixture on an instance,
    # which this pytest deprecates; the warning is not ours and warnings are errors.
    config.addinivalue_line(
        "filterwarnings",
        "ignore:Session-scoped fixtures defined as instance methods:"
        "pytest.PytestRemovedIn10Warning",
    )


@dataclass
class LiveServer:
    url: str
    app: object
    database: Path


def _serve(app):
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    return server, thread


@pytest.fixture
def live_server(tmp_path):
    """The app on its own migrated SQLite file, CSRF on, served on a free loopback port."""
    from flask_migrate import upgrade

    from casework import create_app
    from casework.auth import service
    from casework.extensions import db

    database = tmp_path / "casework.db"
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}",
        WTF_CSRF_ENABLED=True,
        SERVER_NAME=None,
    )
    with app.app_context():
        upgrade()
        db.session.remove()
    service.reset_throttle_storage()
    server, thread = _serve(app)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{server.server_port}", app=app, database=database)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        service.reset_throttle_storage()


def create_user(
    live_server: LiveServer,
    role: str,
    email: str | None = None,
    password: str = DEFAULT_PASSWORD,
    *,
    name: str | None = None,
    totp: bool = False,
    locale: str | None = None,
) -> tuple[str, str]:
    """Create an account on the live server through the accounts service.

    ``totp=False`` relaxes the second factor where the role allows it (intake, advocate);
    supervisors and admins then enroll an authenticator at their first sign-in, which
    ``browser_login`` does. ``totp=True`` creates the account with an authenticator
    already enrolled (its secret is read back by ``browser_login``).
    """
    from casework.auth import service
    from casework.extensions import db

    email = email or f"{role}-{secrets.token_hex(4)}@example.org"
    with live_server.app.app_context():
        user = service.create_user(email, name or role.title(), role, password, locale=locale)
        if totp:
            user.totp_secret = service.new_totp_secret()
            user.totp_enrolled = True
        elif role in service.RELAXABLE_TOTP:
            service.set_totp_required(user, False)
        db.session.commit()
        db.session.remove()
    return email, password


def totp_code(secret: str, last_step: int | None = None) -> str:
    """A valid code for ``secret`` whose time step is later than ``last_step``.

    The server accepts the step before and after the current one, so when the current
    step was already used (an enrolment a moment ago) the next step's code is sent.
    """
    import pyotp

    totp = pyotp.TOTP(secret)
    now = time.time()
    for offset in (0, 1):
        moment = now + offset * totp.interval
        if last_step is None or int(moment // totp.interval) > last_step:
            return totp.at(moment)
    raise AssertionError("no unused TOTP step is accepted right now")


def _user_totp(live_server: LiveServer, email: str) -> tuple[str | None, int | None]:
    from casework.auth import service
    from casework.extensions import db

    with live_server.app.app_context():
        user = service.find_user(email)
        found = (user.totp_secret or None, user.totp_last_step) if user else (None, None)
        db.session.remove()
    return found


def browser_login(page, live_server: LiveServer, email: str, password: str = DEFAULT_PASSWORD):
    """Sign in through /login; enrolls or enters the TOTP code when the account needs one.

    Returns the authenticator secret when one was used, else None.
    """
    page.goto(f"{live_server.url}/login")
    page.fill("input[name=email]", email)
    page.fill("input[name=password]", password)
    page.click("form[action$='/login'] button[type=submit]")
    page.wait_for_load_state()
    secret = None
    if "/login/totp/enroll" in page.url:
        secret = page.locator("[data-testid=totp-secret]").inner_text().strip()
        page.fill("input[name=code]", totp_code(secret))
        page.click("form[action$='/login/totp/enroll'] button[type=submit]")
        page.wait_for_load_state()
    elif "/login/totp" in page.url:
        secret, last_step = _user_totp(live_server, email)
        assert secret, f"{email} has no authenticator enrolled"
        page.fill("input[name=code]", totp_code(secret, last_step))
        page.click("form[action$='/login/totp'] button[type=submit]")
        page.wait_for_load_state()
    assert "/login" not in page.url, f"sign-in did not finish: still at {page.url}"
    return secret
