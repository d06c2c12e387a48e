"""Words of the wage calculator's pages: law-package messages, input names and values.

Nothing shown to staff is an internal key or a raw value: dates are in the
reader's locale, interest rates are percentages ("9 %"), citations are the
statute or case (never the research notes' source keys).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from casework.i18n import day, money
from casework.law.errors import ClaimError

#: The law package's English messages, translated for the form.
CLAIM_MESSAGES = {
    "is required": _l("This is required."),
    "must be a number": _l("Enter a number."),
    "must not be negative": _l("This cannot be negative."),
    "is before the start of the period": _l("The last day is before the first day."),
    "is after the as-of date": _l(
        "This is after the date the claim is computed as of; choose a later date."
    ),
    "must be between 0 and 168": _l("Hours per week must be between 0 and 168."),
    "must be between 1 and 7": _l("Days per week must be between 1 and 7."),
    "give either an hourly rate or a weekly pay": _l(
        "Enter the hourly rate or the weekly pay, not both."
    ),
    "must be between 0 and 24": _l("Hours per day must be between 0 and 24."),
    "must be between 0 and days per week": _l("This cannot be more than the days worked per week."),
    "must come after the end of the previous period": _l(
        "Periods must be in date order and must not overlap: this one starts on or before "
        "the last day of the period above."
    ),
    "at least one work period is needed": _l("Enter at least one work period."),
    "must be zero or more days": _l("Enter a number of days, 0 or more."),
    "is not a place in this state": _l("Choose a city of the case's state."),
    "is not a pay schedule": _l("Choose how often the worker was paid."),
    "is not an industry of this state": _l("Choose an industry of the case's state."),
}
#: Names of the inputs the law package lists under each breakdown line.
INPUT_LABELS = {
    "weeks": _l("Weeks counted"),
    "last_day_worked": _l("Last day worked"),
    "share": _l("Share of the wages"),
    "daily_wage": _l("Daily wage"),
    "days_late": _l("Days late"),
    "late_wages": _l("Wages paid late"),
    "rate": _l("Yearly interest rate"),
    "since": _l("From"),
    "to": _l("To"),
}
CHOSEN_LABELS = {
    "federal": _l("Federal law"),
    "state": _l("State law"),
    "none": _l("Nothing owed"),
    "excluded": _l("Too old to claim"),
}
#: Values the law package writes in words.
INPUT_WORDS = {"each payday": _l("each payday")}


def percent(value: Decimal) -> str:
    """A yearly rate such as 0.09 as "9 %"."""
    scaled = (value * 100).normalize()
    return f"{scaled:f} %"


def input_value(name: str, value: str) -> str:
    """An input of a breakdown line as a reader expects it: dates, rates, money in words."""
    if value in INPUT_WORDS:
        return str(INPUT_WORDS[value])
    if name == "rate" or name == "share":
        try:
            return percent(Decimal(value))
        except InvalidOperation:
            return value
    if name in ("daily_wage", "late_wages"):
        try:
            return money(Decimal(value))
        except InvalidOperation:
            return value
    try:
        return day(date.fromisoformat(value))
    except ValueError:
        return value


def claim_message(error: ClaimError) -> str:
    """The translated message for a law-package error."""
    message = CLAIM_MESSAGES.get(error.message)
    if message is not None:
        return str(message)
    if error.field.endswith(".start"):
        return _("The calculator has no minimum-wage table for this date.")
    return _("This value cannot be used: %(reason)s", reason=error.message)
