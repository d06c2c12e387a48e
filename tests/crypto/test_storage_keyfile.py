"""Production refuses to start with an unsafe or missing master key file, and says why."""

from __future__ import annotations

import os
import pwd
import shutil
import tempfile
from pathlib import Path

import pytest

from casework.crypto import columns
from casework.crypto.keyring import generate_key_file

SECRET = "s" * 48


@pytest.fixture
def dirs(tmp_path):
    saved = columns._keystore
    (tmp_path / "db").mkdir()
    (tmp_path / "keys").mkdir(mode=0o700)
    yield tmp_path
    columns.install_keystore(saved)


def _start(dirs, key_path):
    from casework import create_app

    return create_app(
        "production",
        SECRET_KEY=SECRET,
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{dirs / 'db' / 'casework.db'}",
        CASEWORK_KEY_FILE=str(key_path),
        CASEWORK_MASTER_KEYS=None,
    )


def _refused(dirs, key_path) -> str:
    with pytest.raises(SystemExit) as info:
        _start(dirs, key_path)
    message = str(info.value.code)
    assert message.startswith("Casework will not start")
    return message


def test_safe_key_file_starts(dirs):
    path = dirs / "keys" / "master.key"
    generate_key_file(path)
    os.chmod(path, 0o600)
    app = _start(dirs, path)
    assert app.extensions["casework_keystore"].ring.primary_version == 1


def test_missing_key_file(dirs):
    path = dirs / "keys" / "master.key"
    message = _refused(dirs, path)
    assert "does not exist" in message
    assert not path.exists()  # production never invents a key


def test_world_readable_key_file(dirs):
    path = dirs / "keys" / "master.key"
    generate_key_file(path)
    os.chmod(path, 0o644)
    message = _refused(dirs, path)
    assert "accessible to group or others" in message and "chmod 600" in message


def test_key_file_inside_database_directory(dirs):
    path = dirs / "db" / "master.key"
    generate_key_file(path)
    os.chmod(path, 0o600)
    message = _refused(dirs, path)
    assert "inside the database directory" in message


def test_unreadable_key_file(dirs):
    # A directory where the file should be, and a file that is not a key file.
    folder = dirs / "keys" / "master.key"
    folder.mkdir(mode=0o700)
    assert "not a regular file" in _refused(dirs, folder)
    garbage = dirs / "keys" / "garbage.key"
    garbage.write_bytes(b"\xff\xfe not a key file")
    os.chmod(garbage, 0o600)
    message = _refused(dirs, garbage)
    assert "garbage.key" in message


def test_key_file_without_read_permission(dirs, tmp_path_factory):
    if os.geteuid() != 0:
        path = dirs / "keys" / "master.key"
        generate_key_file(path)
        os.chmod(path, 0o000)
        _refused(dirs, path)
        return
    # Root reads files whatever their mode: check as an ordinary user, in a forked child
    # that drops its privileges after the app's modules are loaded.
    message = _refused_as_nobody(dirs)
    assert "master.key" in message


def _refused_as_nobody(dirs) -> str:
    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="casework-keyfile-"))
    try:
        os.chmod(base, 0o711)
        (base / "db").mkdir()
        (base / "keys").mkdir(mode=0o700)
        path = base / "keys" / "master.key"
        generate_key_file(path)
        os.chmod(path, 0o000)
        for owned in (base / "db", base / "keys", path):
            os.chown(owned, nobody.pw_uid, nobody.pw_gid)
        safe = dirs / "keys" / "warm.key"
        generate_key_file(safe)
        os.chmod(safe, 0o600)
        _start(dirs, safe)  # import everything the app needs before dropping privileges
        read_end, write_end = os.pipe()
        child = os.fork()
        if child == 0:  # pragma: no cover - runs in the child
            os.close(read_end)
            code = 1
            try:
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
                try:
                    _start(base, path)
                    result = "STARTED"
                except SystemExit as exc:
                    result = str(exc.code)
                os.write(write_end, result.encode())
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            result = pipe.read().decode()
        _, status = os.waitpid(child, 0)
        assert os.WEXITSTATUS(status) == 0, result
        assert os.geteuid() == 0
        assert result.startswith("Casework will not start"), result
        return result
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_development_creates_a_key_file(dirs):
    from casework import create_app

    path = dirs / "keys" / "dev.key"
    app = create_app(
        "development",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{dirs / 'db' / 'casework.db'}",
        CASEWORK_KEY_FILE=str(path),
        CASEWORK_MASTER_KEYS=None,
    )
    assert path.exists() and (path.stat().st_mode & 0o077) == 0
    assert app.extensions["casework_keystore"].ring.versions == (1,)
