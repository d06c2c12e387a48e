"""Judgments and settlements: recording them with their shares and the clocks they start.

The area's interface: the balance walk (``balance``), payments and installment plans
(``payments``), disbursements to workers (``disbursements``), enforcement steps
(``enforcement``) and the case's summary (``summary``) live in modules of their own and
are named here too, so callers need one import. Services flush and never commit; a
refusal is a ``casework.refusals.Refused`` whose code ``judgments.refusals`` puts into
words.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from casework import audit
from casework.cases import deadlines as case_deadlines
from casework.cases import workflow
from casework.extensions import db
from casework.judgments.balance import (  # noqa: F401 - part of this area's interface
    INCREASE_SOURCE,
    Overpayment,
    PaymentLine,
    Standing,
    default_terms,
    increase_date,
    standing,
    state_for,
)
from casework.judgments.checks import CENT, ZERO, clean, money  # noqa: F401
from casework.judgments.disbursements import (  # noqa: F401
    DISBURSEMENT_METHODS,
    WorkerAccount,
    case_disbursements,
    record_disbursement,
    split_by_weight,
    worker_accounts,
)
from casework.judgments.enforcement import record_enforcement, update_enforcement  # noqa: F401
from casework.judgments.installments import (  # noqa: F401
    MISSED_INSTALLMENT_LABEL,
    MISSED_KEY_PREFIX,
    Installment,
    flag_missed_installments,
    schedule,
)
from casework.judgments.payments import (  # noqa: F401
    PLAN_INTERVALS,
    PaymentInput,
    add_installment_plan,
    pending_days,
    record_payments,
)
from casework.judgments.summary import CaseSummary, case_summary  # noqa: F401
from casework.law import deadlines as law_deadlines
from casework.models.case import Case
from casework.models.judgment import FORUMS, Judgment, JudgmentShare
from casework.refusals import Refused
from casework.services.timeline import add_event

JUDGMENT_STATUSES = ("judgment", "collecting")
#: A judgment may be recorded from these statuses; the case then moves to `judgment`.
MOVES_TO_JUDGMENT = ("negotiating", "filed")


def rate_text(rate: Decimal) -> str:
    """A yearly rate as a plain percentage for stored texts: 0.09 -> "9"."""
    return format((Decimal(rate) * 100).normalize(), "f")


@dataclass(frozen=True)
class ShareInput:
    worker_id: uuid.UUID
    amount: Decimal


def can_record_judgment(case: Case) -> bool:
    """Whether the case's status allows a judgment to be recorded now."""
    return case.status in JUDGMENT_STATUSES + MOVES_TO_JUDGMENT


def record_judgment(
    case: Case,
    *,
    forum: str,
    entered_on: date,
    principal: Decimal,
    interest_rate: Decimal | None = None,
    rate_override_reason: str | None = None,
    federal: bool = False,
    docket_number: str | None = None,
    appeal_deadline: date | None = None,
    wage_judgment: bool = True,
    shares: Iterable[ShareInput] = (),
    today: date | None = None,
) -> Judgment:
    """Record a judgment or settlement, its workers' shares and the deadlines it sets."""
    today = today or date.today()
    if not can_record_judgment(case):
        raise Refused("forum", "judgment_status")
    if forum not in FORUMS:
        raise Refused("forum", "forum")
    if entered_on > today:
        raise Refused("entered_on", "entered_future")
    principal = money(principal, "principal")
    if principal <= 0:
        raise Refused("principal", "principal")
    default_rate, compounding = default_terms(case, federal)
    if interest_rate is None:
        if default_rate is None:
            raise Refused("interest_rate", "federal_rate")
        interest_rate = default_rate
    interest_rate = Decimal(interest_rate)
    if interest_rate < 0 or interest_rate > 1:
        raise Refused("interest_rate", "rate_range")
    reason = clean(rate_override_reason)
    docket_number = clean(docket_number)
    if default_rate is not None and interest_rate != default_rate and not reason:
        raise Refused("rate_override_reason", "rate_reason", rate=default_rate)
    appeal_deadline = appeal_deadline or entered_on + timedelta(days=30)
    if appeal_deadline < entered_on:
        raise Refused("appeal_deadline", "appeal_before")
    worker_ids = {w.id for w in case.workers}
    share_rows = [s for s in shares if s.amount]
    if not share_rows and len(worker_ids) == 1:
        share_rows = [ShareInput(next(iter(worker_ids)), principal)]
    total = ZERO
    seen: set[uuid.UUID] = set()
    for s in share_rows:
        if s.worker_id not in worker_ids or s.worker_id in seen:
            raise Refused("shares", "shares_workers")
        if s.amount < 0:
            raise Refused("shares", "share_negative")
        seen.add(s.worker_id)
        total += money(s.amount, "shares")
    if total != principal:
        raise Refused("shares", "shares_total", total=total, principal=principal)
    if case.status in MOVES_TO_JUDGMENT:
        workflow.change_status(case, "judgment")
    judgment = Judgment(
        id=uuid.uuid4(),
        case=case,
        forum=forum,
        entered_on=entered_on,
        principal=principal,
        interest_rate=interest_rate,
        rate_override_reason=reason,
        compounding=compounding,
        wage_judgment=wage_judgment,
        appeal_deadline=appeal_deadline,
    )
    judgment.case_id = case.id
    judgment.docket_number = docket_number
    for s in share_rows:
        judgment.shares.append(JudgmentShare(worker_id=s.worker_id, amount=s.amount))
    db.session.add(judgment)
    db.session.flush()
    _add_judgment_deadlines(case, judgment)
    if case.case_type == "wage_theft":
        case_deadlines.recompute(case)  # NY owner-liability notice, when the facts allow it
    add_event(case, "judgment_recorded", f"{forum} {principal}", ref_id=judgment.id)
    audit.record("judgment.record", judgment, case_id=case.id, detail=forum)
    return judgment


def _add_judgment_deadlines(case: Case, judgment: Judgment) -> None:
    state = state_for(case)
    appeal_days = (judgment.appeal_deadline - judgment.entered_on).days
    found = law_deadlines.judgment_deadlines(
        state,
        judgment.entered_on,
        renewed_on=judgment.renewed_on,
        wage_judgment=judgment.wage_judgment and judgment.forum != "settlement",
        appeal_days=appeal_days,
    )
    for d in found:
        if d.key.endswith("_expires") and d.key != "ny_lien_expires":
            judgment.expires_on = d.due_on
        kind = "renewal" if ("renew" in d.key or "expires" in d.key) else "collection"
        case_deadlines.add_deadline(
            case,
            d.label,
            d.due_on,
            kind=kind,
            rule=d.rule[:200],
            source=d.source[:200],
            rule_key=d.key,
            judgment_id=judgment.id,
        )


def judgment_or_404(case: Case, judgment_id) -> Judgment:
    from flask import abort

    try:
        key = judgment_id if isinstance(judgment_id, uuid.UUID) else uuid.UUID(str(judgment_id))
    except ValueError:
        abort(404)
    judgment = db.session.get(Judgment, key)
    if judgment is None or judgment.case_id != case.id:
        abort(404)
    return judgment
