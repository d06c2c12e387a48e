"""Autouse fixtures for tests/auth and tests/app: make each request look like production's.

The shared ``db_session`` fixture keeps one app context pushed for the whole test, and
the test client reuses it for every request. Two things then leak between requests
that a real server never shares:

* ``flask.g`` (the signed-in user Flask-Login caches there, the locale Flask-Babel
  caches there): cleared when each request starts, as a fresh app context would be;
* the transaction: with SQLAlchemy's default ``conservative_savepoint`` a view's
  ``db.session.rollback()`` rolls back the test's outer transaction itself, and the
  fixture's own rollback then fails at teardown. ``create_savepoint`` makes a view's
  rollback undo only its own work. On SQLite the outer transaction is begun for real
  first: pysqlite defers BEGIN, and releasing a SAVEPOINT outside a transaction commits.
"""

from __future__ import annotations

import pytest
from flask import g, request_started

from casework.extensions import db


def _fresh_globals(sender, **extra) -> None:
    for name in list(vars(g)):
        delattr(g, name)


@pytest.fixture(autouse=True)
def request_isolation(request):
    if not {"app", "client"} & set(request.fixturenames):
        yield
        return
    app = request.getfixturevalue("app")
    request.getfixturevalue("db_session")
    for connection in db.engines.values():
        raw = connection.connection.dbapi_connection
        if connection.dialect.name == "sqlite" and not raw.in_transaction:
            connection.exec_driver_sql("BEGIN")
    db.session.remove()
    db.session.configure(join_transaction_mode="create_savepoint")
    request_started.connect(_fresh_globals, app)
    try:
        yield
    finally:
        request_started.disconnect(_fresh_globals, app)
        db.session.remove()
        db.session.configure(join_transaction_mode="create_savepoint")
