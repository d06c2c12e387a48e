"""Judgment interest and payment allocation, and New York's 15% increase.

Interest accrues for actual days at rate / 365 on the principal outstanding,
rounded half-up to cents at each event (a payment, an anniversary, the as-of
date), so every allocation adds up exactly. A payment goes to accrued unpaid
interest first, then to principal (NY: Craniofacial Pain Mgt., K47; CA: CCP
695.220, K53). Federal judgments compound annually (28 USC 1961(b), K52): on
each anniversary of entry the unpaid interest is added to the principal.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .dates import add_years
from .money import ZERO, cents, to_decimal
from .rates import REGIONS, state_of

DAYS_IN_YEAR = Decimal(365)
COMPOUNDING = ("simple", "annual")

# Post-judgment rates by state: NY CPLR 5004 (K24), CA CCP 685.010 (K50). The
# federal rate is the 1-year Treasury yield for the week before entry, which
# the user enters (28 USC 1961(a), K52).
DEFAULT_RATES: dict[str, Decimal | None] = {
    "NY": Decimal("0.09"),
    "CA": Decimal("0.10"),
    "US": None,
}
NY_INCREASE = Decimal("0.15")
NY_INCREASE_WAIT = timedelta(days=90)
DEFAULT_APPEAL_TIME = timedelta(days=30)


@dataclass(frozen=True)
class Allocation:
    """How one payment was applied."""

    received_on: date
    amount: Decimal
    to_interest: Decimal
    to_principal: Decimal
    interest_accrued_before: Decimal
    principal_after: Decimal


@dataclass(frozen=True)
class Balance:
    """A judgment's balance on the as-of date."""

    interest_accrued: Decimal
    interest_paid: Decimal
    principal_paid: Decimal
    principal_remaining: Decimal
    total_due: Decimal
    allocations: tuple[Allocation, ...]


@dataclass(frozen=True)
class FifteenPercent:
    """The NY LL 198(4) increase and the day it applies (zero before that day)."""

    amount: Decimal
    applies_on: date


def _state(jurisdiction: str) -> str:
    if jurisdiction in REGIONS:
        return state_of(jurisdiction)
    if jurisdiction not in DEFAULT_RATES:
        raise ValueError(f"unknown jurisdiction {jurisdiction!r}")
    return jurisdiction


def default_rate(jurisdiction_state: str) -> Decimal | None:
    """Return the post-judgment rate for "NY", "CA" or a region; None for federal (user enters)."""
    return DEFAULT_RATES[_state(jurisdiction_state)]


def compounding_for(state: str) -> str:
    """Return "annual" for federal judgments and "simple" for NY and CA."""
    return "annual" if _state(state) == "US" else "simple"


def _whole_cents(value: object, what: str) -> Decimal:
    number = to_decimal(value, what)
    if number != cents(number):
        raise ValueError(f"{what} {number} must be in whole cents")
    return cents(number)


def _accrue(principal: Decimal, rate: Decimal, start: date, end: date) -> Decimal:
    return cents(principal * rate * (end - start).days / DAYS_IN_YEAR)


def balance(
    principal: Decimal,
    rate: Decimal,
    entered_on: date,
    payments: Sequence[tuple[date, Decimal]],
    as_of: date,
    compounding: str = "simple",
) -> Balance:
    """Return interest, payments applied and the amount due on `as_of` for one judgment."""
    principal = _whole_cents(principal, "principal")
    rate = to_decimal(rate, "rate")
    if principal < 0 or rate < 0:
        raise ValueError("principal and rate must not be negative")
    if compounding not in COMPOUNDING:
        raise ValueError(f"compounding must be one of {COMPOUNDING}")
    if as_of < entered_on:
        raise ValueError("as_of is before the judgment was entered")
    events: list[tuple[date, Decimal]] = []
    for received_on, amount in payments:
        amount = _whole_cents(amount, "payment amount")
        if amount < 0:
            raise ValueError(f"payment of {amount} on {received_on} is negative")
        if received_on < entered_on:
            raise ValueError(f"payment on {received_on} is before entry on {entered_on}")
        if received_on > as_of:
            raise ValueError(f"payment on {received_on} is after the as-of date {as_of}")
        events.append((received_on, amount))
    # sorted() is stable, so payments on one day keep the order given.
    events.sort(key=lambda event: event[0])

    outstanding = principal
    unpaid_interest = accrued_total = interest_paid = principal_paid = cents(ZERO)
    allocations: list[Allocation] = []
    last = entered_on
    anniversary_index = 1

    def accrue_to(day: date) -> None:
        nonlocal unpaid_interest, accrued_total, last
        if day > last:
            interest = _accrue(outstanding, rate, last, day)
            unpaid_interest += interest
            accrued_total += interest
            last = day

    def capitalize_through(day: date) -> None:
        # Anniversaries strictly before `day`; one on a payment day is handled
        # after that day's payments, so the payment meets its interest first.
        nonlocal outstanding, unpaid_interest, anniversary_index
        while compounding == "annual":
            anniversary = add_years(entered_on, anniversary_index)
            if anniversary >= day:
                break
            accrue_to(anniversary)
            outstanding += unpaid_interest
            unpaid_interest = ZERO
            anniversary_index += 1

    for received_on, amount in events:
        capitalize_through(received_on)
        accrue_to(received_on)
        due = outstanding + unpaid_interest
        if amount > due:
            raise ValueError(f"payment of {amount} on {received_on} exceeds the {due} due")
        interest_before = unpaid_interest
        to_interest = min(amount, unpaid_interest)
        to_principal = amount - to_interest
        unpaid_interest -= to_interest
        outstanding -= to_principal
        interest_paid += to_interest
        principal_paid += to_principal
        allocations.append(
            Allocation(
                received_on=received_on,
                amount=amount,
                to_interest=to_interest,
                to_principal=to_principal,
                interest_accrued_before=interest_before,
                principal_after=outstanding,
            )
        )
    capitalize_through(as_of + timedelta(days=1))
    accrue_to(as_of)
    return Balance(
        interest_accrued=accrued_total,
        interest_paid=interest_paid,
        principal_paid=principal_paid,
        principal_remaining=outstanding,
        total_due=outstanding + unpaid_interest,
        allocations=tuple(allocations),
    )


def ny_fifteen_percent_date(entered_on: date, appeal_expires_on: date | None = None) -> date:
    """Return the day the LL 198(4) increase applies: 90 days after entry or after appeal time."""
    appeal_expires_on = appeal_expires_on or entered_on + DEFAULT_APPEAL_TIME
    return max(entered_on, appeal_expires_on) + NY_INCREASE_WAIT


def ny_fifteen_percent(
    entered_on: date,
    amount_unpaid: Decimal,
    as_of: date,
    appeal_expires_on: date | None = None,
) -> FifteenPercent:
    """Return the NY LL 198(4) 15% increase on `amount_unpaid` as of a date, with its date.

    The increase applies once 90 days have run from entry or from the expiry of
    the time to appeal (default: 30 days after entry), whichever is later (K26,
    K29). Whether the base is the entered total or the unpaid balance is an
    open legal question, so the caller passes the base it relies on.
    """
    amount_unpaid = to_decimal(amount_unpaid, "amount_unpaid")
    if amount_unpaid < 0:
        raise ValueError("amount_unpaid must not be negative")
    applies_on = ny_fifteen_percent_date(entered_on, appeal_expires_on)
    amount = cents(amount_unpaid * NY_INCREASE) if as_of >= applies_on else ZERO
    return FifteenPercent(amount=amount, applies_on=applies_on)
