"""A scratch PostgreSQL database for tests that need a database of their own."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@contextmanager
def scratch_database(prefix: str) -> Iterator[str]:
    """Create a database named ``<prefix>_<random>``, yield its URL, drop it afterwards.

    Skips the test when PostgreSQL is unreachable, or fails it when
    CASEWORK_REQUIRE_POSTGRES is set.
    """
    server = make_url(POSTGRES_URL)
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - depends on the machine
        admin.dispose()
        if os.environ.get("CASEWORK_REQUIRE_POSTGRES"):
            pytest.fail(f"PostgreSQL required but not reachable: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {server.render_as_string()}: {exc}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
