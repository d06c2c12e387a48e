"""City and industry minimum wages: the highest applicable rate wins, each with its source."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from casework.law.errors import ClaimError
from casework.law.local_rates import CITIES, INDUSTRIES, local_rows
from casework.law.wages import Claim, Period, calculate


def week(start: date, hours, rate, days=5) -> Period:
    return Period(start, start + timedelta(days=6), D(hours), days, hourly_rate=D(rate))


def amounts(breakdown) -> dict[str, D]:
    return {line.key: line.amount for line in breakdown.lines}


def claim(period, region="CA", **kw) -> Claim:
    return Claim([period], region, period.end, **kw)


def test_every_table_is_in_date_order_with_its_source():
    for wage in [*CITIES.values(), *INDUSTRIES.values()]:
        tables = [wage.rows, wage.small_rows or (), *(wage.by_region or {}).values()]
        for rows in tables:
            assert [r.effective for r in rows] == sorted(r.effective for r in rows)
            assert all(r.source == wage.citation for r in rows)


def test_los_angeles_city_ordinance_rate():
    # LAMC 187.02: $17.28 from 2024-07-01 (state $16.00). 40 hours at $16.00 in the week
    # 2024-07-07..07-13: 40 x (17.28 - 16.00) = 51.20 unpaid. The state minimum was paid,
    # so no Labor Code 1194.2 liquidated damages (a city's minimum is not one "fixed by
    # statute"); the line cites the ordinance.
    b = calculate(claim(week(date(2024, 7, 7), 40, "16.00"), work_city="CA-LOS-ANGELES"))
    got = amounts(b)
    assert got["unpaid_wages_state"] == D("51.20")
    assert "liquidated_damages_state" not in got
    line = b.lines[0]
    assert line.key == "unpaid_wages_state" and "Los Angeles Municipal Code 187" in line.citation
    assert b.weeks[0].minimum_wage == D("17.28")
    assert any("not on a city's" in text for text in b.assumptions)
    # The week before 2024-07-01 is at the 2023 rate, 16.78: 40 x 0.78 = 31.20.
    earlier = calculate(claim(week(date(2024, 6, 23), 40, "16.00"), work_city="CA-LOS-ANGELES"))
    assert amounts(earlier)["unpaid_wages_state"] == D("31.20")


def test_los_angeles_small_employers_phased_in_a_year_later():
    # LAMC 187.02(b): 25 or fewer employees $13.25 from 2019-07-01 (26+: $14.25); the
    # state's small-employer rate was $11.00. 40 hours at $11.00: 40 x 2.25 = 90.00.
    b = calculate(
        claim(week(date(2019, 7, 7), 40, "11.00"), "CA-SMALL", work_city="CA-LOS-ANGELES")
    )
    assert amounts(b)["unpaid_wages_state"] == D("90.00")


def test_california_fast_food_twenty_dollars_from_april_2024():
    # Labor Code 1474-1475 (AB 1228): $20.00 from 2024-04-01. 40 hours at $16.00 in the
    # week 2024-04-07..04-13: 40 x 4.00 = 160.00, and 160.00 liquidated damages (a
    # statutory minimum, Labor Code 1194.2).
    b = calculate(claim(week(date(2024, 4, 7), 40, "16.00"), wage_industry="CA-FAST-FOOD"))
    got = amounts(b)
    assert got["unpaid_wages_state"] == D("160.00")
    assert got["liquidated_damages_state"] == D("160.00")
    assert "1474-1475" in b.lines[0].citation
    # The week of 2024-03-24..03-30 is before the fast-food rate: nothing owed at $16.00.
    before = calculate(claim(week(date(2024, 3, 24), 40, "16.00"), wage_industry="CA-FAST-FOOD"))
    assert before.total == 0


def test_the_highest_applicable_rate_wins():
    # 2025-07-06..07-12 in San Francisco ($19.18, SF Admin. Code 12R) at a fast-food
    # restaurant ($20.00): 20.00 wins; 40 hours at $19.18 -> 40 x 0.82 = 32.80.
    on = date(2025, 7, 6)
    rows = local_rows("CA", "CA-SAN-FRANCISCO", "CA-FAST-FOOD", on)
    assert sorted(row.rate for _wage, row in rows) == [D("19.18"), D("20.00")]
    b = calculate(
        claim(week(on, 40, "19.18"), work_city="CA-SAN-FRANCISCO", wage_industry="CA-FAST-FOOD")
    )
    assert amounts(b)["unpaid_wages_state"] == D("32.80")
    # A large health system there pays at least $24.00 from 2025-07-01 (Labor Code
    # 1182.15): 40 x (24.00 - 19.18) = 192.80.
    b = calculate(
        claim(week(on, 40, "19.18"), work_city="CA-SAN-FRANCISCO", wage_industry="CA-HEALTH-LARGE")
    )
    assert amounts(b)["unpaid_wages_state"] == D("192.80")


def test_new_york_home_care_aide_minimum_is_the_base_for_overtime():
    # PHL 3614-f: home care aides in NYC $18.55 from 2024-01-01 (state $16.00); the
    # aide's minimum is also the base for overtime (NY DOL). 45 hours at $16.00 a week:
    #   owed 45 x 18.55 + 5 x 0.5 x 18.55 = 834.75 + 46.375 = 881.125
    #   paid 45 x 16.00 = 720.00 -> 161.125 -> 161.13, and 161.13 liquidated damages.
    b = calculate(
        claim(week(date(2024, 1, 7), 45, "16.00"), "NY-NYC", wage_industry="NY-HOME-CARE")
    )
    got = amounts(b)
    assert got["unpaid_wages_state"] == D("161.13")
    assert got["liquidated_damages_state"] == D("161.13")
    assert "Public Health Law 3614-f" in b.lines[0].citation
    # Rest of state: $17.55 in 2024; 40 hours at $15.00 -> 40 x 2.55 = 102.00.
    rest = calculate(
        claim(week(date(2024, 1, 7), 40, "15.00"), "NY-REST", wage_industry="NY-HOME-CARE")
    )
    assert amounts(rest)["unpaid_wages_state"] == D("102.00")


def test_a_city_of_another_state_is_refused():
    with pytest.raises(ClaimError) as error:
        calculate(claim(week(date(2024, 1, 7), 40, "16"), "NY-NYC", work_city="CA-OAKLAND"))
    assert error.value.field == "work_city"
    with pytest.raises(ClaimError) as error:
        calculate(claim(week(date(2024, 1, 7), 40, "16"), "CA", wage_industry="NY-HOME-CARE"))
    assert error.value.field == "wage_industry"
