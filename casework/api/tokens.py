"""Personal API tokens: made, listed, revoked, and checked at every API request.

A token is ``cw_`` and 43 random URL-safe characters (256 bits). Only its SHA-256 is
stored; the token itself is returned once, by ``create_token``, to be shown once.
Services flush, never commit; every creation and revocation is in the audit log.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from casework import audit
from casework.extensions import db
from casework.models.api_token import SCOPES, ApiToken
from casework.models.base import utcnow
from casework.models.user import User
from casework.refusals import Refused

PREFIX = "cw_"
#: Expiry choices offered on the account page, in days.
EXPIRY_DAYS = (7, 30, 90, 365)
#: Roles that may hold a token (admins manage accounts, not cases: no API use).
TOKEN_ROLES = frozenset({"intake", "advocate", "supervisor"})
#: How often last_used_at is rewritten for a token in steady use.
LAST_USED_EVERY = timedelta(minutes=1)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True)
class NewToken:
    """A token just made: the row, and the token itself, which is never shown again."""

    row: ApiToken
    token: str


def create_token(user: User, name: str, scopes: list[str] | tuple[str, ...], days: int) -> NewToken:
    """Make a token for the user; Refused on a missing name, scope or expiry."""
    name = (name or "").strip()
    if not name:
        raise Refused("name", "required")
    if len(name) > 80:
        raise Refused("name", "too_long", max=80)
    if user.role not in TOKEN_ROLES:
        raise Refused("name", "role_has_no_api")
    wanted = set(scopes or ())
    if not wanted or not wanted <= set(SCOPES):
        raise Refused("scopes", "invalid")
    if "write" in wanted:
        wanted.add("read")
    if days not in EXPIRY_DAYS:
        raise Refused("days", "invalid")
    token = PREFIX + secrets.token_urlsafe(32)
    row = ApiToken(
        user_id=user.id,
        name=name,
        scopes=" ".join(s for s in SCOPES if s in wanted),
        token_hash=hash_token(token),
        created_at=utcnow(),
        expires_at=utcnow() + timedelta(days=days),
    )
    row.user = user
    db.session.add(row)
    db.session.flush()
    audit.record("api_token.create", row, detail=row.scopes, user_id=user.id)
    return NewToken(row=row, token=token)


def revoke_token(row: ApiToken, by: User) -> bool:
    """Revoke a token (its owner, or an admin); False when it was revoked already."""
    if row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    row.revoked_by_id = by.id
    db.session.flush()
    audit.record("api_token.revoke", row, user_id=by.id)
    return True


def tokens_of(user: User) -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.created_at.desc())
        )
    )


def all_tokens() -> list[ApiToken]:
    return list(
        db.session.scalars(
            select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc())
        )
    )


def token_by_id(token_id: str | uuid.UUID) -> ApiToken | None:
    try:
        key = token_id if isinstance(token_id, uuid.UUID) else uuid.UUID(str(token_id))
    except ValueError:
        return None
    return db.session.get(ApiToken, key)


def authenticate(token: str, now: datetime | None = None) -> ApiToken | None:
    """The usable token with this value, with its last use noted; None otherwise."""
    if not token.startswith(PREFIX) or len(token) > 128:
        return None
    row = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    now = now or utcnow()
    if row is None or not row.is_usable(now) or row.user.role not in TOKEN_ROLES:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_EVERY:
        row.last_used_at = now
    return row
