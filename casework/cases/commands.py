"""`flask casework seed-demo`: fill an empty development database with fictitious cases."""

from __future__ import annotations

import click
from flask import current_app
from sqlalchemy import func, select

from casework.demo import DEMO_PASSWORD, seed
from casework.extensions import db
from casework.models.case import Case

__all__ = ["DEMO_PASSWORD", "register", "seed"]


def register(group) -> None:
    @group.command("seed-demo")
    def seed_demo() -> None:
        """Fill an EMPTY development database with fictitious demo cases and staff."""
        if current_app.config.get("ENV_NAME") == "production":
            raise click.ClickException("seed-demo is refused in production.")
        if db.session.scalar(select(func.count()).select_from(Case)):
            raise click.ClickException("seed-demo only fills an empty database: cases exist.")
        demo = seed()
        db.session.commit()
        staff, cases = demo.staff, demo.cases
        click.echo(
            f"Created {len(cases)} fictitious cases of every type and status, "
            f"{len(demo.letters)} letters, judgments in every forum and their collection."
        )
        click.echo(
            "Demo accounts (shared password below; supervisors and admins set up TOTP at sign-in):"
        )
        for user in staff:
            click.echo(f"  {user.role:<10} {user.email}")
        click.echo(f"Password: {DEMO_PASSWORD}")
