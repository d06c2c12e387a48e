"""A judgment's balance on a date: interest, payments applied, New York's 15 % increase.

Decisions recorded here (see RULES.md, open point 1):

* New York's 15% increase (LL 198(4)) is computed on the amount still unpaid
  when it applies: the judgment's total due (principal plus accrued interest)
  at the start of the day that falls 90 days after entry or after the time to
  appeal ends, whichever is later. Payments received before that day lower
  the base; payments on or after it do not. The increase is its own line,
  earns no interest, and is paid last: each payment goes to accrued interest,
  then principal, then the increase.
* Money is Decimal, whole cents, rounded half-up by the law package.

Reads the rows it is given; writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from casework.judgments.checks import ZERO
from casework.law import interest
from casework.law.rates import state_of
from casework.models.case import Case
from casework.models.judgment import Judgment, Payment
from casework.refusals import Refused

INCREASE_SOURCE = "NY Labor Law 198(4) (K26, K29)"


def state_for(case: Case) -> str:
    """ "NY", "CA" or "US": whose post-judgment law applies to the case's judgments."""
    return state_of(case.jurisdiction)


def default_terms(case: Case, federal: bool = False) -> tuple[Decimal | None, str]:
    """The rate filled in for a new judgment and its compounding (federal: annual, no rate)."""
    if federal or state_for(case) == "US":
        return None, "annual"
    return interest.default_rate(state_for(case)), "simple"


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


class Overpayment(Refused):
    """A payment larger than what was due on its date."""

    def __init__(self, received_on: date, amount: Decimal, due: Decimal):
        super().__init__("amount", "overpayment", amount=amount, due=due, day=received_on)
        self.received_on = received_on
        self.amount = amount
        self.due = due


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
