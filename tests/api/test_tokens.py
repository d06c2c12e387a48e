"""Personal API tokens: made on the account page and shown once, stored as a hash,
revoked by their owner or an admin, refused once expired or revoked, scoped."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from sqlalchemy import select

from casework.extensions import db
from casework.models import ApiToken, AuditEvent
from casework.models.base import utcnow
from tests.api.conftest import bearer
from tests.security.conftest import sign_in

TOKEN_RE = re.compile(r'<code class="token" id="new-token">(cw_[A-Za-z0-9_-]+)</code>')


def _make_on_page(client, user, scopes="read", days="30", name="Mail house"):
    sign_in(client, user)
    page = client.post("/account/tokens", data={"name": name, "scopes": scopes, "days": days})
    assert page.status_code == 201
    return TOKEN_RE.search(page.get_data(as_text=True)).group(1), page


def _events(action):
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_a_token_is_shown_once_and_stored_only_as_its_hash(client, seed):
    user = seed.users["advocate_on"]
    token, page = _make_on_page(client, user, scopes="write", days="90")
    row = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.name == "Mail house")
    ).one()
    assert row.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert row.scopes == "read write"
    assert timedelta(days=89) < row.expires_at - utcnow() <= timedelta(days=90)
    # No column of the row holds the token itself.
    assert token not in repr([getattr(row, c.key) for c in ApiToken.__table__.columns])
    # The list afterwards names the token but never shows it again.
    again = client.get("/account/tokens").get_data(as_text=True)
    assert "Mail house" in again and token not in again
    assert [e.object_id for e in _events("api_token.create")][-1] == str(row.id)
    # It opens the API as its user, and its use is noted.
    response = client.get("/api/v1/cases", headers=bearer(token))
    assert response.status_code == 200
    assert str(seed.case.id) in response.get_data(as_text=True)
    db.session.refresh(row)
    assert row.last_used_at is not None


def test_revoked_tokens_stop_at_once(client, seed):
    user = seed.users["supervisor"]
    token, _page = _make_on_page(client, user)
    row = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)).one()
    assert client.get("/api/v1/cases", headers=bearer(token)).status_code == 200
    sign_in(client, user)
    assert client.post(f"/account/tokens/{row.id}/revoke").status_code == 303
    response = client.get("/api/v1/cases", headers=bearer(token))
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == 401
    assert "revoked" in response.json["detail"]
    assert _events("api_token.revoke")[-1].object_id == str(row.id)


def test_nobody_revokes_another_persons_token_but_an_admin(client, seed, token_for):
    token = token_for(seed.users["advocate_on"])
    row = db.session.scalars(
        select(ApiToken).where(ApiToken.token_hash == hashlib.sha256(token.encode()).hexdigest())
    ).one()
    sign_in(client, seed.users["supervisor"])
    assert client.post(f"/account/tokens/{row.id}/revoke").status_code == 404
    assert client.get("/api/v1/cases", headers=bearer(token)).status_code == 200
    sign_in(client, seed.users["admin"])
    listing = client.get("/admin/tokens").get_data(as_text=True)
    assert seed.users["advocate_on"].name in listing and token not in listing
    assert client.post(f"/admin/tokens/{row.id}/revoke").status_code == 303
    assert client.get("/api/v1/cases", headers=bearer(token)).status_code == 401
    event = _events("api_token.revoke")[-1]
    assert event.user_id == seed.users["admin"].id


def test_admins_make_no_tokens(client, seed):
    sign_in(client, seed.users["admin"])
    page = client.post("/account/tokens", data={"name": "x", "scopes": "read", "days": "30"})
    assert page.status_code == 422
    assert db.session.scalars(select(ApiToken).where(ApiToken.name == "x")).first() is None


def test_a_form_with_a_bad_expiry_saves_nothing(client, seed):
    sign_in(client, seed.users["advocate_on"])
    page = client.post("/account/tokens", data={"name": "odd", "scopes": "read", "days": "3"})
    assert page.status_code == 422
    assert "Not a valid choice" in page.get_data(as_text=True)
    assert db.session.scalars(select(ApiToken).where(ApiToken.name == "odd")).first() is None


def test_expired_tokens_are_refused(client, seed, token_for):
    token = token_for(seed.users["advocate_on"])
    row = db.session.scalars(
        select(ApiToken).where(ApiToken.token_hash == hashlib.sha256(token.encode()).hexdigest())
    ).one()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    response = client.get("/api/v1/cases", headers=bearer(token))
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_deactivated_persons_token_is_refused(client, seed, token_for):
    user = seed.users["advocate_on"]
    token = token_for(user)
    user.active = False
    db.session.commit()
    assert client.get("/api/v1/cases", headers=bearer(token)).status_code == 401


def test_a_read_token_cannot_write(client, seed, token_for):
    token = token_for(seed.users["advocate_on"], write=False)
    before = len(seed.case.notes)
    response = client.post(
        f"/api/v1/cases/{seed.case.id}/notes", json={"body": "Called"}, headers=bearer(token)
    )
    assert response.status_code == 403
    assert response.json["type"].endswith("#problem-insufficient-scope")
    db.session.expire_all()
    assert len(seed.case.notes) == before
    # and reads
    assert client.get(f"/api/v1/cases/{seed.case.id}", headers=bearer(token)).status_code == 200


def test_made_up_and_malformed_tokens_are_refused(client, seed):
    for header in (
        "Bearer cw_notatoken",
        "Bearer ",
        "Basic dXNlcjpwYXNz",
        "cw_x",
        "Bearer " + "a" * 500,
    ):
        response = client.get("/api/v1/cases", headers={"Authorization": header})
        assert response.status_code == 401, header
        assert response.mimetype == "application/problem+json"


def test_each_token_has_its_own_rate_limit(app, client, seed, token_for, monkeypatch):
    monkeypatch.setitem(app.config, "CASEWORK_API_RATE_LIMIT", "3/minute")
    first, second = token_for(seed.users["advocate_on"]), token_for(seed.users["advocate_on"])
    answers = [client.get("/api/v1/cases", headers=bearer(first)).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    refused = client.get("/api/v1/cases", headers=bearer(first))
    assert refused.json["status"] == 429 and int(refused.headers["Retry-After"]) > 0
    assert client.get("/api/v1/cases", headers=bearer(second)).status_code == 200
