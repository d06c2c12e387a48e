"""Database engine settings: SQLite pragmas for durability and safe deletion."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine


def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    # Let SQLAlchemy issue BEGIN itself (pysqlite defers it, which breaks SAVEPOINTs and
    # lets a transaction read before it writes without holding its snapshot).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # Every acknowledged write survives a crash or power loss.
    cursor.execute("PRAGMA synchronous=FULL")
    # Deleted data keys are overwritten, not left in free pages.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _sqlite_begin(connection) -> None:
    # Connections opened with the execution option casework_autocommit=True run each
    # statement on its own (a WAL checkpoint cannot run inside a transaction).
    # casework_immediate=True takes the write lock at once (waiting up to busy_timeout), for
    # a retry after another connection's write made this one's read snapshot stale.
    options = connection.get_execution_options()
    if options.get("casework_immediate"):
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif not options.get("casework_autocommit"):
        connection.exec_driver_sql("BEGIN")


def init_app(app: Flask) -> None:
    """Apply the pragmas to every SQLite connection the app opens."""
    from casework.extensions import db

    with app.app_context():
        for engine in db.engines.values():
            if engine.dialect.name == "sqlite" and not getattr(engine, "_cw_pragmas", False):
                event.listen(engine, "connect", _sqlite_pragmas)
                event.listen(engine, "begin", _sqlite_begin)
                engine._cw_pragmas = True


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"
