"""No drift: an empty database upgraded by Alembic matches the models, on SQLite and
PostgreSQL."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tests.scratch_postgres import scratch_database

pytestmark = pytest.mark.pure  # builds its own apps; runs once, not once per database

POSTGRES_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture
def restore_keystore():
    """A throwaway app installs its own key store; put back the one installed before."""
    from casework.crypto import columns

    before = columns._keystore
    yield
    columns.install_keystore(before)


def drift(url: str) -> list:
    from flask_migrate import upgrade

    from casework import create_app
    from casework.extensions import db

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url)
    with app.app_context():
        try:
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "compare_server_default": False}
                )
                return compare_metadata(context, db.metadata)
        finally:
            db.session.remove()
            db.engine.dispose()


def test_sqlite_migrations_match_the_models(tmp_path, restore_keystore):
    assert drift(f"sqlite:///{tmp_path / 'drift.db'}") == []


def test_sqlite_upgrade_from_empty_twice_is_a_no_op(tmp_path, restore_keystore):
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    assert drift(url) == []
    assert drift(url) == []


@pytest.fixture
def postgres_database():
    """A scratch database on the local PostgreSQL, dropped afterwards."""
    with scratch_database("casework_drift") as url:
        yield url


def test_postgres_migrations_match_the_models(postgres_database, restore_keystore):
    assert drift(postgres_database) == []
