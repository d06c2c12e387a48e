"""`flask casework keys status|rotate|retire` on the test database, with a key file in tmp."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.crypto import columns
from casework.crypto.keyring import load_key_file, write_key_file
from casework.crypto.keystore import KeyStore
from casework.extensions import db
from casework.keys import keystore
from casework.models import Note, Worker
from casework.models.case import Case
from casework.models.keys import DataKey


@pytest.fixture
def key_file(app, tmp_path):
    """Point the app at a key file holding its current ring; restore the ring afterwards."""
    saved_store = app.extensions["casework_keystore"]
    saved_path = app.config.get("CASEWORK_KEY_FILE")
    path = tmp_path / "keys" / "master.key"
    path.parent.mkdir(mode=0o700)
    write_key_file(path, saved_store.ring)
    app.config["CASEWORK_KEY_FILE"] = str(path)
    yield path
    app.config["CASEWORK_KEY_FILE"] = saved_path
    app.extensions["casework_keystore"] = saved_store
    columns.install_keystore(saved_store)


def _cli(app, *args):
    return app.test_cli_runner().invoke(args=["casework", *args])


def _data(make, n=3):
    rows = []
    for i in range(n):
        worker = make.worker(name=f"Rotation Worker {i}")
        case = make.case(workers=[worker], narrative=f"Rotation narrative {i}")
        note = make.note(case, body=f"Rotation note {i}")
        rows.append((worker.id, case.id, note.id, i))
    db.session.commit()
    return rows


def _all_readable(rows):
    db.session.expunge_all()
    for worker_id, case_id, note_id, i in rows:
        assert db.session.get(Worker, worker_id).name == f"Rotation Worker {i}"
        assert db.session.get(Case, case_id).narrative == f"Rotation narrative {i}"
        assert db.session.get(Note, note_id).body == f"Rotation note {i}"


def _versions():
    return set(db.session.scalars(select(DataKey.kek_version)).all())


def test_status_counts_per_version(app, make, key_file):
    rows = _data(make, 2)
    result = _cli(app, "keys", "status")
    assert result.exit_code == 0, result.output
    total = db.session.query(DataKey).count()
    assert total >= len(rows) * 2
    assert "primary master-key version: 1" in result.output
    assert f"version 1: {total} data keys" in result.output


def test_rotate_rewraps_everything_and_retire_then_succeeds(app, make, key_file):
    rows = _data(make)
    assert _versions() == {1}
    result = _cli(app, "keys", "rotate", "--batch-size", "2")
    assert result.exit_code == 0, result.output
    assert "New primary master-key version 2" in result.output
    ring = load_key_file(key_file)
    assert ring.primary_version == 2 and set(ring.versions) == {1, 2}
    assert _versions() == {2}
    _all_readable(rows)
    # Status shows the old version empty.
    status = _cli(app, "keys", "status").output
    assert "version 1: 0 data keys" in status and "primary master-key version: 2" in status
    result = _cli(app, "keys", "retire", "1")
    assert result.exit_code == 0, result.output
    assert load_key_file(key_file).versions == (2,)
    _all_readable(rows)


def test_rotation_interrupted_then_resumed(app, make, key_file, monkeypatch):
    rows = _data(make, 4)
    total = db.session.query(DataKey).count()
    real = KeyStore.rewrap_batch
    calls = {"n": 0}

    def one_batch_then_power_cut(self, session, batch_size=500):
        calls["n"] += 1
        if calls["n"] > 1:
            raise KeyboardInterrupt
        return real(self, session, batch_size)

    monkeypatch.setattr(KeyStore, "rewrap_batch", one_batch_then_power_cut)
    result = _cli(app, "keys", "rotate", "--batch-size", "3")
    assert result.exit_code != 0
    monkeypatch.setattr(KeyStore, "rewrap_batch", real)

    # Half done: the new version is primary, three keys moved, the rest still under 1.
    assert load_key_file(key_file).primary_version == 2
    counts = keystore().status(db.session)
    assert counts == {2: 3, 1: total - 3}
    _all_readable(rows)

    # Retiring the old version is refused while any data key uses it.
    refused = _cli(app, "keys", "retire", "1")
    assert refused.exit_code != 0
    assert f"{total - 3} data keys still use version 1" in refused.output
    assert set(load_key_file(key_file).versions) == {1, 2}

    # Running rotate again resumes instead of adding another version.
    result = _cli(app, "keys", "rotate", "--batch-size", "3")
    assert result.exit_code == 0, result.output
    assert "Resuming" in result.output
    assert load_key_file(key_file).primary_version == 2
    assert _versions() == {2}
    _all_readable(rows)

    assert _cli(app, "keys", "retire", "1").exit_code == 0
    # New data keys are wrapped under the new primary, and old ones still decrypt.
    fresh = make.worker(name="After Rotation")
    db.session.commit()
    assert db.session.get(DataKey, fresh.id).kek_version == 2
    _all_readable(rows)


def test_retire_primary_is_refused(app, make, key_file):
    _data(make, 1)
    result = _cli(app, "keys", "retire", "1")
    assert result.exit_code != 0
    assert "primary" in result.output


def test_rotate_without_key_file_says_why(app, make, key_file):
    _data(make, 1)
    app.config["CASEWORK_KEY_FILE"] = None
    result = _cli(app, "keys", "rotate")
    assert result.exit_code != 0
    assert "CASEWORK_MASTER_KEYS" in result.output


def test_retire_unknown_version_says_so(app, make, key_file):
    result = _cli(app, "keys", "retire", "7")
    assert result.exit_code != 0
    assert "no version 7" in result.output
