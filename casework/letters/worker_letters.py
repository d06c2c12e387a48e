"""What the worker letters say, in the worker's language (the `letters` catalogs).

The four worker letters and the opening of a worker's copy of an employer letter
are built here. Their sentences are translated through `casework.letters.catalogs`
(one letter-only catalog per language); dates and dollars are formatted by Babel for
the language. A language whose catalog no fluent reader has reviewed yet gets the
English letter printed after the translation (`with_english`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

from casework.law.i18n import N_
from casework.letters import catalogs
from casework.letters.catalogs import gettext as _
from casework.letters.languages import ENDONYMS, letter_language, long_date
from casework.letters.languages import money as _money
from casework.letters.pdf_model import (
    Bullets,
    Heading,
    LetterDocument,
    Para,
    Spacer,
    Table,
)

#: Words the letters take from elsewhere: the signer's title (service.Sender).
TITLES = (N_("Advocate"),)

#: The interpreter line for a worker whose language has no letters, in a few of those
#: languages; every other worker gets it in English.
INTERPRETER_LINES = {
    "pt": (
        "Se quiser que esta carta seja lida para você no seu idioma, ligue para %(phone)s. "
        "Nós conseguimos um intérprete sem custo para você."
    ),
}


def money(value, lang: str) -> str:
    return _money(value, lang)


def day(value: date, lang: str | None = None) -> str:
    return long_date(value, lang or catalogs.current_language())


def interpreter_line(preferred: str | None, phone: str) -> Para | None:
    """The line saying how to ask for an interpreter, for a worker whose language has no letters."""
    lang, needed = letter_language(preferred)
    if not needed:
        return None
    code = (preferred or "").replace("-", "_").split("_")[0].lower()
    with catalogs.letter_locale("en"):
        english = _(
            "If you would like this letter read to you in your language, call us at "
            "%(phone)s. We will get you an interpreter at no cost.",
            phone=phone,
        )
    own = INTERPRETER_LINES.get(code)
    text = f"{own % {'phone': phone}}\n{english}" if own else english
    return Para(text, bold=True)


def with_english(lang: str, build: Callable[[str], LetterDocument]) -> LetterDocument:
    """The letter in lang; until a fluent reader has reviewed lang, the English letter after it."""
    with catalogs.letter_locale(lang):
        doc = build(lang)
    if lang == "en" or catalogs.review(lang).reviewed:
        return doc
    with catalogs.letter_locale(lang):
        notice = _("The same letter in English")
    with catalogs.letter_locale("en"):
        english = build("en")
    english_notice = "The same letter in English"
    heading = notice if notice == english_notice else f"{notice} / {english_notice}"
    blocks = (
        *doc.blocks,
        Spacer(18),
        Heading(heading),
        *([Para(english.subject, bold=True)] if english.subject else []),
        *english.blocks,
    )
    return dataclasses.replace(doc, blocks=blocks)


def language_name(lang: str) -> str:
    return ENDONYMS.get(lang, lang)


# -- worker letters -------------------------------------------------------------

#: Plain words for each line of the breakdown, for workers.
PLAIN = {
    "unpaid_wages_federal": N_(
        "Pay you earned but did not get: the minimum wage for every hour, "
        "and time and a half for hours over 40 in a week."
    ),
    "unpaid_wages_state": N_(
        "Pay you earned but did not get: the minimum wage for every hour, "
        "and time and a half for hours over 40 in a week."
    ),
    "spread_of_hours": N_(
        "One extra hour of pay for each day your work started and ended more than 10 hours apart."
    ),
    "unpaid_final_pay": N_("Pay for your last days of work that you never received."),
    "unlawful_deductions": N_(
        "Money the employer took out of your pay that it was not allowed to take."
    ),
    "tips_withheld": N_("Tips that customers gave for you but the employer kept."),
    "liquidated_damages_federal": N_(
        "Liquidated damages: extra money the law adds when an employer "
        "does not pay wages. It is usually the same amount again."
    ),
    "liquidated_damages_state": N_(
        "Liquidated damages: extra money the law adds when an employer "
        "does not pay wages. It is usually the same amount again."
    ),
    "wage_notice_damages": N_(
        "Money the law adds because the employer did not give you a written "
        "notice of your pay rate when you started."
    ),
    "wage_statement_damages": N_(
        "Money the law adds because the employer did not give you pay stubs."
    ),
    "waiting_time_penalty": N_(
        "Money the law adds because the employer paid your last wages late."
    ),
    "prejudgment_interest": N_("Interest: extra money for the time you waited for your pay."),
    "interest_on_final_pay": N_("Interest: extra money for the time you waited for your pay."),
}


def _plain(key: str) -> str:
    # The explanations are msgids: extracted by the N_ marker below.
    return _(PLAIN[key]) if key in PLAIN else ""


def _worker_doc(
    *, case, worker, lang, letter_date, blocks, subject, title, sender
) -> LetterDocument:
    from casework.letters.parts import address_lines, letterhead

    head = letterhead()
    blocks = [Para(_("Dear %(name)s,", name=worker.name)), *blocks]
    blocks.append(Heading(_("How to reach us")))
    blocks.append(
        Para(
            _(
                "Your advocate is %(name)s. Call %(phone)s. Tell us your case number: %(ref)s.",
                name=sender.name,
                phone=sender.phone or head.phone,
                ref=case.reference,
            )
        )
    )
    line = interpreter_line(worker.preferred_language, sender.phone or head.phone)
    if line is not None:
        blocks.insert(1, line)
    blocks.append(signature(sender, head.name))
    return document(
        head,
        case=case,
        lang=lang,
        letter_date=letter_date,
        recipient=address_lines(str(worker.name), _readable(worker.address)),
        subject=subject,
        blocks=blocks,
        worker=True,
        title=title,
        delivery=None,
    )


def _readable(value) -> str | None:
    text = str(value) if value is not None else None
    return None if text is None or type(value).__name__ == "Unreadable" else text


def _case_opened_letter(*, case, worker, sender, letter_date, lang) -> LetterDocument:
    with catalogs.letter_locale(lang):
        blocks = [
            Para(
                _(
                    "We opened your case on %(date)s. We will work on it with you. "
                    "This letter tells you what happens now.",
                    date=day(case.opened_on),
                )
            ),
            Heading(_("What happens next")),
            Bullets(
                (
                    _("We look at your dates, hours and pay, and count what you are owed."),
                    _("We may ask you for papers, like pay stubs, texts or a work schedule."),
                    _("We write to the employer and ask for the money."),
                    _("If the employer does not pay, we will talk with you about the next step."),
                )
            ),
            Heading(_("What we never write down")),
            Para(
                _(
                    "We never ask about immigration status and we never write it down. "
                    "It is not in our files and it will never be in any letter."
                )
            ),
            Para(
                _(
                    "Your name, phone number and address are kept locked (encrypted) in our "
                    "files. Only the people who work on your case can read them."
                )
            ),
        ]
        return _worker_doc(
            case=case,
            worker=worker,
            lang=lang,
            letter_date=letter_date,
            blocks=blocks,
            subject=_("Your case is open"),
            title=_("Your case is open"),
            sender=sender,
        )


def _calculation_letter(*, case, worker, claim, sender, letter_date, as_of, lang) -> LetterDocument:
    bd = claim.breakdown
    with catalogs.letter_locale(lang):
        shown = [line for line in bd.lines if line.amount]
        blocks = [
            Para(
                _(
                    "We counted the pay you are owed. The total is %(total)s. "
                    "We counted it on %(as_of)s.",
                    total=money(bd.total, lang),
                    as_of=day(as_of),
                ),
                bold=True,
            ),
            Para(_("We used your dates, your hours and the pay you received.")),
            Table(
                headers=(_("What it is for"), _("Amount")),
                rows=tuple((_(line.label), money(line.amount, lang)) for line in shown),
                align=("left", "right"),
                total=(_("Total"), money(bd.total, lang)),
                col_widths=(0.72, 0.28),
            ),
            Heading(_("What these words mean")),
            Bullets(tuple(dict.fromkeys(_plain(line.key) for line in shown if _plain(line.key)))),
        ]
        if bd.excluded_weeks:
            blocks.append(
                Para(
                    _(
                        "Some of your weeks are too old to claim. The law only lets us ask "
                        "for pay from the last few years."
                    )
                )
            )
        blocks += [
            Heading(_("What happens next")),
            Para(
                _(
                    "We will write to the employer and ask for this money. The amount can "
                    "change if we learn new facts. We will tell you if it does."
                )
            ),
        ]
        return _worker_doc(
            case=case,
            worker=worker,
            lang=lang,
            letter_date=letter_date,
            blocks=blocks,
            subject=_("What you are owed"),
            title=_("What you are owed"),
            sender=sender,
        )


def _payment_letter(
    *,
    case,
    worker,
    sender,
    letter_date,
    lang,
    received_on,
    amount,
    paid_to_you,
    share=None,
) -> LetterDocument:
    with catalogs.letter_locale(lang):
        blocks = [
            Para(
                _(
                    "Good news. On %(date)s we received a payment of %(amount)s for your case.",
                    date=day(received_on),
                    amount=money(amount, lang),
                ),
                bold=True,
            ),
        ]
        if share is not None and share.amount:
            blocks.append(
                Para(
                    _(
                        "Your share of this payment is %(share)s. The payment is divided among "
                        "the %(count)s workers in your case, in proportion to what the judgment "
                        "awards each of them.",
                        share=money(share.amount, lang),
                        count=share.workers,
                    ),
                    bold=True,
                )
            )
        elif share is not None:
            blocks.append(
                Para(
                    _(
                        "None of this payment is your share: it goes to other workers in your "
                        "case, in proportion to what the judgment awards each of them."
                    )
                )
            )
        blocks += [
            Para(
                _(
                    "So far we have paid you %(paid)s in total.",
                    paid=money(paid_to_you, lang),
                )
                if paid_to_you
                else _("We will call you to tell you how and when you will get your share.")
            ),
            Para(
                _(
                    "If the employer still owes money, we keep working to collect it. "
                    "We will write to you when more money comes in."
                )
            ),
        ]
        return _worker_doc(
            case=case,
            worker=worker,
            lang=lang,
            letter_date=letter_date,
            blocks=blocks,
            subject=_("We received a payment"),
            title=_("We received a payment"),
            sender=sender,
        )


def _closed_letter(*, case, worker, sender, letter_date, lang) -> LetterDocument:
    with catalogs.letter_locale(lang):
        outcome = {
            "recovered": _("We recovered the money you were owed."),
            "partially_recovered": _("We recovered part of the money you were owed."),
            "not_recovered": _("We could not recover the money you were owed."),
            "withdrawn": _("The case was withdrawn."),
            "referred": _("We sent your case to another organization that can help you."),
        }.get(case.outcome or "", "")
        blocks = [
            Para(
                _(
                    "We closed your case on %(date)s.",
                    date=day(case.closed_on or letter_date, lang),
                ),
                bold=True,
            ),
        ]
        if outcome:
            blocks.append(Para(outcome))
        if case.amount_recovered:
            blocks.append(
                Para(
                    _(
                        "In total, %(amount)s was collected in this case.",
                        amount=money(case.amount_recovered, lang),
                    )
                )
            )
        blocks += [
            Para(
                _(
                    "If the employer contacts you about this case, or if you have a new "
                    "problem at work, call us."
                )
            ),
            Para(_("Thank you for trusting us with your case.")),
        ]
        return _worker_doc(
            case=case,
            worker=worker,
            lang=lang,
            letter_date=letter_date,
            blocks=blocks,
            subject=_("Your case is closed"),
            title=_("Your case is closed"),
            sender=sender,
        )


def copy_intro(
    employer_name: str, letter_date: date, lang: str, *, preferred: str | None = None, phone=""
) -> list:
    """The opening of a worker's copy of an employer letter, in the worker's language."""
    with catalogs.letter_locale(lang):
        return _copy_intro(employer_name, letter_date, lang, preferred, phone)


def _copy_intro(employer_name: str, letter_date: date, lang: str, preferred, phone) -> list:
    line = interpreter_line(preferred, phone) if preferred else None
    return [
        *([line] if line is not None else []),
        Para(
            _(
                "This is a copy of our letter to %(employer)s dated %(date)s, written in your "
                "language for you. The employer gets the letter in English.",
                employer=employer_name,
                date=day(letter_date, lang),
            ),
            bold=True,
        ),
        Para(_("You do not need to do anything. Keep this copy with your papers.")),
        Spacer(6),
    ]


# -- the letters, each in the worker's language (and English until reviewed) ------


def case_opened_letter(*, case, worker, sender, letter_date, lang) -> LetterDocument:
    return with_english(
        lang,
        lambda lg: _case_opened_letter(
            case=case, worker=worker, sender=sender, letter_date=letter_date, lang=lg
        ),
    )


def calculation_letter(*, case, worker, claim, sender, letter_date, as_of, lang) -> LetterDocument:
    return with_english(
        lang,
        lambda lg: _calculation_letter(
            case=case,
            worker=worker,
            claim=claim,
            sender=sender,
            letter_date=letter_date,
            as_of=as_of,
            lang=lg,
        ),
    )


def payment_letter(*, lang, **kwargs) -> LetterDocument:
    return with_english(lang, lambda lg: _payment_letter(lang=lg, **kwargs))


def closed_letter(*, case, worker, sender, letter_date, lang) -> LetterDocument:
    return with_english(
        lang,
        lambda lg: _closed_letter(
            case=case, worker=worker, sender=sender, letter_date=letter_date, lang=lg
        ),
    )


def signature(sender, org: str):
    from casework.letters.pdf_model import Signature

    return Signature(lines=(_("Sincerely,"), sender.name, _(sender.title), org))


def document(
    head, *, case, lang, letter_date, recipient, subject, blocks, worker, title, delivery
) -> LetterDocument:
    """The parts every worker letter shares: date, reference, page numbers, metadata."""
    from casework.letters.parts import tidy, tidy_block
    from casework.letters.pdf_model import WORKER_BODY_FONT_SIZE

    return LetterDocument(
        letterhead=head,
        date_text=day(letter_date, lang),
        reference=_("Ref. %(ref)s", ref=case.reference),
        recipient_lines=tuple(tidy(line) for line in recipient),
        subject=tidy(subject),
        blocks=tuple(tidy_block(block) for block in blocks),
        page_label=_("Page {page} of {pages}"),
        body_font_size=WORKER_BODY_FONT_SIZE,
        language=lang,
        title=title,
        delivery_line=delivery or "",
    )
