"""Sign-in throttling whose counters every process sees.

The default store is the application's own database (``casework+db://``): each attempt
is a row, and taking one is atomic across processes and servers (the key's lock row is
updated first, so two workers racing for the last attempt are served one after the
other). ``CASEWORK_RATELIMIT_STORAGE_URI=redis://...`` moves the counters to Redis,
whose moving window is atomic too. ``memory://`` is for tests on one process only.

Keys are hashes; the store never holds an email address.
"""

from __future__ import annotations

import time

from limits.storage import MovingWindowSupport, Storage
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from casework.models.throttle import ThrottleHit, ThrottleKey


def _engine():
    from casework.extensions import db

    return db.engine


class DatabaseStorage(Storage, MovingWindowSupport):
    """A `limits` storage in the application's database (moving window only)."""

    STORAGE_SCHEME = ["casework+db"]

    def __init__(self, uri: str | None = None, **options) -> None:
        super().__init__(uri, **options)

    @property
    def base_exceptions(self):
        from sqlalchemy.exc import SQLAlchemyError

        return SQLAlchemyError

    def acquire_entry(self, key: str, limit: int, expiry: int, amount: int = 1) -> bool:
        # On SQLite, BEGIN IMMEDIATE takes the write lock first (waiting for it), so two
        # processes never both read the same count; on PostgreSQL the key's row lock does.
        engine = _engine()
        with engine.connect().execution_options(casework_immediate=True) as conn, conn.begin():
            now = time.time()
            locked = conn.execute(
                update(ThrottleKey).where(ThrottleKey.key == key).values(touched_at=now)
            ).rowcount
            if not locked:
                try:
                    with conn.begin_nested():
                        conn.execute(insert(ThrottleKey).values(key=key, touched_at=now))
                except IntegrityError:
                    conn.execute(
                        update(ThrottleKey).where(ThrottleKey.key == key).values(touched_at=now)
                    )
            conn.execute(
                delete(ThrottleHit).where(ThrottleHit.key == key, ThrottleHit.at <= now - expiry)
            )
            taken = conn.scalar(select(func.count()).where(ThrottleHit.key == key)) or 0
            if taken + amount > limit:
                return False
            conn.execute(insert(ThrottleHit), [{"key": key, "at": now}] * amount)
            return True

    def get_moving_window(self, key: str, limit: int, expiry: int) -> tuple[float, int]:
        now = time.time()
        with _engine().connect() as conn:
            first, count = conn.execute(
                select(func.min(ThrottleHit.at), func.count()).where(
                    ThrottleHit.key == key, ThrottleHit.at > now - expiry
                )
            ).one()
        return (first or now, count or 0)

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        raise NotImplementedError("the database store supports the moving window only")

    def get(self, key: str) -> int:
        return self.get_moving_window(key, 0, 24 * 3600)[1]

    def get_expiry(self, key: str) -> float:
        return time.time()

    def check(self) -> bool:
        return True

    def reset(self) -> int | None:
        with _engine().begin() as conn:
            removed = conn.execute(delete(ThrottleHit)).rowcount
            conn.execute(delete(ThrottleKey))
        return removed

    def clear(self, key: str) -> None:
        with _engine().begin() as conn:
            conn.execute(delete(ThrottleHit).where(ThrottleHit.key == key))
