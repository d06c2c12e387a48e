"""The security headers on every route in the URL map, on 404 and 500 pages, and cookies."""

from __future__ import annotations

import uuid

import pytest
from werkzeug.routing import Rule

from casework.security import CSP

DESIGN_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
REQUIRED = {
    "Content-Security-Policy": DESIGN_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


def dummy_path(app, rule: Rule) -> str:
    values = {}
    for argument in rule.arguments:
        values[argument] = "css/casework.css" if argument == "filename" else str(uuid.uuid4())
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, values)


def every_path(app) -> list[tuple[str, str]]:
    return sorted((rule.endpoint, dummy_path(app, rule)) for rule in app.url_map.iter_rules())


def header_problems(response, path: str) -> list[str]:
    found = []
    for name, value in REQUIRED.items():
        if response.headers.get(name) != value:
            found.append(f"{path} [{response.status_code}]: {name}={response.headers.get(name)!r}")
    cacheable = path.startswith("/static/") and response.status_code < 400
    if not cacheable and response.headers.get("Cache-Control") != "no-store":
        found.append(f"{path} [{response.status_code}]: Cache-Control not no-store")
    return found


def test_the_csp_is_the_designs():
    assert CSP == DESIGN_CSP


@pytest.mark.parametrize("who", ["anonymous", "intake", "advocate", "supervisor", "admin"])
def test_every_route_sends_the_headers_and_never_a_server_error(app, client, make, login_as, who):
    """GET every rule with made-up ids: headers always; a 4xx or a redirect, never a 500."""
    if who != "anonymous":
        login_as(make.user(who))
    paths = every_path(app)
    assert len(paths) > 20
    problems, errors = [], []
    for endpoint, path in paths:
        response = client.get(path)
        problems += header_problems(response, path)
        if response.status_code >= 500:
            errors.append(f"{endpoint} {path}: {response.status_code}")
    assert problems == []
    assert errors == []


def test_post_routes_refuse_a_get_with_headers(client, login_as, make):
    login_as(make.user("supervisor"))
    response = client.get("/logout")
    assert response.status_code == 405
    assert header_problems(response, "/logout") == []


def test_404_page_has_headers_and_no_details(client, login_as, make):
    for response in (client.get("/no/such/page"), client.get("/static/nothing-here.css")):
        assert response.status_code == 404
        assert response.headers["Content-Security-Policy"] == DESIGN_CSP
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Cache-Control"] == "no-store"
    assert client.get("/static/css/casework.css").headers.get("Cache-Control") != "no-store"
    login_as(make.user("advocate"))
    page = client.get("/no/such/page")
    assert page.status_code == 404
    assert header_problems(page, "/no/such/page") == []
    assert b"Page not found" in page.data


@pytest.fixture
def failing_app(app, monkeypatch):
    """A fresh app with a public route that raises, as an unexpected bug would."""
    from casework import create_app
    from casework.auth import session as auth_session
    from casework.crypto import columns

    fresh = create_app("testing", PROPAGATE_EXCEPTIONS=False)

    @fresh.get("/boom")
    def boom():
        raise RuntimeError("secret internal detail 4242")

    monkeypatch.setattr(auth_session, "PUBLIC_ENDPOINTS", auth_session.PUBLIC_ENDPOINTS | {"boom"})
    yield fresh
    columns.install_keystore(app.extensions["casework_keystore"])


def test_500_page_has_headers_and_no_traceback(failing_app, caplog):
    response = failing_app.test_client().get("/boom")
    assert response.status_code == 500
    assert header_problems(response, "/boom") == []
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body
    assert "Traceback" not in body and "4242" not in body and "RuntimeError" not in body
    assert any("unhandled error" in record.getMessage() for record in caplog.records)


def test_session_cookie_is_httponly_and_lax(client, make):
    from tests.factories import PASSWORD

    user = make.user("advocate")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("casework_session=")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # development and tests run over plain HTTP on loopback


def test_static_answers_of_every_kind_carry_the_headers(client):
    """Found, not modified, missing, outside static/, wrong method, bad range: the headers
    on each, and only a file that was found may be kept by a browser's cache."""
    found = client.get("/static/css/casework.css")
    assert found.status_code == 200
    assert header_problems(found, "/static/css/casework.css") == []
    again = client.get("/static/css/casework.css", headers={"If-None-Match": found.headers["ETag"]})
    assert again.status_code == 304
    assert header_problems(again, "/static/css/casework.css") == []
    errors = {
        "missing": client.get("/static/js/nothing-here.js"),
        "outside": client.get("/static/../config.py"),
        "method": client.post("/static/css/casework.css"),
        "range": client.get("/static/css/casework.css", headers={"Range": "bytes=99999999-"}),
    }
    assert {k: r.status_code for k, r in errors.items()} == {
        "missing": 404,
        "outside": 404,
        "method": 405,
        "range": 416,
    }
    for kind, response in errors.items():
        assert header_problems(response, "/static/x") == [], kind
        assert response.headers["Cache-Control"] == "no-store", kind
