"""CSV files staff download: one rule for cells a spreadsheet must not run as formulas.

A cell starting with ``=``, ``+``, ``@``, a tab or a carriage return, or with ``-`` when it
is not a number, is prefixed with an apostrophe (OWASP's CSV-injection advice), so a
name typed as ``=HYPERLINK(...)`` shows as text; negative amounts stay numbers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from flask import Response


def cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula ("" for None)."""
    if value is None:
        return ""
    text = str(value)
    if text[:1] in ("=", "+", "@", "\t", "\r") or (text[:1] == "-" and not _is_number(text)):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        Decimal(text)
    except (ArithmeticError, InvalidOperation, ValueError):
        return False
    return True


def text(rows: Iterable[Iterable]) -> str:
    """The rows as CSV text (CRLF line ends, as spreadsheets expect)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([cell(value) for value in row])
    return buffer.getvalue()


def response(rows: Iterable[Iterable], filename: str) -> Response:
    """A download of the rows, never cached."""
    answer = Response(text(rows), mimetype="text/csv")
    answer.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    answer.headers["Cache-Control"] = "no-store"
    return answer
