"""The runner's schedule: retention and the missed-installment checks run daily, no cron."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from casework.extensions import db
from casework.jobs import tasks
from casework.models import Case, Deadline
from tests.admin.test_retention import closed  # noqa: F401 - fixture
from tests.judgments.test_clocks_and_plans import judged  # noqa: F401 - fixture


def due(task, at: datetime) -> bool:
    return task.task_class().validate_datetime(at)


def test_daily_tasks_are_due_once_a_day_at_the_configured_time(monkeypatch):
    at = datetime(2026, 12, 3, int(tasks.HOUR), int(tasks.MINUTE))
    assert due(tasks.run_retention, at)
    assert not due(tasks.run_retention, at.replace(minute=(at.minute + 1) % 60))
    assert due(tasks.check_installments, at.replace(minute=(at.minute + 5) % 60))
    assert not due(tasks.check_installments, at)
    assert due(tasks.resume_stalled_runs, at.replace(minute=17))
    monkeypatch.setenv("CASEWORK_JOBS_SCHEDULE", "off")
    assert not due(tasks.run_retention, at)


def test_the_scheduled_retention_run_shreds_what_is_due(app, closed):  # noqa: F811
    tasks.run_retention.call_local()
    assert db.session.get(Case, closed["old"].id).shredded_at is not None
    assert db.session.get(Case, closed["older"].id).shredded_at is not None
    assert db.session.get(Case, closed["recent"].id).shredded_at is None
    assert db.session.get(Case, closed["current"].id).shredded_at is None


def test_the_scheduled_installment_check_flags_a_missed_installment_once(judged):  # noqa: F811
    case, _judgment, _advocate = judged

    def follow_ups():
        return db.session.scalars(
            select(Deadline).where(
                Deadline.case_id == case.id, Deadline.rule_key.like("installment_missed%")
            )
        ).all()

    assert follow_ups() == []
    tasks.check_installments.call_local()
    assert len(follow_ups()) == 1
    tasks.check_installments.call_local()
    assert len(follow_ups()) == 1


def test_a_run_that_lost_its_consumer_is_taken_up_again(make):
    from datetime import timedelta

    from casework.letters import bulk
    from casework.models import BulkRun, Letter
    from casework.models.base import utcnow

    advocate = make.user("advocate")
    cases = [make.case(assigned_to=advocate) for _ in range(2)]
    run = bulk.create_run(advocate, "worker_case_opened", [str(c.id) for c in cases])
    db.session.commit()
    tasks.resume_stalled_runs.call_local()  # just queued: not stalled, left alone
    assert db.session.get(BulkRun, run.id).done == 0
    run.created_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    tasks.resume_stalled_runs.call_local()  # tasks run at once in the tests
    db.session.expire_all()
    run = db.session.get(BulkRun, run.id)
    assert (run.status, run.done) == ("done", 2)
    made = db.session.scalars(select(Letter.case_id).where(Letter.bulk_run_id == run.id)).all()
    assert sorted(made) == sorted(c.id for c in cases)
