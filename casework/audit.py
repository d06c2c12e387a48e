"""The append-only, hash-chained audit log: who did what to which record, and when.

Each event's hash is an HMAC (keyed from the master key ring's index key) over its
fields and the previous event's hash, so an edited, deleted or reordered event
breaks the chain at that point. Events never hold decrypted content.

Cutting events off the end, and moving the head row to match, leaves a shorter chain
that is still internally consistent; anchors catch that. An anchor is the chain's
length and head hash at some moment (``<length>:<hash>``), kept where the database's
holder cannot rewrite it: every backup's manifest records one, and the server log
prints one a day. ``verify(anchors=...)`` checks that the chain still contains each.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import re
import uuid
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import has_request_context
from flask_login import current_user
from sqlalchemy import select, update

from casework.extensions import db
from casework.keys import keystore
from casework.models.audit import AuditEvent, AuditHead
from casework.models.base import utcnow

GENESIS = "0" * 64


def _key() -> bytes:
    return _derive_key(keystore().ring.index_key)


@functools.lru_cache(maxsize=4)
def _derive_key(index_key: bytes) -> bytes:
    # Derived once per index key, not on every event appended (every case view appends one).
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"casework:audit:v1").derive(
        index_key
    )


def _digest(key: bytes, event: AuditEvent) -> str:
    parts = [
        str(event.seq),
        event.prev_hash,
        event.at.isoformat(),
        str(event.user_id or ""),
        event.action,
        event.object_type or "",
        event.object_id or "",
        str(event.case_id or ""),
        event.detail or "",
    ]
    return hmac.new(key, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def record(
    action: str,
    obj=None,
    *,
    object_type: str | None = None,
    object_id: str | uuid.UUID | None = None,
    case_id: uuid.UUID | None = None,
    detail: str | None = None,
    user_id: uuid.UUID | None = None,
) -> AuditEvent:
    """Append an event in the current transaction (the caller commits)."""
    if obj is not None:
        object_type = object_type or obj.__tablename__
        object_id = object_id or getattr(obj, "id", None)
        if case_id is None:
            case_id = obj.id if object_type == "cases" else getattr(obj, "case_id", None)
    if user_id is None and has_request_context() and current_user.is_authenticated:
        user_id = current_user.id
    session = db.session
    # Taking the head row first serializes appends, so the chain never forks.
    updated = session.execute(
        update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1)
    )
    if updated.rowcount == 0:
        # The migration creates the head row; a database made by create_all() has none yet.
        _create_head(session)
        session.execute(update(AuditHead).where(AuditHead.id == 1).values(seq=AuditHead.seq + 1))
    head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).one()
    event = AuditEvent(
        seq=head.seq,
        at=utcnow(),
        user_id=user_id,
        action=action,
        object_type=object_type,
        object_id=str(object_id) if object_id is not None else None,
        case_id=case_id,
        detail=(detail or None) and detail[:255],
        prev_hash=head.hash,
    )
    event.hash = _digest(_key(), event)
    session.add(event)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=event.hash))
    return event


def _create_head(session) -> None:
    """Insert the chain's head row unless a concurrent transaction already did."""
    dialect = session.get_bind().dialect.name
    values = {"id": 1, "seq": 0, "hash": GENESIS}
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        session.execute(pg_insert(AuditHead).values(**values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        session.execute(sqlite_insert(AuditHead).values(**values).on_conflict_do_nothing())
    else:
        session.add(AuditHead(**values))
        session.flush()


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_at: int | None = None
    reason: str = ""


@dataclass(frozen=True)
class Anchor:
    """The chain's length and head hash at one moment."""

    seq: int
    hash: str
    source: str = ""

    def __str__(self) -> str:
        return f"{self.seq}:{self.hash}"


ANCHOR_RE = re.compile(r"(?<![0-9a-f])(\d+):([0-9a-f]{64})(?![0-9a-f])")


def parse_anchor(text: str, source: str = "") -> Anchor:
    """An anchor from ``<length>:<hash>``, or a log line holding one; ValueError otherwise."""
    found = ANCHOR_RE.search(text.strip())
    if not found:
        raise ValueError("an anchor is <length>:<64 hex digits>")
    return Anchor(int(found.group(1)), found.group(2), source or text.strip())


def current_anchor() -> Anchor:
    head = db.session.execute(
        select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)
    ).first()
    return Anchor(head.seq, head.hash) if head else Anchor(0, GENESIS)


_logged_on: dict[str, dt.date] = {}


def log_anchor_daily(app) -> None:
    """Print the chain's anchor to the server log once a day per process."""
    today = dt.datetime.now(dt.UTC).date()
    if _logged_on.get(app.name) == today:
        return
    try:
        anchor = current_anchor()
    except Exception:  # no table yet (a fresh database before its migration)
        db.session.rollback()
        return
    _logged_on[app.name] = today
    app.logger.info("audit anchor %s", anchor)


def _check_anchors(anchors, seen: dict[int, str], length: int) -> Verification | None:
    for anchor in sorted(anchors, key=lambda a: a.seq):
        if anchor.seq > length:
            return Verification(
                False,
                length,
                length + 1,
                f"the chain has {length} events but the anchor {anchor.source or anchor} "
                f"recorded {anchor.seq}: events were cut from its end",
            )
        if anchor.seq and seen.get(anchor.seq) != anchor.hash:
            return Verification(
                False,
                length,
                anchor.seq,
                f"event {anchor.seq} is not the one the anchor {anchor.source or anchor} recorded",
            )
    return None


def verify(batch: int = 5000, anchors=()) -> Verification:
    """Walk the chain in order; report the first broken link or a missing anchor."""
    key = _key()
    wanted = {anchor.seq for anchor in anchors}
    seen: dict[int, str] = {}
    prev = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    while True:
        events = db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.seq > last_seq)
            .order_by(AuditEvent.seq)
            .limit(batch)
        ).all()
        if not events:
            break
        for event in events:
            if event.seq != expected_seq:
                return Verification(False, checked, expected_seq, "missing event")
            if event.prev_hash != prev:
                return Verification(False, checked, event.seq, "previous hash does not match")
            if _digest(key, event) != event.hash:
                return Verification(False, checked, event.seq, "event altered")
            prev = event.hash
            if event.seq in wanted:
                seen[event.seq] = event.hash
            expected_seq += 1
            checked += 1
            last_seq = event.seq
        db.session.expunge_all()
    head = db.session.scalar(select(AuditHead).where(AuditHead.id == 1))
    if head is not None and (head.seq != checked or head.hash != prev):
        return Verification(False, checked, checked + 1, "events after this one are missing")
    return _check_anchors(anchors, seen, checked) or Verification(True, checked)
