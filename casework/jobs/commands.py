"""`flask casework jobs ...`: the consumer that `make run` starts beside gunicorn."""

from __future__ import annotations

import click
from flask import current_app


def consume(app, workers: int = 1, periodic: bool = True) -> None:
    """Run the consumer in this process until it is stopped (SIGINT or SIGTERM).

    Unfinished runs are queued again first: a run whose consumer stopped in the middle
    carries on from its first pending item.
    """
    import logging

    from casework.jobs import runner, tasks

    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("[%(asctime)s] [jobs] %(levelname)s %(message)s"))
    for name in ("huey", "casework.jobs"):
        logger = logging.getLogger(name)
        logger.setLevel(logging.INFO)
        if not logger.handlers:
            logger.addHandler(handler)
    runner.init_app(app)
    resumed = tasks.resume_runs(stalled_only=False)
    daily = (
        f"at {tasks.HOUR.zfill(2)}:{tasks.MINUTE.zfill(2)} UTC" if tasks.schedule_on() else "off"
    )
    click.echo(
        f"Job runner: {runner.describe(app)}; {len(resumed)} unfinished bulk runs queued; "
        f"daily tasks {daily}."
    )
    consumer = runner.huey.create_consumer(
        workers=workers, worker_type="thread", periodic=periodic, check_worker_health=True
    )
    consumer.run()


def register(group) -> None:
    @group.group("jobs")
    def jobs_cli() -> None:
        """The job runner: bulk letters, retention and installment checks."""

    @jobs_cli.command("consume")
    @click.option("--workers", default=1, show_default=True, help="Worker threads.")
    def consume_command(workers: int) -> None:
        """Run the job consumer (make run starts it beside the web server)."""
        if current_app.config.get("CASEWORK_JOBS_IMMEDIATE"):
            raise click.ClickException(
                "CASEWORK_JOBS_IMMEDIATE is on: jobs run inside the requests, nothing to consume."
            )
        consume(current_app._get_current_object(), workers=workers)

    @jobs_cli.command("status")
    def status_command() -> None:
        """Which broker the queue uses, how many tasks wait, and the unfinished bulk runs."""
        from casework.jobs import runner
        from casework.letters import bulk

        click.echo(f"broker: {runner.describe(current_app)}")
        click.echo(f"tasks waiting: {runner.huey.pending_count()}")
        click.echo(f"unfinished bulk runs: {len(bulk.unfinished())}")
