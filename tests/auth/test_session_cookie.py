"""Nothing identifying in the session cookie: search terms and the enrolment secret stay
server side, encrypted, keyed by a random id, bound to the user, shredded on sign-out.

The cookie is decoded the way anyone holding it could (the app's own session
serializer), and read raw; neither holds a name, a phone or a secret.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pyotp
from sqlalchemy import func, select, text

from casework.extensions import db
from casework.models.base import utcnow
from casework.models.keys import DataKey
from casework.models.session_data import SessionData
from casework.services import session_store
from tests.auth.test_login import sign_in, signed_in
from tests.conftest import login

NAME = "Rosa Fictitia"
PHONE = "(555) 201-7788"


def _cookie(app, client) -> tuple[str, str]:
    """The session cookie as sent (raw) and as anyone can decode it (JSON)."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    assert cookie is not None
    serializer = app.session_interface.get_signing_serializer(app)
    decoded = serializer.loads(cookie.value)
    return cookie.value, json.dumps(decoded, default=str)


def _absent(app, client, *needles: str) -> dict:
    raw, decoded = _cookie(app, client)
    for needle in needles:
        for form in {needle, needle.lower(), needle.upper()}:
            assert form not in raw and form not in decoded, needle
    return json.loads(decoded)


def _rows(user) -> list[SessionData]:
    return list(db.session.scalars(select(SessionData).where(SessionData.user_id == user.id)))


def test_a_search_by_name_and_phone_keeps_the_terms_out_of_the_cookie_across_pages(
    app, make, login_as
):
    advocate = make.user("advocate")
    worker = make.worker(name=NAME, phone=PHONE)
    employer = make.employer()
    cases = [make.case(workers=[worker], employers=[employer], assigned_to=advocate)]
    cases += [make.case(workers=[worker], employers=[employer]) for _ in range(50)]
    other = make.case(assigned_to=advocate)
    supervisor = make.user("supervisor")
    client = login_as(supervisor)

    response = client.post("/cases/search", data={"worker_name": "rosa", "phone": "555.201.7788"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/cases/?search=1")
    kept = _absent(app, client, "rosa", "Fictitia", "7788", "2017788", "5552017788")
    assert set(kept) >= {"search_id"}

    first = client.get("/cases/?search=1").get_data(as_text=True)
    assert "51 cases" in first and "Page 1 of 2" in first
    assert other.reference not in first
    assert 'value="rosa"' in first  # the form shows the terms, read from the server
    second = client.get("/cases/?search=1&page=2").get_data(as_text=True)
    assert "51 cases" in second and "Page 2 of 2" in second
    assert other.reference not in second

    # Coming back from a case, the caseload still holds the search.
    assert client.get(f"/cases/{cases[0].id}").status_code == 200
    back = client.get("/cases/?search=1").get_data(as_text=True)
    assert "51 cases" in back and other.reference not in back
    _absent(app, client, "rosa", "Fictitia", "7788", "2017788")

    # The row holds ciphertext only: SQL over its table finds neither term.
    (row,) = _rows(supervisor)
    raw = db.session.execute(text("SELECT payload FROM session_data")).scalars().all()
    assert len(raw) == 1
    assert b"rosa" not in bytes(raw[0]).lower() and b"7788" not in bytes(raw[0])
    # It expires when the session does (signed in just now, for 8 hours).
    lifetime = row.expires_at - row.created_at
    absolute = app.config["CASEWORK_ABSOLUTE_TIMEOUT"]
    assert absolute - timedelta(minutes=5) < lifetime <= absolute

    # A new search replaces the old row; clearing shreds it with its key.
    client.post("/cases/search", data={"phone": PHONE})
    (newer,) = _rows(supervisor)
    assert newer.id != row.id and db.session.get(DataKey, row.id) is None
    client.post("/cases/search", data={"clear": "1"})
    assert _rows(supervisor) == []
    assert db.session.get(DataKey, newer.id) is None
    assert "52 cases" in client.get("/cases/?search=1").get_data(as_text=True)


def test_kept_search_is_bound_to_its_user_and_shredded_on_sign_out(app, make, login_as):
    advocate = make.user("advocate")
    worker = make.worker(name=NAME, phone=PHONE)
    mine = make.case(workers=[worker], assigned_to=advocate)
    other = make.case(assigned_to=advocate)
    client = login_as(advocate)
    client.post("/cases/search", data={"worker_name": NAME})
    with client.session_transaction() as session:
        search_id = session["search_id"]
    assert other.reference not in client.get("/cases/?search=1").get_data(as_text=True)

    # Another user's session carrying the same id gets no search: it sees every case.
    colleague = make.user("supervisor")
    thief = app.test_client()
    login(thief, colleague)
    with thief.session_transaction() as session:
        session["search_id"] = search_id
    assert session_store.get(db.session, search_id, colleague.id, "search") is None
    page = thief.get("/cases/?search=1").get_data(as_text=True)
    assert "2 cases" in page and other.reference in page and mine.reference in page
    assert 'value="Rosa' not in page

    (row,) = _rows(advocate)
    client.post("/logout")
    assert _rows(advocate) == []
    assert db.session.get(DataKey, row.id) is None
    count = db.session.scalar(select(func.count()).select_from(SessionData))
    assert count == 0


def test_expired_rows_are_not_read_and_are_removed_with_their_keys(app, make):
    user = make.user("advocate")
    old = session_store.put(
        db.session,
        user.id,
        "search",
        {"worker_name": NAME},
        timedelta(hours=8),
        now=utcnow() - timedelta(hours=9),
    )
    assert session_store.get(db.session, old, user.id, "search") is None
    fresh = session_store.put(db.session, user.id, "search", {"phone": PHONE}, timedelta(hours=8))
    assert session_store.get(db.session, fresh, user.id, "search") == {"phone": PHONE}
    assert db.session.get(SessionData, old) is None
    assert db.session.get(DataKey, old) is None
    assert [r.id for r in _rows(user)] == [fresh]


def test_enrolment_secret_never_enters_the_cookie(app, client, make, db_session):
    user = make.user("advocate", totp_required=True)
    db_session.commit()  # a refused code rolls back the view's work, not the account
    assert sign_in(client, user.email).headers["Location"].endswith("/login/totp/enroll")
    page = client.get("/login/totp/enroll")
    secret = re.search(rb'data-testid="totp-secret">([A-Z2-7]+)<', page.data).group(1).decode()
    kept = _absent(app, client, secret, secret[:16], secret[-16:])
    assert "enroll_id" in kept and "enroll_secret" not in kept

    # Reloading the page, the QR code and a wrong code all keep the same secret.
    again = client.get("/login/totp/enroll")
    assert secret.encode() in again.data
    assert client.get("/login/totp/qr.svg").status_code == 200
    client.post("/login/totp/enroll", data={"code": "000000"})
    assert secret.encode() in client.get("/login/totp/enroll").data
    (row,) = _rows(user)
    raw = db.session.execute(text("SELECT payload FROM session_data")).scalars().one()
    assert secret.encode() not in bytes(raw)

    done = client.post("/login/totp/enroll", data={"code": pyotp.TOTP(secret).now()})
    assert done.status_code == 302 and signed_in(client)
    db.session.expire_all()
    assert user.totp_enrolled and user.totp_secret == secret
    assert _rows(user) == [] and db.session.get(DataKey, row.id) is None
    _absent(app, client, secret, secret[:16])


def test_a_search_late_in_the_session_expires_when_the_session_does(app, make, login_as):
    advocate = make.user("advocate")
    client = login_as(advocate)
    with client.session_transaction() as session:
        session["_started"] -= 7 * 3600 + 1800  # signed in 7.5 hours ago
    client.post("/cases/search", data={"worker_name": NAME})
    (row,) = _rows(advocate)
    left = row.expires_at - row.created_at
    assert timedelta(minutes=25) < left <= timedelta(minutes=30)


def test_signing_in_removes_expired_rows_of_anyone(app, client, make):
    gone = make.user("advocate")
    old = session_store.put(
        db.session,
        gone.id,
        "search",
        {"worker_name": NAME},
        timedelta(hours=8),
        now=utcnow() - timedelta(hours=9),
    )
    user = make.user("advocate", totp_required=False)
    assert sign_in(client, user.email).status_code == 302
    assert db.session.get(SessionData, old) is None
    assert db.session.get(DataKey, old) is None
