"""Fixtures: one app per session, each test in a transaction rolled back afterwards.

The database is SQLite in memory by default; CASEWORK_TEST_DB=postgres runs the same
tests on CASEWORK_TEST_POSTGRES_URL. Tests that use no app fixture are marked `pure`
(the law, crypto, privacy and PDF libraries) and run once.
"""

from __future__ import annotations

import os
import time

import pytest
from flask.testing import FlaskClient
from sqlalchemy import text

from casework import create_app
from casework.extensions import db
from tests import factories

# Browser fixtures (live server, Chromium) live in their own module.
pytest_plugins = ["tests.browser_fixtures"]

DB_KIND = os.environ.get("CASEWORK_TEST_DB", "sqlite")
POSTGRES_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
APP_FIXTURES = {"app", "client", "live_server"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if not APP_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.pure)


def pytest_configure(config):
    config.addinivalue_line("markers", "pure: uses no database; runs once, not per database")
    config.addinivalue_line("markers", "load: bounded load test on loopback")


def database_url() -> str:
    if DB_KIND == "postgres":
        return POSTGRES_URL
    return "sqlite://"


def reset_schema(url: str) -> None:
    """Drop and recreate every table on a server database (PostgreSQL)."""
    from sqlalchemy import create_engine

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    except Exception as exc:  # pragma: no cover - depends on the machine
        if os.environ.get("CASEWORK_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    finally:
        engine.dispose()


class FreshUserClient(FlaskClient):
    """A test client whose every request starts with an empty ``g``.

    Tests hold one app context open for their transaction, so ``g`` would outlive a
    request (with the signed-in user and locale cached on it); in production every
    request has its own.
    """

    def open(self, *args, **kwargs):
        from flask import g, has_app_context

        if has_app_context():
            for name in list(vars(g)):
                delattr(g, name)
        return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app():
    url = database_url()
    if DB_KIND == "postgres":
        reset_schema(url)
    application = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    application.test_client_class = FreshUserClient
    with application.app_context():
        db.create_all()
    yield application
    with application.app_context():
        db.session.remove()
        if DB_KIND == "postgres":
            db.drop_all()
        db.engine.dispose()


@pytest.fixture(autouse=True)
def db_session(request):
    """Run the test inside one outer transaction; views commit into savepoints."""
    if not {"app", "client"} & set(request.fixturenames) or "live_server" in request.fixturenames:
        yield None
        return
    app = request.getfixturevalue("app")
    from casework.auth import service

    service.reset_throttle_storage()
    with app.app_context():
        engines = db.engines
        saved = []
        for key, engine in list(engines.items()):
            connection = engine.connect()
            transaction = connection.begin()
            engines[key] = connection
            saved.append((key, engine, connection, transaction))
        try:
            yield db.session
        finally:
            db.session.remove()
            for key, engine, connection, transaction in saved:
                transaction.rollback()
                connection.close()
                engines[key] = engine


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def make(app):
    """Factories bound to the test's transaction: make.user(role=...), make.case(...)."""
    return factories.Factories(app)


def login(client, user) -> None:
    """Sign a user in on the test client without the password and TOTP steps."""
    now = int(time.time())
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        session["_started"] = now
        session["_seen"] = now


@pytest.fixture
def login_as(client):
    def _login(user):
        login(client, user)
        return client

    return _login
