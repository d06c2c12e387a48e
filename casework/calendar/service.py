"""Calendar feeds: turn on, renew, turn off, and the feed's events.

A feed lives at an address holding a long random token; only the token's SHA-256 is
stored, so the address is shown once, when it is made. Renewing makes a new address
and the old one stops working; turning the feed off stops it too.

Calendar services are outside the building, so an event carries only the case
reference, what the deadline is and its date, and a link into Casework: never a
worker's or employer's name, nor a note, nor a label typed by staff (which may name
anyone): such a deadline is shown as "Deadline (open the case to read it)".
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from sqlalchemy import select, update

from casework import audit, authz, messages
from casework.authz import visible_cases_clause
from casework.extensions import db
from casework.models.base import utcnow
from casework.models.calendar import CalendarFeed
from casework.models.case import Case, Deadline
from casework.models.user import User

#: Deadlines overdue by more than this are left out of the feed.
PAST_DAYS = 90
MAX_EVENTS = 2000


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def active_feed(user: User) -> CalendarFeed | None:
    return db.session.scalars(
        select(CalendarFeed).where(
            CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None)
        )
    ).first()


def _revoke_all(user: User) -> int:
    result = db.session.execute(
        update(CalendarFeed)
        .where(CalendarFeed.user_id == user.id, CalendarFeed.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount or 0


def turn_on(user: User) -> str:
    """A new feed address for the user (any older one stops working); returns the token."""
    renewed = _revoke_all(user) > 0
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed(user_id=user.id, token_hash=token_hash(token))
    db.session.add(feed)
    db.session.flush()
    audit.record("calendar.renewed" if renewed else "calendar.on", feed, user_id=user.id)
    return token


def turn_off(user: User) -> bool:
    """Stop the user's feed; False when none was on."""
    feed = active_feed(user)
    if feed is None:
        return False
    _revoke_all(user)
    db.session.flush()
    audit.record("calendar.off", feed, user_id=user.id)
    return True


def feed_owner(token: str) -> tuple[CalendarFeed, User] | None:
    """The feed and its user for a token, if the feed is on and the user still active."""
    if not token or len(token) > 128:
        return None
    row = db.session.execute(
        select(CalendarFeed, User)
        .join(User, User.id == CalendarFeed.user_id)
        .where(CalendarFeed.token_hash == token_hash(token), CalendarFeed.revoked_at.is_(None))
    ).first()
    if row is None or not row[1].active or not authz.can("deadline.list", row[1]):
        return None
    return row[0], row[1]


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    reference: str
    label: str
    due_on: date
    case_id: str


def feed_label(deadline: Deadline) -> str:
    """What the deadline is, without anything staff typed (it may name a person)."""
    if deadline.label_key and messages.is_known(deadline.label_key):
        return messages.text(deadline.label_key, deadline.params)
    if deadline.computed and deadline.label:
        return messages.plain(deadline.label)
    return _("Deadline (open the case to read it)")


def events_for(user: User, today: date) -> list[FeedEvent]:
    """Open deadlines on the open cases the user may see, from PAST_DAYS ago on."""
    stmt = (
        select(Deadline, Case.reference)
        .join(Case, Case.id == Deadline.case_id)
        .where(
            Deadline.done.is_(False),
            Case.status != "closed",
            Deadline.due_on >= today - timedelta(days=PAST_DAYS),
        )
        .order_by(Deadline.due_on, Case.reference)
        .limit(MAX_EVENTS)
    )
    clause = visible_cases_clause(user)
    if clause is not None:
        stmt = stmt.where(clause)
    return [
        FeedEvent(
            uid=f"{deadline.id}@casework",
            reference=reference,
            label=feed_label(deadline),
            due_on=deadline.due_on,
            case_id=str(deadline.case_id),
        )
        for deadline, reference in db.session.execute(stmt).all()
    ]


def mark_fetched(feed: CalendarFeed) -> None:
    feed.last_fetched_at = utcnow()
