"""Only a bearer token opens the API: a session cookie does not, CSRF does not apply,
and the API never sets a cookie."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from casework import create_app
from casework.extensions import db
from casework.models import Note
from tests.api.conftest import bearer
from tests.security.conftest import sign_in


def _notes(case) -> int:
    return db.session.scalar(select(func.count()).where(Note.case_id == case.id))


def test_a_signed_in_browser_gets_nothing_from_the_api(client, seed):
    sign_in(client, seed.users["supervisor"])
    assert client.get(f"/cases/{seed.case.id}").status_code == 200  # the page opens
    for method, path in (
        ("GET", "/api/v1/cases"),
        ("GET", f"/api/v1/cases/{seed.case.id}/workers"),
        ("POST", f"/api/v1/cases/{seed.case.id}/notes"),
    ):
        response = client.open(path, method=method, json={"body": "from a cookie"})
        assert response.status_code == 401, path
        assert response.mimetype == "application/problem+json"
        assert seed.worker.name not in response.get_data(as_text=True)
        assert "Set-Cookie" not in response.headers
    assert _notes(seed.case) == 1


def test_csrf_does_not_apply_to_the_api_and_still_guards_the_pages(
    app, client, seed, token_for, monkeypatch
):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    token = token_for(seed.users["advocate_on"])
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/notes", json={"body": "Called back"}, headers=bearer(token)
    )
    assert response.status_code == 201
    assert response.json["body"] == "Called back"
    assert "Set-Cookie" not in response.headers
    sign_in(client, seed.users["advocate_on"])
    page = client.post(f"/cases/{seed.case.id}/notes", data={"body": "No token"})
    assert page.status_code == 303  # the expired-form message, nothing saved
    assert _notes(seed.case) == 2


def test_the_description_and_its_page_need_no_token(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    assert spec.json["openapi"] == "3.1.0"
    assert spec.json["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "POST /api/v1/cases/{case_id}/judgments/{judgment_id}/payments" in text
    assert "https://" not in text.replace("https://github", "")  # nothing from elsewhere


def test_unknown_addresses_and_methods_answer_problems(client, seed, token_for):
    token = token_for(seed.users["advocate_on"])
    missing = client.get("/api/v1/nothing-here", headers=bearer(token))
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    wrong = client.delete(f"/api/v1/cases/{seed.case.id}", headers=bearer(token))
    assert wrong.status_code == 405 and wrong.mimetype == "application/problem+json"


def test_a_rate_limit_that_is_not_a_rate_stops_the_start():
    with pytest.raises(SystemExit, match="CASEWORK_API_RATE_LIMIT"):
        create_app("testing", SQLALCHEMY_DATABASE_URI="sqlite://", CASEWORK_API_RATE_LIMIT="lots")
