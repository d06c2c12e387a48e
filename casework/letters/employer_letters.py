"""Letters to employers: the demand for unpaid wages and the retaliation demand, with each
state's legal basis and consequences. In English; the worker's copy in their language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from flask_babel import force_locale
from flask_babel import gettext as _

from casework.law.rates import state_of
from casework.letters import liability, worker_letters
from casework.letters.legal_text import consequences, legal_basis
from casework.letters.parts import (
    Sender,
    WorkerClaim,
    address_lines,
    citation,
    contact,
    day,
    document,
    hours,
    joined,
    letterhead,
    money,
    signature,
)
from casework.letters.pdf_model import (
    Bullets,
    Heading,
    LetterDocument,
    Para,
    Table,
)


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
                workers=joined(names),
                business=employer.business_name,
                total=money(total, lang),
                pay_by=day(pay_by),
            )
            if owner is not None
            else _(
                "We write on behalf of %(workers)s, who worked for you and were not paid "
                "all the wages the law requires. We demand payment of %(total)s by "
                "%(pay_by)s.",
                workers=joined(names),
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
        blocks += [Para(text) for text in legal_basis(state)]
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
        blocks.append(Bullets(tuple(consequences(state, wage=True, owners_item=owners_item))))
        blocks.append(Heading(_("Contact")))
        blocks.append(contact(sender, case.reference))
        blocks.append(signature(sender, head.name))
        return document(
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
                    workers=joined(worker_names),
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
                workers=joined(worker_names),
            ),
            _("Pay the wages lost because of the retaliation."),
            _(
                "Keep every record of the employment of %(workers)s; they may be needed as "
                "evidence.",
                workers=joined(worker_names),
            ),
        ]
        blocks.append(Bullets(tuple(demands)))
        blocks.append(Para(_("Please respond in writing by %(date)s.", date=day(pay_by))))
        blocks.append(Heading(_("If you do not respond")))
        blocks.append(Bullets(tuple(consequences(state, wage=False))))
        blocks.append(Heading(_("Contact")))
        blocks.append(contact(sender, case.reference))
        blocks.append(signature(sender, head.name))
        return document(
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
