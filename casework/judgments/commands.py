"""`flask casework installments check`: flag missed installments on every open case."""

from __future__ import annotations

from datetime import date

import click
from sqlalchemy import select

from casework.extensions import db
from casework.judgments import service
from casework.models.case import Case
from casework.models.judgment import InstallmentPlan, Judgment


def register(group) -> None:
    @group.group("installments")
    def installments():
        """Installment plans on judgments."""

    @installments.command("check")
    @click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
    def check(today):
        """Create a follow-up deadline once for each missed installment."""
        day = today.date() if today else date.today()
        cases = db.session.scalars(
            select(Case)
            .where(Case.id.in_(select(Judgment.case_id).join(InstallmentPlan)))
            .where(Case.status != "closed")
        ).all()
        created = 0
        for case in cases:
            created += len(service.flag_missed_installments(case, day))
        db.session.commit()
        click.echo(f"{len(cases)} cases checked, {created} missed installments flagged.")
