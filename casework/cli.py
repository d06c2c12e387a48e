"""`flask --app wsgi casework ...`: accounts, keys, shredding, audit, and each area's commands."""

from __future__ import annotations

import importlib
import importlib.util
import os
import uuid
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import text

from casework.extensions import db

casework_cli = AppGroup("casework", help="Casework administration commands.")

#: Areas that may add commands of their own in a `commands.py` with `register(group)`.
AREAS = ("cases", "judgments", "letters", "dashboard", "admin", "bench", "ops", "scale", "jobs")


@casework_cli.command("create-user")
@click.argument("email")
@click.option(
    "--role", type=click.Choice(["intake", "advocate", "supervisor", "admin"]), required=True
)
@click.option("--name", required=True)
def create_user(email: str, role: str, name: str) -> None:
    """Create an account; the password comes from CASEWORK_PASSWORD or a prompt."""
    from casework.auth import service
    from casework.refusals import Refused

    password = os.environ.get("CASEWORK_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        service.create_user(email, name, role, password)
    except Refused as error:
        db.session.rollback()
        raise click.ClickException(f"{error.field}: {error.code}") from None
    db.session.commit()
    click.echo(f"Created {role} account for {email}.")


@casework_cli.command("setup-url")
@click.option("--base", default="http://127.0.0.1:5000", show_default=True)
def setup_url(base: str) -> None:
    """Print a one-time address for creating the first administrator (empty database only)."""
    from casework.auth import service

    token = service.issue_setup_token()
    if token is None:
        click.echo("Casework already has accounts; sign in at " + base.rstrip("/") + "/login")
        return
    click.echo("")
    click.echo("  Create the first administrator at this one-time address:")
    click.echo(f"    {base.rstrip('/')}/setup?token={token}")
    click.echo("")


# -- keys --------------------------------------------------------------------
@casework_cli.group("keys")
def keys_cli() -> None:
    """Master keys: status, rotation, retirement."""


def _store():
    from casework.keys import keystore

    return keystore()


@keys_cli.command("status")
def keys_status() -> None:
    """How many data keys are wrapped under each master-key version."""
    store = _store()
    counts = store.status(db.session)
    click.echo(f"primary master-key version: {store.ring.primary_version}")
    for version in sorted(set(store.ring.versions) | set(counts)):
        click.echo(f"  version {version}: {counts.get(version, 0)} data keys")


def _key_file() -> str:
    path = current_app.config.get("CASEWORK_KEY_FILE")
    if current_app.config.get("CASEWORK_MASTER_KEYS") or not path:
        raise click.ClickException(
            "The key ring comes from CASEWORK_MASTER_KEYS: change it there, then run "
            "`keys rotate --rewrap-only`."
        )
    return path


@keys_cli.command("rotate")
@click.option("--batch-size", default=500, show_default=True)
@click.option("--rewrap-only", is_flag=True, help="Only re-wrap under the current primary.")
def keys_rotate(batch_size: int, rewrap_only: bool) -> None:
    """Add a master-key version, make it primary, re-wrap every data key (resumable)."""
    from casework.crypto.keyring import write_key_file
    from casework.keys import init_app

    store = _store()
    if not rewrap_only and not store.status(db.session).keys() - {store.ring.primary_version}:
        path = _key_file()
        ring = store.ring.with_new_version()
        write_key_file(path, ring)
        init_app(current_app)
        store = _store()
        click.echo(
            f"New primary master-key version {ring.primary_version} written to the key file."
        )
    elif not rewrap_only:
        click.echo("Resuming: data keys remain under older versions; re-wrapping them first.")
    total = 0
    while True:
        report = store.rewrap_batch(db.session, batch_size)
        total += report.rewrapped
        click.echo(f"  re-wrapped {total}, remaining {report.remaining}")
        if report.remaining == 0 or report.rewrapped == 0:
            break
    click.echo(f"Every data key is wrapped under version {store.ring.primary_version}.")


@keys_cli.command("retire")
@click.argument("version", type=int)
def keys_retire(version: int) -> None:
    """Remove a master-key version, once no data key uses it."""
    from casework.crypto.keyring import write_key_file
    from casework.keys import init_app

    store = _store()
    if version == store.ring.primary_version:
        raise click.ClickException("That is the primary version; rotate to a new one first.")
    in_use = store.status(db.session).get(version, 0)
    if in_use:
        raise click.ClickException(
            f"{in_use} data keys still use version {version}: run `keys rotate` first."
        )
    if version not in store.ring.versions:
        raise click.ClickException(f"The key ring holds no version {version}.")
    write_key_file(_key_file(), store.ring.without_version(version))
    init_app(current_app)
    click.echo(
        f"Master-key version {version} retired. Backups wrapped under it can no longer be read."
    )


# -- shredding ---------------------------------------------------------------
@casework_cli.command("shred-worker")
@click.argument("worker_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def shred_worker(worker_id: str, yes: bool) -> None:
    """Destroy a worker's data key: their identifying fields can never be read again."""
    from casework.services.shredding import shred_worker as shred

    try:
        key = uuid.UUID(worker_id)
    except ValueError:
        raise click.ClickException("That is not a worker id.") from None
    if not yes:
        click.confirm("Shred this worker's identifying data for good?", abort=True)
    if not shred(key):
        raise click.ClickException("No such worker, or already shredded.")
    click.echo("Shredded. The worker's fields are unreadable; case facts remain, anonymous.")


# -- audit -------------------------------------------------------------------
@casework_cli.group("audit")
def audit_cli() -> None:
    """The audit log."""


@audit_cli.command("verify")
@click.option(
    "--anchor",
    "anchors",
    multiple=True,
    help="A backup folder, or <length>:<hash> (as the server log's daily 'audit anchor' line "
    "prints it), that the chain must still contain. Repeatable.",
)
def audit_verify(anchors: tuple[str, ...]) -> None:
    """Check the hash chain; report the first broken link, or a cut against an anchor."""
    from casework import audit
    from casework.keys import keystore
    from casework.ops import backup

    given = []
    for value in anchors:
        try:
            if Path(value).is_dir():
                given.append(backup.audit_anchor_of(value, keystore().ring))
            else:
                given.append(audit.parse_anchor(value))
        except (ValueError, backup.BackupError) as error:
            raise click.ClickException(f"Anchor {value!r} cannot be used: {error}") from None
    result = audit.verify(anchors=given)
    if result.ok:
        checked = f" and {len(given)} anchor(s)" if given else ""
        click.echo(f"Audit log intact: {result.checked} events{checked}.")
        return
    raise click.ClickException(
        f"Audit log broken at event {result.broken_at}: {result.reason} "
        f"({result.checked} events checked)."
    )


@casework_cli.command("db-check")
def db_check() -> None:
    """Run the database's own integrity check."""
    engine = db.engine
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            result = conn.execute(text("PRAGMA integrity_check")).scalar()
        else:
            result = conn.execute(text("SELECT 'ok'")).scalar()
    click.echo(result)
    if result != "ok":
        raise SystemExit(1)


def _register_area_commands() -> None:
    for area in AREAS:
        name = f"casework.{area}.commands"
        try:
            found = importlib.util.find_spec(name)
        except ModuleNotFoundError:
            found = None
        if found is not None:
            importlib.import_module(name).register(casework_cli)


_register_area_commands()
