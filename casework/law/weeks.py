"""Work periods cut into workweeks of seven days counted from each period's start.

The last week of a period may be shorter: it counts min(calendar days,
days_per_week) workdays and that share of the weekly hours, pay and tips.
"""

from datetime import timedelta
from decimal import Decimal

from . import weekly
from .claim import Period
from .money import ZERO, to_decimal


def weeks_of(period: Period, third_party: bool) -> list[weekly.WeekFacts]:
    """Return a period's workweeks with their facts."""
    hours = to_decimal(period.hours_per_week)
    days = period.days_per_week
    per_day = to_decimal(period.hours_per_day) if period.hours_per_day is not None else hours / days
    rate = to_decimal(period.hourly_rate) if period.hourly_rate is not None else None
    weekly_pay = to_decimal(period.pay_per_week) if period.pay_per_week is not None else None
    paid_weekly = to_decimal(period.paid_per_week) if period.paid_per_week is not None else None
    covered = to_decimal(period.salary_hours) if period.salary_hours is not None else None
    result = []
    start = period.start
    while start <= period.end:
        end = min(start + timedelta(days=6), period.end)
        workdays = min((end - start).days + 1, days)
        share = Decimal(workdays) / days
        week_hours = hours * share
        agreed_weekly = weekly_pay * share if weekly_pay is not None else None
        if paid_weekly is not None:
            paid = paid_weekly * share
        elif rate is not None:
            paid = rate * week_hours
        else:
            paid = agreed_weekly if agreed_weekly is not None else ZERO
        result.append(
            weekly.WeekFacts(
                start=start,
                end=end,
                hours=week_hours,
                workdays=workdays,
                hours_per_day=per_day,
                paid=paid,
                agreed_rate=rate,
                agreed_weekly=agreed_weekly,
                long_days=min(period.long_days_per_week, workdays),
                live_in=period.live_in,
                salary_hours=covered * share if covered is not None else None,
                fluctuating=period.fluctuating_workweek,
                third_party=third_party,
                missed_meals=min(period.missed_meal_days_per_week, workdays),
                missed_rests=min(period.missed_rest_days_per_week, workdays),
                tipped=period.tipped,
                tips=to_decimal(period.tips_per_week) * share
                if period.tips_per_week is not None
                else None,
                untipped_days=min(period.untipped_days_per_week, workdays),
                short_days=min(period.short_days_per_week, workdays),
                short_worked=to_decimal(period.short_day_hours or 0),
                short_scheduled=(
                    to_decimal(period.short_day_scheduled_hours)
                    if period.short_day_scheduled_hours is not None
                    else None
                ),
                split_days=min(period.split_shift_days_per_week, workdays),
            )
        )
        start = end + timedelta(days=1)
    return result
