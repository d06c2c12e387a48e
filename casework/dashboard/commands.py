"""`flask casework retention run`: shred what retention says is due (for scheduled runs)."""

from __future__ import annotations

from datetime import date

import click


def register(group) -> None:
    @group.group("retention")
    def retention_cli() -> None:
        """Retention of closed cases' identifying data."""

    @retention_cli.command("run")
    @click.option("--dry-run", is_flag=True, help="List what is due without shredding.")
    def run(dry_run: bool) -> None:
        """Shred every closed case past retention and its workers' keys; print references."""
        from casework.admin import retention

        today = date.today()
        due = retention.cases_due(today)
        click.echo(
            f"Retention {retention.retention_years()} years: cases closed on or before "
            f"{retention.cutoff(today).isoformat()} are due; {len(due)} due."
        )
        if dry_run or not due:
            for item in due:
                click.echo(f"  due {item.reference}")
            return
        report = retention.shred_due(today)
        for reference in report.cases:
            click.echo(f"  shredded {reference}")
        click.echo(
            f"Shredded {len(report.cases)} cases and {report.workers} workers; "
            f"{report.workers_kept} workers kept their keys (another current case)."
        )
