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
