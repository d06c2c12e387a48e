"""One workweek's shortfall under federal, New York and California law.

Each function takes the week's facts and returns plain amounts; choosing
between the laws, limitation periods and totals belong to `wages`.

The regular rate is kept exact here rather than rounded to the cent, so a
week's amount never goes down when hours go up; only the week's amounts are
rounded. The regular rate is never taken below the minimum wage (NY and CA
floors, and 29 CFR 778.5), and weekly pay is treated as straight time for all
hours worked, so overtime adds half the regular rate (29 CFR 778.111).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO, cents

HALF = Decimal("0.5")
WTPA_LD_CHANGE = date(2011, 4, 9)  # NY LD rose from 25% to 100% (K21-K23)
CA_INTEREST = Decimal("0.10")  # Civ. Code 3289(b) (K43)
NY_INTEREST = Decimal("0.09")  # CPLR 5004 (K24)


@dataclass(frozen=True)
class WeekFacts:
    """What happened in one workweek, after a period was cut into weeks."""

    start: date
    end: date
    hours: Decimal
    workdays: int
    hours_per_day: Decimal
    paid: Decimal
    agreed_rate: Decimal | None  # hourly rate, or None when paid by the week
    agreed_weekly: Decimal | None  # weekly pay covering all hours, or None
    long_days: int
    live_in: bool


@dataclass(frozen=True)
class WeekResult:
    """A week's amounts under one law, each rounded to cents."""

    wages: Decimal
    spread: Decimal
    liquidated: Decimal
    interest: Decimal  # California interest from the payday; NY interest is computed on the total

    @property
    def total(self) -> Decimal:
        """Return what the week is worth under this law."""
        return self.wages + self.spread + self.liquidated + self.interest


NOTHING = WeekResult(ZERO, ZERO, ZERO, ZERO)


def _regular_rate(week: WeekFacts) -> Decimal:
    if week.agreed_rate is not None:
        return week.agreed_rate
    return week.agreed_weekly / week.hours if week.hours else ZERO


def _straight_time(week: WeekFacts, minimum: Decimal) -> Decimal:
    if week.agreed_rate is not None:
        return max(week.agreed_rate, minimum) * week.hours
    return max(week.agreed_weekly, minimum * week.hours)


def _required(week: WeekFacts, minimum: Decimal, overtime: Decimal, double: Decimal) -> Decimal:
    rate = max(_regular_rate(week), minimum)
    return _straight_time(week, minimum) + HALF * rate * overtime + rate * double


def _shortfall(required: Decimal, paid: Decimal) -> Decimal:
    return cents(max(ZERO, required - paid))


def interest_from(amount: Decimal, rate: Decimal, start: date, as_of: date) -> Decimal:
    """Return simple interest, unrounded, on an amount from a date to the as-of date."""
    days = max(0, (as_of - start).days)
    return amount * rate * days / 365


def federal(week: WeekFacts, minimum: Decimal) -> WeekResult:
    """FLSA: minimum wage, overtime over 40 (none for live-in domestic workers), 100% LD."""
    # 29 USC 213(b)(21) exempts live-in domestic workers from FLSA overtime.
    overtime = ZERO if week.live_in else max(ZERO, week.hours - 40)
    wages = _shortfall(_required(week, minimum, overtime, ZERO), week.paid)
    return WeekResult(wages, ZERO, wages, ZERO)


def new_york(week: WeekFacts, minimum: Decimal, hospitality: bool) -> WeekResult:
    """NY: minimum wage, overtime over 40 (44 live-in), spread of hours, LD 100% (25% pre-WTPA)."""
    threshold = 44 if week.live_in else 40
    overtime = max(ZERO, week.hours - threshold)
    wages = _shortfall(_required(week, minimum, overtime, ZERO), week.paid)
    spread = minimum * week.long_days
    if not hospitality:
        # Outside hospitality (142-2.4) the extra hour is owed only to the extent
        # pay falls short of the minimum wage for all hours plus that hour.
        at_minimum = minimum * week.hours + HALF * minimum * overtime
        spread = max(ZERO, spread - max(ZERO, week.paid - at_minimum))
    spread = cents(spread)
    share = Decimal(1) if week.start >= WTPA_LD_CHANGE else Decimal("0.25")
    return WeekResult(wages, spread, cents((wages + spread) * share), ZERO)


def california_hours(week: WeekFacts) -> tuple[Decimal, Decimal]:
    """Return (overtime hours, double-time hours) under Labor Code 510, without pyramiding."""
    per_day = week.hours_per_day
    overtime = double = regular = ZERO
    for day in range(week.workdays):
        if day == 6:
            # Seventh consecutive day: first 8 hours at 1.5x, the rest at 2x.
            overtime += min(per_day, Decimal(8))
            double += max(ZERO, per_day - 8)
        else:
            regular += min(per_day, Decimal(8))
            overtime += max(ZERO, min(per_day, Decimal(12)) - 8)
            double += max(ZERO, per_day - 12)
    # Daily hours may not match the weekly total; premium hours never exceed it.
    double = min(double, week.hours)
    overtime = min(overtime, week.hours - double)
    regular = min(regular, week.hours - double - overtime)
    extra = week.hours - double - overtime - regular
    weekly = max(ZERO, regular + extra - 40)
    return overtime + weekly, double


def california(week: WeekFacts, minimum: Decimal, as_of: date) -> WeekResult:
    """CA: daily and weekly overtime, double time, LD on minimum wages, 10% from each payday."""
    overtime, double = california_hours(week)
    wages = _shortfall(_required(week, minimum, overtime, double), week.paid)
    unpaid_minimum = _shortfall(minimum * week.hours, week.paid)
    # LC 1194.2: LD equal to the unpaid minimum wages and the interest on them.
    liquidated = cents(unpaid_minimum + interest_from(unpaid_minimum, CA_INTEREST, week.end, as_of))
    interest = cents(interest_from(wages, CA_INTEREST, week.end, as_of))
    return WeekResult(wages, ZERO, liquidated, interest)
