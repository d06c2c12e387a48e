"""Judgments and their collection: balances, payments, plans, disbursements, enforcement.

Decisions recorded here (see RULES.md, open point 1):

* New York's 15% increase (LL 198(4)) is computed on the amount still unpaid
  when it applies: the judgment's total due (principal plus accrued interest)
  at the start of the day that falls 90 days after entry or after the time to
  appeal ends, whichever is later. Payments received before that day lower
  the base; payments on or after it do not. The increase is its own line,
  earns no interest, and is paid last: each payment goes to accrued interest,
  then principal, then the increase.
* Money is Decimal, whole cents, rounded half-up by the law package.
* Two people recording payments at once cannot overdraw a judgment: the
  judgment row is locked (SELECT ... FOR UPDATE) and its version column is
  bumped in the same transaction, so the second writer waits or fails with a
  stale-version error instead of writing on an old balance.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_DOWN, Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import attributes
from sqlalchemy.orm.exc import StaleDataError

from casework import audit
from casework.cases import deadlines as case_deadlines
from casework.cases import workflow
from casework.extensions import db
from casework.judgments.installments import (  # noqa: F401 - part of this module's interface
    MISSED_INSTALLMENT_LABEL,
    MISSED_KEY_PREFIX,
    Installment,
    flag_missed_installments,
    schedule,
)
from casework.law import deadlines as law_deadlines
from casework.law import interest
from casework.law.rates import state_of
from casework.models.case import Case, Deadline
from casework.models.judgment import (
    ENFORCEMENT_KINDS,
    ENFORCEMENT_STATUSES,
    FORUMS,
    PAYMENT_METHODS,
    PAYMENT_SOURCES,
    Disbursement,
    EnforcementAction,
    InstallmentPlan,
    Judgment,
    JudgmentShare,
    Payment,
)
from casework.services.timeline import add_event

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
JUDGMENT_STATUSES = ("judgment", "collecting")
#: A judgment may be recorded from these statuses; the case then moves to `judgment`.
MOVES_TO_JUDGMENT = ("negotiating", "filed")
DISBURSEMENT_METHODS = ("check", "cash", "money_order", "direct_deposit", "other")
PLAN_INTERVALS = ("week", "month")
INCREASE_SOURCE = "NY Labor Law 198(4) (K26, K29)"


class JudgmentError(ValueError):
    """A refused change; ``field`` names the form field it concerns, ``message`` is shown."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def _clean(text: str | None) -> str | None:
    # The privacy guard reads the text when it is stored (casework/models/text_guard.py).
    return (text or "").replace("\x00", "").strip() or None


def _money(value, field_name: str) -> Decimal:
    try:
        amount = Decimal(value)
    except Exception:  # noqa: BLE001 - any unparsable input is a user error here
        raise JudgmentError(field_name, _("Enter an amount in dollars and cents.")) from None
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise JudgmentError(field_name, _("Use at most two decimals (cents)."))
    return amount.quantize(CENT)


# --- terms -------------------------------------------------------------------


def state_for(case: Case) -> str:
    """ "NY", "CA" or "US": whose post-judgment law applies to the case's judgments."""
    return state_of(case.jurisdiction)


def default_terms(case: Case, federal: bool = False) -> tuple[Decimal | None, str]:
    """The rate filled in for a new judgment and its compounding (federal: annual, no rate)."""
    if federal or state_for(case) == "US":
        return None, "annual"
    return interest.default_rate(state_for(case)), "simple"


# --- balances ------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentLine:
    """One payment and how it was applied."""

    payment: Payment | None
    received_on: date
    amount: Decimal
    to_interest: Decimal
    to_principal: Decimal
    to_increase: Decimal


@dataclass(frozen=True)
class Standing:
    """A judgment's balance on a date, with the NY increase as its own line."""

    as_of: date
    principal: Decimal
    interest_accrued: Decimal
    interest_paid: Decimal
    principal_paid: Decimal
    principal_remaining: Decimal
    interest_unpaid: Decimal
    increase: Decimal
    increase_on: date | None
    increase_paid: Decimal
    collected: Decimal
    total_due: Decimal
    lines: tuple[PaymentLine, ...] = field(default=())
    increase_source: str = INCREASE_SOURCE

    @property
    def increase_remaining(self) -> Decimal:
        return self.increase - self.increase_paid


class Overpayment(JudgmentError):
    """A payment larger than what was due on its date."""

    def __init__(self, received_on: date, amount: Decimal, due: Decimal):
        super().__init__(
            "amount",
            _(
                "This payment (%(amount)s) is more than the %(due)s due on %(day)s.",
                amount=_fmt_money(amount),
                due=_fmt_money(due),
                day=_fmt_day(received_on),
            ),
        )
        self.received_on = received_on
        self.amount = amount
        self.due = due


def _fmt_money(value: Decimal) -> str:
    from casework.i18n import money

    return money(value)


def _fmt_day(value: date) -> str:
    from casework.i18n import day

    return day(value)


def increase_date(judgment: Judgment) -> date | None:
    """The day New York's 15% increase applies to this judgment, or None if it does not."""
    if not judgment.wage_judgment or state_for(judgment.case) != "NY":
        return None
    if judgment.forum == "settlement":
        return None
    return interest.ny_fifteen_percent_date(judgment.entered_on, judgment.appeal_deadline)


def standing(
    judgment: Judgment,
    as_of: date | None = None,
    payments: Sequence[Payment | tuple[date, Decimal]] | None = None,
) -> Standing:
    """The judgment's balance on `as_of` (default today), payments received after it ignored.

    Raises Overpayment when a payment exceeds what was due on its date.
    """
    as_of = as_of or date.today()
    if as_of < judgment.entered_on:
        as_of = judgment.entered_on
    source = judgment.payments if payments is None else payments
    entries: list[tuple[date, Decimal, Payment | None]] = []
    for p in source:
        if isinstance(p, Payment):
            entries.append((p.received_on, Decimal(p.amount), p))
        else:
            entries.append((p[0], Decimal(p[1]), None))
    entries = sorted((e for e in entries if e[0] <= as_of), key=lambda e: e[0])
    principal = Decimal(judgment.principal)
    rate = Decimal(judgment.interest_rate)
    compounding = judgment.compounding or "simple"

    def run(pays: list[tuple[date, Decimal]], day: date) -> interest.Balance:
        return interest.balance(principal, rate, judgment.entered_on, pays, day, compounding)

    increase_on = increase_date(judgment)
    increase = ZERO
    if increase_on is not None and as_of >= increase_on:
        before = [(d, a) for d, a, _p in entries if d < increase_on]
        base = _checked_run(run, before, increase_on).total_due
        increase = interest.ny_fifteen_percent(
            judgment.entered_on, base, as_of, judgment.appeal_deadline
        ).amount

    pays = [(d, a) for d, a, _p in entries]
    to_increase = [ZERO] * len(entries)
    try:
        result = run(pays, as_of)
    except ValueError:
        # Some payment exceeds the judgment's own balance: walk the payments to find
        # it, passing any excess on or after the increase date to the increase.
        applied: list[tuple[date, Decimal]] = []
        increase_left = increase
        for i, (d, a, _p) in enumerate(entries):
            due = run(applied, d).total_due
            if a <= due:
                applied.append((d, a))
                continue
            excess = a - due
            if increase_on is None or d < increase_on or excess > increase_left:
                raise Overpayment(
                    d, a, due + (increase_left if increase_on and d >= increase_on else ZERO)
                ) from None
            applied.append((d, due))
            to_increase[i] = excess
            increase_left -= excess
        pays = applied
        result = run(pays, as_of)
    lines = tuple(
        PaymentLine(
            payment=entries[i][2],
            received_on=alloc.received_on,
            amount=entries[i][1],
            to_interest=alloc.to_interest,
            to_principal=alloc.to_principal,
            to_increase=to_increase[i],
        )
        for i, alloc in enumerate(result.allocations)
    )
    increase_paid = sum(to_increase, ZERO)
    return Standing(
        as_of=as_of,
        principal=principal,
        interest_accrued=result.interest_accrued,
        interest_paid=result.interest_paid,
        principal_paid=result.principal_paid,
        principal_remaining=result.principal_remaining,
        interest_unpaid=result.total_due - result.principal_remaining,
        increase=increase,
        increase_on=increase_on,
        increase_paid=increase_paid,
        collected=sum((e[1] for e in entries), ZERO),
        total_due=result.total_due + increase - increase_paid,
        lines=lines,
    )


def _checked_run(run, pays, day):
    try:
        return run(pays, day)
    except ValueError:
        for i, (d, a) in enumerate(pays):
            due = run(pays[:i], d).total_due
            if a > due:
                raise Overpayment(d, a, due) from None
        raise


# --- judgments -----------------------------------------------------------------


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
        raise JudgmentError(
            "forum", _("A judgment can be recorded once the case is filed or in negotiation.")
        )
    if forum not in FORUMS:
        raise JudgmentError("forum", _("Choose where the judgment was entered."))
    if entered_on > today:
        raise JudgmentError("entered_on", _("The date entered cannot be in the future."))
    principal = _money(principal, "principal")
    if principal <= 0:
        raise JudgmentError("principal", _("Enter the amount of the judgment."))
    default_rate, compounding = default_terms(case, federal)
    if interest_rate is None:
        if default_rate is None:
            raise JudgmentError(
                "interest_rate",
                _("Enter the federal post-judgment rate (the 1-year Treasury yield)."),
            )
        interest_rate = default_rate
    interest_rate = Decimal(interest_rate)
    if interest_rate < 0 or interest_rate > 1:
        raise JudgmentError("interest_rate", _("Enter a yearly rate between 0% and 100%."))
    reason = _clean(rate_override_reason)
    docket_number = _clean(docket_number)
    if default_rate is not None and interest_rate != default_rate and not reason:
        raise JudgmentError(
            "rate_override_reason",
            _(
                "Say why the rate differs from the %(rate)s the law sets.",
                rate=_locale_percent(default_rate),
            ),
        )
    appeal_deadline = appeal_deadline or entered_on + timedelta(days=30)
    if appeal_deadline < entered_on:
        raise JudgmentError("appeal_deadline", _("The appeal deadline is before the entry date."))
    worker_ids = {w.id for w in case.workers}
    share_rows = [s for s in shares if s.amount]
    if not share_rows and len(worker_ids) == 1:
        share_rows = [ShareInput(next(iter(worker_ids)), principal)]
    total = ZERO
    seen: set[uuid.UUID] = set()
    for s in share_rows:
        if s.worker_id not in worker_ids or s.worker_id in seen:
            raise JudgmentError("shares", _("Shares must be for workers on this case."))
        if s.amount < 0:
            raise JudgmentError("shares", _("A share cannot be negative."))
        seen.add(s.worker_id)
        total += _money(s.amount, "shares")
    if total != principal:
        raise JudgmentError(
            "shares",
            _(
                "The workers' shares add up to %(total)s; they must add up to the "
                "principal, %(principal)s.",
                total=_fmt_money(total),
                principal=_fmt_money(principal),
            ),
        )
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


def _locale_percent(rate: Decimal) -> str:
    from casework.judgments.forms import rate_percent

    return rate_percent(rate)


def _fmt_percent(rate: Decimal) -> str:
    return format((Decimal(rate) * 100).normalize(), "f")


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


def _lock(judgment: Judgment) -> Judgment:
    """Lock the judgment row for this transaction and bump its version on flush."""
    db.session.execute(select(Judgment.id).where(Judgment.id == judgment.id).with_for_update())
    # The case row is versioned too and the timeline touches it: read it fresh under the
    # lock (first: refreshing the case cascades to its judgments).
    db.session.refresh(judgment.case)
    db.session.refresh(judgment)
    attributes.flag_modified(judgment, "principal")
    return judgment


# --- payments ------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentInput:
    received_on: date
    amount: Decimal
    method: str
    source: str


def record_payments(
    judgment: Judgment,
    entries: Sequence[PaymentInput],
    *,
    recorded_by_id: uuid.UUID | None = None,
    today: date | None = None,
) -> list[Payment]:
    """Record one or more payments at once; refused together if any would overdraw."""
    today = today or date.today()
    if not entries:
        raise JudgmentError("payments", _("Enter at least one payment."))
    case = judgment.case
    for entry in entries:
        if entry.amount is None or entry.amount <= 0:
            raise JudgmentError("amount", _("Enter the amount received."))
        _money(entry.amount, "amount")
        if entry.method not in PAYMENT_METHODS:
            raise JudgmentError("method", _("Choose how the payment was made."))
        if entry.source not in PAYMENT_SOURCES:
            raise JudgmentError("source", _("Choose where the money came from."))
        if entry.received_on > today:
            raise JudgmentError("received_on", _("A payment cannot be dated in the future."))
        if entry.received_on < judgment.entered_on:
            raise JudgmentError(
                "received_on", _("A payment cannot be dated before the judgment was entered.")
            )
    _lock(judgment)
    pending = list(judgment.payments) + [(e.received_on, e.amount) for e in entries]
    as_of = max(today, max(e.received_on for e in entries))
    after = standing(judgment, as_of, pending)  # raises Overpayment
    first_payment = not any(j.payments for j in case.judgments)
    rows = []
    for entry in entries:
        payment = Payment(
            id=uuid.uuid4(),
            judgment_id=judgment.id,
            case_id=case.id,
            received_on=entry.received_on,
            amount=entry.amount,
            method=entry.method,
            source=entry.source,
            recorded_by_id=recorded_by_id,
        )
        judgment.payments.append(payment)
        rows.append(payment)
        add_event(case, "payment_recorded", f"{entry.amount} {entry.source}", ref_id=payment.id)
        audit.record(
            "payment.record",
            object_type="payments",
            object_id=payment.id,
            case_id=case.id,
            detail=str(entry.amount),
        )
    last_day = max(day for day, _amount in pending_days(pending))
    judgment.satisfied_on = last_day if after.total_due == 0 else None
    if first_payment and case.status == "judgment":
        workflow.change_status(case, "collecting")
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise JudgmentError(
            "amount",
            _(
                "Someone recorded a payment on this judgment at the same moment. "
                "Check the balance and try again."
            ),
        ) from None
    return rows


def pending_days(pending) -> list[tuple[date, Decimal]]:
    return [(p.received_on, p.amount) if isinstance(p, Payment) else p for p in pending]


# --- installment plans -----------------------------------------------------------


def add_installment_plan(
    judgment: Judgment, *, amount: Decimal, every: str, first_due_on: date, count: int
) -> InstallmentPlan:
    """Record an agreed schedule of payments."""
    amount = _money(amount, "amount")
    if amount <= 0:
        raise JudgmentError("amount", _("Enter the amount of each installment."))
    if every not in PLAN_INTERVALS:
        raise JudgmentError("every", _("Choose every week or every month."))
    if not count or count < 1 or count > 600:
        raise JudgmentError("count", _("Enter a number of installments between 1 and 600."))
    if first_due_on < judgment.entered_on:
        raise JudgmentError(
            "first_due_on", _("The first installment cannot be due before the judgment.")
        )
    plan = InstallmentPlan(
        id=uuid.uuid4(), amount=amount, every=every, first_due_on=first_due_on, count=count
    )
    judgment.installment_plans.append(plan)
    db.session.flush()
    add_event(judgment.case, "installment_plan", f"{count} x {amount} / {every}", ref_id=plan.id)
    audit.record("installment_plan.add", plan, case_id=judgment.case_id, detail=every)
    return plan


# --- disbursements -----------------------------------------------------------------


@dataclass(frozen=True)
class WorkerAccount:
    """One worker's money on one judgment: share, collected for them, passed on, held."""

    judgment: Judgment
    worker_id: uuid.UUID
    share: Decimal
    collected: Decimal
    disbursed: Decimal

    @property
    def held(self) -> Decimal:
        return self.collected - self.disbursed


def split_by_weight(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `total` in proportion to `weights`, to the cent, the parts adding up exactly."""
    whole = sum(weights, ZERO)
    if whole == 0:
        return [ZERO for _w in weights]
    raw = [total * w / whole for w in weights]
    parts = [r.quantize(CENT, rounding=ROUND_DOWN) for r in raw]
    left = int((total - sum(parts, ZERO)) / CENT)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:left]:
        parts[i] += CENT
    return parts


def worker_accounts(judgment: Judgment, disbursements: Sequence[Disbursement] | None = None):
    """Each worker's collected share (collected × share / principal) and what was passed on."""
    if disbursements is None:
        disbursements = db.session.scalars(
            select(Disbursement).where(Disbursement.judgment_id == judgment.id)
        ).all()
    collected = sum((Decimal(p.amount) for p in judgment.payments), ZERO)
    shares = list(judgment.shares)
    parts = split_by_weight(collected, [Decimal(s.amount) for s in shares])
    accounts = []
    for share, part in zip(shares, parts, strict=True):
        paid = sum(
            (Decimal(d.amount) for d in disbursements if d.worker_id == share.worker_id), ZERO
        )
        accounts.append(WorkerAccount(judgment, share.worker_id, Decimal(share.amount), part, paid))
    return accounts


def record_disbursement(
    judgment: Judgment,
    *,
    worker_id: uuid.UUID,
    paid_on: date,
    amount: Decimal,
    method: str,
    reference: str | None = None,
    recorded_by_id: uuid.UUID | None = None,
    today: date | None = None,
) -> Disbursement:
    """Pass money on to one worker; never more than their collected, undisbursed share."""
    today = today or date.today()
    amount = _money(amount, "amount")
    if amount <= 0:
        raise JudgmentError("amount", _("Enter the amount passed on to the worker."))
    if method not in DISBURSEMENT_METHODS:
        raise JudgmentError("method", _("Choose how the money was passed on."))
    if paid_on > today:
        raise JudgmentError("paid_on", _("A disbursement cannot be dated in the future."))
    _lock(judgment)
    account = next((a for a in worker_accounts(judgment) if a.worker_id == worker_id), None)
    if account is None:
        raise JudgmentError("worker_id", _("This worker has no share of this judgment."))
    if amount > account.held:
        raise JudgmentError("amount", _refusal_over_held(account, amount))
    row = Disbursement(
        id=uuid.uuid4(),
        case_id=judgment.case_id,
        judgment_id=judgment.id,
        worker_id=worker_id,
        paid_on=paid_on,
        amount=amount,
        method=method,
        recorded_by_id=recorded_by_id,
    )
    row.reference = _clean(reference)
    db.session.add(row)
    add_event(judgment.case, "disbursement", str(amount), ref_id=row.id)
    audit.record("disbursement.record", row, case_id=judgment.case_id, detail=str(amount))
    try:
        db.session.flush()
    except StaleDataError:
        db.session.rollback()
        raise JudgmentError(
            "amount", _("Someone changed this judgment at the same moment. Try again.")
        ) from None
    return row


def _refusal_over_held(account: WorkerAccount, amount: Decimal) -> str:
    """Why a disbursement was refused, and what can be passed on instead."""
    if account.collected == 0:
        return _(
            "%(amount)s cannot be passed on: nothing has been collected for this worker yet "
            "(their share of the judgment is %(share)s). Record the payment received first.",
            amount=_fmt_money(amount),
            share=_fmt_money(account.share),
        )
    if account.held == 0:
        return _(
            "%(amount)s cannot be passed on: all %(collected)s collected for this worker "
            "has already been passed on to them.",
            amount=_fmt_money(amount),
            collected=_fmt_money(account.collected),
        )
    return _(
        "%(amount)s is more than the %(held)s available for this worker: %(collected)s "
        "collected for them, of which %(disbursed)s was already passed on. Pass on "
        "%(held)s or less.",
        amount=_fmt_money(amount),
        held=_fmt_money(account.held),
        collected=_fmt_money(account.collected),
        disbursed=_fmt_money(account.disbursed),
    )


def case_disbursements(case: Case) -> list[Disbursement]:
    return list(
        db.session.scalars(
            select(Disbursement)
            .where(Disbursement.case_id == case.id)
            .order_by(Disbursement.paid_on, Disbursement.created_at)
        )
    )


# --- enforcement ---------------------------------------------------------------------


def record_enforcement(
    judgment: Judgment,
    *,
    kind: str,
    taken_on: date,
    status: str,
    result: str | None = None,
    recorded_by_id: uuid.UUID | None = None,
) -> EnforcementAction:
    """Record a step taken to collect; it appears on the case timeline."""
    if kind not in ENFORCEMENT_KINDS:
        raise JudgmentError("kind", _("Choose the kind of enforcement."))
    if status not in ENFORCEMENT_STATUSES:
        raise JudgmentError("status", _("Choose a status."))
    action = EnforcementAction(
        id=uuid.uuid4(),
        judgment_id=judgment.id,
        case_id=judgment.case_id,
        kind=kind,
        taken_on=taken_on,
        status=status,
        recorded_by_id=recorded_by_id,
    )
    action.result = _clean(result)
    judgment.enforcement_actions.append(action)
    add_event(judgment.case, "enforcement", f"{kind} {status}", ref_id=action.id)
    audit.record("enforcement.record", action, case_id=judgment.case_id, detail=kind)
    db.session.flush()
    return action


def update_enforcement(action: EnforcementAction, *, status: str, result: str | None) -> None:
    """Change an enforcement step's status and result."""
    if status not in ENFORCEMENT_STATUSES:
        raise JudgmentError("status", _("Choose a status."))
    action.result = _clean(result)
    action.status = status
    add_event(action.judgment.case, "enforcement", f"{action.kind} {status}", ref_id=action.id)
    audit.record("enforcement.update", action, case_id=action.case_id, detail=status)
    db.session.flush()


# --- the case's summary ------------------------------------------------------------------


@dataclass(frozen=True)
class CaseSummary:
    standings: list[tuple[Judgment, Standing]]
    total_due: Decimal
    collected: Decimal
    disbursed: Decimal
    next_deadline: Deadline | None
    #: Clocks whose day has passed and that nobody has marked done, latest first.
    passed: list[Deadline] = field(default_factory=list)


def case_summary(case: Case, today: date | None = None) -> CaseSummary:
    """What the case's judgments are worth today, collected, passed on, and the next clock."""
    today = today or date.today()
    standings = [(j, standing(j, today)) for j in case.judgments]
    disbursed = sum((Decimal(d.amount) for d in case_disbursements(case)), ZERO)
    open_clocks = [d for d in case.deadlines if d.judgment_id is not None and not d.done]
    upcoming = sorted((d for d in open_clocks if d.due_on >= today), key=lambda d: d.due_on)
    passed = sorted((d for d in open_clocks if d.due_on < today), key=lambda d: d.due_on)
    return CaseSummary(
        standings=standings,
        total_due=sum((s.total_due for _j, s in standings), ZERO),
        collected=sum((s.collected for _j, s in standings), ZERO),
        disbursed=disbursed,
        next_deadline=upcoming[0] if upcoming else None,
        passed=passed[::-1],
    )
