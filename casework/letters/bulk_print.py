"""A bulk run's approved letters in one PDF behind a cover sheet, and their addresses as CSV.

The letters are rebuilt from their stored content by the same renderer as one letter
(``pdf.render_many``); the cover sheet is one more ``LetterDocument`` in front of them,
listing every letter in the file in the order it is printed. The mail-merge CSV gives each
letter's recipient block, line by line, exactly as the envelope window shows it.
"""

from __future__ import annotations

from datetime import date

from flask_babel import format_date
from flask_babel import gettext as _

from casework import audit
from casework.extensions import db
from casework.keys import keystore
from casework.letters import content, service
from casework.letters.forms import KIND_LABELS, language_name
from casework.letters.pdf import Heading, LetterDocument, Para, Table, render_many
from casework.models import BulkRun, Letter

#: Address lines after the name in the CSV (longer addresses join the last column).
ADDRESS_COLUMNS = 4


def _documents(letters: list[Letter]) -> list[LetterDocument]:
    keystore().preload(db.session, list({row.case_id for row in letters}))
    return [service.document(row) for row in letters]


def cover_sheet(run: BulkRun, letters: list[Letter], docs: list[LetterDocument]) -> LetterDocument:
    """The first page of the file: which letters follow, for whom, in which order."""
    rows = tuple(
        (
            str(number),
            row.case.reference,
            str(KIND_LABELS.get(row.kind, row.kind)),
            (doc.recipient_lines[0] if doc.recipient_lines else ""),
            language_name(row.language),
        )
        for number, (row, doc) in enumerate(zip(letters, docs, strict=True), start=1)
    )
    return LetterDocument(
        letterhead=content.letterhead(),
        date_text=format_date(date.today(), "long"),
        reference=_("Bulk letters: %(kind)s", kind=str(KIND_LABELS.get(run.kind, run.kind))),
        recipient_lines=(),
        subject=_("Cover sheet: %(num)d approved letters in this file", num=len(letters)),
        blocks=(
            Para(
                _(
                    "Each letter below starts on a new page, in this order. Workers' copies "
                    "follow the employer letter they copy."
                )
            ),
            Heading(_("Letters in this file")),
            Table(
                headers=(_("No."), _("Case"), _("Letter"), _("To"), _("Language")),
                rows=rows,
                col_widths=(0.07, 0.18, 0.35, 0.25, 0.15),
            ),
        ),
        title=_("Approved letters"),
    )


def run_pdf(run: BulkRun) -> tuple[bytes | None, int]:
    """The cover sheet and every approved, unsent letter of the run (None when none)."""
    letters = bulk_letters(run)
    if not letters:
        return None, 0
    docs = _documents(letters)
    pdf = render_many([cover_sheet(run, letters, docs), *docs])
    audit.record(
        "letter.bulk_print",
        object_type="bulk_letter_runs",
        object_id=run.id,
        detail=str(len(letters)),
    )
    return pdf, len(letters)


def bulk_letters(run: BulkRun) -> list[Letter]:
    from casework.letters import bulk

    return bulk.approved_letters(run)


def address_rows(run: BulkRun) -> list[list[str]]:
    """A header row, then one row per approved letter: its case, kind, and window address."""
    letters = bulk_letters(run)
    header = [_("Case"), _("Letter"), _("Language"), _("Name")] + [
        _("Address line %(num)d", num=n) for n in range(1, ADDRESS_COLUMNS + 1)
    ]
    out = [header]
    for row, doc in zip(letters, _documents(letters), strict=True):
        lines = list(doc.recipient_lines) or [""]
        address = lines[1:]
        if len(address) > ADDRESS_COLUMNS:
            address = address[: ADDRESS_COLUMNS - 1] + [", ".join(address[ADDRESS_COLUMNS - 1 :])]
        address += [""] * (ADDRESS_COLUMNS - len(address))
        out.append(
            [
                row.case.reference,
                str(KIND_LABELS.get(row.kind, row.kind)),
                language_name(row.language),
                lines[0],
                *address,
            ]
        )
    audit.record(
        "letter.bulk_addresses",
        object_type="bulk_letter_runs",
        object_id=run.id,
        detail=str(len(letters)),
    )
    return out
