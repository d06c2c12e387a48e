"""What every letter is built from: its kinds, the people on it, the letterhead, and
values formatted in the recipient's language (call inside ``force_locale``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import current_app
from flask_babel import format_date
from flask_babel import gettext as _

from casework.law.citations import readable
from casework.law.wages import Breakdown
from casework.letters import languages
from casework.letters.languages import letter_language
from casework.letters.pdf_model import (
    EMPLOYER_BODY_FONT_SIZE,
    WORKER_BODY_FONT_SIZE,
    Bullets,
    Heading,
    LetterDocument,
    Letterhead,
    Para,
    Signature,
    Table,
)

EMPLOYER_KINDS = ("demand", "retaliation_demand")
WORKER_KINDS = (
    "worker_case_opened",
    "worker_calculation",
    "worker_payment_received",
    "worker_case_closed",
)


@dataclass(frozen=True)
class WorkerClaim:
    """One worker on the letter: their name and, for wage claims, periods and breakdown."""

    worker_id: str
    name: str
    breakdown: Breakdown | None = None
    periods: tuple = ()  # WorkPeriod rows (start, end, hours_per_week, ...)
    unpaid_final_pay: Decimal = Decimal(0)
    deductions: Decimal = Decimal(0)
    tips_withheld: Decimal = Decimal(0)


@dataclass(frozen=True)
class PaymentShare:
    """A worker's part of a payment that is split between several workers."""

    amount: Decimal
    workers: int


@dataclass(frozen=True)
class Sender:
    """Who signs the letter and how to reach them."""

    name: str
    title: str
    phone: str
    email: str


def language_for(worker) -> str:
    """The language of the worker's letters: their preferred one if on the list, else English."""
    return letter_language(worker.preferred_language)[0]


def letterhead() -> Letterhead:
    cfg = current_app.config
    address = tuple(
        line.strip()
        for line in (cfg.get("CASEWORK_ORG_ADDRESS") or "").splitlines()
        if line.strip()
    )
    return Letterhead(
        name=cfg.get("CASEWORK_ORG_NAME") or "",
        address_lines=address,
        phone=cfg.get("CASEWORK_ORG_PHONE") or "",
        email=cfg.get("CASEWORK_ORG_EMAIL") or "",
        logo_path=cfg.get("CASEWORK_ORG_LOGO") or None,
    )


# -- formatting in the recipient's locale (call inside force_locale) ----------


def money(value: Decimal | int | str, lang: str) -> str:
    """Dollars as a reader in the United States expects them in that language."""
    return languages.money(value, lang)


def day(value: date) -> str:
    return format_date(value, "long")


def hours(value: Decimal) -> str:
    value = Decimal(value)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}".rstrip("0")


def citation(text: str) -> str:
    """A line's legal citation without the research notes' source keys ([K1-K6])."""
    return readable(text)


def address_lines(name: str, address: str | None, attention: str | None = None) -> tuple[str, ...]:
    """Recipient block: name, optional attention line, then the address as the lines typed."""
    lines = [name]
    if attention:
        lines.append(attention)
    lines.extend(p.strip() for p in (address or "").splitlines() if p.strip())
    return tuple(lines)


def joined(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s", first=", ".join(names[:-1]), last=names[-1])


def signature(sender: Sender, org: str) -> Signature:
    return Signature(lines=(_("Sincerely,"), sender.name, sender.title, org))


def contact(sender: Sender, reference: str) -> Para:
    how = sender.phone
    if sender.email:
        how = _("%(phone)s or %(email)s", phone=sender.phone, email=sender.email)
    return Para(
        _(
            "Please contact %(name)s at %(how)s and give the reference %(ref)s.",
            name=sender.name,
            how=how,
            ref=reference,
        )
    )


def document(
    head, *, case, lang, letter_date, recipient, subject, blocks, worker, title, delivery
) -> LetterDocument:
    """The parts every letter shares: date, reference, page numbers, metadata."""
    return LetterDocument(
        letterhead=head,
        date_text=day(letter_date),
        reference=_("Ref. %(ref)s", ref=case.reference),
        recipient_lines=tuple(tidy(line) for line in recipient),
        subject=tidy(subject),
        blocks=tuple(tidy_block(block) for block in blocks),
        page_label=_("Page {page} of {pages}"),
        body_font_size=WORKER_BODY_FONT_SIZE if worker else EMPLOYER_BODY_FONT_SIZE,
        language=lang,
        title=title,
        delivery_line=delivery or "",
    )


#: A period doubled where a name that ends in one ("Corp.", "Jr.") closes a sentence;
#: an ellipsis ("...") is left alone.
_DOUBLED_PERIOD = re.compile(r"(?<!\.)\.\.(?!\.)")


def tidy(text: str) -> str:
    """The text with no doubled period ("worked for Sabor Latino Restaurant Corp.")."""
    return _DOUBLED_PERIOD.sub(".", text) if text else text


def tidy_block(block):
    if isinstance(block, Heading | Para):
        return dataclasses.replace(block, text=tidy(block.text))
    if isinstance(block, Bullets):
        return Bullets(tuple(tidy(item) for item in block.items))
    if isinstance(block, Signature):
        return Signature(tuple(tidy(line) for line in block.lines))
    if isinstance(block, Table):
        return dataclasses.replace(
            block,
            headers=tuple(tidy(cell) for cell in block.headers),
            rows=tuple(tuple(tidy(cell) for cell in row) for row in block.rows),
            total=None if block.total is None else tuple(tidy(cell) for cell in block.total),
            caption=tidy(block.caption),
        )
    return block
