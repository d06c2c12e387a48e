"""CSRF with tokens on: a POST without a token, or with a forged one, changes nothing."""

from __future__ import annotations

import re

import pytest

from casework.crypto import passwords
from tests.factories import PASSWORD

EXPIRED = b"Your form expired or came from another page. Nothing was saved: please try again."
NEW_PASSWORD = "a brand new passphrase for the winter"


@pytest.fixture
def csrf_on(app, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)


def token_from(page) -> str:
    return (
        re.search(rb'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page.data)
        .group(1)
        .decode()
    )


def test_sign_in_without_a_token_is_refused_with_a_clear_message(client, make, csrf_on):
    user = make.user("advocate")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert EXPIRED in page.data
    with client.session_transaction() as session:
        assert "_user_id" not in session


def test_sign_in_with_the_pages_token_works(client, make, csrf_on):
    user = make.user("advocate")
    token = token_from(client.get("/login"))
    response = client.post(
        "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cases/")


@pytest.mark.parametrize("token", [None, "forged-token", "ImFiYyI.Zm9yZ2Vk.c2ln"])
def test_password_change_without_a_valid_token_changes_nothing(
    client, make, login_as, csrf_on, token
):
    user = make.user("advocate")
    login_as(user)
    before = (user.password_hash, user.session_epoch)
    data = {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    if token:
        data["csrf_token"] = token
    response = client.post(
        "/account/password", data=data, headers={"Referer": "http://localhost/account/password"}
    )
    assert response.status_code == 303
    assert response.headers["Location"] == "http://localhost/account/password"
    assert EXPIRED in client.get("/account/password").data
    assert (user.password_hash, user.session_epoch) == before
    assert passwords.verify_password(user.password_hash, PASSWORD)


def test_admin_actions_without_a_token_change_nothing(client, make, login_as, csrf_on):
    admin = make.user("admin")
    other = make.user("advocate")
    login_as(admin)
    response = client.post(f"/admin/users/{other.id}", data={"role": "supervisor"})
    assert response.status_code == 303
    assert other.role == "advocate" and other.active
    created = client.post(
        "/admin/users/new",
        data={"name": "X", "email": "x@center.test", "role": "admin", "password": NEW_PASSWORD},
    )
    assert created.status_code == 303
    from casework.auth import service

    assert service.find_user("x@center.test") is None


def test_language_switch_and_sign_out_need_the_token(client, make, login_as, csrf_on):
    user = make.user("advocate")
    login_as(user)
    assert client.post("/language", data={"language": "es"}).status_code == 303
    assert user.locale is None
    assert client.post("/logout").status_code == 303
    assert client.get("/account/password").status_code == 200  # still signed in


def test_a_foreign_referrer_is_not_followed(client, csrf_on):
    response = client.post("/login", data={}, headers={"Referer": "https://evil.example/x"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/login")
