"""Collection statements: the case's judgments, interest, payments, balance and disbursements."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from casework.i18n import day, money
from casework.judgments import forms, service
from casework.letters.pdf import (
    WORKER_BODY_FONT_SIZE,
    Heading,
    LetterDocument,
    Letterhead,
    Para,
    Spacer,
    Table,
    render,
)

RIGHT4 = ("left", "right", "right", "right")


def _letterhead() -> Letterhead:
    config = current_app.config
    return Letterhead(
        name=config.get("CASEWORK_ORG_NAME", ""),
        address_lines=tuple(
            line for line in (config.get("CASEWORK_ORG_ADDRESS") or "").splitlines() if line
        ),
        phone=config.get("CASEWORK_ORG_PHONE", "") or "",
        email=config.get("CASEWORK_ORG_EMAIL", "") or "",
        logo_path=config.get("CASEWORK_ORG_LOGO") or None,
    )


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _judgment_blocks(judgment, standing: service.Standing) -> list:
    forum = str(forms.LABELS.get(judgment.forum, judgment.forum))
    rate = service.rate_text(judgment.interest_rate)
    blocks: list = [
        Heading(_("%(forum)s, entered %(day)s", forum=forum, day=day(judgment.entered_on))),
        Table(
            headers=(_("Item"), _("Amount")),
            rows=(
                (_("Principal"), money(standing.principal)),
                (
                    _(
                        "Interest to %(day)s at %(rate)s%% a year",
                        day=day(standing.as_of),
                        rate=rate,
                    ),
                    money(standing.interest_accrued),
                ),
                *(
                    (
                        (
                            _(
                                "15%% increase from %(day)s (%(source)s)",
                                day=day(standing.increase_on),
                                source=standing.increase_source,
                            ),
                            money(standing.increase),
                        ),
                    )
                    if standing.increase
                    else ()
                ),
                (_("Paid so far"), money(standing.collected)),
            ),
            align=("left", "right"),
            total=(_("Balance due"), money(standing.total_due)),
            col_widths=(0.7, 0.3),
        ),
    ]
    if standing.lines:
        blocks.append(
            Table(
                caption=_("Payments and how each was applied"),
                headers=(_("Date"), _("Amount"), _("To interest"), _("To principal")),
                rows=tuple(
                    (
                        day(line.received_on),
                        money(line.amount),
                        money(line.to_interest),
                        money(line.to_principal + line.to_increase),
                    )
                    for line in standing.lines
                ),
                align=RIGHT4,
                total=(
                    _("Total"),
                    money(standing.collected),
                    money(standing.interest_paid),
                    money(standing.principal_paid + standing.increase_paid),
                ),
            )
        )
    else:
        blocks.append(Para(_("No payments have been received.")))
    return blocks


def _disbursement_table(rows, names) -> Table:
    return Table(
        caption=_("Money passed on to workers"),
        headers=(_("Date"), _("Worker"), _("Amount")),
        rows=tuple((day(d.paid_on), _text(names.get(d.worker_id)), money(d.amount)) for d in rows),
        align=("left", "left", "right"),
        total=(_("Total"), "", money(sum((Decimal(d.amount) for d in rows), Decimal("0.00")))),
    )


def _document(case, blocks, recipient, language, body_size=11.0) -> LetterDocument:
    return LetterDocument(
        letterhead=_letterhead(),
        date_text=day(date.today()),
        reference=_("Ref. %(reference)s", reference=case.reference),
        recipient_lines=recipient,
        subject=_("Re: Collection statement"),
        blocks=tuple(blocks),
        page_label=_("Page {page} of {pages}"),
        footer_text=_("Collection statement for case %(reference)s", reference=case.reference),
        body_font_size=body_size,
        language=language,
        title=_("Collection statement"),
    )


def case_statement_pdf(case, as_of: date) -> bytes:
    """The case's statement: every judgment, its interest, payments, balance and disbursements."""
    blocks: list = [
        Para(_("Balances as of %(day)s.", day=day(as_of))),
    ]
    for judgment in case.judgments:
        blocks += _judgment_blocks(judgment, service.standing(judgment, as_of))
        blocks.append(Spacer())
    names = {w.id: w.name for w in case.workers}
    rows = [d for d in service.case_disbursements(case) if d.paid_on <= as_of]
    if rows:
        blocks.append(_disbursement_table(rows, names))
    return render(_document(case, blocks, (_("Case file"), case.reference), "en"))


def worker_statement_pdf(case, worker, as_of: date) -> bytes:
    """The worker's statement, in the worker's language: their share, collected and received."""
    language = worker.preferred_language or "en"
    if language not in current_app.config.get("LANGUAGES", ("en",)):
        language = "en"
    with force_locale(language):
        blocks: list = [Para(_("Balances as of %(day)s.", day=day(as_of)))]
        rows_all = [d for d in service.case_disbursements(case) if d.worker_id == worker.id]
        rows = [d for d in rows_all if d.paid_on <= as_of]
        for judgment in case.judgments:
            share = next((s for s in judgment.shares if s.worker_id == worker.id), None)
            if share is None:
                continue
            standing = service.standing(judgment, as_of)
            heading, *details = _judgment_blocks(judgment, standing)
            account = next(a for a in service.worker_accounts(judgment) if a.worker_id == worker.id)
            # The worker's own share comes first, under the judgment's heading.
            blocks.append(heading)
            blocks.append(
                Table(
                    caption=_("Your share"),
                    headers=(_("Item"), _("Amount")),
                    rows=(
                        (_("Your share of the judgment"), money(account.share)),
                        (_("Collected for you so far"), money(account.collected)),
                        (_("Already paid to you"), money(account.disbursed)),
                    ),
                    align=("left", "right"),
                    total=(_("Collected and not yet paid to you"), money(account.held)),
                    col_widths=(0.7, 0.3),
                )
            )
            blocks += details
            blocks.append(Spacer())
        if rows:
            blocks.append(
                Table(
                    caption=_("Payments to you"),
                    headers=(_("Date"), _("Amount")),
                    rows=tuple((day(d.paid_on), money(d.amount)) for d in rows),
                    align=("left", "right"),
                )
            )
        recipient = tuple(
            line for line in (_text(worker.name), *_text(worker.address).splitlines()) if line
        )
        return render(_document(case, blocks, recipient, language, body_size=WORKER_BODY_FONT_SIZE))
