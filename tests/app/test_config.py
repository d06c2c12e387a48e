"""Production configuration: refuses unsafe settings and says which; secure cookies."""

from __future__ import annotations

import pytest

from config import DEV_SECRET_KEY

GOOD_SECRET = "x" * 48


@pytest.fixture
def restore_keystore(app):
    """Building another app installs its key store; put the test app's back afterwards."""
    from casework.crypto import columns

    yield
    columns.install_keystore(app.extensions["casework_keystore"])


@pytest.fixture
def key_file(tmp_path):
    from casework.crypto.keyring import generate_key_file

    path = tmp_path / "keys" / "master.key"
    path.parent.mkdir()
    generate_key_file(str(path))
    return str(path)


def production(**settings):
    from casework import create_app

    base = {"SQLALCHEMY_DATABASE_URI": "sqlite://"}
    base.update(settings)
    return create_app("production", **base)


def refusal(**settings) -> str:
    with pytest.raises(SystemExit) as stopped:
        production(**settings)
    return str(stopped.value)


def test_refuses_the_default_secret(key_file, restore_keystore):
    message = refusal(SECRET_KEY=DEV_SECRET_KEY, CASEWORK_KEY_FILE=key_file)
    assert "will not start" in message and "CASEWORK_SECRET_KEY" in message


def test_refuses_a_short_secret(key_file, restore_keystore):
    assert "CASEWORK_SECRET_KEY" in refusal(SECRET_KEY="short", CASEWORK_KEY_FILE=key_file)


def test_refuses_no_master_key(restore_keystore):
    message = refusal(SECRET_KEY=GOOD_SECRET, CASEWORK_KEY_FILE=None, CASEWORK_MASTER_KEYS=None)
    assert "No master key" in message and "CASEWORK_KEY_FILE" in message
    assert "CASEWORK_SECRET_KEY" not in message


def test_refuses_a_missing_key_file(tmp_path, restore_keystore):
    message = refusal(SECRET_KEY=GOOD_SECRET, CASEWORK_KEY_FILE=str(tmp_path / "absent.key"))
    assert "will not start" in message


def test_refuses_debug(key_file, monkeypatch, restore_keystore):
    monkeypatch.setenv("CASEWORK_DEBUG", "1")
    message = refusal(SECRET_KEY=GOOD_SECRET, CASEWORK_KEY_FILE=key_file)
    assert "Debug mode is on" in message
    monkeypatch.delenv("CASEWORK_DEBUG")
    monkeypatch.setenv("FLASK_DEBUG", "1")
    assert "Debug mode is on" in refusal(SECRET_KEY=GOOD_SECRET, CASEWORK_KEY_FILE=key_file)


def test_refuses_debug_set_in_the_configuration(key_file, restore_keystore):
    message = refusal(SECRET_KEY=GOOD_SECRET, CASEWORK_KEY_FILE=key_file, DEBUG=True)
    assert "Debug mode is on" in message


def test_names_every_problem_at_once(monkeypatch, restore_keystore):
    monkeypatch.setenv("CASEWORK_DEBUG", "true")
    message = refusal(SECRET_KEY="", CASEWORK_KEY_FILE=None)
    for words in ("CASEWORK_SECRET_KEY", "No master key", "Debug mode is on"):
        assert words in message


def test_starts_with_safe_settings_and_sends_secure_cookies(key_file, restore_keystore):
    app = production(SECRET_KEY=GOOD_SECRET, CASEWORK_KEY_FILE=key_file)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    assert not app.debug
    response = app.test_client().get("/login", base_url="https://casework.example")
    assert response.status_code == 200
    cookie = response.headers["Set-Cookie"]
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert app.config["WTF_CSRF_ENABLED"]


def test_master_keys_from_the_environment_are_enough(key_file, restore_keystore):
    with open(key_file) as handle:
        ring = handle.read()
    app = production(SECRET_KEY=GOOD_SECRET, CASEWORK_KEY_FILE=None, CASEWORK_MASTER_KEYS=ring)
    assert app.config["ENV_NAME"] == "production"


def test_unknown_environment_name_is_refused():
    from config import config_for

    with pytest.raises(SystemExit) as stopped:
        config_for("staging")
    assert "CASEWORK_ENV must be one of" in str(stopped.value)


def test_development_creates_a_key_file_once_and_says_so(tmp_path, capsys, restore_keystore):
    import os
    import stat

    from casework import create_app

    path = tmp_path / "dev" / "master.key"
    path.parent.mkdir()
    settings = {"SQLALCHEMY_DATABASE_URI": "sqlite://", "CASEWORK_KEY_FILE": str(path)}
    create_app("development", **settings)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert f"Created a development master key at {path}" in capsys.readouterr().err
    first = path.read_bytes()
    create_app("development", **settings)
    assert path.read_bytes() == first
    assert "Created a development master key" not in capsys.readouterr().err
