"""Wage-claim calculations, each computed by hand in the comments."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from casework.law.errors import ClaimError
from casework.law.wages import Claim, Period, calculate
from casework.law.weekly import WeekFacts, california_hours


def week(start: date, hours, days: int, **pay) -> Period:
    """One workweek starting on `start`."""
    return Period(start, start + timedelta(days=6), D(hours), days, **pay)


def amounts(breakdown) -> dict[str, D]:
    return {line.key: line.amount for line in breakdown.lines}


JAN7 = date(2024, 1, 7)  # a week 2024-01-07..01-13, midpoint 01-10


# -- New York -------------------------------------------------------------------


def test_ny_minimum_overtime_and_spread_of_hours():
    # NYC 2024 min 16.00. 50 h, 6 days at $12 = 600 paid.
    # required 16 x 50 + 0.5 x 16 x 10 = 880 -> 280 owed; spread 2 long days x 16 = 32.
    # LD 100% = 312. Interest 9% on 312 from midpoint 2024-01-10 to 2025-01-01 (357 days):
    # 312 x 0.09 x 357 / 365 = 27.4644 -> 27.46. Total 280 + 32 + 312 + 27.46 = 651.46.
    b = calculate(
        Claim(
            [week(JAN7, 50, 6, hourly_rate=D(12), long_days_per_week=2)], "NY-NYC", date(2025, 1, 1)
        )
    )
    assert amounts(b) == {
        "unpaid_wages_state": D("280.00"),
        "spread_of_hours": D("32.00"),
        "liquidated_damages_state": D("312.00"),
        "prejudgment_interest": D("27.46"),
    }
    assert b.total == D("651.46")
    assert b.weeks[0].chosen == "state"


def test_spread_of_hours_depends_on_pay_outside_hospitality():
    # $25 x 40 = 1000 paid; at minimum 16 x 40 = 640; excess 360 covers 2 x 16 = 32 -> none.
    # In hospitality (146-1.6) it is owed regardless: 32 + LD 32 + interest on the
    # spread pay only (not on LD): 32 x 0.09 x 357 / 365 = 2.8169 -> 2.82; total 66.82.
    period = week(JAN7, 40, 5, hourly_rate=D(25), long_days_per_week=2)
    assert calculate(Claim([period], "NY-NYC", date(2025, 1, 1))).total == D("0.00")
    b = calculate(Claim([period], "NY-NYC", date(2025, 1, 1), hospitality=True))
    assert amounts(b)["spread_of_hours"] == D("32.00")
    assert b.total == D("66.82")


def test_live_in_overtime_starts_after_44_hours():
    # Live-in: 44 h at $20 -> no NY overtime, and no FLSA overtime (213(b)(21)): nothing owed.
    # Not live-in: 4 OT hours x 0.5 x 20 = 40 owed.
    live_in = week(JAN7, 44, 5, hourly_rate=D(20), live_in=True)
    assert calculate(Claim([live_in], "NY-NYC", date(2025, 1, 1))).total == D("0.00")
    other = week(JAN7, 44, 5, hourly_rate=D(20))
    assert amounts(calculate(Claim([other], "NY-NYC", date(2025, 1, 1))))[
        "unpaid_wages_state"
    ] == D("40.00")


def test_ny_rate_change_day_both_sides():
    # NYC: the week 2024-12-24..12-30 uses 16.00, the week from 2025-01-01 uses 16.50.
    # $15 x 40: owed 40 x 1.00 = 40.00 and 40 x 1.50 = 60.00.
    before = calculate(
        Claim([week(date(2024, 12, 24), 40, 5, hourly_rate=D(15))], "NY-NYC", date(2025, 6, 1))
    )
    after = calculate(
        Claim([week(date(2025, 1, 1), 40, 5, hourly_rate=D(15))], "NY-NYC", date(2025, 6, 1))
    )
    assert amounts(before)["unpaid_wages_state"] == D("40.00")
    assert amounts(after)["unpaid_wages_state"] == D("60.00")
    assert before.weeks[0].minimum_wage == D("16.00")
    assert after.weeks[0].minimum_wage == D("16.50")


def test_week_straddling_a_rate_change_prices_each_day_at_its_rate():
    # Week 2024-12-31..2025-01-06: one day at 16.00 (Dec 31), six at 16.50.
    # Floor (16.00 + 6 x 16.50) / 7 = 115 / 7 = 16.428571...
    # $15 x 40: (115/7 - 15) x 40 = (10/7) x 40 = 400/7 = 57.142857 -> 57.14.
    # (The old first-day convention gave 40.00 for all seven days.)
    b = calculate(
        Claim([week(date(2024, 12, 31), 40, 5, hourly_rate=D(15))], "NY-NYC", date(2025, 6, 1))
    )
    assert b.weeks[0].minimum_wage == D(115) / 7
    assert amounts(b)["unpaid_wages_state"] == D("57.14")


def test_weekly_pay_covers_40_hours_unless_agreed_to_cover_all():
    # NY outside hospitality follows 29 CFR 778.113: $1000 for 50 h covers 40 h,
    # regular rate 1000 / 40 = 25; 10 OT hours x 1.5 x 25 = 375 owed.
    # Agreed to cover every hour (778.114(a) met): RR 1000 / 50 = 20; 0.5 x 20 x 10 = 100.
    # $600 for 50 h: 600 / 40 = 15 < 16, so 16 x 40 + 1.5 x 16 x 10 = 880 -> 280 owed.
    high = calculate(Claim([week(JAN7, 50, 5, pay_per_week=D(1000))], "NY-NYC", date(2025, 1, 1)))
    agreed = week(JAN7, 50, 5, pay_per_week=D(1000), fluctuating_workweek=True)
    fww = calculate(Claim([agreed], "NY-NYC", date(2025, 1, 1)))
    low = calculate(Claim([week(JAN7, 50, 5, pay_per_week=D(600))], "NY-NYC", date(2025, 1, 1)))
    assert amounts(high)["unpaid_wages_state"] == D("375.00")
    assert amounts(fww)["unpaid_wages_state"] == D("100.00")
    assert amounts(low)["unpaid_wages_state"] == D("280.00")
    assert any("778.113" in text for text in high.assumptions)
    assert any("778.114" in text for text in fww.assumptions)


def test_paid_per_week_overrides_rate_times_hours():
    # Agreed $20/h for 40 h but only $500 paid: 800 - 500 = 300 owed.
    period = week(JAN7, 40, 5, hourly_rate=D(20), paid_per_week=D(500))
    assert amounts(calculate(Claim([period], "NY-NYC", date(2025, 1, 1))))[
        "unpaid_wages_state"
    ] == D("300.00")


def test_ld_was_25_percent_before_2011_04_09():
    # Before 2015-12-31 the federal 7.25 is the floor. $6.25 x 40 -> 40 owed per week.
    # Week from 2011-04-03: LD 25% = 10; interest 40 x .09 x 1883/365 (from 04-06) = 18.57.
    # Week from 2011-04-10: LD 100% = 40; interest 40 x .09 x 1876/365 (from 04-13) = 18.50.
    # as_of 2016-06-01: FLSA (2 years) is out, NY (6 years) is in.
    early = calculate(
        Claim([week(date(2011, 4, 3), 40, 5, hourly_rate=D("6.25"))], "NY-NYC", date(2016, 6, 1))
    )
    late = calculate(
        Claim([week(date(2011, 4, 10), 40, 5, hourly_rate=D("6.25"))], "NY-NYC", date(2016, 6, 1))
    )
    assert early.liquidated_damages == D("10.00")
    assert early.interest == D("18.57")
    assert late.liquidated_damages == D("40.00")
    assert late.interest == D("18.50")


def test_ld_follows_the_law_chosen_for_the_week_never_both():
    # Same early-2011 week with as_of 2012-06-01: FLSA gives 40 + 40 LD = 80,
    # NY gives 40 + 10 LD = 50, so FLSA is chosen: no NY LD, and no interest
    # on FLSA wages because LD is awarded.
    b = calculate(
        Claim([week(date(2011, 4, 3), 40, 5, hourly_rate=D("6.25"))], "NY-NYC", date(2012, 6, 1))
    )
    assert amounts(b) == {
        "unpaid_wages_federal": D("40.00"),
        "liquidated_damages_federal": D("40.00"),
    }
    assert b.weeks[0].chosen == "federal"
    assert b.weeks[0].owed_state == D("50.00")


def test_ny_interest_from_midpoint_on_wages_only():
    # 4 weeks 2024-01-07..02-03 at $15 x 40 in NYC: 40 owed per week = 160.
    # Midpoint 2024-01-07 + 27 // 2 = 2024-01-20; to 2025-01-20 is 366 days.
    # 160 x 0.09 x 366 / 365 = 14.4394 -> 14.44, with or without WTPA damages.
    period = Period(JAN7, date(2024, 2, 3), D(40), 5, hourly_rate=D(15))
    b = calculate(Claim([period], "NY-NYC", date(2025, 1, 20)))
    assert b.interest == D("14.44")
    wtpa = calculate(
        Claim(
            [period],
            "NY-NYC",
            date(2025, 1, 20),
            wage_notice_given=False,
            wage_statements_given=False,
        )
    )
    # WTPA: 4 weeks x 5 days x $50 = 1000 notice; x $250 = 5000 statements (cap).
    assert amounts(wtpa)["wage_notice_damages"] == D("1000.00")
    assert amounts(wtpa)["wage_statement_damages"] == D("5000.00")
    assert wtpa.interest == D("14.44")
    assert wtpa.liquidated_damages == D("160.00")


# -- California -------------------------------------------------------------------


def test_ca_daily_overtime():
    # 4 days x 10 h = 40 h at $20: 8 daily OT hours, none weekly.
    # required 800 + 0.5 x 20 x 8 = 880 -> 80 owed. No federal OT. No LD (not minimum wage).
    # Interest 10% from the payday 2024-01-13 to 2024-12-31 (353 days): 80 x .1 x 353/365 = 7.74.
    b = calculate(Claim([week(JAN7, 40, 4, hourly_rate=D(20))], "CA", date(2024, 12, 31)))
    assert amounts(b) == {"unpaid_wages_state": D("80.00"), "prejudgment_interest": D("7.74")}


def test_ca_double_time_over_12_hours():
    # 3 days x 14 h = 42 h at $20: per day 8 regular, 4 OT, 2 double -> 12 OT, 6 DT.
    # required 840 + 0.5 x 20 x 12 + 20 x 6 = 1080 -> 240 owed.
    # Federal: 2 OT hours -> 20 + 20 LD = 40, less than CA.
    # Interest 240 x .1 x 353/365 = 23.21.
    b = calculate(Claim([week(JAN7, 42, 3, hourly_rate=D(20))], "CA", date(2024, 12, 31)))
    assert amounts(b) == {"unpaid_wages_state": D("240.00"), "prejudgment_interest": D("23.21")}


def test_ca_seventh_day_rule():
    # 7 days x 8 h: days 1-6 regular 48, day 7 all OT (8). Weekly: 48 - 40 = 8 OT.
    facts = dict(
        start=JAN7,
        end=JAN7 + timedelta(days=6),
        workdays=7,
        paid=D(0),
        agreed_rate=D(20),
        agreed_weekly=None,
        long_days=0,
        live_in=False,
    )
    assert california_hours(WeekFacts(hours=D(56), hours_per_day=D(8), **facts)) == (D(16), D(0))
    # 7 x 10 h: days 1-6: 48 regular + 12 OT; day 7: 8 OT + 2 DT; weekly 8 OT -> 28 OT, 2 DT.
    assert california_hours(WeekFacts(hours=D(70), hours_per_day=D(10), **facts)) == (D(28), D(2))
    # Claim with FLSA out of time (as_of 2026-06-30), CA in: 56 h at $20, 16 OT hours:
    # 0.5 x 20 x 16 = 160 owed; interest 160 x .1 x 899/365 = 39.4082 -> 39.41.
    b = calculate(Claim([week(JAN7, 56, 7, hourly_rate=D(20))], "CA", date(2026, 6, 30)))
    assert amounts(b) == {"unpaid_wages_state": D("160.00"), "prejudgment_interest": D("39.41")}


def test_ca_interest_from_each_payday_and_ld_on_minimum_wage():
    # 2 weeks at $15 x 40 in 2024 (CA min 16): 40 owed each week; paydays 01-13 and 01-20.
    # Interest: 40 x .1 x 353/365 = 3.87 and 40 x .1 x 346/365 = 3.79 -> 7.66.
    # LD = unpaid minimum wages plus interest on them: 43.87 + 43.79 = 87.66.
    # Total 80 + 87.66 + 7.66 = 175.32.
    period = Period(JAN7, date(2024, 1, 20), D(40), 5, hourly_rate=D(15))
    b = calculate(Claim([period], "CA", date(2024, 12, 31)))
    assert b.interest == D("7.66")
    assert b.liquidated_damages == D("87.66")
    assert b.total == D("175.32")


def test_ca_no_ld_on_overtime_so_flsa_may_be_better():
    # 5 x 10 h at $20: CA 100 owed (daily OT) + interest 9.67 = 109.67;
    # FLSA 10 OT hours -> 100 + 100 LD = 200: the week is taken under FLSA, never both.
    b = calculate(Claim([week(JAN7, 50, 5, hourly_rate=D(20))], "CA", date(2024, 12, 31)))
    assert amounts(b) == {
        "unpaid_wages_federal": D("100.00"),
        "liquidated_damages_federal": D("100.00"),
    }
    assert b.weeks[0].owed_state == D("109.67")


def test_ca_waiting_time_capped_at_30_days():
    # Last week $20 x 8 h/day: daily wage 160; 45 days late -> 30 x 160 = 4800; 10 days -> 1600.
    period = week(JAN7, 40, 5, hourly_rate=D(20))
    late45 = calculate(Claim([period], "CA", date(2024, 6, 1), final_pay_days_late=45))
    late10 = calculate(Claim([period], "CA", date(2024, 6, 1), final_pay_days_late=10))
    assert amounts(late45) == {"waiting_time_penalty": D("4800.00")}
    assert late10.statutory_damages == D("1600.00")


def test_ca_rate_change_day_both_sides():
    # $16.50 x 40: the week 2025-12-25..12-31 (min 16.50) owes nothing,
    # week starting 2026-01-01 (min 16.90) owes 40 x 0.40 = 16.00.
    before = calculate(
        Claim([week(date(2025, 12, 25), 40, 5, hourly_rate=D("16.50"))], "CA", date(2026, 3, 1))
    )
    after = calculate(
        Claim([week(date(2026, 1, 1), 40, 5, hourly_rate=D("16.50"))], "CA", date(2026, 3, 1))
    )
    assert before.total == D("0.00")
    assert amounts(after)["unpaid_wages_state"] == D("16.00")


# -- federal -----------------------------------------------------------------------


def test_flsa_no_interest_when_ld_awarded():
    # US: $5 x 40 (min 7.25): 90 owed, LD 90, no interest.
    b = calculate(Claim([week(date(2024, 3, 3), 40, 5, hourly_rate=D(5))], "US", date(2025, 6, 1)))
    assert amounts(b) == {
        "unpaid_wages_federal": D("90.00"),
        "liquidated_damages_federal": D("90.00"),
    }
    assert b.interest == D("0.00")


# -- limitation periods: a week is inside when its last day is within the period ----


def _ending(end: date, **pay) -> Period:
    return Period(end - timedelta(days=6), end, D(40), 5, **pay)


@pytest.mark.parametrize(
    ("region", "willful", "inside_end", "wages"),
    [
        # as_of 2025-06-30. FLSA 2 years -> 2023-06-30; $5 x 40 -> 90 owed.
        ("US", False, date(2023, 6, 30), D("90.00")),
        # FLSA willful 3 years -> 2022-06-30.
        ("US", True, date(2022, 6, 30), D("90.00")),
        # NY 6 years -> 2019-06-30; NY-REST 2019 min 11.10 on $5: 6.10 x 40 = 244.
        ("NY-REST", False, date(2019, 6, 30), D("244.00")),
        # CA 3 years -> 2022-06-30; CA 2022 min 15.00 on $5: 10 x 40 = 400.
        ("CA", False, date(2022, 6, 30), D("400.00")),
    ],
)
def test_limitation_cut_off_both_sides(region, willful, inside_end, wages):
    as_of = date(2025, 6, 30)
    inside = calculate(
        Claim([_ending(inside_end, hourly_rate=D(5))], region, as_of, willful=willful)
    )
    assert inside.unpaid_wages == wages
    assert inside.excluded_weeks == []
    outside_end = inside_end - timedelta(days=1)
    outside = calculate(
        Claim([_ending(outside_end, hourly_rate=D(5))], region, as_of, willful=willful)
    )
    assert outside.total == D("0.00")
    assert [w.end for w in outside.excluded_weeks] == [outside_end]
    assert outside.excluded_weeks[0].amount >= wages
    assert outside.weeks[0].chosen == "excluded"


def test_weeks_split_from_period_start_with_a_short_last_week():
    # 10 days from Wed 2024-01-03 at 6 days/week, 48 h/week: week 1 is 7 days (6 workdays),
    # week 2 is 3 days (3 workdays): 24 h. $10/h in NYC (min 16): 6 x 48 + 6 x 24 = 432,
    # plus OT 8 h x 0.5 x 16 = 64 in week 1 -> 496.
    period = Period(date(2024, 1, 3), date(2024, 1, 12), D(48), 6, hourly_rate=D(10))
    b = calculate(Claim([period], "NY-NYC", date(2024, 6, 1)))
    assert [(w.start, w.end, w.hours) for w in b.weeks] == [
        (date(2024, 1, 3), date(2024, 1, 9), D(48)),
        (date(2024, 1, 10), date(2024, 1, 12), D(24)),
    ]
    assert amounts(b)["unpaid_wages_state"] == D("496.00")


def test_final_pay_deductions_and_tips_are_separate_lines_with_ny_ld():
    # Paid above minimum; final pay 500, deductions 100, tips 50, each a line.
    # NY LD 100% on them = 650. Interest: final pay 9% from the day after the last day
    # (2024-01-14) to 2024-07-14 (182 days): 500 x .09 x 182/365 = 22.4384 -> 22.44;
    # deductions + tips 150 from the midpoint 2024-01-10 (186 days): 6.8795 -> 6.88.
    b = calculate(
        Claim(
            [week(JAN7, 40, 5, hourly_rate=D(20))],
            "NY-NYC",
            date(2024, 7, 14),
            unpaid_final_pay=D(500),
            deductions=D(100),
            tips_withheld=D(50),
        )
    )
    assert amounts(b) == {
        "unpaid_final_pay": D("500.00"),
        "unlawful_deductions": D("100.00"),
        "tips_withheld": D("50.00"),
        "liquidated_damages_state": D("650.00"),
        "prejudgment_interest": D("6.88"),
        "interest_on_final_pay": D("22.44"),
    }


# -- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"region": "TX"}, "region"),
        ({"periods": []}, "periods"),
        ({"periods": [week(JAN7, 169, 5, hourly_rate=D(20))]}, "periods[0].hours_per_week"),
        ({"periods": [week(JAN7, -1, 5, hourly_rate=D(20))]}, "periods[0].hours_per_week"),
        ({"periods": [week(JAN7, 40, 0, hourly_rate=D(20))]}, "periods[0].days_per_week"),
        ({"periods": [week(JAN7, 40, 8, hourly_rate=D(20))]}, "periods[0].days_per_week"),
        ({"periods": [week(JAN7, 40, 5, hourly_rate=D(-1))]}, "periods[0].hourly_rate"),
        ({"periods": [week(JAN7, 40, 5)]}, "periods[0].hourly_rate"),
        ({"periods": [week(JAN7, 40, 5, pay_per_week=D(-5))]}, "periods[0].pay_per_week"),
        (
            {
                "periods": [
                    week(JAN7, 40, 5, hourly_rate=D(20)),
                    week(JAN7 + timedelta(days=3), 40, 5, hourly_rate=D(20)),
                ]
            },
            "periods[1].start",
        ),
        (
            {
                "periods": [
                    week(JAN7 + timedelta(days=14), 40, 5, hourly_rate=D(20)),
                    week(JAN7, 40, 5, hourly_rate=D(20)),
                ]
            },
            "periods[1].start",
        ),
        (
            {"periods": [Period(JAN7, JAN7 - timedelta(days=1), D(40), 5, hourly_rate=D(20))]},
            "periods[0].end",
        ),
        ({"deductions": D(-1)}, "deductions"),
        ({"tips_withheld": D(-1)}, "tips_withheld"),
        ({"final_pay_days_late": -2}, "final_pay_days_late"),
    ],
)
def test_validation_names_the_bad_field(change, field):
    base = dict(
        periods=[week(JAN7, 40, 5, hourly_rate=D(20))], region="NY-NYC", as_of=date(2025, 1, 1)
    )
    with pytest.raises(ClaimError) as error:
        calculate(Claim(**{**base, **change}))
    assert error.value.field == field
