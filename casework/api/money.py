"""API: letters (list, download an approved PDF), judgments and payments (read, record)."""

from __future__ import annotations

import uuid

from flask import make_response
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casework import audit, authz
from casework.api import schemas as S
from casework.api.blueprint import bp, refusal
from casework.api.problems import ApiProblem
from casework.extensions import db
from casework.judgments import service as judgments
from casework.judgments.refusals import FORMATS, MESSAGES
from casework.letters import service as letters
from casework.models.letter import Letter
from casework.refusals import Refused
from casework.web import refusal_message

#: Letters that may be downloaded: approved by a supervisor (and perhaps sent).
DOWNLOADABLE = frozenset({"approved", "sent"})


def _letter(letter: Letter) -> dict:
    return {
        "id": letter.id,
        "kind": letter.kind,
        "language": letter.language,
        "status": letter.status,
        "letter_date": letter.letter_date,
        "pay_by": letter.pay_by,
        "worker_id": letter.worker_id,
        "employer_id": letter.employer_id,
        "approved_at": letter.approved_at,
        "sent_on": letter.sent_on,
        "pdf_sha256": letter.pdf_sha256,
    }


@bp.get("/cases/<uuid:case_id>/letters")
@bp.response(200, S.LetterOut(many=True))
def list_letters(case_id):
    """A case's letters, newest first, in every state."""
    case = authz.case_or_404(case_id, "view")
    rows = db.session.scalars(
        select(Letter).where(Letter.case_id == case.id).order_by(Letter.created_at.desc())
    )
    return [_letter(row) for row in rows]


@bp.get("/cases/<uuid:case_id>/letters/<uuid:letter_id>/pdf")
@bp.response(
    200,
    {"type": "string", "format": "binary"},
    content_type="application/pdf",
    description="The approved letter as PDF, byte for byte the one approved.",
)
def letter_pdf(case_id, letter_id):
    """Download an approved letter. Drafts and returned letters are refused (409)."""
    case = authz.case_or_404(case_id, "view")
    letter = db.session.get(Letter, letter_id)
    if letter is None or letter.case_id != case.id:
        raise ApiProblem(404, _("There is no such letter on this case."))
    if letter.status not in DOWNLOADABLE:
        raise ApiProblem(409, _("Only approved letters can be downloaded."), kind="not-approved")
    try:
        data, matches = letters.letter_pdf(letter)
    except letters.LetterError:
        raise ApiProblem(410, _("This letter can no longer be printed.")) from None
    audit.record("letter.view", letter, detail="api:pdf" if matches else "api:pdf:hash_mismatch")
    db.session.commit()
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'attachment; filename="letter-{letter.id}.pdf"'
    response.headers["X-Casework-Hash-Check"] = "ok" if matches else "mismatch"
    return response


def _payment(payment) -> dict:
    return {
        "id": payment.id,
        "received_on": payment.received_on,
        "amount": payment.amount,
        "method": payment.method,
        "source": payment.source,
    }


def _judgment(judgment) -> dict:
    try:
        standing = judgments.standing(judgment)
    except judgments.Overpayment:
        standing = None
    out = {
        "id": judgment.id,
        "forum": judgment.forum,
        "entered_on": judgment.entered_on,
        "principal": judgment.principal,
        "interest_rate": str(judgment.interest_rate),
        "expires_on": judgment.expires_on,
        "satisfied_on": judgment.satisfied_on,
        "payments": [_payment(p) for p in sorted(judgment.payments, key=lambda p: p.received_on)],
    }
    if standing is None:
        raise ApiProblem(409, _("The payments on this judgment exceed what was due."))
    out.update(
        as_of=standing.as_of,
        interest_accrued=standing.interest_accrued,
        collected=standing.collected,
        principal_remaining=standing.principal_remaining,
        interest_unpaid=standing.interest_unpaid,
        increase=standing.increase,
        total_due=standing.total_due,
    )
    return out


def _judgment_or_404(case, judgment_id: uuid.UUID):
    judgment = db.session.get(judgments.Judgment, judgment_id)
    if judgment is None or judgment.case_id != case.id:
        raise ApiProblem(404, _("There is no such judgment on this case."))
    return judgment


@bp.get("/cases/<uuid:case_id>/judgments")
@bp.response(200, S.JudgmentOut(many=True))
def list_judgments(case_id):
    """A case's judgments and settlements with today's balance and every payment."""
    case = authz.case_or_404(case_id, "view")
    return [_judgment(j) for j in case.judgments]


@bp.get("/cases/<uuid:case_id>/judgments/<uuid:judgment_id>")
@bp.response(200, S.JudgmentOut)
def get_judgment(case_id, judgment_id):
    """One judgment: principal, interest, what was collected and what is still due."""
    case = authz.case_or_404(case_id, "view")
    return _judgment(_judgment_or_404(case, judgment_id))


@bp.post("/cases/<uuid:case_id>/judgments/<uuid:judgment_id>/payments")
@bp.arguments(S.PaymentIn)
@bp.response(201, S.PaymentOut)
def record_payment(data, case_id, judgment_id):
    """Record a payment received; applied to interest first, then principal."""
    case = authz.case_or_404(case_id, "payment")
    judgment = _judgment_or_404(case, judgment_id)
    entry = judgments.PaymentInput(
        data["received_on"], data["amount"], data["method"], data["source"]
    )
    try:
        (payment,) = judgments.record_payments(judgment, [entry], recorded_by_id=current_user.id)
    except Refused as error:
        db.session.rollback()
        raise refusal(error.field, refusal_message(error, MESSAGES, FORMATS)) from None
    db.session.commit()
    return _payment(payment)
