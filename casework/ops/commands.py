"""`flask --app wsgi casework backup PATH` and `... restore PATH`."""

from __future__ import annotations

import click
from flask import current_app

from casework.extensions import db


def register(group) -> None:
    @group.command("backup")
    @click.argument("path", type=click.Path(file_okay=False))
    def backup_command(path: str) -> None:
        """Write a consistent snapshot and its manifest into the new folder PATH."""
        from casework.keys import keystore
        from casework.ops import backup

        try:
            manifest = backup.backup(db.engine, keystore().ring, path, current_app)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        rows = sum(t["rows"] for t in manifest["tables"].values())
        versions = ", ".join(map(str, manifest["key_versions"])) or "none"
        click.echo(
            f"Backup written to {path}: {len(manifest['tables'])} tables, {rows} rows, "
            f"revision {manifest['revision']}."
        )
        click.echo(
            f"It can only be read with master-key version(s) {versions}: keep the key file "
            "backed up separately from this folder."
        )

    @group.command("restore")
    @click.argument("path", type=click.Path(exists=True, file_okay=False))
    @click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
    def restore_command(path: str, yes: bool) -> None:
        """Check the backup in PATH, then replace the database with it (stop the app first)."""
        from casework.keys import keystore
        from casework.ops import backup

        ring = keystore().ring
        try:
            _source, manifest = backup.check(path, db.engine, ring, current_app)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(
            f"Backup of {manifest['created_at']} checked: dump checksum, key versions "
            f"{manifest['key_versions']}, revision {manifest['revision']}."
        )
        if not yes:
            click.confirm("Replace the current database with this backup?", abort=True)
        db.session.remove()
        try:
            report = backup.restore(path, db.engine, ring, current_app)
        except backup.BackupError as error:
            raise click.ClickException(str(error)) from None
        click.echo(
            f"Restored {report.tables} tables, {report.rows} rows; every table matches the "
            "manifest."
        )
