"""CSV exports of wage breakdowns: one row per line, safe to open in a spreadsheet."""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _

from casework import csvfile
from casework.law.citations import readable
from casework.messages import line_label


def csv_response(rows: list[list[str]], filename: str) -> Response:
    return csvfile.response(rows, filename)


def breakdown_rows(breakdown, worker_label: str | None = None) -> list[list[str]]:
    rows = []
    prefix = [worker_label] if worker_label is not None else []
    for line in breakdown.lines:
        rows.append([*prefix, line_label(line), str(line.amount), readable(line.citation)])
    rows.append([*prefix, _("Total"), str(breakdown.total), ""])
    for week in breakdown.excluded_weeks:
        rows.append(
            [
                *prefix,
                _(
                    "Excluded, outside the limitation period: week %(start)s to %(end)s",
                    start=week.start.isoformat(),
                    end=week.end.isoformat(),
                ),
                str(week.amount),
                "",
            ]
        )
    return rows
