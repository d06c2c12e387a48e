"""Calendar arithmetic for limitation periods and judgment lifetimes."""

import calendar
from datetime import date


def add_years(day: date, years: int) -> date:
    """Add (or subtract) whole years; Feb 29 becomes Feb 28 in a non-leap year."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def add_months(day: date, months: int) -> date:
    """Add whole months, keeping the day or clamping it to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))
