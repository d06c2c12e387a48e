"""Backups and restores: a seeded database round-trips row for row and field for field.

Each test builds its own app on its own database (an SQLite file, or a scratch PostgreSQL
database created and dropped here), so the module runs once, not once per database.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, inspect, text

from casework.crypto import columns
from casework.crypto.columns import encrypted_fields
from casework.extensions import db
from casework.models import Case, Employer, Judgment, Note, Payment, User, Worker
from casework.ops import backup as ops
from tests.factories import Factories
from tests.scratch_postgres import scratch_database

pytestmark = pytest.mark.pure  # builds its own apps and databases

POSTGRES_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
MODELS = (Worker, Employer, Case, Note, Judgment, User)


@pytest.fixture(autouse=True)
def restore_keystore():
    before = columns._keystore
    yield
    columns.install_keystore(before)


def make_app(url: str, key_file):
    from flask_migrate import upgrade

    from casework import create_app

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, CASEWORK_KEY_FILE=str(key_file))
    with app.app_context():
        upgrade()
        db.session.remove()
    return app


def close(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def seed(app) -> None:
    """Workers, employers, cases of every type with notes, a judgment and payments."""
    with app.app_context():
        make = Factories(app)
        advocate = make.user("advocate")
        for i, case_type in enumerate(("wage_theft", "workers_comp", "retaliation") * 2):
            workers = [make.worker(name=f"José Núñez {i}"), make.worker()]
            case = make.case(
                workers=workers,
                case_type=case_type,
                assigned_to=advocate,
                status="collecting" if i == 0 else "open",
                narrative=f"Narrative {i}: <b>&</b> ünïcödé " + "long " * 200,
            )
            for n in range(3):
                make.note(case, body=f"Note {n} on case {i}", author=advocate)
            if i == 0:
                judgment = make.judgment(case)
                for n in range(5):
                    db.session.add(
                        Payment(
                            id=uuid.uuid4(),
                            judgment_id=judgment.id,
                            case_id=case.id,
                            received_on=date(2025, 2, 1 + n),
                            amount=Decimal("100.01") * (n + 1),
                            method="check",
                            source="employer",
                        )
                    )
        db.session.commit()
        db.session.remove()


def raw_rows(app) -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order, as the driver returns it."""
    with app.app_context(), db.engine.connect() as connection:
        found = {}
        inspector = inspect(connection)
        for table in inspector.get_table_names():
            keys = inspector.get_pk_constraint(table)["constrained_columns"]
            order = ", ".join(f'"{k}"' for k in keys) or "1"
            rows = connection.execute(text(f'SELECT * FROM "{table}" ORDER BY {order}'))
            found[table] = [
                tuple(bytes(v) if isinstance(v, memoryview) else v for v in r) for r in rows
            ]
        return found


def decrypted(app) -> dict[tuple, str]:
    """Every encrypted field of every row, decrypted through the models."""
    found = {}
    with app.app_context():
        for model in MODELS:
            fields = encrypted_fields(model)
            rows = db.session.scalars(db.select(model)).all()
            for row in rows:
                for name in fields:
                    value = getattr(row, name)
                    assert not isinstance(value, columns.Unreadable), (model, name)
                    found[(model.__name__, str(row.id), name)] = value
        db.session.remove()
    return found


def damage(app) -> None:
    """Changes made after the backup, which the restore must undo."""
    with app.app_context():
        worker = db.session.scalars(db.select(Worker)).first()
        worker.name = "Changed After Backup"
        db.session.delete(db.session.scalars(db.select(Note)).first())
        db.session.execute(db.delete(Payment))
        Factories(app).worker(name="Added After Backup")
        db.session.commit()
        db.session.remove()


def cli(app, *args):
    return app.test_cli_runner().invoke(args=["casework", *args])


def round_trip(app, tmp_path):
    seed(app)
    rows_before, fields_before = raw_rows(app), decrypted(app)
    assert len(fields_before) > 50 and rows_before["payments"]
    folder = tmp_path / "backup"
    result = cli(app, "backup", str(folder))
    assert result.exit_code == 0, result.output
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["tables"]["workers"]["rows"] == len(rows_before["workers"])
    assert manifest["tables"]["payments"]["rows"] == 5
    assert manifest["key_versions"] == [1]
    assert manifest["revision"] == ops.code_revision(app)
    dump = folder / manifest["dump"]
    assert manifest["dump_sha256"] == ops.file_sha256(dump)
    assert oct(dump.stat().st_mode & 0o777) == "0o600"

    damage(app)
    assert raw_rows(app) != rows_before
    result = cli(app, "restore", str(folder), "--yes")
    assert result.exit_code == 0, result.output
    assert "every table matches" in result.output
    assert raw_rows(app) == rows_before
    assert decrypted(app) == fields_before
    return folder, manifest


def test_sqlite_round_trip_restores_every_row_and_field(tmp_path):
    (tmp_path / "keys").mkdir(mode=0o700)
    app = make_app(f"sqlite:///{tmp_path / 'casework.db'}", tmp_path / "keys" / "master.key")
    try:
        folder, _manifest = round_trip(app, tmp_path)
        with sqlite3.connect(tmp_path / "casework.db") as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close(app)


def test_restore_refuses_a_damaged_dump_a_missing_key_and_another_revision(tmp_path):
    (tmp_path / "keys").mkdir(mode=0o700)
    app = make_app(f"sqlite:///{tmp_path / 'casework.db'}", tmp_path / "keys" / "master.key")
    try:
        seed(app)
        before = raw_rows(app)
        folder = tmp_path / "backup"
        assert cli(app, "backup", str(folder)).exit_code == 0
        manifest_path = folder / "manifest.json"
        good = manifest_path.read_text()

        def refused(expected: str) -> None:
            result = cli(app, "restore", str(folder), "--yes")
            assert result.exit_code != 0
            assert expected in result.output, result.output
            assert "Traceback" not in result.output
            assert raw_rows(app) == before

        damage(app)
        before = raw_rows(app)
        ring = app.extensions["casework_keystore"].ring

        def write(manifest, signed=True):
            manifest = ops.sign_manifest(manifest, ring) if signed else manifest
            manifest_path.write_text(json.dumps(manifest))

        # Any change to the manifest without the key ring is caught first.
        manifest = json.loads(good)
        manifest["revision"] = "0123abcd"
        write(manifest, signed=False)
        refused("Check failed: manifest authentication")
        del manifest["mac"]
        write(manifest, signed=False)
        refused("carries no authentication code")

        # The later checks, for a manifest signed with the right key ring.
        manifest = json.loads(good)
        manifest["key_versions"] = [1, 7]
        write(manifest)
        refused("lacks master-key version(s) 7")

        manifest = json.loads(good)
        manifest["key_check_values"]["1"] = "0" * 16
        write(manifest)
        refused("different key under version(s) 1")

        manifest = json.loads(good)
        manifest["revision"] = "0123abcd"
        write(manifest)
        refused("migration revision 0123abcd")

        manifest_path.write_text(good)
        dump = folder / json.loads(good)["dump"]
        data = bytearray(dump.read_bytes())
        data[len(data) // 2] ^= 0xFF
        dump.write_bytes(bytes(data))
        refused("does not match the checksum")

        manifest_path.unlink()
        refused("not a Casework backup")

        result = cli(app, "backup", str(folder))
        assert result.exit_code != 0 and "not an empty folder" in result.output
    finally:
        close(app)


def test_sqlite_backup_is_consistent_while_the_app_writes(tmp_path):
    """A writer keeps committing during the backup; the dump matches its own manifest."""
    (tmp_path / "keys").mkdir(mode=0o700)
    app = make_app(f"sqlite:///{tmp_path / 'casework.db'}", tmp_path / "keys" / "master.key")
    stop = threading.Event()
    written = []

    def writer():
        with app.app_context():
            make = Factories(app)
            case = make.case()
            db.session.commit()
            while not stop.is_set():
                make.note(case, body=f"Concurrent note {len(written)}")
                db.session.commit()
                written.append(1)
            db.session.remove()

    try:
        seed(app)
        thread = threading.Thread(target=writer)
        thread.start()
        while len(written) < 5:
            threading.Event().wait(0.01)
        for n in range(3):
            folder = tmp_path / f"backup{n}"
            assert cli(app, "backup", str(folder)).exit_code == 0
        stop.set()
        thread.join(10)
        assert len(written) > 5
        for n in range(3):
            folder = tmp_path / f"backup{n}"
            manifest = json.loads((folder / "manifest.json").read_text())
            reader = create_engine(f"sqlite:///{folder / manifest['dump']}")
            with reader.connect() as connection:
                assert ops.table_checksums(connection) == manifest["tables"]
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
            reader.dispose()
    finally:
        stop.set()
        close(app)


@pytest.fixture
def postgres_url():
    """A scratch database on the local PostgreSQL, dropped afterwards."""
    with scratch_database("casework_backup") as url:
        yield url


def test_postgres_round_trip_restores_every_row_and_field(tmp_path, postgres_url):
    (tmp_path / "keys").mkdir(mode=0o700)
    app = make_app(postgres_url, tmp_path / "keys" / "master.key")
    try:
        folder, manifest = round_trip(app, tmp_path)
        assert manifest["dialect"] == "postgresql"
        assert (folder / manifest["dump"]).read_bytes()[:5] == b"PGDMP"
    finally:
        close(app)


def forged_restore_is_refused(app, tmp_path):
    """A backup whose rows were changed, with every digest recomputed, changes nothing.

    The forger changes a worker's wrapped data in a backup, then recomputes the dump's
    SHA-256 and the table digests. Without the key ring the manifest's authentication
    fails; even re-signed with the key ring (an insider), the scratch copy's tables do
    not match the manifest's, and the target is left as it was.
    """
    seed(app)
    honest = tmp_path / "honest"
    assert cli(app, "backup", str(honest)).exit_code == 0
    with app.app_context():
        worker = db.session.scalars(db.select(Worker)).first()
        worker.name = "Forged Into The Backup"
        db.session.commit()
        db.session.remove()
    changed = tmp_path / "changed"
    assert cli(app, "backup", str(changed)).exit_code == 0
    damage(app)  # the live database moves on; the restore must not touch it
    with app.app_context(), db.engine.connect() as connection:
        target_before = ops.table_checksums(connection)
    rows_before = raw_rows(app)
    ring = app.extensions["casework_keystore"].ring

    manifest = json.loads((honest / "manifest.json").read_text())
    forged_manifest = json.loads((changed / "manifest.json").read_text())
    dump = changed / manifest["dump"]

    def attempt(expected: str) -> None:
        result = cli(app, "restore", str(changed), "--yes")
        assert result.exit_code != 0, result.output
        assert expected in result.output, result.output
        assert "Traceback" not in result.output
        with app.app_context(), db.engine.connect() as connection:
            assert ops.table_checksums(connection) == target_before
        assert raw_rows(app) == rows_before

    # 1. Digests recomputed to match the changed rows, no key: the manifest is not authentic.
    forged_manifest["created_at"] = manifest["created_at"]
    forged_manifest["dump_sha256"] = ops.file_sha256(dump)
    del forged_manifest["mac"]
    forged_manifest["mac"] = "0" * 64
    (changed / "manifest.json").write_text(json.dumps(forged_manifest))
    attempt("Check failed: manifest authentication")

    # 2. Re-signed with the key ring, but the table digests are the honest backup's.
    insider = {**manifest, "dump_sha256": ops.file_sha256(dump), "dump_bytes": dump.stat().st_size}
    (changed / "manifest.json").write_text(json.dumps(ops.sign_manifest(insider, ring)))
    attempt("Check failed: table digests and row counts")
    assert "workers" in cli(app, "restore", str(changed), "--yes").output


def test_sqlite_forged_backup_changes_nothing(tmp_path):
    (tmp_path / "keys").mkdir(mode=0o700)
    app = make_app(f"sqlite:///{tmp_path / 'casework.db'}", tmp_path / "keys" / "master.key")
    try:
        forged_restore_is_refused(app, tmp_path)
        # A row changed inside the dump file itself is caught the same way.
        folder = tmp_path / "edited"
        assert cli(app, "backup", str(folder)).exit_code == 0
        manifest = json.loads((folder / "manifest.json").read_text())
        with sqlite3.connect(folder / manifest["dump"]) as connection:
            connection.execute("UPDATE employers SET business_name = 'Forged Name LLC'")
        connection.close()
        manifest["dump_sha256"] = ops.file_sha256(folder / manifest["dump"])
        ring = app.extensions["casework_keystore"].ring
        (folder / "manifest.json").write_text(json.dumps(ops.sign_manifest(manifest, ring)))
        result = cli(app, "restore", str(folder), "--yes")
        assert result.exit_code != 0 and "employers" in result.output, result.output
        with sqlite3.connect(tmp_path / "casework.db") as connection:
            names = {n for (n,) in connection.execute("SELECT business_name FROM employers")}
        assert "Forged Name LLC" not in names
        assert not list(tmp_path.glob(".restore-*"))
    finally:
        close(app)


def test_postgres_forged_backup_changes_nothing(tmp_path, postgres_url):
    (tmp_path / "keys").mkdir(mode=0o700)
    app = make_app(postgres_url, tmp_path / "keys" / "master.key")
    try:
        forged_restore_is_refused(app, tmp_path)
    finally:
        close(app)


def test_a_backup_is_an_anchor_that_catches_a_cut_audit_tail(tmp_path):
    from casework import audit
    from casework.models.audit import AuditEvent, AuditHead

    (tmp_path / "keys").mkdir(mode=0o700)
    app = make_app(f"sqlite:///{tmp_path / 'casework.db'}", tmp_path / "keys" / "master.key")
    try:
        seed(app)
        with app.app_context():
            case = db.session.scalars(db.select(Case)).first()
            for _ in range(5):
                audit.record("case.view", case)
            db.session.commit()
            head = audit.current_anchor()
            db.session.remove()
        folder = tmp_path / "backup"
        assert cli(app, "backup", str(folder)).exit_code == 0
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["audit"] == {"length": head.seq, "head": head.hash}
        assert cli(app, "audit", "verify", "--anchor", str(folder)).exit_code == 0

        with app.app_context():
            keep = head.seq - 2
            kept = db.session.get(AuditEvent, keep)
            db.session.execute(db.delete(AuditEvent).where(AuditEvent.seq > keep))
            db.session.execute(
                db.update(AuditHead).where(AuditHead.id == 1).values(seq=keep, hash=kept.hash)
            )
            db.session.commit()
            db.session.remove()
        assert cli(app, "audit", "verify").exit_code == 0
        result = cli(app, "audit", "verify", "--anchor", str(folder))
        assert result.exit_code != 0
        assert "cut from its end" in result.output and "of the backup" in result.output

        # An anchor edited in the manifest is refused, not trusted.
        manifest["audit"]["length"] = keep
        (folder / "manifest.json").write_text(json.dumps(manifest))
        result = cli(app, "audit", "verify", "--anchor", str(folder))
        assert result.exit_code != 0 and "manifest authentication" in result.output
    finally:
        close(app)
