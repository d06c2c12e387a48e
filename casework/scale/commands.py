"""`flask casework seed-scale --cases N`: a national network's worth of fictitious data."""

from __future__ import annotations

import os
import time

import click
from flask import current_app
from sqlalchemy import func, inspect, select

from casework.extensions import db

SCALE_PASSWORD = "scale test only: worker center network"


def register(group) -> None:
    @group.command("seed-scale")
    @click.option("--cases", default=100_000, show_default=True, help="How many cases.")
    @click.option("--seed", default=2026, show_default=True, help="Random seed.")
    @click.option("--force", is_flag=True, help="Add to a database that already holds cases.")
    def seed_scale_command(cases: int, seed: int, force: bool) -> None:
        """Fill the database with fictitious cases at scale (1.2 workers and 10 notes or
        payments per case), encrypted with real data keys. Refused in production."""
        from casework.crypto import passwords
        from casework.keys import keystore
        from casework.models.case import Case
        from casework.scale.seed import SCALE_DOMAIN, seed_scale

        if current_app.config["ENV_NAME"] == "production":
            raise click.ClickException("seed-scale refuses to run in production.")
        if cases < 1:
            raise click.ClickException("--cases must be at least 1.")
        if not inspect(db.engine).has_table("cases"):
            from flask_migrate import upgrade

            upgrade()  # an empty database: the schema as the migrations make it
        existing = db.session.scalar(select(func.count()).select_from(Case)) or 0
        if existing and not force:
            raise click.ClickException(
                f"The database already holds {existing:,} cases; use --force to add more."
            )
        store = keystore()
        workers = round(cases * 1.2)
        expected = current_app.config["CASEWORK_EXPECTED_WORKERS"]
        if not current_app.config.get("CASEWORK_BLIND_INDEX_BITS") and expected < workers // 2:
            click.echo(
                f"note: CASEWORK_EXPECTED_WORKERS is {expected:,} for {workers:,} workers; "
                f"set CASEWORK_EXPECTED_WORKERS={workers} here and when serving, so that "
                "blind-index searches narrow to a few candidates."
            )
        password = os.environ.get("CASEWORK_PASSWORD") or SCALE_PASSWORD
        started = time.perf_counter()
        click.echo(f"Seeding {cases:,} cases ({db.engine.dialect.name}, index bits {store.bits})")
        report = seed_scale(
            db.session,
            store,
            cases,
            seed=seed,
            password_hash=passwords.hash_password(password),
            progress=click.echo,
        )
        if db.engine.dialect.name == "sqlite":
            with db.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
        else:
            with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.exec_driver_sql("ANALYZE")
        click.echo(f"Done in {time.perf_counter() - started:.0f} s: {report.line()}.")
        click.echo(
            f"Staff sign in as supervisor@{SCALE_DOMAIN}, advocate1@{SCALE_DOMAIN} ... "
            "with the password from CASEWORK_PASSWORD (or the built-in scale-test one)."
        )
