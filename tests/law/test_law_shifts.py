"""Reporting-time and call-in pay, and California's split-shift premium, worked from their rules."""

from datetime import date, timedelta
from decimal import Decimal as D

from casework.law.shifts import ShortDay, ca_reporting_time, ca_split_shift, ny_call_in
from casework.law.wages import Claim, Period, calculate

MAR2_2025 = date(2025, 3, 2)  # week 2025-03-02..03-08; CA 16.50, NYC 16.50
END = MAR2_2025 + timedelta(days=6)


def period(rate, **kw) -> Period:
    return Period(MAR2_2025, END, D(40), 5, hourly_rate=D(rate), **kw)


def amounts(breakdown) -> dict[str, D]:
    return {line.key: line.amount for line in breakdown.lines}


def test_california_reporting_time_is_half_the_scheduled_day_between_two_and_four_hours():
    # Wage Orders 5(A): less than half the scheduled day's work -> paid for half of it,
    # at least 2 and at most 4 hours, at the regular rate ($20.00 here).
    rate = D("20.00")
    # 8 scheduled, sent home after 2: half is 4 -> 2 more hours, 40.00.
    assert ca_reporting_time(ShortDay(D(8), D(2)), rate) == D("40.00")
    # 8 scheduled, worked 4: half the day was given -> nothing.
    assert ca_reporting_time(ShortDay(D(8), D(4)), rate) == 0
    # 3 scheduled, worked 1: half is 1.5, raised to the 2-hour minimum -> 1 hour, 20.00.
    assert ca_reporting_time(ShortDay(D(3), D(1)), rate) == D("20.00")
    # 10 scheduled, worked 2: half is 5, held to the 4-hour maximum -> 2 hours, 40.00.
    assert ca_reporting_time(ShortDay(D(10), D(2)), rate) == D("40.00")


def test_new_york_call_in_pay():
    # 142-2.3: at least 4 hours or the regular shift if shorter, at the basic minimum.
    # NYC 2025 ($16.50): 8-hour shift, sent home after 1 hour -> 3 hours, 49.50.
    assert ny_call_in(ShortDay(D(8), D(1)), D("16.50"), hospitality=False) == D("49.50")
    # 146-1.5(a), hospitality: 3 hours for one shift -> 2 more hours, 33.00.
    assert ny_call_in(ShortDay(D(8), D(1)), D("16.50"), hospitality=True) == D("33.00")
    # A 2-hour regular shift worked in full owes nothing.
    assert ny_call_in(ShortDay(D(2), D(2)), D("16.50"), hospitality=False) == 0


def test_california_split_shift_premium_less_pay_above_the_minimum():
    # Wage Orders 4(C), DLSE Manual 45.2.3: one hour at the minimum ($16.50 in 2025) for a
    # split-shift day, less what the day's pay exceeds the minimum for the hours worked.
    # 8 hours at $17.00 = 136.00; the minimum for 8 hours + 1 = 9 x 16.50 = 148.50
    # -> 12.50. At $16.50: 148.50 - 132.00 = 16.50. At $19.00: 152.00 > 148.50 -> 0.
    assert ca_split_shift(D("136.00"), D(8), D("16.50")) == D("12.50")
    assert ca_split_shift(D("132.00"), D(8), D("16.50")) == D("16.50")
    assert ca_split_shift(D("152.00"), D(8), D("16.50")) == 0


def test_lines_in_a_california_claim():
    # $17.00 for 40 hours over 5 days (8 a day): one day sent home after 2 of 8 hours
    # (2 x 17.00 = 34.00 reporting time) and 2 split-shift days (2 x 12.50 = 25.00).
    b = calculate(
        Claim(
            [
                period(
                    "17.00",
                    short_days_per_week=1,
                    short_day_hours=D(2),
                    split_shift_days_per_week=2,
                )
            ],
            "CA",
            END,
        )
    )
    got = amounts(b)
    assert got["reporting_time_pay"] == D("34.00")
    assert got["split_shift_premium"] == D("25.00")
    cited = {line.key: line.citation for line in b.lines}
    assert "section 5(A)" in cited["reporting_time_pay"]
    assert "section 4(C)" in cited["split_shift_premium"]


def test_new_york_call_in_pay_earns_liquidated_damages():
    # NYC, $16.50 for 40 hours; one day a week sent home after 1 hour of an 8-hour shift:
    # 3 x 16.50 = 49.50 call-in pay and 49.50 liquidated damages (LL 198(1-a), 663(1)).
    b = calculate(
        Claim([period("16.50", short_days_per_week=1, short_day_hours=D(1))], "NY-NYC", END)
    )
    got = amounts(b)
    assert got["reporting_time_pay"] == D("49.50")
    assert got["liquidated_damages_state"] == D("49.50")
    assert "split_shift_premium" not in got


def test_new_york_split_shift_is_a_trigger_for_spread_of_hours():
    # 12 NYCRR 142-2.4(b): one hour at the basic minimum for a split shift, outside
    # hospitality only to the extent pay falls short. NYC 2025, $16.50 for 40 hours over 5
    # days, 2 split-shift days: 2 x 16.50 = 33.00 (pay is exactly the minimum), with
    # 33.00 liquidated damages; no California split-shift premium line.
    b = calculate(Claim([period("16.50", split_shift_days_per_week=2)], "NY-NYC", END))
    got = amounts(b)
    assert got["spread_of_hours"] == D("33.00")
    assert got["liquidated_damages_state"] == D("33.00")
    assert "split_shift_premium" not in got
    # A split day that was also longer than 10 hours is counted once: 2 long days and
    # 2 split days give 2 x 16.50, not 4 x.
    both = Claim(
        [period("16.50", split_shift_days_per_week=2, long_days_per_week=2)], "NY-NYC", END
    )
    counted_once = calculate(both)
    assert amounts(counted_once)["spread_of_hours"] == D("33.00")
    assert any("earns spread-of-hours pay once" in text for text in counted_once.assumptions)
