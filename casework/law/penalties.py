"""Statutory penalties: California waiting time and New York wage-notice and statement damages.

New York's Wage Theft Prevention Act amendments changed both damages on
2015-02-27: before that day a missing wage notice (LL 195(1)) cost $50
per workweek up to $2,500 and a missing wage statement (LL 195(3)) $100 per
workweek up to $2,500; from that day $50 and $250 per workday, each up to
$5,000. Violations are added in date order and the running total is held to
the cap in force on each date, so weeks before the change can never pass
$2,500 and the total can never pass $5,000.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO, cents, to_decimal

WTPA_CHANGE = date(2015, 2, 27)
WAITING_TIME_MAX_DAYS = 30


@dataclass(frozen=True)
class WtpaRule:
    """Per-violation amount, whether it counts per workday or per week, and the cap."""

    per_violation: Decimal
    per_workday: bool
    cap: Decimal
    source: str


NOTICE_RULES = (
    WtpaRule(Decimal(50), False, Decimal(2500), "K27; NY LL 198(1-b) before 2015-02-27"),
    WtpaRule(Decimal(50), True, Decimal(5000), "K27; NY LL 198(1-b) from 2015-02-27"),
)
STATEMENT_RULES = (
    WtpaRule(Decimal(100), False, Decimal(2500), "K27, K28; NY LL 198(1-d) before 2015-02-27"),
    WtpaRule(Decimal(250), True, Decimal(5000), "K27, K28; NY LL 198(1-d) from 2015-02-27"),
)


def daily_wage(
    hourly_rate: Decimal | None = None,
    hours_per_day: Decimal | None = None,
    *,
    annual_salary: Decimal | None = None,
    days_per_week: int | None = None,
) -> Decimal:
    """Return a day's wage, rounded to cents (Mamika: the daily rate is rounded first).

    Hourly: rate x hours a day. Salaried: the annual salary / 52 weeks / the
    days worked a week (Mamika v. Barca: $60,000 / 52 / 5 = $230.77); a
    weekly salary is 52 times that week's pay a year.
    """
    if annual_salary is not None:
        if hourly_rate is not None:
            raise ValueError("give an hourly rate or an annual salary, not both")
        salary = to_decimal(annual_salary, "annual_salary")
        if salary < 0:
            raise ValueError("the annual salary must not be negative")
        if not isinstance(days_per_week, int) or not 1 <= days_per_week <= 7:
            raise ValueError("days per week must be between 1 and 7")
        return cents(salary / 52 / days_per_week)
    if hourly_rate is None or hours_per_day is None:
        raise ValueError("give an hourly rate and hours per day, or an annual salary")
    rate = to_decimal(hourly_rate, "hourly_rate")
    hours = to_decimal(hours_per_day, "hours_per_day")
    if rate < 0 or hours < 0:
        raise ValueError("hourly rate and hours per day must not be negative")
    return cents(rate * hours)


def waiting_time(daily_wage: Decimal, days_late: int) -> Decimal:
    """Return the Cal. Labor Code 203 penalty: daily wage x calendar days late, at most 30 days."""
    wage = to_decimal(daily_wage, "daily_wage")
    if wage < 0 or days_late < 0:
        raise ValueError("daily wage and days late must not be negative")
    return cents(wage * min(days_late, WAITING_TIME_MAX_DAYS))


def _wtpa(workweeks: Iterable[tuple[date, int]], rules: tuple[WtpaRule, WtpaRule]) -> Decimal:
    total = ZERO
    for week_start, workdays in sorted(workweeks):
        if not 0 <= workdays <= 7:
            raise ValueError("workdays in a week must be between 0 and 7")
        if workdays == 0:
            continue
        rule = rules[1] if week_start >= WTPA_CHANGE else rules[0]
        count = workdays if rule.per_workday else 1
        # Caps only ever rose, so holding the running total to today's cap is enough.
        total = min(rule.cap, total + rule.per_violation * count)
    return cents(total)


@dataclass(frozen=True)
class StatementPenaltyRule:
    """California's wage-statement penalty: the first pay period, each later one, the cap."""

    effective: date
    initial: Decimal
    subsequent: Decimal
    cap: Decimal
    limitation_years: int
    source: str


#: Labor Code 226(e)(1): $50 for the first pay period, $100 for each later one, at most
#: $4,000; a penalty, so one year back (Code Civ. Proc. 340(a)). The row covers the
#: calculator's California tables (from 2014-07-01).
CA_STATEMENT_RULES = (
    StatementPenaltyRule(
        date(2014, 7, 1),
        Decimal(50),
        Decimal(100),
        Decimal(4000),
        1,
        "Cal. Labor Code 226(e)(1); Code Civ. Proc. 340(a)",
    ),
)


def ca_wage_statement_penalty(pay_periods: int) -> Decimal:
    """Return the Labor Code 226(e) penalty for pay periods without an accurate statement."""
    if pay_periods < 0:
        raise ValueError("pay periods must not be negative")
    if pay_periods == 0:
        return ZERO
    rule = CA_STATEMENT_RULES[-1]
    return cents(min(rule.cap, rule.initial + rule.subsequent * (pay_periods - 1)))


def ny_wage_notice_damages(workweeks: Iterable[tuple[date, int]]) -> Decimal:
    """Return LL 198(1-b) damages for a missing wage notice.

    `workweeks` holds one `(week_start, workdays)` pair per workweek without a
    notice; a week counts per week before 2015-02-27 and per workday from then.
    """
    return _wtpa(workweeks, NOTICE_RULES)


def ny_wage_statement_damages(workweeks: Iterable[tuple[date, int]]) -> Decimal:
    """Return LL 198(1-d) damages for missing wage statements, same input as the notice damages."""
    return _wtpa(workweeks, STATEMENT_RULES)
