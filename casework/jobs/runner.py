"""The job queue: one Huey instance, bound to the app's configuration in init_app().

The broker is chosen from CASEWORK_JOBS_URL (docs/configuration.md):

- empty: an SQLite file beside the SQLite database (``casework-jobs.db``), or
  ``instance/casework-jobs.db`` when the database is not an SQLite file;
- ``sqlite:////path/to/jobs.db``: that file;
- ``redis://`` or ``rediss://``: Redis;
- ``postgresql://``: tables named ``casework_jobs_*`` in that PostgreSQL database.

With CASEWORK_JOBS_IMMEDIATE (the tests' setting) a task runs at once, in the caller.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from flask import Flask, current_app, has_app_context
from huey import Huey
from huey.storage import MemoryStorage, PostgresStorage, RedisStorage, SqliteStorage
from sqlalchemy.engine import make_url

QUEUE_NAME = "casework"

#: The one queue; tasks register on it at import, the broker is set by init_app().
huey = Huey(QUEUE_NAME, results=False, utc=True, storage_class=MemoryStorage)

_bound: dict[str, Flask] = {}


def jobs_file_for(database_url: str, instance_path: str) -> Path:
    """The default queue file: beside an SQLite database file, else under instance/."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        db_file = Path(url.database)
        return db_file.with_name(db_file.stem + "-jobs.db")
    return Path(instance_path) / "casework-jobs.db"


def storage_for(jobs_url: str, database_url: str, instance_path: str):
    """The Huey storage named by the configuration."""
    jobs_url = (jobs_url or "").strip()
    if jobs_url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStorage(QUEUE_NAME, url=jobs_url)
    if jobs_url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        dsn = jobs_url.replace("postgresql+psycopg://", "postgresql://", 1)
        return PostgresStorage(QUEUE_NAME, dsn=dsn, table_prefix="casework_jobs")
    if jobs_url.startswith("sqlite:///"):
        path = Path(jobs_url[len("sqlite:///") :])
    elif jobs_url:
        raise SystemExit(
            "CASEWORK_JOBS_URL must start with redis://, rediss://, postgresql:// or "
            "sqlite:///, or be empty for a file beside the database."
        )
    else:
        path = jobs_file_for(database_url, instance_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteStorage(QUEUE_NAME, filename=str(path), fsync=True)


def init_app(app: Flask) -> None:
    """Point the queue at the configured broker (or run tasks at once) for this app."""
    immediate = bool(app.config.get("CASEWORK_JOBS_IMMEDIATE"))
    huey._immediate = immediate
    if immediate:
        huey.storage = MemoryStorage(QUEUE_NAME)
    else:
        huey.storage = storage_for(
            app.config.get("CASEWORK_JOBS_URL", ""),
            app.config["SQLALCHEMY_DATABASE_URI"],
            app.instance_path,
        )
    _bound["app"] = app


def bound_app() -> Flask:
    return _bound["app"]


@contextlib.contextmanager
def task_context():
    """The app context a task runs in: the caller's (immediate mode), else a fresh one."""
    if has_app_context():
        yield current_app._get_current_object()
        return
    app = bound_app()
    with app.app_context():
        from casework.extensions import db

        try:
            yield app
        finally:
            db.session.remove()


def describe(app: Flask) -> str:
    """Which broker the queue uses, in words for the console (no password)."""
    if app.config.get("CASEWORK_JOBS_IMMEDIATE"):
        return "immediate (tasks run in the caller)"
    storage = huey.storage
    if isinstance(storage, SqliteStorage):
        return f"SQLite file {storage.filename}"
    if isinstance(storage, RedisStorage):
        return "Redis"
    if isinstance(storage, PostgresStorage):
        return "PostgreSQL tables casework_jobs_*"
    return type(storage).__name__
