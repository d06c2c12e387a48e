"""`flask casework seed-demo`: every type and status, refused when cases exist or in production."""

from __future__ import annotations

from sqlalchemy import func, select

from casework.extensions import db
from casework.models import Case, Note, WorkPeriod
from casework.models.case import CASE_TYPES, STATUSES


def test_seed_demo_fills_every_type_and_status_then_refuses(app):
    runner = app.test_cli_runner()
    result = runner.invoke(args=["casework", "seed-demo"])
    assert result.exit_code == 0, result.output
    assert "Password:" in result.output and "advocate1@demo.casework.test" in result.output
    pairs = set(db.session.execute(select(Case.case_type, Case.status)).all())
    assert pairs == {(t, s) for t in CASE_TYPES for s in STATUSES}
    assert db.session.scalar(select(func.count()).select_from(WorkPeriod)) >= 16
    assert db.session.scalar(select(func.count()).select_from(Note)) >= 24
    closed = db.session.scalars(select(Case).where(Case.status == "closed")).all()
    assert all(c.outcome and c.amount_recovered is not None for c in closed)
    again = runner.invoke(args=["casework", "seed-demo"])
    assert again.exit_code != 0 and "cases exist" in again.output


def test_seed_demo_refused_in_production(app, monkeypatch):
    monkeypatch.setitem(app.config, "ENV_NAME", "production")
    result = app.test_cli_runner().invoke(args=["casework", "seed-demo"])
    assert result.exit_code != 0 and "refused in production" in result.output


def test_seed_demo_has_one_of_every_kind_of_thing_in_every_state(app):
    from datetime import date

    from casework.demo import seed
    from casework.judgments.service import schedule
    from casework.law.rates import REGIONS
    from casework.models import Worker
    from casework.models.case import OUTCOMES, Deadline
    from casework.models.judgment import Disbursement, EnforcementAction, Judgment, Payment
    from casework.models.letter import Letter
    from casework.models.user import ROLES

    demo = seed()
    db.session.flush()
    today = date.today()
    assert {u.role for u in demo.staff} == set(ROLES)
    regions = set(db.session.execute(select(Case.case_type, Case.jurisdiction)).all())
    assert regions >= {(t, r) for t in CASE_TYPES for r in REGIONS}
    outcomes = set(db.session.scalars(select(Case.outcome).where(Case.status == "closed")))
    assert outcomes == set(OUTCOMES)

    forums = set(db.session.scalars(select(Judgment.forum)))
    assert {"court", "labor_commissioner", "settlement"} <= forums
    federal = select(func.count()).select_from(Judgment).join(Case, Case.id == Judgment.case_id)
    assert db.session.scalar(federal.where(Case.jurisdiction == "US")) >= 1
    clocks: dict[str, date] = {}
    for d in db.session.scalars(select(Deadline).where(Deadline.judgment_id.is_not(None))):
        clocks[d.rule_key] = min(d.due_on, clocks.get(d.rule_key, d.due_on))
    assert clocks["ny_fifteen_percent"] < today  # past the 15% clock
    assert clocks["ca_lc238_bond"] < today  # past the bond deadline

    plans = [p for j in db.session.scalars(select(Judgment)) for p in j.installment_plans]
    statuses = {r.status for plan in plans for r in schedule(plan, today)}
    assert {"paid", "missed"} <= statuses
    weekly = next(p for p in plans if p.every == "week")
    first_due = schedule(weekly, today)[0].due_on
    assert any(p.received_on > first_due for p in weekly.judgment.payments)  # paid late
    assert any(
        d.rule_key.startswith("installment_missed:")
        for d in weekly.judgment.case.deadlines
        if d.rule_key
    )
    assert db.session.scalar(select(func.count()).select_from(Payment)) >= 5
    assert db.session.scalar(select(func.count()).select_from(Disbursement)) >= 1
    kinds = set(db.session.execute(select(EnforcementAction.status)).scalars())
    assert {"served", "succeeded", "failed"} <= kinds

    letters = db.session.execute(select(Letter.status, Letter.language)).all()
    assert {s for s, _ in letters} == {"draft", "returned", "approved", "sent"}
    assert {lang for _, lang in letters} >= {"en", "es"}
    gone = db.session.get(Worker, demo.shredded_worker_id)
    assert gone.shredded_at is not None and not gone.name
