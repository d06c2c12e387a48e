"""Server-side session data: search terms and pending secrets, encrypted, expiring.

A row is written for one user and one purpose, with a lifetime; its id is all the
session cookie holds. Reading checks the user, the purpose and the expiry. Discarding a
row deletes it and its data key, so what it held can never be read again, from the live
database or from a copy. Expired rows are removed, with their keys, whenever a row is
written.

Services flush, never commit: the caller's unit of work commits.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from casework.crypto.columns import Unreadable, keystore
from casework.models.base import utcnow
from casework.models.session_data import SessionData

PURPOSES = ("search", "enroll")


def put(
    db: Session,
    user_id: uuid.UUID,
    purpose: str,
    payload: dict,
    lifetime: timedelta,
    *,
    now: datetime | None = None,
) -> uuid.UUID:
    """Keep ``payload`` (plain JSON values) for ``user_id``; returns the new row's id."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown session data purpose {purpose!r}")
    now = now or utcnow()
    purge_expired(db, now=now)
    row = SessionData(
        user_id=user_id,
        purpose=purpose,
        payload=json.dumps(payload, ensure_ascii=False, sort_keys=True),
        created_at=now,
        expires_at=now + lifetime,
    )
    db.add(row)
    db.flush()
    return row.id


def get(
    db: Session,
    row_id: uuid.UUID | str | None,
    user_id: uuid.UUID,
    purpose: str,
    *,
    now: datetime | None = None,
) -> dict | None:
    """The payload kept under ``row_id`` for this user and purpose; None when absent,
    expired, another user's or unreadable."""
    row = _row(db, row_id)
    if row is None or row.user_id != user_id or row.purpose != purpose:
        return None
    if row.expires_at <= (now or utcnow()):
        return None
    text = row.payload
    if not text or isinstance(text, Unreadable):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def discard(db: Session, row_ids: Iterable[uuid.UUID | str | None]) -> int:
    """Delete the rows and shred their keys; returns how many rows there were."""
    store = keystore()
    found = 0
    for row_id in row_ids:
        row = _row(db, row_id)
        if row is None:
            continue
        store.shred(db, row.id)
        db.delete(row)
        found += 1
    db.flush()
    return found


def discard_for_user(db: Session, user_id: uuid.UUID) -> int:
    """Delete every row of one user (their sessions all ended)."""
    ids = list(db.scalars(select(SessionData.id).where(SessionData.user_id == user_id)))
    return discard(db, ids)


def purge_expired(db: Session, *, now: datetime | None = None) -> int:
    """Delete every expired row and its data key; returns how many rows went."""
    expired = select(SessionData.id).where(SessionData.expires_at <= (now or utcnow()))
    ids = list(db.scalars(expired))
    if not ids:
        return 0
    store = keystore()
    for row_id in ids:
        store.shred(db, row_id)
    db.flush()
    db.execute(delete(SessionData).where(SessionData.id.in_(ids)))
    return len(ids)


def _row(db: Session, row_id: uuid.UUID | str | None) -> SessionData | None:
    if row_id is None:
        return None
    try:
        key = row_id if isinstance(row_id, uuid.UUID) else uuid.UUID(str(row_id))
    except ValueError:
        return None
    return db.get(SessionData, key)
