"""The runner's tasks and its schedule.

- ``bulk_letters(run_id)``: make a bulk run's letters, one item per transaction.
- ``resume_stalled_runs`` (every minute): queue again every run that lost its consumer.
- ``run_retention`` (daily): shred what retention says is due, as `flask casework
  retention run` does.
- ``check_installments`` (daily): flag missed installments, as `flask casework
  installments check` does.

The daily time is CASEWORK_JOBS_DAILY_AT (``HH:MM`` in UTC, 07:00 by default);
CASEWORK_JOBS_SCHEDULE=off turns the daily tasks off (a center that keeps its own cron).
"""

from __future__ import annotations

import logging
import os
import uuid
from datetime import date

from huey import crontab

from casework.jobs.runner import huey, task_context

log = logging.getLogger("casework.jobs")


def _daily_at() -> tuple[str, str]:
    raw = os.environ.get("CASEWORK_JOBS_DAILY_AT", "07:00").strip()
    hour, _, minute = raw.partition(":")
    if not (hour.isdigit() and minute.isdigit() and int(hour) < 24 and int(minute) < 60):
        raise SystemExit("CASEWORK_JOBS_DAILY_AT must be HH:MM (UTC), for example 07:00.")
    return str(int(hour)), str(int(minute))


def schedule_on() -> bool:
    return os.environ.get("CASEWORK_JOBS_SCHEDULE", "on").strip().lower() not in {
        "off",
        "0",
        "no",
        "false",
    }


HOUR, MINUTE = _daily_at()


def _daily(minute_offset: int):
    """Every day at the configured time plus some minutes; never when the schedule is off."""
    on = crontab(minute=str((int(MINUTE) + minute_offset) % 60), hour=HOUR)

    def due(timestamp):
        return schedule_on() and on(timestamp)

    return due


def make_run(run_id: uuid.UUID) -> int:
    """Make every pending item of the run; returns how many this call made or skipped."""
    from casework.extensions import db
    from casework.letters import bulk

    if bulk.start(run_id) is None:
        return 0
    db.session.commit()
    handled = 0
    for item_id in bulk.pending_items(run_id):
        try:
            if bulk.make_item(item_id) is not None:
                handled += 1
            db.session.commit()
        except Exception as exc:
            db.session.rollback()
            # Nothing identifying: the item's id and the exception's type only.
            log.error("bulk letter item %s failed: %s", item_id, type(exc).__name__)
            bulk.skip_failed(item_id)
            db.session.commit()
    bulk.finish(run_id)
    db.session.commit()
    return handled


@huey.task()
def bulk_letters(run_id: str) -> None:
    with task_context():
        make_run(uuid.UUID(run_id))


def enqueue_run(run_id: uuid.UUID) -> None:
    """Queue a run (in immediate mode it is made at once)."""
    bulk_letters(str(run_id))


def resume_runs(stalled_only: bool) -> list[uuid.UUID]:
    """Queue every unfinished run (at a consumer's start) or every stalled one."""
    from casework.letters import bulk

    with task_context():
        ids = bulk.unfinished(stalled_only=stalled_only)
    for run_id in ids:
        enqueue_run(run_id)
    return ids


@huey.periodic_task(crontab(minute="*"))
def resume_stalled_runs() -> None:
    resume_runs(stalled_only=True)


@huey.periodic_task(_daily(0))
def run_retention() -> None:
    from casework.admin import retention

    with task_context():
        report = retention.shred_due(date.today())
        log.info("retention: %d cases and %d workers shredded", len(report.cases), report.workers)


@huey.periodic_task(_daily(5))
def check_installments() -> None:
    from casework.extensions import db
    from casework.judgments.installments import check_every_open_case

    with task_context():
        cases, created = check_every_open_case(date.today())
        db.session.commit()
        log.info("installments: %d cases checked, %d missed installments flagged", cases, created)
