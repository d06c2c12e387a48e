"""Canary: identifying values typed into the forms appear nowhere at rest or in the logs.

Workers, employers, a case narrative and a note are created THROUGH THE FORMS (intake at
/cases/new, the note form on the case page) with unique marker strings; then the raw
SQLite file, its -wal, a backup copy made with SQLite's backup API and every log line
captured are scanned for the markers. On PostgreSQL the same flow runs in a dedicated
database that is dumped with pg_dump, scanned, and dropped.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import sqlite3
import subprocess

import pytest
from sqlalchemy import create_engine, select, text

from casework.crypto import columns

PG_ADMIN_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


def _markers() -> dict[str, str]:
    tag = secrets.token_hex(4)
    return {
        "worker_name": f"Canaryname{tag} Pajarito",
        "worker_phone": "(555) 201-7319",
        "worker_email": f"canarymail{tag}@example.test",
        "worker_address": f"77 Canarystreet{tag} Ave, Queens, NY 11101",
        "second_name": f"Canarysecond{tag} Gorrion",
        "second_phone": "(555) 201-7346",
        "owner_names": f"Canaryowner{tag} Halcon",
        "narrative": f"Canarystory{tag}: paid cash every Friday, never any overtime.",
        "note": f"Canarynote{tag}: called the worker back about the hours.",
    }


def _needles(markers: dict[str, str]) -> list[bytes]:
    needles = []
    for key, value in markers.items():
        if key.endswith("phone"):
            digits = "".join(c for c in value if c.isdigit())
            needles += [value.encode(), digits.encode(), digits[3:].encode()]
        else:
            word = next(w for w in value.split() if w.lower().startswith("canary")).rstrip(":@.")
            needles += [value.encode(), word.encode(), word.lower().encode()]
            # The accent-free, case-folded form a careless index might store.
            needles.append(value.lower().encode())
    return needles


def _intake(m: dict[str, str]) -> dict:
    return {
        "case_type": "wage_theft",
        "jurisdiction": "NY-NYC",
        "workers-0-name": m["worker_name"],
        "workers-0-phone": m["worker_phone"],
        "workers-0-email": m["worker_email"],
        "workers-0-address": m["worker_address"],
        "workers-0-preferred_language": "es",
        "workers-0-contact_ok_by": "text",
        "workers-0-match": "",
        "workers-1-name": m["second_name"],
        "workers-1-phone": m["second_phone"],
        "workers-1-preferred_language": "en",
        "workers-1-contact_ok_by": "phone",
        "workers-1-match": "",
        "employers-0-business_name": "Canary Test Bakery Corp",
        "employers-0-owner_names": m["owner_names"],
        "employers-0-role": "employer",
        "employers-0-entity_type": "corporation",
        "employers-0-match": "",
        "first_day_worked": "2024-03-04",
        "last_day_worked": "2025-09-26",
        "narrative": m["narrative"],
        "forum": "",
    }


def _run_flow(app, markers: dict[str, str]) -> None:
    """Create everything through the forms, then read it back through the pages."""
    from casework.crypto import passwords
    from casework.extensions import db
    from casework.models import Case, User
    from tests.conftest import login

    with app.app_context():
        user = User(
            email="canary.advocate@center.test",
            name="Canary Advocate",
            role="advocate",
            password_hash=passwords.hash_password("correct horse battery staple"),
            totp_required=False,
        )
        db.session.add(user)
        db.session.commit()
        client = app.test_client()
        login(client, user)

        response = client.post("/cases/new", data=_intake(markers))
        assert response.status_code == 303, response.get_data(as_text=True)[-1500:]
        case_url = response.headers["Location"]
        case_id = db.session.scalars(select(Case.id)).one()
        response = client.post(f"/cases/{case_id}/notes", data={"body": markers["note"]})
        assert response.status_code in (302, 303), response.get_data(as_text=True)[-1500:]

        # Stored for real: the pages show every marker decrypted.
        page = client.get(case_url).get_data(as_text=True)
        for key in ("worker_name", "second_name", "narrative", "note"):
            assert markers[key] in page, key
        # Search by the worker's name through the blind index works too.
        from casework.crypto.search import find_by_index
        from casework.models import Worker

        found = find_by_index(db.session, Worker, "name", markers["worker_name"].upper())
        assert len(found) == 1 and found[0].email == markers["worker_email"]
        assert found[0].phone == markers["worker_phone"]
        db.session.remove()


def _scan(label: str, data: bytes, needles: list[bytes]) -> list[str]:
    return [f"{label}: {n.decode()}" for n in needles if n in data]


@pytest.fixture
def restore_keystore():
    saved = columns._keystore
    yield
    columns.install_keystore(saved)


def _logs(caplog) -> bytes:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_text:
            lines.append(record.exc_text)
    return ("\n".join(lines) + "\n" + caplog.text).encode()


def test_canary_sqlite(tmp_path, caplog, restore_keystore):
    from flask_migrate import upgrade

    from casework import create_app
    from casework.extensions import db

    caplog.set_level(logging.DEBUG)
    (tmp_path / "db").mkdir()
    (tmp_path / "keys").mkdir(mode=0o700)
    db_file = tmp_path / "db" / "casework.db"
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}",
        CASEWORK_KEY_FILE=str(tmp_path / "keys" / "master.key"),
    )
    with app.app_context():
        upgrade()
    markers = _markers()
    needles = _needles(markers)
    _run_flow(app, markers)

    wal = db_file.with_name(db_file.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0  # the WAL is really scanned
    found = []
    found += _scan("database file", db_file.read_bytes(), needles)
    found += _scan("-wal", wal.read_bytes(), needles)

    backup_file = tmp_path / "backup.db"
    source = sqlite3.connect(db_file)
    target = sqlite3.connect(backup_file)
    with target:
        source.backup(target)
    source.close()
    target.close()
    found += _scan("backup copy", backup_file.read_bytes(), needles)
    # A plain file copy of the database and its WAL, as a careless backup would take.
    shutil.copy(db_file, tmp_path / "copy.db")
    found += _scan("file copy", (tmp_path / "copy.db").read_bytes(), needles)

    found += _scan("log", _logs(caplog), needles)
    assert found == []

    # Sanity: the scan itself finds a plain value that is stored on purpose.
    assert b"Canary Test Bakery Corp" in db_file.read_bytes() + wal.read_bytes()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _pg_url(database: str) -> str:
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{database}"


def test_canary_postgres(tmp_path, caplog, restore_keystore):
    from flask_migrate import upgrade

    from casework import create_app
    from casework.extensions import db

    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    name = f"casework_canary_{secrets.token_hex(4)}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # pragma: no cover - depends on the machine
        admin.dispose()
        if os.environ.get("CASEWORK_REQUIRE_POSTGRES"):
            raise
        pytest.skip(f"PostgreSQL not reachable: {exc}")
    app = None
    try:
        caplog.set_level(logging.DEBUG)
        (tmp_path / "keys").mkdir(mode=0o700)
        app = create_app(
            "testing",
            SQLALCHEMY_DATABASE_URI=_pg_url(name),
            CASEWORK_KEY_FILE=str(tmp_path / "keys" / "master.key"),
        )
        with app.app_context():
            upgrade()
        markers = _markers()
        needles = _needles(markers)
        _run_flow(app, markers)
        dump_url = _pg_url(name).replace("postgresql+psycopg://", "postgresql://")
        dump = subprocess.run(
            ["pg_dump", "--no-owner", dump_url], capture_output=True, check=True, timeout=60
        ).stdout
        assert b"CREATE TABLE" in dump and b"Canary Test Bakery Corp" in dump
        found = _scan("pg_dump", dump, needles) + _scan("log", _logs(caplog), needles)
        assert found == []
    finally:
        if app is not None:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
