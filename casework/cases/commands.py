"""`flask casework seed-demo`: fill an empty development database with fictitious cases."""

from __future__ import annotations

import click
from flask import current_app
from sqlalchemy import func, select

from casework.demo import DEMO_PASSWORD, seed
from casework.extensions import db
from casework.models.case import Case

__all__ = ["DEMO_PASSWORD", "register", "seed"]


def index_name_words(batch_size: int = 500) -> int:
    """Give every readable worker without word indexes their name's word indexes."""
    from casework.models.party import Worker, WorkerNameWord, set_name_words

    done = 0
    last = None
    while True:
        stmt = (
            select(Worker)
            .where(
                Worker.shredded_at.is_(None),
                Worker.name_ciphertext.is_not(None),
                ~Worker.id.in_(select(WorkerNameWord.worker_id)),
            )
            .order_by(Worker.id)
            .limit(batch_size)
        )
        if last is not None:
            stmt = stmt.where(Worker.id > last)
        workers = list(db.session.scalars(stmt))
        if not workers:
            return done
        keystore_ = current_app.extensions["casework_keystore"]
        keystore_.preload(db.session, [w.id for w in workers])
        for worker in workers:
            name = worker.name
            if name:  # an unreadable name is falsy: nothing to index
                set_name_words(worker, name)
                done += 1
        last = workers[-1].id
        db.session.commit()


def register(group) -> None:
    @group.command("index-name-words")
    def index_name_words_command() -> None:
        """Add the word indexes that let a search find a worker by any of their name's words."""
        count = index_name_words()
        if count:
            click.echo(f"Indexed the name words of {count} workers.")

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
