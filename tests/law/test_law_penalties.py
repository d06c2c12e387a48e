"""Waiting-time penalties and NY wage-notice and wage-statement damages with their caps."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from casework.law.penalties import (
    daily_wage,
    ny_wage_notice_damages,
    ny_wage_statement_damages,
    waiting_time,
)

CHANGE = date(2015, 2, 27)


def weeks(first: date, count: int, days: int = 5) -> list[tuple[date, int]]:
    return [(first + timedelta(weeks=i), days) for i in range(count)]


def test_daily_wage_rounds_to_cents():
    # 15.555 x 8 = 124.44 exactly; 16.333 x 7.5 = 122.4975 -> 122.50
    assert daily_wage(D("15.555"), D(8)) == D("124.44")
    assert daily_wage(D("16.333"), D("7.5")) == D("122.50")


def test_waiting_time_caps_at_thirty_days():
    assert waiting_time(D("160.00"), 29) == D("4640.00")
    assert waiting_time(D("160.00"), 30) == D("4800.00")
    assert waiting_time(D("160.00"), 31) == D("4800.00")
    with pytest.raises(ValueError):
        waiting_time(D("160.00"), -1)


def test_notice_before_change_is_per_week_capped_at_2500():
    # 49 weeks x $50 = 2450; 50 weeks = 2500; 51 weeks would be 2550 -> capped 2500
    assert ny_wage_notice_damages(weeks(date(2013, 1, 6), 49)) == D("2450.00")
    assert ny_wage_notice_damages(weeks(date(2013, 1, 6), 51)) == D("2500.00")


def test_notice_from_change_is_per_workday_capped_at_5000():
    # The week starting on the change day counts per workday: 5 x $50 = 250.
    assert ny_wage_notice_damages([(CHANGE, 5)]) == D("250.00")
    # The week starting the day before still counts per week: $50.
    assert ny_wage_notice_damages([(CHANGE - timedelta(days=1), 5)]) == D("50.00")
    # 21 weeks x 5 days x 50 = 5250 -> 5000
    assert ny_wage_notice_damages(weeks(CHANGE, 21)) == D("5000.00")


def test_notice_cap_in_force_on_each_date():
    # 60 weeks before (capped 2500) then 2 weeks after: 2500 + 2 x 250 = 3000.
    before = weeks(CHANGE - timedelta(weeks=60), 60)
    assert ny_wage_notice_damages([*before, *weeks(CHANGE, 2)]) == D("3000.00")


def test_statements_caps_by_date():
    # Before: $100 per week: 24 weeks = 2400, 26 weeks -> 2500 cap.
    assert ny_wage_statement_damages(weeks(date(2014, 1, 5), 24)) == D("2400.00")
    assert ny_wage_statement_damages(weeks(date(2014, 1, 5), 26)) == D("2500.00")
    # After: $250 per workday: 3 weeks x 5 days = 3750; 5 weeks = 6250 -> 5000.
    assert ny_wage_statement_damages(weeks(CHANGE, 3)) == D("3750.00")
    assert ny_wage_statement_damages(weeks(CHANGE, 5)) == D("5000.00")
    # 20 weeks before (2000) + 1 week after (1250) = 3250.
    before = weeks(CHANGE - timedelta(weeks=20), 20)
    assert ny_wage_statement_damages([*before, (CHANGE, 5)]) == D("3250.00")
