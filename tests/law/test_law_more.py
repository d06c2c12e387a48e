"""More hand-computed wage claims: each remaining region's rate change day, the federal-only
region, the WTPA caps through a whole claim, and live-in overtime above 44 hours."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from casework.law.wages import Claim, Period, calculate


def week(start: date, hours, days: int, **pay) -> Period:
    return Period(start, start + timedelta(days=6), D(hours), days, **pay)


def amounts(breakdown) -> dict[str, D]:
    return {line.key: line.amount for line in breakdown.lines}


@pytest.mark.parametrize(
    ("region", "change_day", "paid_rate", "before_rate", "after_rate", "before", "after"),
    [
        # NYC 10 or fewer employees: 12.00 until 2018-12-30, 13.50 from 2018-12-31.
        # $11 x 40 h: (12.00 - 11) x 40 = 40.00; (13.50 - 11) x 40 = 100.00.
        ("NY-NYC-SMALL", date(2018, 12, 31), D(11), D("12.00"), D("13.50"), "40.00", "100.00"),
        # Long Island and Westchester: 12.00, then 13.00 from 2019-12-31.
        # $11 x 40 h: 1.00 x 40 = 40.00; 2.00 x 40 = 80.00.
        ("NY-LI-WESTCHESTER", date(2019, 12, 31), D(11), D("12.00"), D("13.00"), "40.00", "80.00"),
        # Rest of state: 13.20, then 14.20 from 2022-12-31.
        # $13 x 40 h: 0.20 x 40 = 8.00; 1.20 x 40 = 48.00.
        ("NY-REST", date(2022, 12, 31), D(13), D("13.20"), D("14.20"), "8.00", "48.00"),
        # California, 25 or fewer employees: 10.00 through 2017, 10.50 from 2018-01-01.
        # $10 x 40 h: nothing owed the day before; 0.50 x 40 = 20.00 from the change day.
        ("CA-SMALL", date(2018, 1, 1), D(10), D("10.00"), D("10.50"), None, "20.00"),
        # California, 26 or more: 10.50 in 2017, 11.00 from 2018-01-01.
        # $10.50 x 40 h: nothing before; 0.50 x 40 = 20.00 after.
        ("CA", date(2018, 1, 1), D("10.50"), D("10.50"), D("11.00"), None, "20.00"),
    ],
)
def test_each_region_rate_change_day(
    region, change_day, paid_rate, before_rate, after_rate, before, after
):
    # The week before is the whole week ending the day before the change.
    as_of = change_day + timedelta(days=180)
    day_before = calculate(
        Claim([week(change_day - timedelta(days=7), 40, 5, hourly_rate=paid_rate)], region, as_of)
    )
    on_the_day = calculate(Claim([week(change_day, 40, 5, hourly_rate=paid_rate)], region, as_of))
    assert day_before.weeks[0].minimum_wage == before_rate
    assert on_the_day.weeks[0].minimum_wage == after_rate
    assert amounts(day_before).get("unpaid_wages_state") == (D(before) if before else None)
    assert amounts(on_the_day)["unpaid_wages_state"] == D(after)


def test_federal_region_minimum_and_overtime_with_liquidated_damages_no_interest():
    # US only: 50 h at $7.00. Required 7.25 x 50 + 0.5 x 7.25 x 10 = 362.50 + 36.25 = 398.75;
    # paid 7 x 50 = 350.00 -> 48.75 owed, FLSA LD 100% = 48.75, no interest. Total 97.50.
    b = calculate(Claim([week(date(2025, 3, 2), 50, 6, hourly_rate=D(7))], "US", date(2026, 1, 1)))
    assert amounts(b) == {
        "unpaid_wages_federal": D("48.75"),
        "liquidated_damages_federal": D("48.75"),
    }
    assert b.total == D("97.50")


def test_flsa_willful_reaches_back_three_years():
    # US: week 2023-07-02..07-08, $7 x 40 = 280 vs 7.25 x 40 = 290: 10 + LD 10 = 20.
    # As of 2026-01-01 two years reach back to 2024-01-01 (excluded, listed at 20.00);
    # three years (willful) to 2023-01-01, so the week counts.
    period = week(date(2023, 7, 2), 40, 5, hourly_rate=D(7))
    plain = calculate(Claim([period], "US", date(2026, 1, 1)))
    assert plain.total == D("0.00")
    assert [(w.start, w.amount) for w in plain.excluded_weeks] == [(date(2023, 7, 2), D("20.00"))]
    willful = calculate(Claim([period], "US", date(2026, 1, 1), willful=True))
    assert willful.total == D("20.00") and willful.excluded_weeks == []


def test_wtpa_before_the_change_is_per_week_and_capped_at_2500():
    # 51 weeks 2014-01-05..2014-12-27, paid well ($20 x 40): no wages owed.
    # No wage notice: $50 a week x 51 = 2,550 -> cap 2,500.00 (LL 198(1-b) before 2015-02-27).
    # No pay stubs: $100 a week x 51 = 5,100 -> cap 2,500.00. Total 5,000.00.
    period = Period(date(2014, 1, 5), date(2014, 12, 27), D(40), 5, hourly_rate=D(20))
    b = calculate(
        Claim(
            [period],
            "NY-NYC",
            date(2019, 12, 31),
            wage_notice_given=False,
            wage_statements_given=False,
        )
    )
    assert amounts(b) == {
        "wage_notice_damages": D("2500.00"),
        "wage_statement_damages": D("2500.00"),
    }
    assert b.total == D("5000.00")


def test_wtpa_across_the_2015_change_per_workday_and_capped_at_5000():
    # 13 weeks from 2015-02-01 (to 2015-05-02), 5 days a week, paid $20 x 40.
    # Weeks starting 02-01, 02-08, 02-15, 02-22 are before 2015-02-27: per week.
    # Notice: 4 x 50 = 200; then 9 weeks x 5 days x 50 = 2,250 -> 2,450.00.
    # Statements: 4 x 100 = 400; then 9 x 5 x 250 = 11,250 -> 11,650 capped at 5,000.00.
    period = Period(date(2015, 2, 1), date(2015, 5, 2), D(40), 5, hourly_rate=D(20))
    b = calculate(
        Claim(
            [period],
            "NY-NYC",
            date(2020, 1, 1),
            wage_notice_given=False,
            wage_statements_given=False,
        )
    )
    assert amounts(b)["wage_notice_damages"] == D("2450.00")
    assert amounts(b)["wage_statement_damages"] == D("5000.00")


def test_wtpa_notice_cap_rises_from_2500_to_5000_on_the_change_day():
    # 52 weeks from 2014-03-02 (last start 2015-02-22) at $50 = 2,600 -> held at 2,500;
    # then 17 weeks from 2015-03-01 to 2015-06-27 x 5 days x $50 = 4,250: 6,750 -> 5,000.00.
    period = Period(date(2014, 3, 2), date(2015, 6, 27), D(40), 5, hourly_rate=D(20))
    b = calculate(Claim([period], "NY-NYC", date(2020, 3, 1), wage_notice_given=False))
    assert amounts(b) == {"wage_notice_damages": D("5000.00")}
    # Stopping on 2015-02-28 (before any per-workday week): the old cap holds, 2,500.00.
    short = Period(date(2014, 3, 2), date(2015, 2, 28), D(40), 5, hourly_rate=D(20))
    b = calculate(Claim([short], "NY-NYC", date(2020, 3, 1), wage_notice_given=False))
    assert amounts(b) == {"wage_notice_damages": D("2500.00")}


def test_live_in_overtime_above_44_hours():
    # NYC live-in, 50 h at $20 (2024, minimum 16.00): NY overtime for 6 hours x 0.5 x 20 = 60.00;
    # FLSA gives live-in domestic workers no overtime, so the state is chosen.
    # LD 60.00; interest 9% on 60 from midpoint 2024-01-10 to 2025-01-01 (357 days):
    # 60 x 0.09 x 357 / 365 = 5.2816 -> 5.28. Total 125.28.
    b = calculate(
        Claim(
            [week(date(2024, 1, 7), 50, 6, hourly_rate=D(20), live_in=True)],
            "NY-NYC",
            date(2025, 1, 1),
        )
    )
    assert amounts(b) == {
        "unpaid_wages_state": D("60.00"),
        "liquidated_damages_state": D("60.00"),
        "prejudgment_interest": D("5.28"),
    }
    assert b.total == D("125.28")
