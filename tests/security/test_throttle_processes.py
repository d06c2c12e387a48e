"""Sign-in throttling holds across worker processes.

Two server processes share one database (and, when configured, one Redis); wrong
passwords and TOTP codes are sent to both at once, and no more than five per account
get checked in the window.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from casework.crypto import columns
from casework.extensions import db
from tests.factories import Factories
from tests.ops.test_backup import close, make_app
from tests.scratch_postgres import scratch_database
from tests.security.test_live_rotation import _free_port, _wait_until_up

pytestmark = pytest.mark.pure  # builds its own database and server processes

ROOT = Path(__file__).resolve().parents[2]
SERVER = textwrap.dedent(
    """
    import sys
    from werkzeug.serving import make_server
    from casework import create_app

    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=sys.argv[1],
        CASEWORK_KEY_FILE=sys.argv[2],
        RATELIMIT_STORAGE_URI=sys.argv[4],
    )
    make_server("127.0.0.1", int(sys.argv[3]), app, threaded=True).serve_forever()
    """
)


@pytest.fixture(autouse=True)
def restore_keystore():
    before = columns._keystore
    yield
    columns.install_keystore(before)


def _post(base: str, path: str, data: dict) -> int:
    body = urllib.parse.urlencode(data).encode()
    request = urllib.request.Request(base + path, body)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.mark.parametrize(
    ("storage", "database"),
    [
        ("casework+db://", "sqlite"),
        ("casework+db://", "postgresql"),
        ("redis://127.0.0.1:6379/15", "sqlite"),
    ],
)
def test_two_processes_check_at_most_five_passwords_per_account(tmp_path, storage, database):
    if storage.startswith("redis") and not _redis_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    if storage.startswith("redis"):
        from limits.storage import storage_from_string

        storage_from_string(storage).reset()
    (tmp_path / "keys").mkdir(mode=0o700)
    key_file = tmp_path / "keys" / "master.key"
    if database == "postgresql":
        with scratch_database("casework_throttle") as url:
            _run(tmp_path, key_file, url, storage)
    else:
        _run(tmp_path, key_file, f"sqlite:///{tmp_path / 'casework.db'}", storage)


def _run(tmp_path, key_file, url, storage):
    app = make_app(url, key_file)
    with app.app_context():
        email = Factories(app).user("advocate").email
        db.session.commit()
        db.session.remove()
    ports = [_free_port(), _free_port()]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", SERVER, url, str(key_file), str(port), storage],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    try:
        bases = [f"http://127.0.0.1:{port}" for port in ports]
        for base, process in zip(bases, processes, strict=True):
            _wait_until_up(base, process)
        guesses = [(bases[n % 2], f"wrong guess {n}") for n in range(12)]
        with ThreadPoolExecutor(max_workers=6) as pool:
            statuses = list(
                pool.map(
                    lambda g: _post(g[0], "/login", {"email": email, "password": g[1]}), guesses
                )
            )
        checked = [s for s in statuses if s == 200]
        refused = [s for s in statuses if s == 429]
        print(f"\n{storage} on {url.split(':')[0]}: {len(checked)} of 12 checked by 2 processes")
        if 500 in statuses:
            processes[0].terminate()
            raise AssertionError(processes[0].stderr.read().decode()[-3000:])
        assert len(checked) == 5 and len(refused) == 7, statuses
        # Another account from the same address is not locked out.
        with app.app_context():
            other = Factories(app).user("advocate").email
            db.session.commit()
            db.session.remove()
        from tests.factories import PASSWORD

        assert _post(bases[0], "/login", {"email": other, "password": PASSWORD}) in (200, 302)
    finally:
        for process in processes:
            process.terminate()
            process.wait(10)
        close(app)
