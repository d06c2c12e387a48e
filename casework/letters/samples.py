"""Sample worker letters from fictitious data, for reviewers of a translation and for checks.

`flask --app wsgi casework letters sample --kind KIND --language LANG --output FILE.pdf`
prints one; Admin -> Languages offers every kind in every language. Nothing is read
from or written to the database: the case, the worker and the amounts are made up.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import click

from casework.law.citations import LABELS
from casework.letters import content, worker_letters
from casework.letters.languages import LETTER_LANGUAGES
from casework.letters.pdf import LetterDocument, render

KINDS = content.WORKER_KINDS
LETTER_DATE = date(2026, 3, 4)

_AMOUNTS = {
    "unpaid_wages_state": Decimal("4812.50"),
    "spread_of_hours": Decimal("315.00"),
    "liquidated_damages_state": Decimal("5127.50"),
    "wage_statement_damages": Decimal("5000.00"),
    "prejudgment_interest": Decimal("611.27"),
}


def _breakdown():
    lines = [
        SimpleNamespace(key=key, label=LABELS[key], amount=amount, citation="")
        for key, amount in _AMOUNTS.items()
    ]
    return SimpleNamespace(lines=lines, total=sum(_AMOUNTS.values()), excluded_weeks=[1])


def sample_document(kind: str, lang: str) -> LetterDocument:
    """The worker letter of that kind in that language, for a made-up worker and case."""
    if kind not in KINDS:
        raise ValueError(f"not a worker letter kind: {kind}")
    if lang not in LETTER_LANGUAGES:
        raise ValueError(f"not a letter language: {lang}")
    case = SimpleNamespace(
        reference="CW-2026-0042",
        opened_on=date(2026, 1, 12),
        closed_on=date(2026, 3, 2),
        outcome="partially_recovered",
        amount_recovered=Decimal("6250.00"),
    )
    worker = SimpleNamespace(
        name="Alex Sample",
        address="123 Example Street, Apt 4\nQueens, NY 11101",
        preferred_language=lang,
    )
    sender = content.Sender(
        name="Jordan Advocate", title="Advocate", phone="(718) 555-0100", email=""
    )
    common = dict(case=case, worker=worker, sender=sender, letter_date=LETTER_DATE, lang=lang)
    if kind == "worker_case_opened":
        return worker_letters.case_opened_letter(**common)
    if kind == "worker_calculation":
        claim = SimpleNamespace(breakdown=_breakdown())
        return worker_letters.calculation_letter(claim=claim, as_of=LETTER_DATE, **common)
    if kind == "worker_payment_received":
        return worker_letters.payment_letter(
            received_on=date(2026, 2, 20),
            amount=Decimal("2500.00"),
            paid_to_you=Decimal("1250.00"),
            share=content.PaymentShare(amount=Decimal("1250.00"), workers=2),
            **common,
        )
    return worker_letters.closed_letter(**common)


def sample_pdf(kind: str, lang: str) -> bytes:
    return render(sample_document(kind, lang))


def register(group: click.Group) -> None:
    @group.group("letters")
    def letters_cli() -> None:
        """Worker letters: samples for reviewers."""

    @letters_cli.command("sample")
    @click.option("--kind", type=click.Choice(KINDS), required=True)
    @click.option("--language", type=click.Choice(LETTER_LANGUAGES), required=True)
    @click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
    def sample(kind: str, language: str, output: str) -> None:
        """Write a worker letter of KIND in LANGUAGE, from fictitious data, to OUTPUT."""
        data = sample_pdf(kind, language)
        with open(output, "wb") as fh:
            fh.write(data)
        click.echo(f"{output}: {len(data)} bytes")
