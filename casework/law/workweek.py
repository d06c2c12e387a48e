"""What one workweek's pay must be under the FLSA regular-rate rules (29 CFR 778).

Straight-time earnings (hourly jobs, piece work, non-discretionary bonuses,
salary) divided by all hours worked give the regular rate. Because straight
time already covers every hour, overtime adds only half the regular rate per
overtime hour (778.110(b), 778.111, 778.115). As in the regulation's own
examples the regular rate is rounded to the cent once, before the overtime
rate and premium are derived from it; a salary for a stated number of hours
gives the regular rate salary / hours directly (778.113: $200 for 35 hours is
$5.71 an hour, so 41 hours are owed $237.12).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .money import ZERO, cents, to_decimal

HALF = Decimal("0.5")


@dataclass(frozen=True)
class Job:
    """Hours worked in the week at one hourly rate."""

    rate: Decimal
    hours: Decimal


@dataclass(frozen=True)
class WeekPay:
    """The pay one workweek requires."""

    straight_time: Decimal
    regular_rate: Decimal
    overtime_rate: Decimal
    overtime_premium: Decimal
    total_due: Decimal


def _non_negative(value: object, what: str) -> Decimal:
    number = to_decimal(value, what)
    if number < 0:
        raise ValueError(f"{what} must not be negative")
    return number


def week_pay(
    hours: Decimal,
    *,
    jobs: Sequence[Job] = (),
    piece_earnings: Decimal = ZERO,
    bonus: Decimal = ZERO,
    salary: Decimal | None = None,
    salary_hours: Decimal | None = None,
    overtime_after: Decimal = Decimal(40),
) -> WeekPay:
    """Return the week's straight time, regular rate, overtime rate and premium, and total due.

    `hours` is every hour worked in the week. Hours of `jobs` are paid at their
    rates; piece earnings and bonuses cover all hours. A `salary` with
    `salary_hours` covers that many of the hours not in `jobs` (any further
    hours are owed at salary / salary_hours, 778.113); a salary without
    `salary_hours` covers all the week's hours (fluctuating workweek, 778.114).
    """
    hours = _non_negative(hours, "hours")
    threshold = _non_negative(overtime_after, "overtime_after")
    job_hours = sum((_non_negative(j.hours, "job hours") for j in jobs), ZERO)
    if job_hours > hours:
        raise ValueError("the jobs' hours exceed the hours worked in the week")
    straight = sum((_non_negative(j.rate, "job rate") * to_decimal(j.hours) for j in jobs), ZERO)
    straight += _non_negative(piece_earnings, "piece_earnings")
    straight += _non_negative(bonus, "bonus")
    salary_rate: Decimal | None = None
    extra = ZERO
    if salary is not None:
        salary = _non_negative(salary, "salary")
        straight += salary
        if salary_hours is not None:
            covered = _non_negative(salary_hours, "salary_hours")
            if covered == 0:
                raise ValueError("salary_hours must be more than zero")
            # 778.113: the regular rate is the salary / the hours it covers, rounded
            # to the cent once, and the further hours are owed at that rate.
            salary_rate = cents(salary / covered)
            extra = max(ZERO, hours - job_hours - covered)
            straight += salary_rate * extra
    elif salary_hours is not None:
        raise ValueError("salary_hours needs a salary")
    straight = cents(straight)
    if salary_rate is not None and straight == cents(salary_rate * extra + (salary or ZERO)):
        regular_rate = salary_rate  # the salary is the week's only pay
    else:
        regular_rate = cents(straight / hours) if hours else ZERO
    overtime_hours = max(ZERO, hours - threshold)
    premium = cents(HALF * regular_rate * overtime_hours)
    return WeekPay(
        straight_time=straight,
        regular_rate=regular_rate,
        overtime_rate=cents(regular_rate * Decimal("1.5")),
        overtime_premium=premium,
        total_due=straight + premium,
    )
