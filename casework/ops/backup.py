"""Consistent backups and checked restores of the Casework database.

A backup is a folder holding the database snapshot and ``manifest.json``:

* SQLite: ``casework.sqlite3``, written with SQLite's online backup API
  (``sqlite3.Connection.backup``) while the app keeps serving;
* PostgreSQL: ``casework.pgdump``, written by ``pg_dump --format=custom`` inside the
  same exported snapshot the manifest's row checksums are read from.

The manifest records the row count and a SHA-256 of every table's rows in primary-key
order, the SHA-256 of the dump file, the master-key versions whose data keys the dump
holds (with a key check value for each, so a wrong key file is caught before anything is
overwritten), the migration revision and when it was made. It never holds a key or any
decrypted value; the dump holds only ciphertext and wrapped data keys, so a backup is
useless without the key file, which is backed up separately.

The manifest is authenticated (see ``manifest.py``) and records the audit chain's anchor.

``restore`` refuses, changing nothing, when the manifest's authentication fails, when the
dump does not match its checksum, when the loaded key ring lacks a needed version (or holds
a different key under its number), or when the backup's migration revision is not the
code's. It then restores into a scratch copy (a file beside the SQLite database, or a new
PostgreSQL database) and checks every table's row count and digest there; only a copy that
matches replaces the database (an atomic rename, or one ``pg_restore`` transaction). Every
refusal names the check that failed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine, make_url

from casework.ops.manifest import (
    FORMAT,
    MANIFEST,
    BackupError,
    audit_anchor_of,
    compare_tables,
    read_manifest,
    sign_manifest,
    verify_manifest,
)

__all__ = ["BackupError", "audit_anchor_of", "backup", "check", "restore", "sign_manifest"]

SQLITE_DUMP = "casework.sqlite3"
POSTGRES_DUMP = "casework.pgdump"
KCV_LABEL = b"casework-backup-key-check"
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class RestoreReport:
    dialect: str
    tables: int
    rows: int
    revision: str | None


# --- helpers -----------------------------------------------------------------------


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _canonical(value) -> str:
    """A stable text form of one column value as the driver returns it."""
    if value is None:
        return "\x00N"
    if isinstance(value, memoryview):
        value = value.tobytes()
    if isinstance(value, bytes | bytearray):
        return "b" + bytes(value).hex()
    if isinstance(value, bool):
        return "t" if value else "f"
    return type(value).__name__[:1] + str(value)


def table_checksums(connection: Connection) -> dict[str, dict]:
    """Row count and SHA-256 of every table's rows in primary-key order."""
    inspector = inspect(connection)
    result: dict[str, dict] = {}
    quote = connection.dialect.identifier_preparer.quote
    for table in sorted(inspector.get_table_names()):
        columns = [c["name"] for c in inspector.get_columns(table)]
        keys = inspector.get_pk_constraint(table).get("constrained_columns") or columns
        order = ", ".join(quote(k) for k in keys)
        select = ", ".join(quote(c) for c in columns)
        digest = hashlib.sha256()
        count = 0
        rows = connection.execute(text(f"SELECT {select} FROM {quote(table)} ORDER BY {order}"))
        for row in rows:
            digest.update("\x1f".join(_canonical(v) for v in row).encode("utf-8", "replace"))
            digest.update(b"\x1e")
            count += 1
        result[table] = {"rows": count, "sha256": digest.hexdigest()}
    return result


def _key_versions(connection: Connection) -> list[int]:
    if "data_keys" not in inspect(connection).get_table_names():
        return []
    rows = connection.execute(text("SELECT DISTINCT kek_version FROM data_keys"))
    return sorted(int(v) for (v,) in rows)


def key_check_value(ring, version: int) -> str:
    """A short public fingerprint of one master key (HMAC of a fixed label; no key material)."""
    return hmac.new(ring.key(version), KCV_LABEL, hashlib.sha256).hexdigest()[:16]


def _audit_head(connection: Connection) -> dict:
    """The audit chain's length and head hash in this snapshot: an anchor for later checks."""
    if "audit_head" not in inspect(connection).get_table_names():
        return {"length": 0, "head": "0" * 64}
    row = connection.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).first()
    return {"length": int(row[0]), "head": row[1]} if row else {"length": 0, "head": "0" * 64}


def _revision(connection: Connection) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def code_revision(app) -> str | None:
    """The migration head this code expects."""
    from alembic.script import ScriptDirectory
    from flask_migrate import Config

    directory = app.extensions["migrate"].directory
    config = Config(os.path.join(directory, "alembic.ini"))
    config.set_main_option("script_location", directory)
    return ScriptDirectory.from_config(config).get_current_head()


def _libpq(engine: Engine) -> tuple[str, dict]:
    """A libpq URL without the password, and the environment carrying it."""
    url = make_url(engine.url).set(drivername="postgresql")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
        url = url.set(password=None)
    return url.render_as_string(hide_password=False), env


def _run(command: list[str], env: dict) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} was not found: install the PostgreSQL client tools."
        ) from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-800:]}")


def _sqlite_file(engine: Engine) -> Path:
    database = make_url(engine.url).database
    if not database or database == ":memory:":
        raise BackupError("This database lives in memory; there is no file to back up.")
    return Path(database)


# --- backup ------------------------------------------------------------------------


def backup(engine: Engine, ring, target: str | os.PathLike, app=None) -> dict:
    """Write a snapshot and its manifest into the folder ``target`` (new or empty)."""
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"{target} exists and is not an empty folder; choose a new one.")
    target.mkdir(parents=True, exist_ok=True)
    os.chmod(target, 0o700)
    dialect = engine.dialect.name
    if dialect == "sqlite":
        dump = target / SQLITE_DUMP
        _sqlite_backup(engine, dump)
        # The checksums are read from the snapshot itself, so they describe exactly it.
        from sqlalchemy import create_engine

        reader = create_engine(f"sqlite:///{dump}")
        try:
            with reader.connect() as connection:
                tables = table_checksums(connection)
                versions = _key_versions(connection)
                revision = _revision(connection)
                audit = _audit_head(connection)
        finally:
            reader.dispose()
    elif dialect == "postgresql":
        dump = target / POSTGRES_DUMP
        tables, versions, revision, audit = _postgres_backup(engine, dump)
    else:
        raise BackupError(f"Backups of {dialect} databases are not supported.")
    os.chmod(dump, 0o600)
    missing = [v for v in versions if v not in ring.versions]
    if missing:
        raise BackupError(
            "The database holds data keys under master-key versions this key ring lacks: "
            + ", ".join(map(str, missing))
        )
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "dialect": dialect,
        "dump": dump.name,
        "dump_sha256": file_sha256(dump),
        "dump_bytes": dump.stat().st_size,
        "revision": revision,
        "key_versions": versions,
        "key_check_values": {str(v): key_check_value(ring, v) for v in versions},
        "tables": tables,
        "audit": audit,
    }
    manifest = sign_manifest(manifest, ring)
    manifest_path = target / MANIFEST
    manifest_path.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    os.chmod(manifest_path, 0o600)
    return manifest


def _sqlite_backup(engine: Engine, dump: Path) -> None:
    source_file = _sqlite_file(engine)
    if not source_file.exists():
        raise BackupError(f"The database file {source_file} does not exist.")
    # A connection of its own: the backup API copies a consistent state even while the
    # app writes (it restarts the copy when a writer changes a page it already copied).
    source = sqlite3.connect(str(source_file), timeout=30)
    destination = sqlite3.connect(str(dump))
    try:
        source.backup(destination, pages=-1)
        destination.execute("PRAGMA journal_mode=DELETE")
        destination.commit()
    finally:
        destination.close()
        source.close()


def _postgres_backup(engine: Engine, dump: Path):
    url, env = _libpq(engine)
    with engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            tables = table_checksums(connection)
            versions = _key_versions(connection)
            revision = _revision(connection)
            audit = _audit_head(connection)
            # pg_dump reads the very snapshot the checksums were computed on.
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={dump}",
                    f"--dbname={url}",
                ],
                env,
            )
    return tables, versions, revision, audit


# --- restore -----------------------------------------------------------------------


def check(source: str | os.PathLike, engine: Engine, ring, app=None) -> tuple[Path, dict]:
    """Every check a restore makes before it touches the database; raises BackupError."""
    source, manifest = read_manifest(source)
    verify_manifest(manifest, ring)
    if manifest.get("dialect") != engine.dialect.name:
        raise BackupError(
            f"This backup is of a {manifest.get('dialect')} database; the configured database "
            f"is {engine.dialect.name}."
        )
    dump = source / str(manifest.get("dump", ""))
    if dump.parent != source or not dump.is_file():
        raise BackupError(f"The dump file named in the manifest is missing from {source}.")
    if file_sha256(dump) != manifest.get("dump_sha256"):
        raise BackupError(
            f"{dump.name} does not match the checksum in the manifest: the backup is damaged "
            "or was altered. Nothing was restored."
        )
    missing = [v for v in manifest.get("key_versions", []) if v not in ring.versions]
    if missing:
        raise BackupError(
            "The loaded key ring lacks master-key version(s) "
            + ", ".join(map(str, missing))
            + " that this backup needs: restore the key file from its own backup first. "
            "Nothing was restored."
        )
    wrong = [
        v
        for v in manifest.get("key_versions", [])
        if manifest.get("key_check_values", {}).get(str(v)) != key_check_value(ring, v)
    ]
    if wrong:
        raise BackupError(
            "The loaded key ring holds a different key under version(s) "
            + ", ".join(map(str, wrong))
            + " than the one this backup was written with: load the matching key file. "
            "Nothing was restored."
        )
    if app is not None:
        expected = code_revision(app)
        if manifest.get("revision") != expected:
            raise BackupError(
                f"This backup is at migration revision {manifest.get('revision')}; this "
                f"version of Casework expects {expected}. Restore it with the Casework "
                "release that wrote it, then upgrade. Nothing was restored."
            )
    return source, manifest


def restore(source: str | os.PathLike, engine: Engine, ring, app=None) -> RestoreReport:
    """Check the backup, restore it into a scratch copy and check every table, then replace.

    On any failed check the configured database is left exactly as it was, and the
    message names the check.
    """
    source, manifest = check(source, engine, ring, app)
    dump = source / manifest["dump"]
    expected = manifest["tables"]
    if engine.dialect.name == "sqlite":
        _sqlite_restore(engine, dump, expected)
    else:
        _postgres_restore(engine, dump, expected)
    engine.dispose()
    with engine.connect() as connection:
        differ = compare_tables(table_checksums(connection), expected)
    if differ:
        raise BackupError(
            "Check failed: restored tables. The restored database does not match the manifest "
            "in table(s): " + ", ".join(differ)
        )
    return RestoreReport(
        dialect=engine.dialect.name,
        tables=len(expected),
        rows=sum(t["rows"] for t in expected.values()),
        revision=manifest.get("revision"),
    )


def _scratch_refusal(differ: list[str]) -> BackupError:
    return BackupError(
        "Check failed: table digests and row counts. The backup's data does not match its "
        "manifest in table(s): " + ", ".join(differ) + ". Nothing was restored."
    )


def _postgres_restore(engine: Engine, dump: Path, expected: dict) -> None:
    """Restore into a scratch database, check it, then replace the target in one transaction."""
    import secrets

    from sqlalchemy import create_engine

    url, env = _libpq(engine)
    server = make_url(engine.url)
    scratch_name = f"{server.database}_restore_{secrets.token_hex(4)}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{scratch_name}"'))
        scratch = engine.url.set(database=scratch_name)
        scratch_url, _env = _libpq(create_engine(scratch))
        restore_command = [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
        ]
        _run([*restore_command, f"--dbname={scratch_url}", str(dump)], env)
        checker = create_engine(scratch)
        try:
            with checker.connect() as connection:
                differ = compare_tables(table_checksums(connection), expected)
        finally:
            checker.dispose()
        if differ:
            raise _scratch_refusal(differ)
        engine.dispose()
        # The checked dump replaces the target in one transaction: all of it or none.
        _run(
            [*restore_command, "--clean", "--if-exists", f"--dbname={url}", str(dump)],
            env,
        )
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{scratch_name}" WITH (FORCE)'))
        admin.dispose()


def _sqlite_restore(engine: Engine, dump: Path, expected: dict) -> None:
    from sqlalchemy import create_engine

    target = _sqlite_file(engine)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Copy next to the target, check the copy completely, make it durable, then swap it
    # in atomically; the old WAL and shared-memory files belong to the replaced database
    # and go with it. A copy that fails a check is deleted and the target is untouched.
    fd, temporary = tempfile.mkstemp(prefix=".restore-", dir=target.parent)
    os.close(fd)
    try:
        shutil.copyfile(dump, temporary)
        os.chmod(temporary, 0o600)
        checker = create_engine(f"sqlite:///{temporary}")
        try:
            with checker.connect() as connection:
                differ = compare_tables(table_checksums(connection), expected)
        except Exception as exc:
            raise BackupError(
                f"Check failed: reading the scratch copy ({exc.__class__.__name__}). "
                "Nothing was restored."
            ) from None
        finally:
            checker.dispose()
        if differ:
            raise _scratch_refusal(differ)
        with open(temporary, "rb") as handle:
            os.fsync(handle.fileno())
        engine.dispose()
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
