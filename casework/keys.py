"""Loads the master-key ring at start-up and installs the key store."""

from __future__ import annotations

import os
import sys
import threading
import time
from pathlib import Path

from flask import Flask
from sqlalchemy.engine import make_url

from casework.crypto import columns
from casework.crypto.errors import KeyFileError
from casework.crypto.keyring import (
    KeyRing,
    generate_key_file,
    key_file_problems,
    keyring_from_env,
    load_key_file,
)
from casework.crypto.keystore import KeyStore

#: The testing ring without a key file: made once per process, so every test app (the
#: session-wide one, live servers) reads what the others wrote.
_TEST_RING: KeyRing | None = None


def database_dir(uri: str) -> str | None:
    """The folder holding an SQLite database file; None for a server database."""
    url = make_url(uri)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return str(Path(url.database).resolve().parent)


def load_ring(app: Flask) -> KeyRing:
    """The ring from CASEWORK_MASTER_KEYS or the key file; refuses an unsafe key in production."""
    production = app.config["ENV_NAME"] == "production"
    if app.config.get("CASEWORK_MASTER_KEYS"):
        return keyring_from_env(app.config["CASEWORK_MASTER_KEYS"])
    path = app.config.get("CASEWORK_KEY_FILE")
    if not path:
        if app.config["ENV_NAME"] == "testing":
            # Tests without a key file share one ring in memory, fixed once per process.
            global _TEST_RING
            if _TEST_RING is None:
                _TEST_RING = KeyRing({1: os.urandom(32)}, primary=1, index_key=os.urandom(32))
            return _TEST_RING
        raise SystemExit("Casework will not start: no master key (set CASEWORK_KEY_FILE).")
    if not os.path.exists(path) and not production:
        generate_key_file(path)
        # Said on stderr as well: the person running `make run` must learn the key exists.
        print(
            f"Created a development master key at {path} (mode 0600). "
            "Back it up apart from the database: without it the data cannot be read.",
            file=sys.stderr,
        )
        app.logger.warning("Created a development master key at %s", path)
    problems = key_file_problems(path, database_dir(app.config["SQLALCHEMY_DATABASE_URI"]))
    if os.path.isfile(path) and not os.access(path, os.R_OK):
        problems.insert(0, f"key file {path} is not readable by this user")
    if production and problems:
        raise SystemExit(
            f"Casework will not start: the master key file {path} is missing, unreadable "
            "or unsafe:\n  - " + "\n  - ".join(problems)
        )
    try:
        return load_key_file(path)
    except KeyFileError as exc:
        raise SystemExit(f"Casework will not start: {exc}") from None


class KeyFileWatcher:
    """Re-reads the key file when it changes, so a running server follows a rotation.

    Checked at most once a second per process (one stat), and at once when a data key
    names a master-key version the loaded ring lacks.
    """

    def __init__(self, app: Flask, path: str, store: KeyStore) -> None:
        self.app, self.path, self.store = app, path, store
        self._signature = self._stat()
        self._checked = time.monotonic()
        self._lock = threading.Lock()

    def _stat(self) -> tuple | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def check(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._checked < 1.0:
            return
        with self._lock:
            self._checked = now
            signature = self._stat()
            if signature is None or (signature == self._signature and not force):
                return
            try:
                ring = load_key_file(self.path)
            except KeyFileError as exc:
                self.app.logger.warning("The key file could not be re-read: %s", exc)
                return
            self._signature = signature
            if ring != self.store.ring:
                self.store.install_ring(ring)
                self.app.logger.info(
                    "Key ring reloaded: versions %s, primary %s",
                    ", ".join(map(str, ring.versions)),
                    ring.primary_version,
                )

    def unknown_version(self) -> None:
        self.check(force=True)


def init_app(app: Flask) -> None:
    """Load the ring and install the key store the encrypted fields use."""
    ring = load_ring(app)
    store = KeyStore.for_workers(
        ring,
        app.config["CASEWORK_EXPECTED_WORKERS"],
        app.config.get("CASEWORK_BLIND_INDEX_BITS") or 0,
    )
    app.extensions["casework_keystore"] = store
    columns.install_keystore(store)
    if "casework_key_watch_hook" not in app.extensions:
        # Registered once, when the app is made (init_app runs again after a rotation
        # from the command line, when requests may already have been served).
        app.extensions["casework_key_watch_hook"] = True
        app.before_request(_check_key_file)
    path = app.config.get("CASEWORK_KEY_FILE")
    if path and not app.config.get("CASEWORK_MASTER_KEYS"):
        watcher = KeyFileWatcher(app, path, store)
        store.on_unknown_version = watcher.unknown_version
        app.extensions["casework_key_watcher"] = watcher
    else:
        app.extensions.pop("casework_key_watcher", None)


def _check_key_file() -> None:
    from flask import current_app

    watcher = current_app.extensions.get("casework_key_watcher")
    if watcher is not None:
        watcher.check()


def keystore(app: Flask | None = None) -> KeyStore:
    """The running app's key store."""
    from flask import current_app

    return (app or current_app).extensions["casework_keystore"]
