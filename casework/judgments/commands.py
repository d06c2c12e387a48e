"""`flask casework installments check`: flag missed installments on every open case.

The job runner does the same every day (casework/jobs/tasks.py); the command stays for
a check on demand.
"""

from __future__ import annotations

from datetime import date

import click

from casework.extensions import db
from casework.judgments.installments import check_every_open_case


def register(group) -> None:
    @group.group("installments")
    def installments():
        """Installment plans on judgments."""

    @installments.command("check")
    @click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
    def check(today):
        """Create a follow-up deadline once for each missed installment."""
        day = today.date() if today else date.today()
        cases, created = check_every_open_case(day)
        db.session.commit()
        click.echo(f"{cases} cases checked, {created} missed installments flagged.")
