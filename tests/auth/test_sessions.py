"""Sessions: idle and absolute timeouts, and every session ending on password change or
deactivation."""

from __future__ import annotations

import time

import pytest

from tests.conftest import login
from tests.factories import PASSWORD

NEW_PASSWORD = "a brand new passphrase for the winter"
PAGE = "/account/password"  # any page behind sign-in


def set_clock(client, *, started_ago: int, seen_ago: int) -> None:
    now = int(time.time())
    with client.session_transaction() as session:
        session["_started"] = now - started_ago
        session["_seen"] = now - seen_ago


@pytest.mark.parametrize(
    ("started_ago", "seen_ago", "open_"),
    [
        (60, 29 * 60, True),  # idle 29 minutes: still signed in
        (60, 31 * 60, False),  # idle 31 minutes: ended
        (8 * 3600 - 60, 10, True),  # active for 7 h 59 min
        (8 * 3600 + 60, 10, False),  # 8 hours in all, however active
    ],
)
def test_idle_and_absolute_timeouts(login_as, make, started_ago, seen_ago, open_):
    client = login_as(make.user("advocate"))
    set_clock(client, started_ago=started_ago, seen_ago=seen_ago)
    response = client.get(PAGE)
    if open_:
        assert response.status_code == 200
        return
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")
    followed = client.get("/login")
    assert b"Your session ended. Please sign in again." in followed.data
    with client.session_transaction() as session:
        assert "_user_id" not in session
    assert client.get(PAGE).status_code == 302


def test_activity_moves_the_idle_clock(login_as, make):
    client = login_as(make.user("advocate"))
    set_clock(client, started_ago=3600, seen_ago=20 * 60)
    assert client.get(PAGE).status_code == 200
    with client.session_transaction() as session:
        assert int(time.time()) - session["_seen"] < 5


def test_password_change_ends_every_other_session(app, make, db_session):
    user = make.user("advocate")
    db_session.commit()
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user)
    login(elsewhere, user)
    assert elsewhere.get(PAGE).status_code == 200

    response = here.post(
        PAGE,
        data={
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert here.get(PAGE).status_code == 200  # this session carries on
    gone = elsewhere.get(PAGE)
    assert gone.status_code == 302 and gone.headers["Location"].endswith("/login")

    # The new password signs in; the old one does not.
    fresh = app.test_client()
    old = fresh.post("/login", data={"email": user.email, "password": PASSWORD})
    assert b"do not match" in old.data
    new = fresh.post("/login", data={"email": user.email, "password": NEW_PASSWORD})
    assert new.status_code == 302 and new.headers["Location"].endswith("/cases/")


def test_password_change_needs_the_current_password_and_a_good_new_one(login_as, make):
    user = make.user("advocate")
    client = login_as(user)
    epoch = user.session_epoch
    wrong = client.post(
        PAGE,
        data={"current_password": "nope", "new_password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert b"That is not your current password." in wrong.data
    short = client.post(
        PAGE, data={"current_password": PASSWORD, "new_password": "short", "confirm": "short"}
    )
    assert b"Use at least 15 characters." in short.data
    assert user.session_epoch == epoch
    assert client.get(PAGE).status_code == 200


def test_deactivation_ends_the_users_sessions(app, make, db_session):
    admin = make.user("admin")
    advocate = make.user("advocate")
    db_session.commit()
    theirs, admins = app.test_client(), app.test_client()
    login(theirs, advocate)
    login(admins, admin)
    assert theirs.get(PAGE).status_code == 200

    saved = admins.post(
        f"/admin/users/{advocate.id}",
        data={"role": "advocate"},  # "active" left unticked
    )
    assert saved.status_code == 302
    assert advocate.active is False
    gone = theirs.get(PAGE)
    assert gone.status_code == 302 and gone.headers["Location"].endswith("/login")
    again = app.test_client().post("/login", data={"email": advocate.email, "password": PASSWORD})
    assert b"do not match" in again.data


def test_role_change_ends_the_users_sessions(app, make, db_session):
    admin = make.user("admin")
    advocate = make.user("advocate")
    db_session.commit()
    theirs, admins = app.test_client(), app.test_client()
    login(theirs, advocate)
    login(admins, admin)
    admins.post(f"/admin/users/{advocate.id}", data={"role": "intake", "active": "y"})
    assert advocate.role == "intake"
    assert theirs.get(PAGE).status_code == 302


def test_sign_out_ends_the_session(login_as, make):
    client = login_as(make.user("advocate"))
    response = client.post("/logout")
    assert response.status_code == 302
    assert b"You are signed out." in client.get("/login").data
    assert client.get(PAGE).status_code == 302
