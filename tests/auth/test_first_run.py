"""First run: the one-time setup address, and accounts made from the shell."""

from __future__ import annotations

import re

from sqlalchemy import func, select

from casework.auth import service
from casework.crypto import passwords
from casework.models.user import User

PASSWORD = "seven lanterns over a quiet harbor"


def setup_form(token: str, **overrides) -> dict:
    form = {
        "token": token,
        "name": "Ana Admin",
        "email": "ana@center.test",
        "password": PASSWORD,
        "confirm": PASSWORD,
    }
    form.update(overrides)
    return form


def count_users(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(User))


def test_setup_token_creates_the_first_admin_once(client, db_session):
    token = service.issue_setup_token()
    assert token and len(token) >= 40

    page = client.get(f"/setup?token={token}")
    assert page.status_code == 200
    assert b"Create the first administrator" in page.data

    response = client.post("/setup", data=setup_form(token))
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/login")
    admin = service.find_user("ANA@center.test")
    assert admin is not None and admin.role == "admin"
    assert admin.totp_required and not admin.totp_enrolled
    assert admin.password_hash.startswith("$argon2id$")
    assert passwords.verify_password(admin.password_hash, PASSWORD)

    # The same address is dead now, for a page view and for a second claim.
    assert client.get(f"/setup?token={token}").status_code == 404
    again = client.post("/setup", data=setup_form(token, email="mallory@center.test"))
    assert again.status_code == 404
    assert count_users(db_session) == 1


def test_setup_refused_without_the_token_or_with_a_wrong_one(client, db_session):
    token = service.issue_setup_token()
    assert client.get("/setup").status_code == 404
    assert client.get("/setup?token=").status_code == 404
    assert client.get("/setup?token=" + token[:-2] + "xx").status_code == 404
    response = client.post("/setup", data=setup_form("not-the-token"))
    assert response.status_code == 404
    assert count_users(db_session) == 0
    # Still usable by whoever holds the real address.
    assert client.get(f"/setup?token={token}").status_code == 200


def test_no_setup_once_an_account_exists(client, make, db_session):
    make.user("admin")
    assert service.issue_setup_token() is None
    assert client.get("/setup?token=anything").status_code == 404


def test_a_token_issued_before_an_account_existed_stops_working(client, make, db_session):
    token = service.issue_setup_token()
    make.user("admin")  # someone created an account from the shell meanwhile
    assert client.get(f"/setup?token={token}").status_code == 404


def test_setup_refuses_a_short_or_common_password_and_keeps_the_token(client, db_session):
    token = service.issue_setup_token()
    short = client.post("/setup", data=setup_form(token, password="short", confirm="short"))
    assert short.status_code == 200
    assert b"Use at least 15 characters." in short.data
    common = "passwordpassword"
    refused = client.post("/setup", data=setup_form(token, password=common, confirm=common))
    assert b"one of the most common" in refused.data
    mismatch = client.post("/setup", data=setup_form(token, confirm=PASSWORD + "x"))
    assert b"The passwords do not match." in mismatch.data
    bad_email = client.post("/setup", data=setup_form(token, email="not an email"))
    assert b"Enter a valid email address." in bad_email.data
    assert count_users(db_session) == 0
    assert client.get(f"/setup?token={token}").status_code == 200


def test_setup_url_command_prints_a_one_time_address(app, db_session):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["casework", "setup-url", "--base", "http://127.0.0.1:5000"])
    assert result.exit_code == 0, result.output
    match = re.search(r"http://127\.0\.0\.1:5000/setup\?token=(\S+)", result.output)
    assert match
    assert service.setup_token_valid(match.group(1))


def test_setup_url_command_once_accounts_exist(app, make, db_session):
    make.user("admin")
    result = app.test_cli_runner().invoke(args=["casework", "setup-url"])
    assert result.exit_code == 0
    assert "already has accounts" in result.output
    assert "token=" not in result.output


def test_create_user_command_reads_the_password_from_the_environment(app, db_session):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["casework", "create-user", "Rosa@Center.test", "--role", "supervisor"]
        + ["--name", "Rosa Supervisor"],
        env={"CASEWORK_PASSWORD": PASSWORD},
    )
    assert result.exit_code == 0, result.output
    assert "Created supervisor account for Rosa@Center.test." in result.output
    user = service.find_user("rosa@center.test")
    assert user.role == "supervisor" and user.name == "Rosa Supervisor"
    assert passwords.verify_password(user.password_hash, PASSWORD)
    assert PASSWORD not in result.output


def test_create_user_command_prompts_when_no_password_is_set(app, db_session, monkeypatch):
    monkeypatch.delenv("CASEWORK_PASSWORD", raising=False)
    result = app.test_cli_runner().invoke(
        args=["casework", "create-user", "luis@center.test", "--role", "intake", "--name", "Luis"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
    )
    assert result.exit_code == 0, result.output
    assert service.find_user("luis@center.test").role == "intake"


def test_create_user_command_refuses_weak_passwords_and_duplicates(app, make, db_session):
    runner = app.test_cli_runner()
    weak = runner.invoke(
        args=["casework", "create-user", "weak@center.test", "--role", "advocate", "--name", "W"],
        env={"CASEWORK_PASSWORD": "short"},
    )
    assert weak.exit_code != 0 and "too_short" in weak.output
    assert service.find_user("weak@center.test") is None

    existing = make.user("advocate")
    dup = runner.invoke(
        args=["casework", "create-user", existing.email, "--role", "advocate", "--name", "D"],
        env={"CASEWORK_PASSWORD": PASSWORD},
    )
    assert dup.exit_code != 0 and "taken" in dup.output

    bad_role = runner.invoke(
        args=["casework", "create-user", "x@center.test", "--role", "owner", "--name", "X"],
        env={"CASEWORK_PASSWORD": PASSWORD},
    )
    assert bad_role.exit_code != 0
