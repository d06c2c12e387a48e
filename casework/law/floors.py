"""Each week's minimum wage: each calendar day at the highest rate in force that day.

Federal, state, a city's ordinance and an industry's rate (`local_rates`); the
hours are taken as spread evenly over the week, so a week that straddles a
change pays the new rate for its days after the change.
"""

from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from . import weekly
from .claim import Claim
from .local_rates import local_rows
from .money import ZERO
from .rates import federal_row, minimum_wage


def daily_mean(rate_on: Callable[[date], Decimal], start: date, end: date) -> Decimal:
    """The mean of each calendar day's rate from start to end."""
    days = (end - start).days + 1
    return sum((rate_on(start + timedelta(days=i)) for i in range(days)), ZERO) / days


def federal_minimum(week: weekly.WeekFacts) -> Decimal:
    """The week's federal minimum wage, each day at its rate."""
    return daily_mean(lambda day: federal_row(day).rate, week.start, week.end)


def day_floor(claim: Claim, day: date, *, statutory_only: bool = False) -> Decimal:
    """The highest minimum wage on a day: federal, state, the city's and the industry's."""
    rate = minimum_wage(claim.region, day)
    for wage, row in local_rows(claim.region, claim.work_city, claim.wage_industry, day):
        if wage.statutory or not statutory_only:
            rate = max(rate, row.rate)
    return rate


def floor(claim: Claim, week: weekly.WeekFacts) -> Decimal:
    """The week's minimum wage under the claim's state, city and industry."""
    return daily_mean(lambda day: day_floor(claim, day), week.start, week.end)


def statutory_floor(claim: Claim, week: weekly.WeekFacts) -> Decimal:
    """California liquidated damages follow the state and statutory rates, not a city's."""
    return daily_mean(lambda day: day_floor(claim, day, statutory_only=True), week.start, week.end)


def local_citations(claim: Claim, weeks: list[weekly.WeekFacts]) -> tuple[str, str]:
    """The city and industry rates that raised some week's floor: (all, statutory only)."""
    every: list[str] = []
    statutory: list[str] = []
    for week in weeks:
        for offset in range((week.end - week.start).days + 1):
            day = week.start + timedelta(days=offset)
            state_rate = minimum_wage(claim.region, day)
            for wage, row in local_rows(claim.region, claim.work_city, claim.wage_industry, day):
                if row.rate > state_rate and wage.citation not in every:
                    every.append(wage.citation)
                    if wage.statutory:
                        statutory.append(wage.citation)
    return "; ".join(every), "; ".join(statutory)
