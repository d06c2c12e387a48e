"""An account an administrator made with a temporary password: its owner sets their own first."""

from __future__ import annotations

import re

import pyotp

from casework.auth import service
from casework.crypto import passwords
from tests.conftest import login
from tests.factories import PASSWORD

TEMPORARY = "temporary passphrase from the admin desk"
OWN = "my own long passphrase nobody else knows"


def sign_in(client, email, password):
    return client.post("/login", data={"email": email, "password": password})


def test_admin_made_account_sets_its_own_password_at_first_sign_in(client, make, db_session):
    admin = make.user("admin")
    login(client, admin)
    made = client.post(
        "/admin/users/new",
        data={
            "name": "Rosa Advocate",
            "email": "rosa@center.test",
            "role": "advocate",
            "password": TEMPORARY,
        },
    )
    assert made.status_code == 302
    rosa = service.find_user("rosa@center.test")
    assert rosa.must_change_password
    client.post("/logout")

    # Password, then the second factor the account needs, then the password form.
    assert sign_in(client, rosa.email, TEMPORARY).headers["Location"].endswith("/enroll")
    page = client.get("/login/totp/enroll")
    secret = re.search(rb'data-testid="totp-secret">([A-Z2-7]+)<', page.data).group(1).decode()
    done = client.post("/login/totp/enroll", data={"code": pyotp.TOTP(secret).now()})
    assert done.headers["Location"].endswith("/account/first-password")

    form = client.get("/account/first-password")
    assert b"Choose your password" in form.data
    assert b"temporary password from your administrator" in form.data

    # Nothing else opens until it is done.
    for address in ("/cases/", "/cases/deadlines", "/account/password", "/"):
        response = client.get(address)
        assert response.status_code == 302, address
        assert response.headers["Location"].endswith("/account/first-password"), address

    # Mismatched, weak or the temporary one again: a message next to the field, nothing changes.
    mismatch = client.post(
        "/account/first-password", data={"new_password": OWN, "confirm": OWN + "x"}
    )
    assert b"The passwords do not match." in mismatch.data
    short = client.post(
        "/account/first-password", data={"new_password": "short", "confirm": "short"}
    )
    assert b"Use at least 15 characters." in short.data
    same = client.post(
        "/account/first-password", data={"new_password": TEMPORARY, "confirm": TEMPORARY}
    )
    assert b"this is the temporary one you were given" in same.data
    assert rosa.must_change_password
    assert passwords.verify_password(rosa.password_hash, TEMPORARY)

    done = client.post("/account/first-password", data={"new_password": OWN, "confirm": OWN})
    assert done.status_code == 302
    assert not rosa.must_change_password
    assert b"Your password is set." in client.get("/cases/").data

    # The temporary password no longer opens the account; the new one does.
    client.post("/logout")
    refused = sign_in(client, rosa.email, TEMPORARY)
    assert b"That email and password do not match an account." in refused.data
    assert sign_in(client, rosa.email, OWN).headers["Location"].endswith("/login/totp")


def test_accounts_with_their_own_password_are_not_asked(client, make):
    advocate = make.user("advocate")
    response = sign_in(client, advocate.email, PASSWORD)
    assert response.headers["Location"].endswith("/cases/")
    assert client.get("/account/first-password").headers["Location"].endswith("/")
