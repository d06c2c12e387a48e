"""Sign-in: password only for a relaxed account, TOTP enrolment and codes, throttling."""

from __future__ import annotations

import re
import time

import pyotp
import pytest

from tests.factories import PASSWORD

WRONG = "not the password at all, sorry"
NO_MATCH = b"That email and password do not match an account."
THROTTLED = b"Too many failed attempts. Wait a minute, then try again."


def sign_in(client, email, password=PASSWORD, address="127.0.0.1"):
    return client.post(
        "/login",
        data={"email": email, "password": password},
        environ_base={"REMOTE_ADDR": address},
    )


def signed_in(client) -> bool:
    response = client.get("/account/password")
    return response.status_code == 200


def test_relaxed_account_signs_in_with_password_only(client, make):
    advocate = make.user("advocate", totp_required=False)
    with client.session_transaction() as session:
        session["planted"] = "from before sign-in"
        session["locale"] = "es"
    response = sign_in(client, advocate.email.upper())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/cases/")
    with client.session_transaction() as session:
        # The session is regenerated: nothing from before sign-in survives but the language.
        assert "planted" not in session
        assert session["locale"] == "es"
        assert session["_user_id"] == advocate.get_id()
    assert signed_in(client)


def test_wrong_password_and_unknown_email_get_the_same_message(client, make):
    advocate = make.user("advocate")
    wrong = sign_in(client, advocate.email, WRONG)
    unknown = sign_in(client, "nobody@center.test", PASSWORD)
    assert wrong.status_code == unknown.status_code == 200
    assert NO_MATCH in wrong.data and NO_MATCH in unknown.data
    assert not signed_in(client)


def test_deactivated_account_cannot_sign_in(client, make):
    gone = make.user("advocate", active=False)
    response = sign_in(client, gone.email)
    assert NO_MATCH in response.data
    assert not signed_in(client)


@pytest.mark.parametrize("role", ["intake", "advocate", "supervisor", "admin"])
def test_first_sign_in_enrols_an_authenticator_then_codes_are_needed(
    client, make, db_session, role
):
    user = make.user(role, totp_required=True)
    db_session.commit()  # a refused code rolls back the view's work, not the account
    response = sign_in(client, user.email)
    assert response.headers["Location"].endswith("/login/totp/enroll")
    assert not signed_in(client)  # the password alone opens nothing

    page = client.get("/login/totp/enroll")
    assert page.status_code == 200
    secret = re.search(rb'data-testid="totp-secret">([A-Z2-7]+)<', page.data).group(1).decode()
    qr = client.get("/login/totp/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml"
    assert b"<svg" in qr.data and b"<script" not in qr.data and b"href" not in qr.data

    wrong = client.post("/login/totp/enroll", data={"code": "000000"})
    assert b"That code is not right" in wrong.data
    code = pyotp.TOTP(secret).now()
    done = client.post("/login/totp/enroll", data={"code": code})
    assert done.status_code == 302 and "/login" not in done.headers["Location"]
    assert signed_in(client)
    assert user.totp_enrolled and user.totp_secret == secret

    # Next time: password, then a code; the code just accepted cannot be used again.
    client.post("/logout")
    assert sign_in(client, user.email).headers["Location"].endswith("/login/totp")
    reused = client.post("/login/totp", data={"code": code})
    assert reused.status_code == 200
    assert b"already used" in reused.data
    assert not signed_in(client)
    later = pyotp.TOTP(secret).at(time.time() + 30)
    accepted = client.post("/login/totp", data={"code": later})
    assert accepted.status_code == 302
    assert signed_in(client)


def test_supervisors_and_admins_always_need_the_second_factor(client, make):
    for role in ("supervisor", "admin"):
        user = make.user(role, totp_required=False)
        response = sign_in(client, user.email)
        assert response.headers["Location"].endswith("/login/totp/enroll"), role
        client.post("/logout")


def test_totp_step_without_the_password_step_goes_back_to_sign_in(client, make):
    assert client.get("/login/totp").headers["Location"].endswith("/login")
    assert client.get("/login/totp/enroll").headers["Location"].endswith("/login")
    assert client.get("/login/totp/qr.svg").status_code == 404


def test_five_failures_throttle_the_account_with_the_same_message(client, make):
    advocate = make.user("advocate")
    for attempt in range(5):
        # Each failure comes from another address: the account itself is throttled.
        response = sign_in(client, advocate.email, WRONG, address=f"10.0.0.{attempt + 1}")
        assert NO_MATCH in response.data
    refused = sign_in(client, advocate.email, PASSWORD, address="10.0.1.1")
    assert refused.status_code == 429
    assert THROTTLED in refused.data
    assert not signed_in(client)

    # An unknown address is throttled the same way, with the same words.
    for attempt in range(5):
        sign_in(client, "nobody@center.test", WRONG, address=f"10.0.2.{attempt + 1}")
    unknown = sign_in(client, "nobody@center.test", WRONG, address="10.0.3.1")
    assert unknown.status_code == 429
    assert THROTTLED in unknown.data
    assert refused.data.count(THROTTLED) == unknown.data.count(THROTTLED) == 1


def test_an_address_is_throttled_more_loosely_than_an_account(client, make, app, monkeypatch):
    """Fifty attempts a minute from one address: an office sharing one is not locked out."""
    assert app.config["CASEWORK_ADDRESS_FAILURES"] == 50
    monkeypatch.setitem(app.config, "CASEWORK_ADDRESS_FAILURES", 8)
    advocate = make.user("advocate")
    for n in range(7):
        sign_in(client, f"guess{n}@center.test", WRONG, address="10.9.9.9")
    assert sign_in(client, advocate.email, PASSWORD, address="10.9.9.9").status_code == 302
    client.post("/logout")
    refused = sign_in(client, advocate.email, PASSWORD, address="10.9.9.9")
    assert refused.status_code == 429
    assert sign_in(client, advocate.email, PASSWORD, address="10.9.9.10").status_code == 302


def test_throttle_lifts_after_the_window(client, make, app, monkeypatch):
    monkeypatch.setitem(app.config, "CASEWORK_LOGIN_WINDOW_SECONDS", 1)
    advocate = make.user("advocate")
    for _ in range(5):
        sign_in(client, advocate.email, WRONG)
    assert sign_in(client, advocate.email).status_code == 429
    time.sleep(1.1)
    assert sign_in(client, advocate.email).status_code == 302


def test_wrong_totp_codes_count_towards_the_throttle(client, make, db_session):
    user = make.user("advocate", totp_required=True)
    db_session.commit()
    sign_in(client, user.email)
    secret = re.search(
        rb'data-testid="totp-secret">([A-Z2-7]+)<', client.get("/login/totp/enroll").data
    ).group(1)
    client.post("/login/totp/enroll", data={"code": pyotp.TOTP(secret.decode()).now()})
    client.post("/logout")
    sign_in(client, user.email)
    for _ in range(5):
        assert client.post("/login/totp", data={"code": "123456"}).status_code == 200
    good = pyotp.TOTP(secret.decode()).at(time.time() + 30)
    assert client.post("/login/totp", data={"code": good}).status_code == 429
    assert not signed_in(client)
