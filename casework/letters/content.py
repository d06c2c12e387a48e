"""What each kind of letter says, built from the case in the recipient's language.

Every function here returns a `LetterDocument` of plain, already translated and
formatted values; `pdf.render` prints it. Employer letters are in English;
worker letters and the worker's copies of employer letters are in the worker's
preferred language (`force_locale`). The document is stored as JSON (encrypted)
so the same PDF can be printed again later.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask import current_app
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from casework.law.citations import readable
from casework.law.rates import state_of
from casework.law.wages import Breakdown
from casework.letters import languages, liability, worker_letters
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
    Spacer,
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


def _joined(names: Sequence[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s and %(last)s", first=", ".join(names[:-1]), last=names[-1])


def _signature(sender: Sender, org: str) -> Signature:
    return Signature(lines=(_("Sincerely,"), sender.name, sender.title, org))


def _contact(sender: Sender, reference: str) -> Para:
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


# -- employer letters ---------------------------------------------------------


def _legal_basis(state: str) -> list[str]:
    basis = [
        _(
            "The Fair Labor Standards Act requires the minimum wage and overtime pay "
            "(29 U.S.C. 206, 207) and makes an employer who does not pay them liable for the "
            "unpaid wages and an equal amount as liquidated damages (29 U.S.C. 216(b))."
        )
    ]
    if state == "NY":
        basis.append(
            _(
                "New York Labor Law requires timely payment of wages (Labor Law 191), forbids "
                "deductions from wages (193), requires a written wage notice and wage statements "
                "(195), and makes the employer liable for unpaid wages, liquidated damages of "
                "100 percent, damages for missing notices and statements, interest and attorney's "
                "fees (198, 663)."
            )
        )
    elif state == "CA":
        basis.append(
            _(
                "The California Labor Code requires all wages to be paid when employment ends "
                "(Labor Code 201, 202), imposes a waiting-time penalty of up to 30 days' wages "
                "when they are not (203), requires overtime pay (510), and entitles a worker paid "
                "less than the minimum wage to liquidated damages in an equal amount (1194.2)."
            )
        )
    return basis


def _consequences(state: str, *, wage: bool, owners_item: str = "") -> list[str]:
    items = [
        _(
            "a complaint with the %(agency)s, which can investigate and order payment",
            agency={
                "NY": _("New York State Department of Labor"),
                "CA": _("California Labor Commissioner"),
            }.get(state, _("U.S. Department of Labor, Wage and Hour Division")),
        ),
        _(
            "a lawsuit, in which we will also ask for liquidated damages, interest, "
            "attorney's fees and costs"
        ),
    ]
    if wage and owners_item:
        items.append(owners_item)
    if wage and state == "NY":
        items.append(
            _(
                "an automatic increase of fifteen percent of any judgment that remains unpaid "
                "90 days after it is entered or after the time to appeal expires, whichever is "
                "later (Labor Law 198(4))"
            )
        )
    if wage and state == "CA":
        items.append(
            _(
                "after a judgment, the obligation to post a bond of up to $150,000 to keep "
                "doing business (Labor Code 238)"
            )
        )
    # One sentence: items end with ";", the last with ".".
    return [item + (";" if i < len(items) - 1 else ".") for i, item in enumerate(items)]


def _period_text(period, lang: str) -> str:
    span = _(
        "From %(start)s to %(end)s: about %(hours)s hours a week over %(days)s days",
        start=day(period.start),
        end=day(period.end),
        hours=hours(period.hours_per_week),
        days=period.days_per_week,
    )
    if period.hourly_rate is not None:
        paid = _("at an agreed rate of %(rate)s an hour", rate=money(period.hourly_rate, lang))
    else:
        paid = _(
            "paid %(pay)s a week for all hours worked", pay=money(period.pay_per_week or 0, lang)
        )
    return _("%(span)s, %(paid)s.", span=span, paid=paid)


def _facts(claim: WorkerClaim, employer_name: str, lang: str) -> list:
    blocks: list = []
    items = [_period_text(p, lang) for p in claim.periods]
    if claim.unpaid_final_pay:
        items.append(
            _("Final pay not paid: %(amount)s.", amount=money(claim.unpaid_final_pay, lang))
        )
    if claim.deductions:
        items.append(_("Deducted from pay: %(amount)s.", amount=money(claim.deductions, lang)))
    if claim.tips_withheld:
        items.append(
            _("Tips kept by the employer: %(amount)s.", amount=money(claim.tips_withheld, lang))
        )
    blocks.append(
        Para(_("%(worker)s worked for %(employer)s.", worker=claim.name, employer=employer_name))
    )
    if items:
        blocks.append(Bullets(tuple(items)))
    return blocks


def _breakdown_table(claim: WorkerClaim, lang: str, *, caption: str) -> Table:
    bd = claim.breakdown
    rows = tuple(
        (_(line.label), citation(line.citation), money(line.amount, lang))
        for line in bd.lines
        if line.amount
    )
    return Table(
        headers=(_("Item"), _("Legal basis"), _("Amount")),
        rows=rows,
        align=("left", "left", "right"),
        total=(_("Total"), "", money(bd.total, lang)),
        caption=caption,
        col_widths=(0.42, 0.38, 0.20),
    )


def demand_letter(
    *,
    case,
    employer,
    claims: Sequence[WorkerClaim],
    sender: Sender,
    letter_date: date,
    pay_by: date,
    as_of: date,
    lang: str = "en",
    copy_for: WorkerClaim | None = None,
    recipient: tuple[str, ...] | None = None,
    owner=None,
    owners: Sequence[str] = (),
    preferred: str | None = None,
) -> LetterDocument:
    """The wage demand to one employer; with `copy_for`, that worker's copy in their language.

    `employer` is the business the workers worked for. With `owner` the letter is addressed
    to that owner or officer at the business; `owners` are the owners or officers on the case
    whose personal liability the letter states, where the facts give it a basis.
    """
    head = letterhead()
    total = sum((c.breakdown.total for c in claims), Decimal(0))
    state = state_of(case.jurisdiction)
    with force_locale(lang):
        names = [c.name for c in claims]
        blocks: list = []
        if copy_for is not None:
            blocks += worker_letters.copy_intro(
                employer.business_name, letter_date, lang, preferred=preferred, phone=head.phone
            )
        opening = (
            _(
                "We write on behalf of %(workers)s, who worked for %(business)s and were not "
                "paid all the wages the law requires. We demand payment of %(total)s by "
                "%(pay_by)s.",
                workers=_joined(names),
                business=employer.business_name,
                total=money(total, lang),
                pay_by=day(pay_by),
            )
            if owner is not None
            else _(
                "We write on behalf of %(workers)s, who worked for you and were not paid "
                "all the wages the law requires. We demand payment of %(total)s by "
                "%(pay_by)s.",
                workers=_joined(names),
                total=money(total, lang),
                pay_by=day(pay_by),
            )
        )
        blocks.append(Para(opening))
        blocks.append(Heading(_("The facts")))
        for claim in claims:
            if copy_for is not None and claim.worker_id != copy_for.worker_id:
                continue
            blocks += _facts(claim, employer.business_name, lang)
        blocks.append(Heading(_("What is owed")))
        blocks.append(
            Para(
                _(
                    "The amounts below were computed as of %(as_of)s, week by week, from the "
                    "hours worked and the pay received, under the law that gives the worker "
                    "more for each week.",
                    as_of=day(as_of),
                )
            )
        )
        shown = 0
        for claim in claims:
            if copy_for is not None and claim.worker_id != copy_for.worker_id:
                continue
            blocks.append(_breakdown_table(claim, lang, caption=claim.name))
            shown += 1
        if copy_for is not None and len(claims) > shown:
            blocks.append(
                Para(
                    _(
                        "The letter also lists what is owed to the other workers in this case. "
                        "Their amounts are not shown in your copy."
                    )
                )
            )
        if len(claims) > 1:
            blocks.append(
                Table(
                    headers=(_("Worker"), _("Amount")),
                    rows=tuple((c.name, money(c.breakdown.total, lang)) for c in claims)
                    if copy_for is None
                    else ((copy_for.name, money(copy_for.breakdown.total, lang)),),
                    align=("left", "right"),
                    total=(_("Total demanded"), money(total, lang)),
                    caption=_("Total demanded"),
                    col_widths=(0.7, 0.3),
                )
            )
        blocks.append(Heading(_("Legal basis")))
        blocks += [Para(text) for text in _legal_basis(state)]
        entity = employer.entity_type or "unknown"
        owners_text = liability.personal_liability(state, entity, employer.business_name, owners)
        if owners_text:
            blocks.append(Heading(_("Personal liability")))
            blocks.append(Para(owners_text))
        blocks.append(Heading(_("How to pay")))
        blocks.append(
            Para(
                _(
                    "Please pay %(total)s no later than %(pay_by)s by check or money order "
                    "delivered to our office at %(address)s. Call us to arrange another method "
                    "of payment.",
                    total=money(total, lang),
                    pay_by=day(pay_by),
                    address=", ".join((head.name, *head.address_lines)),
                )
            )
        )
        blocks.append(Heading(_("If you do not pay")))
        blocks.append(Para(_("If we do not receive payment by that date, the next steps include:")))
        owners_item = "" if owners_text else liability.shareholder_consequence(state, entity)
        blocks.append(Bullets(tuple(_consequences(state, wage=True, owners_item=owners_item))))
        blocks.append(Heading(_("Contact")))
        blocks.append(_contact(sender, case.reference))
        blocks.append(_signature(sender, head.name))
        return _document(
            head,
            case=case,
            lang=lang,
            letter_date=letter_date,
            recipient=recipient
            or address_lines(
                employer.business_name,
                employer.address,
                _attention(employer, owner, owners),
            ),
            subject=(
                _(
                    "Copy for you: our demand letter to %(employer)s",
                    employer=employer.business_name,
                )
                if copy_for is not None
                else _("Re: Demand for unpaid wages of %(total)s", total=money(total, lang))
            ),
            blocks=blocks,
            worker=copy_for is not None,
            title=_("Demand for unpaid wages"),
            delivery=None if copy_for is not None else _("By certified mail"),
        )


def _attention(employer, owner=None, on_case: Sequence[str] = ()) -> str | None:
    """The attention line: the owner addressed, else the owners recorded, else those on the case."""
    if owner is not None:
        return _("Attention: %(owners)s", owners=owner.business_name)
    owners = (str(employer.owner_names or "")).strip() if employer.owner_names else ""
    if type(employer.owner_names).__name__ == "Unreadable" or owners.startswith("This record"):
        owners = ""
    names = [line.strip() for line in owners.splitlines() if line.strip()] or list(on_case)
    if not names:
        return None
    return _("Attention: %(owners)s", owners=" / ".join(names))


def retaliation_letter(
    *,
    case,
    employer,
    claim,
    worker_names: Sequence[str],
    sender: Sender,
    letter_date: date,
    pay_by: date,
    lang: str = "en",
    copy_intro: bool = False,
    recipient: tuple[str, ...] | None = None,
    owner=None,
    preferred: str | None = None,
) -> LetterDocument:
    """The retaliation demand to one employer (or a worker's copy of it).

    With `owner`, the letter is addressed to that owner or officer at `employer`.
    """
    head = letterhead()
    state = state_of(case.jurisdiction)
    with force_locale(lang):
        blocks: list = []
        if copy_intro:
            blocks += worker_letters.copy_intro(
                employer.business_name, letter_date, lang, preferred=preferred, phone=head.phone
            )
        blocks.append(
            Para(
                _(
                    "We write on behalf of %(workers)s about unlawful retaliation by your "
                    "business.",
                    workers=_joined(worker_names),
                )
            )
        )
        blocks.append(Heading(_("What happened")))
        facts = []
        if claim.protected_activity:
            when = (
                _(" (%(date)s)", date=day(claim.protected_activity_on))
                if claim.protected_activity_on
                else ""
            )
            facts.append(
                _(
                    "Protected activity%(when)s: %(text)s",
                    when=when,
                    text=str(claim.protected_activity),
                )
            )
        if claim.adverse_action:
            when = (
                _(" (%(date)s)", date=day(claim.adverse_action_on))
                if claim.adverse_action_on
                else ""
            )
            facts.append(
                _(
                    "Adverse action by your business%(when)s: %(text)s",
                    when=when,
                    text=str(claim.adverse_action),
                )
            )
        if claim.threatened_immigration_report:
            facts.append(
                _("Your business threatened to report the worker to immigration authorities.")
            )
        if facts:
            blocks.append(Bullets(tuple(facts)))
        blocks.append(Heading(_("The law")))
        law = [
            _(
                "The Fair Labor Standards Act forbids discharging or in any other manner "
                "discriminating against a worker who has complained about wages or overtime "
                "(29 U.S.C. 215(a)(3)); the worker may recover lost wages and an equal amount "
                "as liquidated damages."
            )
        ]
        if state == "NY":
            law.append(
                _(
                    "New York Labor Law 215 forbids discharging, penalizing or in any other "
                    "manner retaliating against a worker who has complained about a violation of "
                    "the Labor Law, and allows penalties of up to $10,000 in addition to lost "
                    "wages and damages."
                )
            )
        if state == "CA":
            law.append(
                _(
                    "California Labor Code 98.6 forbids discharging or in any manner retaliating "
                    "against a worker who has complained about unpaid wages or exercised any "
                    "right under the Labor Code, with a penalty of up to $10,000 for each "
                    "violation."
                )
            )
        if claim.threatened_immigration_report:
            threat = [
                _(
                    "Threatening to report a worker to immigration authorities is itself "
                    "unlawful retaliation."
                )
            ]
            if state == "NY":
                threat.append(
                    _(
                        "Labor Law 215 expressly includes threatening to contact immigration "
                        "authorities about a worker or a family member."
                    )
                )
            if state == "CA":
                threat.append(
                    _(
                        "Labor Code 1019 makes it an unfair immigration-related practice to "
                        "threaten to report a worker to immigration authorities in retaliation "
                        "for exercising a right; a business license may be suspended for it."
                    )
                )
            law.append(" ".join(threat))
        blocks += [Para(text) for text in law]
        blocks.append(Heading(_("What we demand")))
        remedy = str(claim.remedy_sought or "").strip()
        demands = [remedy] if remedy else []
        demands += [
            _(
                "Stop all retaliation against %(workers)s and anyone who supports them.",
                workers=_joined(worker_names),
            ),
            _("Pay the wages lost because of the retaliation."),
            _(
                "Keep every record of the employment of %(workers)s; they may be needed as "
                "evidence.",
                workers=_joined(worker_names),
            ),
        ]
        blocks.append(Bullets(tuple(demands)))
        blocks.append(Para(_("Please respond in writing by %(date)s.", date=day(pay_by))))
        blocks.append(Heading(_("If you do not respond")))
        blocks.append(Bullets(tuple(_consequences(state, wage=False))))
        blocks.append(Heading(_("Contact")))
        blocks.append(_contact(sender, case.reference))
        blocks.append(_signature(sender, head.name))
        return _document(
            head,
            case=case,
            lang=lang,
            letter_date=letter_date,
            recipient=recipient
            or address_lines(employer.business_name, employer.address, _attention(employer, owner)),
            subject=(
                _("Copy for you: our letter to %(employer)s", employer=employer.business_name)
                if copy_intro
                else _("Re: Unlawful retaliation")
            ),
            blocks=blocks,
            worker=copy_intro,
            title=_("Unlawful retaliation"),
            delivery=None if copy_intro else _("By certified mail"),
        )


def _document(
    head, *, case, lang, letter_date, recipient, subject, blocks, worker, title, delivery
) -> LetterDocument:
    """The parts every letter shares: date, reference, page numbers, metadata."""
    return LetterDocument(
        letterhead=head,
        date_text=day(letter_date),
        reference=_("Ref. %(ref)s", ref=case.reference),
        recipient_lines=tuple(tidy(line) for line in recipient),
        subject=tidy(subject),
        blocks=tuple(_tidy_block(block) for block in blocks),
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


def _tidy_block(block):
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


# -- storage: the document as JSON ---------------------------------------------

_BLOCKS = {cls.__name__: cls for cls in (Heading, Para, Bullets, Table, Signature, Spacer)}


def _tuples(value):
    if isinstance(value, list):
        return tuple(_tuples(v) for v in value)
    return value


def to_json(doc: LetterDocument) -> str:
    """The document as JSON, every block tagged with its type."""
    data = dataclasses.asdict(doc)
    data["blocks"] = [
        {"type": type(block).__name__, **dataclasses.asdict(block)} for block in doc.blocks
    ]
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def from_json(text: str) -> LetterDocument:
    """Rebuild the document exactly as `to_json` stored it."""
    data = json.loads(text)
    blocks = []
    for raw in data.pop("blocks"):
        cls = _BLOCKS[raw.pop("type")]
        blocks.append(cls(**{k: _tuples(v) for k, v in raw.items()}))
    head = Letterhead(**{k: _tuples(v) for k, v in data.pop("letterhead").items()})
    return LetterDocument(
        letterhead=head, blocks=tuple(blocks), **{k: _tuples(v) for k, v in data.items()}
    )


def document_text(doc: LetterDocument) -> str:
    """Every word printed in the letter, for the immigration-status guard."""
    parts = [doc.subject, *doc.recipient_lines, doc.delivery_line, doc.footer_text]
    for block in doc.blocks:
        if isinstance(block, Heading | Para):
            parts.append(block.text)
        elif isinstance(block, Bullets | Signature):
            parts.extend(block.items if isinstance(block, Bullets) else block.lines)
        elif isinstance(block, Table):
            parts.extend((block.caption, *block.headers, *(block.total or ())))
            for row in block.rows:
                parts.extend(row)
    return "\n".join(p for p in parts if p)


# The worker letters live in worker_letters (the letter-only catalogs); callers find them here.
case_opened_letter = worker_letters.case_opened_letter
calculation_letter = worker_letters.calculation_letter
payment_letter = worker_letters.payment_letter
closed_letter = worker_letters.closed_letter
PLAIN = worker_letters.PLAIN
