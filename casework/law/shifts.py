"""Short and broken shifts: reporting-time and call-in pay, and California's split-shift premium.

- California reporting time (Wage Orders, section 5(A)): a worker who reports
  as scheduled but is given less than half the scheduled day's work is paid for
  half the scheduled day, at least 2 and at most 4 hours, at the regular rate;
  what is owed beyond the hours worked is the premium.
- New York call-in pay (12 NYCRR 142-2.3): at least 4 hours, or the regularly
  scheduled shift if shorter, at the basic minimum wage; in hospitality
  (146-1.5(a)) at least 3 hours for one shift, or the regular shift if shorter.
- California split shift (Wage Orders, section 4(C); 8 CCR 11000-11170): one
  hour at the minimum wage for each workday with an unpaid break of more than
  an hour between two shifts, less what the day's pay exceeds the minimum wage
  for the hours worked (DLSE Manual 45.2.3). In New York a split shift is a
  trigger for spread-of-hours pay instead (12 NYCRR 142-2.4(b), 146-1.6;
  `weekly.new_york`).
"""

from dataclasses import dataclass
from decimal import Decimal

from .money import ZERO, cents
from .weekly import WeekFacts

TWO = Decimal(2)


@dataclass(frozen=True)
class ShortDay:
    """A day the worker reported as scheduled and worked fewer hours."""

    scheduled: Decimal
    worked: Decimal


def ca_reporting_time(day: ShortDay, regular_rate: Decimal) -> Decimal:
    """Return one day's reporting-time pay owed beyond the hours worked (Wage Orders 5(A))."""
    half = day.scheduled / 2
    if day.worked >= half:
        return ZERO
    owed_hours = min(max(half, TWO), Decimal(4))
    return cents(max(ZERO, owed_hours - day.worked) * regular_rate)


def ny_call_in(day: ShortDay, minimum: Decimal, *, hospitality: bool) -> Decimal:
    """Return one day's call-in pay owed beyond the hours worked (142-2.3, 146-1.5(a))."""
    guaranteed = min(Decimal(3) if hospitality else Decimal(4), day.scheduled)
    return cents(max(ZERO, guaranteed - day.worked) * minimum)


def ca_split_shift(day_pay: Decimal, day_hours: Decimal, minimum: Decimal) -> Decimal:
    """Return one split-shift day's premium: an hour at the minimum, less pay above it."""
    return cents(max(ZERO, minimum * (day_hours + 1) - day_pay))


def week_shift_pay(
    week: WeekFacts, state: str, minimum: Decimal, *, hospitality: bool
) -> tuple[Decimal, Decimal]:
    """Return a week's (reporting-time or call-in pay, split-shift premiums) under state law."""
    scheduled = week.short_scheduled if week.short_scheduled is not None else week.hours_per_day
    day = ShortDay(scheduled, week.short_worked)
    if week.agreed_rate is not None:
        rate = max(week.agreed_rate, minimum)
    else:
        rate = max((week.agreed_weekly or ZERO) / 40, minimum)
    if state == "CA":
        reporting = ca_reporting_time(day, rate) * week.short_days
        day_pay = week.paid / week.workdays if week.workdays else ZERO
        split = ca_split_shift(day_pay, week.hours_per_day, minimum) * week.split_days
        return reporting, split
    if state == "NY":
        return ny_call_in(day, minimum, hospitality=hospitality) * week.short_days, ZERO
    return ZERO, ZERO
