"""A running server follows a key rotation made by another process, with no restart.

The server runs in a process of its own; `keys rotate` and `keys retire` run here, as an
operator would run them beside it. The server's pages keep decrypting every record.
"""

from __future__ import annotations

import http.cookiejar
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from casework.crypto import columns
from casework.extensions import db
from tests.factories import PASSWORD, Factories
from tests.ops.test_backup import cli, close, make_app

pytestmark = pytest.mark.pure  # builds its own apps, database and server process

ROOT = Path(__file__).resolve().parents[2]

SERVER = textwrap.dedent(
    """
    import sys
    from werkzeug.serving import make_server
    from casework import create_app

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=sys.argv[1], CASEWORK_KEY_FILE=sys.argv[2])
    make_server("127.0.0.1", int(sys.argv[3]), app, threaded=True).serve_forever()
    """
)


@pytest.fixture(autouse=True)
def restore_keystore():
    before = columns._keystore
    yield
    columns.install_keystore(before)


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=60) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> int:
        body = urllib.parse.urlencode(data).encode()
        with self.opener.open(self.base + path, body, timeout=60) as response:
            return response.status


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(base: str, process) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            urllib.request.urlopen(base + "/login", timeout=5).close()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("the server did not start")


def test_a_rotation_under_a_live_server_needs_no_restart(tmp_path):
    (tmp_path / "keys").mkdir(mode=0o700)
    key_file = tmp_path / "keys" / "master.key"
    url = f"sqlite:///{tmp_path / 'casework.db'}"
    app = make_app(url, key_file)
    with app.app_context():
        make = Factories(app)
        advocate = make.user("advocate", totp_required=False)
        workers = [make.worker(name=f"Rotated Worker {n}") for n in range(3)]
        make.case(workers=workers, assigned_to=advocate)
        db.session.commit()
        email, ids = advocate.email, [str(w.id) for w in workers]
        db.session.remove()

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-c", SERVER, url, str(key_file), str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_until_up(base, process)
        browser = Browser(base)
        browser.post("/login", {"email": email, "password": PASSWORD})
        for n, worker_id in enumerate(ids[:1]):
            assert f"Rotated Worker {n}" in browser.get(f"/cases/workers/{worker_id}")

        # Rotate and retire the old version from another process while the server runs.
        rotated = cli(app, "keys", "rotate")
        assert rotated.exit_code == 0, rotated.output
        retired = cli(app, "keys", "retire", "1")
        assert retired.exit_code == 0, retired.output

        # At once: a worker whose key the server never unwrapped names version 2, which
        # the server has not loaded yet; it re-reads the key file rather than fail.
        page = browser.get(f"/cases/workers/{ids[1]}")
        assert "Rotated Worker 1" in page and "cannot be decrypted" not in page
        # And once the file's change is noticed, every page reads as before.
        time.sleep(1.2)
        for n, worker_id in enumerate(ids):
            page = browser.get(f"/cases/workers/{worker_id}")
            assert f"Rotated Worker {n}" in page, n
            assert "cannot be decrypted" not in page
    finally:
        process.terminate()
        process.wait(10)
        close(app)
