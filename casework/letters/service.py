"""Letters: generate a draft, approve or return it, mark it sent, print a mail day.

The stored record holds the letter's content (encrypted JSON) and the SHA-256
of the PDF made from it; the PDF itself is never kept and is rebuilt on demand.
"""

from __future__ import annotations

import dataclasses
import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, select

from casework import audit
from casework.extensions import db
from casework.keys import keystore
from casework.law.errors import ClaimError
from casework.law.i18n import N_
from casework.letters import content, liability
from casework.letters.pdf import LetterDocument, render, render_many
from casework.models import Case, Employer, Letter, User, Worker
from casework.models.base import utcnow
from casework.models.judgment import Disbursement, Payment
from casework.models.letter import SEND_METHODS
from casework.services.timeline import add_event

#: The kinds staff can generate from a case, and the case types each fits.
GENERATED_KINDS: dict[str, tuple[str, ...]] = {
    "demand": ("wage_theft",),
    "retaliation_demand": ("retaliation",),
    "worker_case_opened": ("wage_theft", "workers_comp", "retaliation"),
    "worker_calculation": ("wage_theft",),
    "worker_payment_received": ("wage_theft", "workers_comp", "retaliation"),
    "worker_case_closed": ("wage_theft", "workers_comp", "retaliation"),
}

FOLLOW_UP_LABEL = N_("Demand letter: pay-by date, follow up with the employer")


class LetterError(ValueError):
    """A refused letter action; ``field`` names the form field, ``message`` a msgid key."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Recipient:
    """Who a letter goes to: ("employer" | "worker", id)."""

    kind: str
    id: uuid.UUID

    @classmethod
    def parse(cls, value: str) -> Recipient:
        kind, _, raw = (value or "").partition(":")
        try:
            return cls(kind, uuid.UUID(raw))
        except ValueError:
            raise LetterError("recipient", "recipient_unknown") from None

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"


def recipients(case: Case) -> list[tuple[str, str]]:
    """(value, label) choices for the generate form: every employer and worker on the case."""
    keystore().preload(db.session, [w.id for w in case.workers])
    out = [(f"employer:{e.id}", e.business_name) for e in case.employers]
    out += [(f"worker:{w.id}", str(w.name)) for w in case.workers]
    return out


def kinds_for(case: Case) -> list[str]:
    return [kind for kind, types in GENERATED_KINDS.items() if case.case_type in types]


def _sender(case: Case) -> content.Sender:
    cfg = current_app.config
    user: User | None = case.assigned_to
    return content.Sender(
        name=user.name if user else cfg.get("CASEWORK_ORG_NAME", ""),
        title=N_("Advocate"),
        phone=cfg.get("CASEWORK_ORG_PHONE") or "",
        email=(user.email if user else "") or cfg.get("CASEWORK_ORG_EMAIL") or "",
    )


def _translated_sender(sender: content.Sender, lang: str) -> content.Sender:
    from casework.letters import catalogs

    with catalogs.letter_locale(lang):
        return content.Sender(
            sender.name, catalogs.gettext(sender.title), sender.phone, sender.email
        )


def _wage_claims(case: Case, as_of: date) -> list[content.WorkerClaim]:
    from casework.cases.calculator import compute

    claims = []
    for link in case.worker_links:
        wage_claim = link.wage_claim
        if wage_claim is None:
            raise LetterError("kind", "calculation_missing")
        try:
            breakdown = compute(wage_claim, as_of=as_of)
        except ClaimError:
            raise LetterError("kind", "calculation_missing") from None
        claims.append(
            content.WorkerClaim(
                worker_id=str(link.worker_id),
                name=str(link.worker.name),
                breakdown=breakdown,
                periods=tuple(wage_claim.periods),
                unpaid_final_pay=wage_claim.unpaid_final_pay or Decimal(0),
                deductions=wage_claim.deductions or Decimal(0),
                tips_withheld=wage_claim.tips_withheld or Decimal(0),
            )
        )
    if not claims:
        raise LetterError("kind", "calculation_missing")
    return claims


def _store(case, kind, lang, doc, *, user, letter_date, pay_by=None, amount=None, **ids) -> Letter:
    pdf = render(doc)
    letter = Letter(
        id=uuid.uuid4(),
        case_id=case.id,
        kind=kind,
        language=lang,
        status="draft",
        letter_date=letter_date,
        pay_by=pay_by,
        amount=None if amount is None else str(amount),
        content=content.to_json(doc),
        pdf_sha256=hashlib.sha256(pdf).hexdigest(),
        generated_by_id=user.id if user else None,
        **ids,
    )
    db.session.add(letter)
    add_event(case, "letter_generated", kind, ref_id=letter.id)
    # The PDF's fingerprint is kept for the audit, not shown to the reader.
    audit.record(
        "letter.generate",
        letter,
        case_id=case.id,
        detail=f"{kind}:{lang}:sha256={letter.pdf_sha256}",
    )
    return letter


def generate_letter(
    case: Case, kind: str, recipient: str, *, user: User | None, today: date | None = None
) -> list[Letter]:
    """Generate a draft letter (and, for an employer letter, each worker's copy).

    Raises LetterError (keys: ``kind_unknown``, ``kind_case_type``, ``recipient_unknown``,
    ``recipient_kind``, ``calculation_missing``, ``retaliation_missing``,
    ``no_payment``, ``case_not_closed``, ``status_disclosure``) and stores nothing then.
    """
    if kind not in GENERATED_KINDS:
        raise LetterError("kind", "kind_unknown")
    if case.case_type not in GENERATED_KINDS[kind]:
        raise LetterError("kind", "kind_case_type")
    who = Recipient.parse(recipient)
    today = today or date.today()
    pay_by = today + timedelta(days=int(current_app.config.get("CASEWORK_PAY_BY_DAYS", 14)))
    keystore().preload(db.session, [w.id for w in case.workers] + [case.id])
    sender = _sender(case)
    en_sender = _translated_sender(sender, "en")

    if kind in content.EMPLOYER_KINDS:
        if who.kind != "employer":
            raise LetterError("recipient", "recipient_kind")
        employer = next((e for e in case.employers if e.id == who.id), None)
        if employer is None:
            raise LetterError("recipient", "recipient_unknown")
        return _employer_letters(case, kind, employer, user, today, pay_by, sender, en_sender)

    if who.kind != "worker":
        raise LetterError("recipient", "recipient_kind")
    worker = next((w for w in case.workers if w.id == who.id), None)
    if worker is None:
        raise LetterError("recipient", "recipient_unknown")
    lang = content.language_for(worker)
    # The worker letters translate the signer's title themselves (and print it in English
    # too while the language's translation is unreviewed).
    common = dict(case=case, worker=worker, sender=sender, letter_date=today, lang=lang)
    amount = None
    if kind == "worker_case_opened":
        doc = content.case_opened_letter(**common)
    elif kind == "worker_calculation":
        claims = {c.worker_id: c for c in _wage_claims(case, today)}
        claim = claims[str(worker.id)]
        doc = content.calculation_letter(claim=claim, as_of=today, **common)
        amount = claim.breakdown.total
    elif kind == "worker_payment_received":
        payment = db.session.scalars(
            select(Payment)
            .where(Payment.case_id == case.id)
            .order_by(Payment.received_on.desc(), Payment.created_at.desc())
        ).first()
        if payment is None:
            raise LetterError("kind", "no_payment")
        paid = sum(
            db.session.scalars(
                select(Disbursement.amount).where(
                    Disbursement.case_id == case.id, Disbursement.worker_id == worker.id
                )
            ),
            Decimal(0),
        )
        doc = content.payment_letter(
            received_on=payment.received_on,
            amount=payment.amount,
            paid_to_you=paid,
            share=_share_of_payment(payment, worker),
            **common,
        )
        amount = payment.amount
    else:  # worker_case_closed
        if case.status != "closed":
            raise LetterError("kind", "case_not_closed")
        doc = content.closed_letter(**common)
    return [
        _store(
            case, kind, lang, doc, user=user, letter_date=today, amount=amount, worker_id=worker.id
        )
    ]


def _share_of_payment(payment: Payment, worker: Worker) -> content.PaymentShare | None:
    """The worker's part of a payment split between several workers' shares of the judgment."""
    from casework.judgments.service import split_by_weight

    shares = list(payment.judgment.shares) if payment.judgment is not None else []
    if len(shares) < 2:
        return None
    parts = split_by_weight(Decimal(payment.amount), [Decimal(s.amount) for s in shares])
    mine = sum(
        (part for s, part in zip(shares, parts, strict=True) if s.worker_id == worker.id),
        Decimal(0),
    )
    return content.PaymentShare(amount=mine, workers=len({s.worker_id for s in shares}))


def _employer_letters(case, kind, recipient: Employer, user, today, pay_by, sender, en_sender):
    workers = case.workers
    # A letter to an owner or officer goes to them at the business the workers worked for.
    who = liability.parties(case, recipient)
    employer = who.business
    if kind == "demand":
        claims = _wage_claims(case, today)
        total = sum((c.breakdown.total for c in claims), Decimal(0))

        def build(lang, copy_for=None, recipient=None, who_signs=en_sender, preferred=None):
            return content.demand_letter(
                case=case,
                employer=employer,
                claims=claims,
                sender=who_signs,
                letter_date=today,
                pay_by=pay_by,
                as_of=today,
                lang=lang,
                copy_for=copy_for,
                recipient=recipient,
                owner=who.addressed_owner,
                owners=who.owners,
                preferred=preferred,
            )

        original = build("en")
        copies = []
        for worker, claim in zip(workers, claims, strict=True):
            lang = content.language_for(worker)
            copies.append(
                (
                    worker,
                    lang,
                    build(
                        lang,
                        copy_for=claim,
                        recipient=content.address_lines(str(worker.name), _address(worker)),
                        who_signs=_translated_sender(sender, lang),
                        preferred=worker.preferred_language,
                    ),
                )
            )
        amount = total
    else:
        claim = case.retaliation_claim
        if claim is None:
            raise LetterError("kind", "retaliation_missing")
        names = [str(w.name) for w in workers]

        def build(lang, copy_intro=False, recipient=None, who_signs=en_sender, preferred=None):
            return content.retaliation_letter(
                case=case,
                employer=employer,
                claim=claim,
                worker_names=names,
                sender=who_signs,
                letter_date=today,
                pay_by=pay_by,
                lang=lang,
                copy_intro=copy_intro,
                recipient=recipient,
                owner=who.addressed_owner,
                preferred=preferred,
            )

        original = build("en")
        copies = [
            (
                w,
                content.language_for(w),
                build(
                    content.language_for(w),
                    copy_intro=True,
                    recipient=content.address_lines(str(w.name), _address(w)),
                    who_signs=_translated_sender(sender, content.language_for(w)),
                    preferred=w.preferred_language,
                ),
            )
            for w in workers
        ]
        amount = None
    letter = _store(
        case,
        kind,
        "en",
        original,
        user=user,
        letter_date=today,
        pay_by=pay_by,
        amount=amount,
        employer_id=recipient.id,
    )
    out = [letter]
    for worker, lang, doc in copies:
        out.append(
            _store(
                case,
                "worker_copy",
                lang,
                doc,
                user=user,
                letter_date=today,
                pay_by=pay_by,
                amount=amount,
                worker_id=worker.id,
                employer_id=recipient.id,
                copy_of_id=letter.id,
            )
        )
    return out


def _address(worker: Worker) -> str | None:
    value = worker.address
    return None if value is None or type(value).__name__ == "Unreadable" else str(value)


# -- reading --------------------------------------------------------------------


def document(letter: Letter) -> LetterDocument:
    text = letter.content
    if text is None or type(text).__name__ == "Unreadable":
        raise LetterError("content", "unreadable")
    return content.from_json(str(text))


#: Letters not yet approved: their PDF is marked so it cannot be taken for the one sent.
MARKED_STATUSES = ("draft", "returned")


def letter_pdf(letter: Letter) -> tuple[bytes, bool]:
    """The PDF rebuilt from the stored content, and whether it matches the stored hash.

    A draft (or a returned letter) prints with a DRAFT mark on every page; the hash is
    that of the clean letter, the one that is approved and sent.
    """
    doc = document(letter)
    pdf = render(doc)
    matches = hashlib.sha256(pdf).hexdigest() == letter.pdf_sha256
    if letter.status in MARKED_STATUSES:
        pdf = render(_draft_marked(doc, letter.language))
    return pdf, matches


def _draft_marked(doc: LetterDocument, lang: str) -> LetterDocument:
    from flask_babel import force_locale
    from flask_babel import gettext as _

    with force_locale(lang):
        return dataclasses.replace(
            doc,
            watermark=_("DRAFT"),
            watermark_note=_("Draft: not approved. Do not send."),
        )


def copies_of(letter: Letter) -> list[Letter]:
    return list(db.session.scalars(select(Letter).where(Letter.copy_of_id == letter.id)))


def get_letter(letter_id) -> Letter | None:
    try:
        key = letter_id if isinstance(letter_id, uuid.UUID) else uuid.UUID(str(letter_id))
    except ValueError:
        return None
    return db.session.get(Letter, key)


def awaiting_approval() -> list[Letter]:
    """Draft letters (not workers' copies, which follow their original), oldest first."""
    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.status == "draft", Letter.copy_of_id.is_(None))
            .order_by(Letter.created_at)
        )
    )


def approved_unsent() -> list[Letter]:
    return list(
        db.session.scalars(
            select(Letter)
            .where(Letter.status == "approved")
            .order_by(Letter.case_id, Letter.created_at, Letter.id)
        )
    )


# -- workflow ---------------------------------------------------------------------


def _with_copies(letter: Letter) -> list[Letter]:
    return [letter, *copies_of(letter)]


SELF_APPROVAL_SETTING = "letters_self_approval"


def self_approval_allowed() -> bool:
    """Whether a supervisor may approve a letter they generated themselves.

    Only an organization with a single active supervisor may allow it (Admin, Settings);
    with a second supervisor, a second person always reads a letter before it goes out.
    """
    from casework import settings

    if settings.get(SELF_APPROVAL_SETTING) != "1":
        return False
    supervisors = db.session.scalar(
        select(func.count()).where(User.role == "supervisor", User.active.is_(True))
    )
    return supervisors == 1


def approve_letter(letter: Letter, *, user: User) -> None:
    """A supervisor other than its author approves a draft (and its workers' copies)."""
    if letter.copy_of_id is not None:
        raise LetterError("status", "copy_follows_original")
    if letter.status != "draft":
        raise LetterError("status", "not_draft")
    own = letter.generated_by_id == user.id
    if own and not self_approval_allowed():
        raise LetterError("status", "own_letter")
    now = utcnow()
    for row in _with_copies(letter):
        row.status = "approved"
        row.approved_by_id = user.id
        row.approved_at = now
    detail = f"{letter.kind}, self-approved" if own else letter.kind
    add_event(letter.case, "letter_approved", detail, ref_id=letter.id)
    audit.record("letter.approve", letter, detail=detail)


def return_letter(letter: Letter, *, user: User, comment: str) -> None:
    """A supervisor returns a draft with a comment; the advocate generates a new one."""
    if letter.copy_of_id is not None:
        raise LetterError("status", "copy_follows_original")
    if letter.status != "draft":
        raise LetterError("status", "not_draft")
    comment = (comment or "").strip()
    if not comment:
        raise LetterError("comment", "comment_required")
    for row in _with_copies(letter):
        row.status = "returned"
        row.return_comment = comment
    add_event(letter.case, "letter_returned", letter.kind, ref_id=letter.id)
    audit.record("letter.return", letter, detail=letter.kind)


def mark_sent(letter: Letter, *, user: User, sent_on: date, method: str) -> None:
    """Record that an approved letter went out; a demand moves the case and sets a follow-up."""
    from casework.cases.deadlines import add_deadline
    from casework.cases.workflow import allowed_next, change_status
    from casework.refusals import Refused

    if letter.copy_of_id is not None:
        raise LetterError("status", "copy_follows_original")
    if letter.status != "approved":
        raise LetterError("status", "not_approved")
    if method not in SEND_METHODS:
        raise LetterError("method", "method_unknown")
    if sent_on > date.today() or sent_on < letter.letter_date:
        raise LetterError("sent_on", "sent_on_range")
    now = utcnow()
    for row in _with_copies(letter):
        row.status = "sent"
        row.sent_by_id = user.id
        row.sent_at = now
        row.sent_on = sent_on
        row.sent_method = method
    case = letter.case
    add_event(case, "letter_sent", f"{letter.kind}:{method}", ref_id=letter.id)
    audit.record("letter.sent", letter, detail=f"{letter.kind}:{method}")
    if letter.kind in ("demand", "retaliation_demand") and letter.amount:
        case.amount_demanded = Decimal(letter.amount)
    if letter.kind == "demand":
        if "demand_sent" in allowed_next(case.status):
            try:
                change_status(case, "demand_sent")
            except Refused:  # pragma: no cover - allowed_next said yes
                pass
        if letter.pay_by is not None:
            add_deadline(
                case,
                FOLLOW_UP_LABEL,
                letter.pay_by,
                kind="follow_up",
                rule="Pay-by date in the demand letter",
                source=f"letter {letter.id}",
                created_by_id=user.id,
            )


def mail_day_pdf() -> tuple[bytes | None, int]:
    """Every approved, unsent letter in one PDF (None when there are none), and the count."""
    letters = approved_unsent()
    if not letters:
        return None, 0
    keystore().preload(db.session, list({row.case_id for row in letters}))
    pdf = render_many([document(row) for row in letters])
    audit.record("letter.mail_day", object_type="letters", detail=str(len(letters)))
    return pdf, len(letters)
