"""The wage claim's inputs and outputs, and the checks on its inputs.

`Period` and `Claim` are what the calculator is given; `Breakdown` and its
lines are what it returns. `validate` names the first field a person must
correct.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .errors import ClaimError
from .local_rates import check_local
from .money import to_decimal
from .pay_frequency import PAY_PERIOD_DAYS
from .rates import REGIONS, federal_row


@dataclass(frozen=True)
class Period:
    """A stretch of work with the same hours and pay.

    `hourly_rate` or `pay_per_week` (exactly one) is what the worker was
    agreed to be paid: the hourly rate, or the weekly pay. With `hourly_rate`,
    every hour is taken as paid at that rate unless `paid_per_week` says what
    was really paid each week; with `pay_per_week`, `paid_per_week` likewise
    overrides what was received. `salary_hours` is how many hours the weekly
    pay was meant to cover (federal law and New York outside hospitality;
    40 when not known); `fluctuating_workweek` says the weekly pay was agreed
    to cover every hour however many, with all five conditions of
    29 CFR 778.114(a) met. `long_days_per_week` counts days whose spread
    exceeded 10 hours (NY spread of hours). `hours_per_day` feeds California
    daily overtime; when absent it is hours_per_week / days_per_week.
    `live_in` marks a live-in domestic worker (NY overtime after 44 hours; no
    FLSA overtime when the household employs them). In California,
    `missed_meal_days_per_week` and `missed_rest_days_per_week` count the days
    a meal or a rest period was missed, cut short or late (Labor Code 226.7).
    `tipped` marks a job where the worker got tips (the employer may claim a
    tip credit against hourly pay; `casework.law.tips`); `tips_per_week` is what
    the tips came to in a usual week, when known, and `untipped_days_per_week`
    counts days with two hours or more of work that gets no tips (New York).
    `short_days_per_week` counts days the worker reported as scheduled and
    worked only `short_day_hours` of `short_day_scheduled_hours` (else
    `hours_per_day`); `split_shift_days_per_week` counts California days with
    an unpaid break of more than an hour between shifts (`casework.law.shifts`).
    """

    start: date
    end: date
    hours_per_week: Decimal
    days_per_week: int
    hourly_rate: Decimal | None = None
    pay_per_week: Decimal | None = None
    long_days_per_week: int = 0
    live_in: bool = False
    hours_per_day: Decimal | None = None
    paid_per_week: Decimal | None = None
    salary_hours: Decimal | None = None
    fluctuating_workweek: bool = False
    missed_meal_days_per_week: int = 0
    missed_rest_days_per_week: int = 0
    tipped: bool = False
    tips_per_week: Decimal | None = None
    untipped_days_per_week: int = 0
    short_days_per_week: int = 0
    short_day_hours: Decimal | None = None
    short_day_scheduled_hours: Decimal | None = None
    split_shift_days_per_week: int = 0


@dataclass(frozen=True)
class Claim:
    """One worker's wage claim against an employer, as of a date.

    `wage_notice_given` and `wage_statements_given` are True, False, or None
    when not known: then no damages are counted and the breakdown names the
    open question with what it would add. `third_party_employer` says the
    worker was employed by an agency rather than the household
    (29 CFR 552.109(c)). `tip_credit_notice_given` says whether the employer
    told a tipped worker in writing about the tip credit: without that notice
    no credit is allowed; None (not known) allows it and names the question.
    `manual_worker`, `paid_every` and `prior_late_pay_finding` feed New York's
    pay-frequency rule (`casework.law.pay_frequency`). `work_city` and
    `wage_industry` name a city ordinance and an industry whose minimum wage
    applies when higher (`casework.law.local_rates`).
    """

    periods: Sequence[Period]
    region: str
    as_of: date
    unpaid_final_pay: Decimal = Decimal(0)
    deductions: Decimal = Decimal(0)
    tips_withheld: Decimal = Decimal(0)
    wage_notice_given: bool | None = True
    wage_statements_given: bool | None = True
    willful: bool = False
    final_pay_due_on: date | None = None
    final_pay_days_late: int = 0
    hospitality: bool = False
    third_party_employer: bool = False
    tip_credit_notice_given: bool | None = None
    work_city: str | None = None  # a code of local_rates.CITIES
    wage_industry: str | None = None  # a code of local_rates.INDUSTRIES
    manual_worker: bool = False  # NY: over a quarter of the time in physical work
    paid_every: str = "weekly"  # a key of pay_frequency.PAY_PERIOD_DAYS
    prior_late_pay_finding: bool = False  # the employer was found to pay late before


@dataclass(frozen=True)
class Line:
    """One amount in the breakdown, with a translatable label and its legal basis."""

    key: str
    label: str
    amount: Decimal
    citation: str
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class OpenQuestion:
    """An answer the calculator lacks, and what the claim would add if it went the worker's way."""

    key: str
    label: str
    citation: str
    would_add: Decimal


@dataclass(frozen=True)
class WeekDetail:
    """One workweek: what was paid, the floor, and what each law would award.

    `owed_federal` and `owed_state` are wages plus liquidated damages (and, in
    California, interest) under each law; `chosen` is "federal", "state",
    "none" (nothing owed) or "excluded" (outside every limitation period).
    `minimum_wage` is the week's floor, each day at the rate in force that day.
    """

    start: date
    end: date
    hours: Decimal
    paid: Decimal
    minimum_wage: Decimal
    owed_federal: Decimal
    owed_state: Decimal
    chosen: str


@dataclass(frozen=True)
class ExcludedWeek:
    """A week outside the limitation period and what it would have added."""

    start: date
    end: date
    amount: Decimal


@dataclass(frozen=True)
class Breakdown:
    """The computed claim: lines summing to the total, with per-week detail.

    `assumptions` are translatable sentences saying what the calculator
    assumed where the law turns on a fact it was not given; `open_questions`
    are answers marked not known.
    """

    lines: list[Line]
    unpaid_wages: Decimal
    liquidated_damages: Decimal
    statutory_damages: Decimal
    interest: Decimal
    total: Decimal
    excluded_weeks: list[ExcludedWeek]
    weeks: list[WeekDetail]
    ruleset: str
    assumptions: list[str] = field(default_factory=list)
    open_questions: list[OpenQuestion] = field(default_factory=list)


def _number(value: object, name: str, *, optional: bool = False) -> Decimal | None:
    if value is None:
        if optional:
            return None
        raise ClaimError(name, "is required")
    try:
        number = to_decimal(value, name)
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise ClaimError(name, "must be a number") from exc
    if number < 0:
        raise ClaimError(name, "must not be negative")
    return number


def _required(value: object, name: str) -> Decimal:
    number = _number(value, name)
    assert number is not None  # _number raises for a missing required value
    return number


def _check_period(index: int, period: Period, as_of: date) -> None:
    name = f"periods[{index}]"
    if period.end < period.start:
        raise ClaimError(f"{name}.end", "is before the start of the period")
    if period.end > as_of:
        raise ClaimError(f"{name}.end", "is after the as-of date")
    hours = _required(period.hours_per_week, f"{name}.hours_per_week")
    if hours > 168:
        raise ClaimError(f"{name}.hours_per_week", "must be between 0 and 168")
    if not isinstance(period.days_per_week, int) or not 1 <= period.days_per_week <= 7:
        raise ClaimError(f"{name}.days_per_week", "must be between 1 and 7")
    rate = _number(period.hourly_rate, f"{name}.hourly_rate", optional=True)
    weekly_pay = _number(period.pay_per_week, f"{name}.pay_per_week", optional=True)
    if (rate is None) == (weekly_pay is None):
        raise ClaimError(f"{name}.hourly_rate", "give either an hourly rate or a weekly pay")
    _number(period.paid_per_week, f"{name}.paid_per_week", optional=True)
    covered = _number(period.salary_hours, f"{name}.salary_hours", optional=True)
    if covered is not None and not 0 < covered <= 168:
        raise ClaimError(f"{name}.salary_hours", "must be between 0 and 168")
    per_day = _number(period.hours_per_day, f"{name}.hours_per_day", optional=True)
    if per_day is not None and per_day > 24:
        raise ClaimError(f"{name}.hours_per_day", "must be between 0 and 24")
    long_days = period.long_days_per_week
    if not isinstance(long_days, int) or not 0 <= long_days <= period.days_per_week:
        raise ClaimError(f"{name}.long_days_per_week", "must be between 0 and days per week")
    _number(period.tips_per_week, f"{name}.tips_per_week", optional=True)
    for attribute in ("short_day_hours", "short_day_scheduled_hours"):
        value = _number(getattr(period, attribute), f"{name}.{attribute}", optional=True)
        if value is not None and value > 24:
            raise ClaimError(f"{name}.{attribute}", "must be between 0 and 24")
    for attribute in (
        "missed_meal_days_per_week",
        "missed_rest_days_per_week",
        "untipped_days_per_week",
        "short_days_per_week",
        "split_shift_days_per_week",
    ):
        missed = getattr(period, attribute)
        if not isinstance(missed, int) or not 0 <= missed <= period.days_per_week:
            raise ClaimError(f"{name}.{attribute}", "must be between 0 and days per week")
    try:
        federal_row(period.start)
    except ValueError as exc:
        raise ClaimError(f"{name}.start", str(exc)) from exc


def validate(claim: Claim) -> None:
    """Raise ClaimError naming the first invalid field of a claim."""
    if claim.region not in REGIONS:
        raise ClaimError("region", f"must be one of {', '.join(REGIONS)}")
    if not claim.periods:
        raise ClaimError("periods", "at least one work period is needed")
    if claim.paid_every not in PAY_PERIOD_DAYS:
        raise ClaimError("paid_every", "is not a pay schedule")
    try:
        check_local(claim.region, claim.work_city, None)
    except ValueError as exc:
        raise ClaimError("work_city", "is not a place in this state") from exc
    try:
        check_local(claim.region, None, claim.wage_industry)
    except ValueError as exc:
        raise ClaimError("wage_industry", "is not an industry of this state") from exc
    for index, period in enumerate(claim.periods):
        _check_period(index, period, claim.as_of)
        if index and period.start <= claim.periods[index - 1].end:
            raise ClaimError(
                f"periods[{index}].start", "must come after the end of the previous period"
            )
    for name in ("unpaid_final_pay", "deductions", "tips_withheld"):
        _number(getattr(claim, name), name)
    if not isinstance(claim.final_pay_days_late, int) or claim.final_pay_days_late < 0:
        raise ClaimError("final_pay_days_late", "must be zero or more days")
