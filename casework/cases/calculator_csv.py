"""CSV exports of wage breakdowns: one row per line, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from flask import Response
from flask_babel import gettext as _

from casework.law.citations import readable
from casework.messages import line_label


def csv_response(rows: list[list[str]], filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_safe(cell) for cell in row])
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _csv_safe(value) -> str:
    text = str(value)
    # A spreadsheet must never run a cell as a formula.
    if text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except ArithmeticError:
        return False
    return True


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
