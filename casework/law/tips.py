"""Tip credits: how much of the minimum wage an employer may pay with its workers' tips.

Each row is a tip credit in force from `effective` until the next row, with
its source. The employer pays a cash wage of at least the minimum wage less
the credit, and overtime at 1.5 times the minimum wage less the credit
(12 NYCRR 146-1.4; 29 CFR 531.60). No credit is allowed:

- without written notice of it (12 NYCRR 146-1.3, 146-2.2; 29 USC 203(m)(2)(A));
- beyond the tips the worker actually received (146-1.3; 29 CFR 531.59(a));
- in New York, on a day with two hours or more (or more than 20 % of the
  shift) of work that gets no tips (12 NYCRR 146-3.4(b));
- under the FLSA, when the employer kept any of the worker's tips
  (29 USC 203(m)(2)(A), (B));
- in California at all (Labor Code 351).

New York's credit is tabulated for food service workers in the hospitality
industry (wait staff, bartenders, bussers, runners: 146-3.4(a)); outside
hospitality the Miscellaneous Industries order allowed a credit until
2020-12-30 that is not tabulated here, so none is applied (which can
overstate a claim for those weeks; the breakdown says so).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from .claim import Claim
from .money import ZERO, to_decimal
from .weekly import WeekFacts


@dataclass(frozen=True)
class TipCreditRow:
    """The largest tip credit an hour, in force from `effective`, and the cash wage it leaves."""

    effective: date
    cash_wage: Decimal
    credit: Decimal
    source: str


_FEDERAL_SOURCE = "29 USC 203(m)(2)(A)"
#: FLSA: a cash wage of $2.13 since 1991, the credit is the minimum wage less it.
FEDERAL_TIP_CREDITS: tuple[TipCreditRow, ...] = tuple(
    TipCreditRow(date.fromisoformat(d), Decimal("2.13"), Decimal(m) - Decimal("2.13"), s)
    for d, m, s in (
        ("2007-07-24", "5.85", _FEDERAL_SOURCE),
        ("2008-07-24", "6.55", _FEDERAL_SOURCE),
        ("2009-07-24", "7.25", _FEDERAL_SOURCE),
    )
)

_NY_SOURCE = "12 NYCRR 146-1.3(b)"
# Food service workers, (cash wage, credit) for: NYC 11+ employees, NYC 10 or fewer,
# Long Island & Westchester, rest of state. Cash wage plus credit is the minimum wage.
_NY_FOOD_SERVICE = (
    ("2011-01-01", ("5.00", "2.25"), ("5.00", "2.25"), ("5.00", "2.25"), ("5.00", "2.25")),
    ("2013-12-31", ("5.00", "3.00"), ("5.00", "3.00"), ("5.00", "3.00"), ("5.00", "3.00")),
    ("2014-12-31", ("5.00", "3.75"), ("5.00", "3.75"), ("5.00", "3.75"), ("5.00", "3.75")),
    ("2015-12-31", ("7.50", "1.50"), ("7.50", "1.50"), ("7.50", "1.50"), ("7.50", "1.50")),
    ("2016-12-31", ("7.50", "3.50"), ("7.50", "3.00"), ("7.50", "2.50"), ("7.50", "2.20")),
    ("2017-12-31", ("8.65", "4.35"), ("8.00", "4.00"), ("7.50", "3.50"), ("7.50", "2.90")),
    ("2018-12-31", ("10.00", "5.00"), ("9.00", "4.50"), ("8.00", "4.00"), ("7.50", "3.60")),
    ("2019-12-31", ("10.00", "5.00"), ("10.00", "5.00"), ("8.65", "4.35"), ("7.85", "3.95")),
    ("2020-12-31", ("10.00", "5.00"), ("10.00", "5.00"), ("9.35", "4.65"), ("8.35", "4.15")),
    ("2021-12-31", ("10.00", "5.00"), ("10.00", "5.00"), ("10.00", "5.00"), ("8.80", "4.40")),
    ("2022-12-31", ("10.00", "5.00"), ("10.00", "5.00"), ("10.00", "5.00"), ("9.45", "4.75")),
    ("2024-01-01", ("10.65", "5.35"), ("10.65", "5.35"), ("10.65", "5.35"), ("10.00", "5.00")),
    ("2025-01-01", ("11.00", "5.50"), ("11.00", "5.50"), ("11.00", "5.50"), ("10.35", "5.15")),
    ("2026-01-01", ("11.35", "5.65"), ("11.35", "5.65"), ("11.35", "5.65"), ("10.65", "5.35")),
)
_NY_COLUMNS = ("NY-NYC", "NY-NYC-SMALL", "NY-LI-WESTCHESTER", "NY-REST")

NY_FOOD_SERVICE_TIP_CREDITS: dict[str, tuple[TipCreditRow, ...]] = {
    region: tuple(
        TipCreditRow(
            date.fromisoformat(row[0]),
            Decimal(row[1 + col][0]),
            Decimal(row[1 + col][1]),
            _NY_SOURCE,
        )
        for row in _NY_FOOD_SERVICE
    )
    for col, region in enumerate(_NY_COLUMNS)
}


def _row_on(rows: tuple[TipCreditRow, ...], on: date) -> TipCreditRow | None:
    current = None
    for row in rows:
        if row.effective <= on:
            current = row
    return current


def federal_tip_credit(on: date) -> Decimal:
    """Return the largest FLSA tip credit an hour on a date (0 before the table)."""
    row = _row_on(FEDERAL_TIP_CREDITS, on)
    return row.credit if row is not None else ZERO


def ny_tip_credit(region: str, on: date) -> Decimal:
    """Return the largest New York food-service tip credit an hour in a region on a date."""
    row = _row_on(NY_FOOD_SERVICE_TIP_CREDITS.get(region, ()), on)
    return row.credit if row is not None else ZERO


def week_credit(
    credit: Decimal,
    *,
    hours: Decimal,
    workdays: int,
    untipped_days: int = 0,
    tips: Decimal | None = None,
) -> Decimal:
    """Return the credit an hour for a week: none for days of non-tipped work, never above tips.

    `credit` is the largest credit an hour; the week's hours are taken as
    spread evenly over its workdays, so `untipped_days` of `workdays` lose
    their share. With `tips` (received in the week) the credit is at most the
    tips an hour.
    """
    if hours <= 0 or workdays <= 0 or credit <= 0:
        return ZERO
    eligible = max(0, workdays - untipped_days)
    allowed = credit * Decimal(eligible) / Decimal(workdays)
    if tips is not None:
        allowed = min(allowed, max(ZERO, tips) / hours)
    return allowed


def _daily_mean(rate_on: Callable[[date], Decimal], start: date, end: date) -> Decimal:
    days = (end - start).days + 1
    return sum((rate_on(start + timedelta(days=i)) for i in range(days)), ZERO) / days


def week_credits(claim: Claim, state: str, week: WeekFacts) -> tuple[Decimal, Decimal]:
    """Return the (federal, state) tip credit an hour the employer may claim in a week.

    Each calendar day is priced at the credit in force that day, as the
    minimum wage is. Only hourly pay of a tipped job, with the notice not
    answered "not given", earns a credit.
    """
    if not week.tipped or week.agreed_rate is None or claim.tip_credit_notice_given is False:
        return ZERO, ZERO
    federal = ZERO
    if to_decimal(claim.tips_withheld) == 0:  # 203(m)(2)(B): an employer keeping tips loses it
        largest = _daily_mean(federal_tip_credit, week.start, week.end)
        federal = week_credit(largest, hours=week.hours, workdays=week.workdays, tips=week.tips)
    state_credit = ZERO
    if state == "NY" and claim.hospitality:
        largest = _daily_mean(lambda day: ny_tip_credit(claim.region, day), week.start, week.end)
        state_credit = week_credit(
            largest,
            hours=week.hours,
            workdays=week.workdays,
            untipped_days=week.untipped_days,
            tips=week.tips,
        )
    return federal, state_credit
