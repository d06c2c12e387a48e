"""Shredding on a file SQLite database: the wrapped key is gone from the file and its WAL."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.crypto import columns
from casework.crypto.columns import Unreadable
from casework.extensions import db
from casework.models import Worker
from casework.models.keys import DataKey


@pytest.fixture
def file_app(tmp_path):
    """An app on its own SQLite file (migrations applied) with a key file elsewhere."""
    from flask_migrate import upgrade

    from casework import create_app

    saved = columns._keystore
    (tmp_path / "db").mkdir()
    (tmp_path / "keys").mkdir(mode=0o700)
    db_file = tmp_path / "db" / "casework.db"
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}",
        CASEWORK_KEY_FILE=str(tmp_path / "keys" / "master.key"),
    )
    app.db_file = db_file
    with app.app_context():
        upgrade()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    columns.install_keystore(saved)


def _raw_bytes(db_file: Path) -> bytes:
    data = db_file.read_bytes()
    wal = db_file.with_name(db_file.name + "-wal")
    if wal.exists():
        data += wal.read_bytes()
    return data


def test_shredded_key_bytes_leave_the_file_and_wal(file_app):
    with file_app.app_context():
        workers = [Worker(name=f"File Worker {i}", phone=f"(555) 301-00{i:02d}") for i in range(5)]
        db.session.add_all(workers)
        db.session.commit()
        target, others = workers[2].id, [w.id for w in workers if w.id != workers[2].id]
        wrapped = bytes(db.session.get(DataKey, target).wrapped)
        assert wrapped in _raw_bytes(file_app.db_file)  # the scan would see it

        result = file_app.test_cli_runner().invoke(
            args=["casework", "shred-worker", str(target), "--yes"]
        )
        assert result.exit_code == 0, result.output

        raw = _raw_bytes(file_app.db_file)
        assert wrapped not in raw
        assert wrapped[:16] not in raw and wrapped[-16:] not in raw
        wal = file_app.db_file.with_name(file_app.db_file.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0

        db.session.expunge_all()
        assert isinstance(db.session.get(Worker, target).name, Unreadable)
        for worker_id in others:
            assert db.session.get(Worker, worker_id).name.startswith("File Worker ")
