"""Cases nobody is moving: open, with no open deadline or no activity for a while.

A case is not moving when it is still open and either has no open deadline (nothing
will bring it back to anyone's attention) or nothing happened on it — no note, no
status change, no letter, no payment — for ``CASEWORK_STALE_DAYS`` days (30 by
default). Activity is what the case timeline records (``Case.last_activity_at``).

The caseload list filters by it, the dashboard counts it per advocate, and the
navigation shows each user how many of their own cases are not moving. The
navigation's count is kept per process for a minute, and forgotten after any write to
cases or deadlines in the process (another server process may show the old count for
up to that minute).
"""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime, timedelta

from flask import Flask, current_app
from flask_login import current_user
from sqlalchemy import and_, func, or_, select

from casework.authz import visible_cases_clause
from casework.extensions import db
from casework.models.base import utcnow
from casework.models.case import Case

DEFAULT_DAYS = 30
#: The navigation's count is reused at most this long (seconds).
COUNT_SECONDS = 60

_counts: dict[tuple[uuid.UUID, int], tuple[float, int]] = {}
_lock = threading.Lock()


def days() -> int:
    """Days without activity after which an open case counts as not moving."""
    value = current_app.config.get("CASEWORK_STALE_DAYS", DEFAULT_DAYS)
    return max(1, int(value))


def cutoff(now: datetime | None = None, within: int | None = None) -> datetime:
    return (now or utcnow()) - timedelta(days=within or days())


def clause(now: datetime | None = None, within: int | None = None):
    """WHERE clause: open cases with no open deadline or no activity since the cutoff."""
    return and_(
        Case.status != "closed",
        or_(Case.next_deadline_on.is_(None), Case.last_activity_at < cutoff(now, within)),
    )


def count_for(user) -> int:
    """How many of the cases this user may see are not moving (0 for admins)."""
    if user.role not in ("advocate", "supervisor"):
        return 0
    within = days()
    ttl = COUNT_SECONDS
    key = (user.id, within)
    now = time.monotonic()
    if ttl > 0:
        with _lock:
            hit = _counts.get(key)
        if hit is not None and hit[0] > now:
            return hit[1]
    stmt = select(func.count()).select_from(Case).where(clause(within=within))
    visible = visible_cases_clause(user)
    if visible is not None:
        stmt = stmt.where(visible)
    count = int(db.session.execute(stmt).scalar_one())
    if ttl > 0:
        with _lock:
            _counts[key] = (now + ttl, count)
    return count


def forget_counts() -> None:
    """Drop the kept navigation counts (after a write to cases or deadlines)."""
    with _lock:
        _counts.clear()


def init_app(app: Flask) -> None:
    @app.context_processor
    def _stale_count():
        # Only for pages of signed-in staff that show the navigation's count.
        if not current_user.is_authenticated or current_user.role not in (
            "advocate",
            "supervisor",
        ):
            return {}
        return {"stale_count": count_for(current_user), "stale_days": days()}
