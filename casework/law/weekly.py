"""One workweek's shortfall under federal, New York and California law.

Each function takes the week's facts and returns plain amounts; choosing
between the laws, limitation periods and totals belong to `wages`.

The regular rate is kept exact here rather than rounded to the cent, so a
week's amount never goes down when hours go up; only the week's amounts are
rounded. The regular rate is never taken below the minimum wage (NY and CA
floors, and 29 CFR 778.5).

Hourly pay is straight time for every hour worked, so overtime adds half the
regular rate (29 CFR 778.111). Weekly pay depends on the law:

- FLSA (29 CFR 778.113): the pay covers the hours it is meant to cover
  (`salary_hours`, else 40); the regular rate is the pay divided by those
  hours. Only when all five conditions of 778.114(a) are met
  (`fluctuating`) does it cover every hour, at half-time for overtime.
  New York outside hospitality applies the same methods (12 NYCRR 142-2.2).
- New York hospitality (12 NYCRR 146-3.5(b)): the pay divided by the lesser
  of 40 and the hours worked, whatever was agreed.
- California (Labor Code 515(d)): the regular rate is 1/40 of the weekly
  pay, which covers only the non-overtime hours, whatever was agreed
  (Skyline Homes v. DIR, 1985).

The FLSA covers only the minimum wage and overtime: unpaid straight time above
the minimum wage for non-overtime hours ("gap time") is a state claim, never a
federal one (Lundy v. Catholic Health, 711 F.3d 106 (2d Cir. 2013)).
California liquidated damages (Labor Code 1194.2) are owed on the minimum wage
unpaid for each non-overtime hour at what that hour was paid (Armenta v.
Osmose, 2005), not on overtime; pay short of the agreed rate times the hours
is taken as hours left unpaid.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO, cents

HALF = Decimal("0.5")
FORTY = Decimal(40)
WTPA_LD_CHANGE = date(2011, 4, 9)  # NY LD rose from 25% to 100% (NY LL 198(1-a), 663(1))
CA_INTEREST = Decimal("0.10")  # Cal. Civil Code 3289(b)
NY_INTEREST = Decimal("0.09")  # CPLR 5004
# 29 CFR 552.109(c): third-party employers of live-in domestic workers owe FLSA
# overtime from the rule's effective date.
THIRD_PARTY_RULE = date(2015, 1, 1)


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
    agreed_weekly: Decimal | None  # the week's agreed weekly pay, or None
    long_days: int
    live_in: bool
    salary_hours: Decimal | None = None  # hours the weekly pay is meant to cover
    fluctuating: bool = False  # weekly pay for all hours, 29 CFR 778.114(a) met
    third_party: bool = False  # employed by an agency, not the household
    missed_meals: int = 0  # California: days with a missed meal period
    missed_rests: int = 0  # California: days with a missed rest period
    tipped: bool = False  # a tipped job (the employer may claim a tip credit)
    tips: Decimal | None = None  # tips received in the week, when known
    untipped_days: int = 0  # NY: days with 2 hours or more of work that gets no tips
    short_days: int = 0  # days reported as scheduled and sent home early
    short_worked: Decimal = Decimal(0)  # hours worked on such a day
    short_scheduled: Decimal | None = None  # hours scheduled that day (else hours_per_day)
    split_days: int = 0  # days with a split shift (CA premium; NY spread of hours)


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


@dataclass(frozen=True)
class Due:
    """What a week's hours require: in all, and for the non-overtime hours at straight time."""

    total: Decimal
    non_overtime: Decimal


def hourly_due(
    rate: Decimal,
    minimum: Decimal,
    hours: Decimal,
    overtime: Decimal,
    double: Decimal,
    credit: Decimal = ZERO,
) -> Due:
    """Return what hourly pay requires in cash: straight time for every hour plus the premiums.

    With a tip credit the cash rate may be as low as the minimum less the
    credit; the regular rate stays the full rate (cash plus the credit taken),
    so overtime is 1.5 times it less the credit (12 NYCRR 146-1.4; 29 CFR 531.60).
    """
    full = max(rate, minimum)
    cash = max(rate, minimum - credit)
    total = cash * hours + HALF * full * overtime + full * double
    return Due(total, cash * (hours - overtime - double))


def salary_due(
    salary: Decimal,
    minimum: Decimal,
    hours: Decimal,
    overtime: Decimal,
    double: Decimal,
    *,
    divisor: Decimal,
    covered: Decimal,
) -> Due:
    """Return what weekly pay requires when it covers `covered` hours at salary / `divisor`.

    Hours beyond those covered are owed at the regular rate, overtime hours add
    half of it and double-time hours all of it again; the pay for the covered
    hours is never below the minimum wage for them.
    """
    rate = max(salary / divisor, minimum) if divisor > 0 else minimum
    straight_hours = hours - overtime - double
    base = max(salary, minimum * min(hours, covered))
    total = base + rate * max(ZERO, hours - covered) + HALF * rate * overtime + rate * double
    non_overtime = max(salary, minimum * min(straight_hours, covered))
    non_overtime += rate * max(ZERO, straight_hours - covered)
    return Due(total, non_overtime)


def _weekly_pay(week: WeekFacts) -> Decimal:
    return week.agreed_weekly if week.agreed_weekly is not None else ZERO


def _flsa_style_due(
    week: WeekFacts, minimum: Decimal, overtime: Decimal, credit: Decimal = ZERO
) -> Due:
    """29 CFR 778.113 and 778.114, also used by New York outside hospitality."""
    if week.agreed_rate is not None:
        return hourly_due(week.agreed_rate, minimum, week.hours, overtime, ZERO, credit)
    if week.fluctuating:
        covered = week.hours
    else:
        covered = week.salary_hours if week.salary_hours is not None else FORTY
    pay = _weekly_pay(week)
    return salary_due(pay, minimum, week.hours, overtime, ZERO, divisor=covered, covered=covered)


def _shortfall(required: Decimal, paid: Decimal) -> Decimal:
    return cents(max(ZERO, required - paid))


def interest_from(amount: Decimal, rate: Decimal, start: date, as_of: date) -> Decimal:
    """Return simple interest, unrounded, on an amount from a date to the as-of date."""
    days = max(0, (as_of - start).days)
    return amount * rate * days / 365


def flsa_overtime_applies(week: WeekFacts) -> bool:
    """Return False for a live-in domestic worker of a household (29 USC 213(b)(21))."""
    if not week.live_in:
        return True
    return week.third_party and week.start >= THIRD_PARTY_RULE


def federal(week: WeekFacts, minimum: Decimal, credit: Decimal = ZERO) -> WeekResult:
    """FLSA: minimum wage and overtime over 40, never gap time; 100% LD.

    `credit` is the tip credit an hour the employer may claim (hourly pay only).
    """
    overtime = max(ZERO, week.hours - 40) if flsa_overtime_applies(week) else ZERO
    if week.agreed_rate is None:
        credit = ZERO
    due = _flsa_style_due(week, minimum, overtime, credit)
    unpaid = max(ZERO, due.total - week.paid)
    # Gap time: straight time owed for non-overtime hours above the minimum (cash) wage.
    gap = max(ZERO, due.non_overtime - week.paid)
    gap -= max(ZERO, (minimum - credit) * (week.hours - overtime) - week.paid)
    wages = cents(max(ZERO, unpaid - max(ZERO, gap)))
    return WeekResult(wages, ZERO, wages, ZERO)


def new_york(
    week: WeekFacts, minimum: Decimal, hospitality: bool, credit: Decimal = ZERO
) -> WeekResult:
    """NY: minimum wage, overtime over 40 (44 live-in), spread of hours, LD 100% (25% pre-WTPA).

    `credit` is the tip credit an hour (146-1.3): the cash wage may be the minimum
    less it, overtime 1.5 times the minimum less it (146-1.4); hourly pay only.
    """
    threshold = 44 if week.live_in else 40
    overtime = max(ZERO, week.hours - threshold)
    if hospitality and week.agreed_rate is None:
        # 146-3.5(b): weekly pay / the lesser of 40 and the hours worked.
        covered = min(FORTY, week.hours)
        due = salary_due(
            _weekly_pay(week), minimum, week.hours, overtime, ZERO, divisor=covered, covered=covered
        )
    else:
        due = _flsa_style_due(week, minimum, overtime, credit)
    wages = _shortfall(due.total, week.paid)
    # 142-2.4: a spread over 10 hours or a split shift; a split day is taken as
    # one of the long days when both are counted (never counted twice).
    spread = minimum * max(week.long_days, week.split_days)
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


def ca_unpaid_minimum(week: WeekFacts, minimum: Decimal, straight_hours: Decimal) -> Decimal:
    """Return the minimum wage unpaid for the non-overtime hours, hour by hour (Armenta).

    Hourly pay short of the agreed rate times the hours leaves hours unpaid
    (the paid hours are taken as the non-overtime ones first); weekly pay is
    spread over the non-overtime hours it covers (Labor Code 515(d)(2)).
    """
    if week.agreed_rate is not None:
        rate = week.agreed_rate
        paid_hours = week.paid / rate if rate > 0 else ZERO
        paid_regular = min(straight_hours, paid_hours)
        unpaid_hours = straight_hours - paid_regular
        return max(ZERO, minimum - rate) * paid_regular + minimum * unpaid_hours
    return max(ZERO, minimum * straight_hours - week.paid)


def ca_break_premiums(week: WeekFacts, minimum: Decimal) -> Decimal:
    """Labor Code 226.7: one hour at the regular rate for each day with a missed meal period
    and one for each day with a missed rest period, at most one of each a day (Ferra v.
    Loews: the same regular rate as for overtime; weekly pay: 1/40 of it, 515(d))."""
    if week.agreed_rate is not None:
        rate = max(week.agreed_rate, minimum)
    else:
        rate = max(_weekly_pay(week) / FORTY, minimum)
    days = min(week.missed_meals, week.workdays) + min(week.missed_rests, week.workdays)
    return cents(rate * days)


def california(
    week: WeekFacts, minimum: Decimal, as_of: date, ld_minimum: Decimal | None = None
) -> WeekResult:
    """CA: daily and weekly overtime, double time, LD on minimum wages, 10% from each payday.

    `ld_minimum` is the minimum fixed by statute or wage order when a city's
    ordinance sets `minimum` higher: liquidated damages follow it (LC 1194.2).
    """
    overtime, double = california_hours(week)
    straight_hours = week.hours - overtime - double
    if week.agreed_rate is not None:
        due = hourly_due(week.agreed_rate, minimum, week.hours, overtime, double)
    else:
        # 515(d): 1/40 of the weekly pay, which covers the non-overtime hours only.
        due = salary_due(
            _weekly_pay(week),
            minimum,
            week.hours,
            overtime,
            double,
            divisor=FORTY,
            covered=straight_hours,
        )
    wages = _shortfall(due.total, week.paid)
    ld_floor = minimum if ld_minimum is None else min(minimum, ld_minimum)
    unpaid_minimum = cents(ca_unpaid_minimum(week, ld_floor, straight_hours))
    # LC 1194.2: LD equal to the unpaid minimum wages and the interest on them.
    liquidated = cents(unpaid_minimum + interest_from(unpaid_minimum, CA_INTEREST, week.end, as_of))
    interest = cents(interest_from(wages, CA_INTEREST, week.end, as_of))
    return WeekResult(wages, ZERO, liquidated, interest)
