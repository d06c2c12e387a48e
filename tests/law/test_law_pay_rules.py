"""Weekly pay, gap time, per-hour minimum wage and salaried daily wages, from their sources."""

from datetime import date, timedelta
from decimal import Decimal as D

from casework.law.penalties import daily_wage, waiting_time
from casework.law.rates import minimum_wage
from casework.law.wages import Claim, Period, calculate
from casework.law.workweek import week_pay


def week(start: date, hours, days: int, **pay) -> Period:
    return Period(start, start + timedelta(days=6), D(hours), days, **pay)


def amounts(breakdown) -> dict[str, D]:
    return {line.key: line.amount for line in breakdown.lines}


JAN4_2026 = date(2026, 1, 4)  # week 2026-01-04..01-10; CA minimum 16.90
JAN7_2024 = date(2024, 1, 7)  # week 2024-01-07..01-13; NYC minimum 16.00, CA 16.00


def test_california_weekly_salary_is_one_fortieth_and_covers_no_overtime():
    # Labor Code 515(d): $800 for five 10-hour days. Regular rate 800 / 40 = 20.00.
    # Daily overtime 5 x 2 = 10 h at 1.5 x 20 = 30.00 -> 300.00 owed.
    # The salary pays the 40 regular hours at 20.00 >= 16.90: no minimum wage unpaid,
    # so no liquidated damages (1194.2 excludes overtime).
    # (Treated as covering all hours: 845 - 800 + 0.5 x 16.90 x 10 = 129.50 plus 45.00 LD.)
    # California applies this even when the salary was agreed to cover every hour (Skyline
    # Homes); under the FLSA such an agreement (778.114) gives RR 800 / 50 = 16.00 and
    # 0.5 x 16 x 10 = 80.00 + 80.00 LD = 160.00, less than the state's 300.00.
    end = JAN4_2026 + timedelta(days=6)
    agreed = week(JAN4_2026, 50, 5, pay_per_week=D(800), fluctuating_workweek=True)
    b = calculate(Claim([agreed], "CA", end))
    assert amounts(b) == {"unpaid_wages_state": D("300.00")}
    assert b.weeks[0].owed_federal == D("160.00")
    assert any("515(d)" in text for text in b.assumptions)
    # Without that agreement the FLSA presumes the salary covers 40 hours (778.113):
    # 10 h x 1.5 x 20 = 300.00 and 300.00 FLSA liquidated damages, which is higher.
    plain = calculate(Claim([week(JAN4_2026, 50, 5, pay_per_week=D(800))], "CA", end))
    assert plain.weeks[0].owed_state == D("300.00")
    assert amounts(plain) == {
        "unpaid_wages_federal": D("300.00"),
        "liquidated_damages_federal": D("300.00"),
    }


def test_new_york_hospitality_weekly_pay_divided_by_40():
    # 12 NYCRR 146-3.5(b): $900 for 50 h, regular rate 900 / min(40, 50) = 22.50.
    # 10 OT hours x 1.5 x 22.50 = 337.50 owed (not 0.5 x 18 x 10 = 90.00).
    b = calculate(
        Claim(
            [week(JAN7_2024, 50, 5, pay_per_week=D(900), fluctuating_workweek=True)],
            "NY-NYC",
            date(2024, 1, 13),
            hospitality=True,
        )
    )
    assert amounts(b)["unpaid_wages_state"] == D("337.50")


def test_flsa_salary_covers_the_hours_it_was_meant_to_cover():
    # 29 CFR 778.113: $500 for 50 h, presumed to cover 40: RR 12.50, 10 h x 18.75 = 187.50.
    # 778.114 (all five conditions met): RR 500 / 50 = 10, 0.5 x 10 x 10 = 50.00.
    # A salary for 35 h: RR 500 / 35 = 14.2857; hours 36-40 at RR are straight time above
    # the minimum, gap time the FLSA does not cover (Lundy); the 10 OT hours are:
    # 10 x 1.5 x 500/35 = 214.2857 -> 214.29.
    as_of = date(2024, 1, 13)
    plain = calculate(Claim([week(JAN7_2024, 50, 5, pay_per_week=D(500))], "US", as_of))
    fww = week(JAN7_2024, 50, 5, pay_per_week=D(500), fluctuating_workweek=True)
    thirty_five = week(JAN7_2024, 50, 5, pay_per_week=D(500), salary_hours=D(35))
    assert amounts(plain)["unpaid_wages_federal"] == D("187.50")
    assert amounts(calculate(Claim([fww], "US", as_of)))["unpaid_wages_federal"] == D("50.00")
    assert amounts(calculate(Claim([thirty_five], "US", as_of)))["unpaid_wages_federal"] == D(
        "214.29"
    )


def test_flsa_does_not_pay_gap_time():
    # Lundy v. Catholic Health: agreed $20/h, 40 h, only $500 paid. 500 >= 7.25 x 40 = 290,
    # so the FLSA owes nothing; the 300.00 is a state claim.
    as_of = date(2024, 1, 13)
    gap = week(JAN7_2024, 40, 5, hourly_rate=D(20), paid_per_week=D(500))
    assert calculate(Claim([gap], "US", as_of)).total == D("0.00")
    # With 10 overtime hours and $500 paid, only the overtime hours are federal:
    # 10 x 1.5 x 20 = 300.00 wages + 300.00 LD (the unpaid straight time is not).
    overtime = week(JAN7_2024, 50, 5, hourly_rate=D(20), paid_per_week=D(500))
    assert amounts(calculate(Claim([overtime], "US", as_of))) == {
        "unpaid_wages_federal": D("300.00"),
        "liquidated_damages_federal": D("300.00"),
    }
    # In New York the week is a state claim: 300.00 wages + 300.00 LD, federal 0.
    ny = calculate(Claim([gap], "NY-NYC", as_of))
    assert ny.weeks[0].owed_federal == D("0.00")
    assert amounts(ny)["unpaid_wages_state"] == D("300.00")


def test_california_minimum_wage_is_owed_for_each_hour():
    # Armenta v. Osmose: agreed $20/h, 40 h, $500 paid = 25 hours paid, 15 unpaid.
    # 1194.2 LD on the unpaid minimum: 15 h x 16.00 = 240.00 (averaging would give
    # 16 x 40 - 500 = 140.00). Wages 800 - 500 = 300.00. The FLSA owes no gap time,
    # so the state wins: 300 + 240 = 540.00 (no interest on the payday itself).
    gap = week(JAN7_2024, 40, 5, hourly_rate=D(20), paid_per_week=D(500))
    b = calculate(Claim([gap], "CA", date(2024, 1, 13)))
    assert amounts(b) == {
        "unpaid_wages_state": D("300.00"),
        "liquidated_damages_state": D("240.00"),
    }


def test_778_113_example_rounds_the_regular_rate_once():
    # 29 CFR 778.113(a): $200 for 35 hours; 41 hours worked. RR 200 / 35 = 5.71;
    # 5 hours at 5.71 = 28.55, 1 hour at 1.5 x 5.71 = 8.57: 200 + 28.55 + 8.57 = 237.12.
    pay = week_pay(D(41), salary=D(200), salary_hours=D(35))
    assert pay.regular_rate == D("5.71")
    assert pay.overtime_rate == D("8.57")
    assert pay.total_due == D("237.12")


def test_state_minimum_wage_before_2016():
    # NY LL 652(1): 8.00 from 2013-12-31, 8.75 from 2014-12-31; CA 9.00 from 2014-07-01.
    assert minimum_wage("NY-NYC", date(2014, 6, 1)) == D("8.00")
    assert minimum_wage("NY-REST", date(2015, 6, 1)) == D("8.75")
    assert minimum_wage("CA", date(2014, 7, 1)) == D("9.00")
    assert minimum_wage("CA-SMALL", date(2015, 12, 31)) == D("9.00")
    # $7.25 x 40 in NYC in June 2014: 0.75 x 40 = 30.00 under state law.
    b = calculate(
        Claim([week(date(2014, 6, 1), 40, 5, hourly_rate=D("7.25"))], "NY-NYC", date(2014, 6, 7))
    )
    assert amounts(b)["unpaid_wages_state"] == D("30.00")


def test_live_in_worker_of_an_agency_gets_flsa_overtime_since_2015():
    # 29 CFR 552.109(c): $10 x 50 h, live-in. A household owes no FLSA overtime;
    # an agency (third-party employer) owes 0.5 x 10 x 10 = 50.00 + 50.00 LD from 2015.
    start = date(2016, 3, 6)
    live_in = week(start, 50, 5, hourly_rate=D(10), live_in=True)
    as_of = start + timedelta(days=6)
    assert calculate(Claim([live_in], "US", as_of)).total == D("0.00")
    agency = calculate(Claim([live_in], "US", as_of, third_party_employer=True))
    assert agency.total == D("100.00")
    early = week(date(2014, 3, 2), 50, 5, hourly_rate=D(10), live_in=True)
    old = Claim([early], "US", date(2014, 3, 8), third_party_employer=True)
    assert calculate(old).total == D("0.00")


def test_salaried_daily_wage_for_waiting_time():
    # Mamika v. Barca: $60,000 / 52 / 5 = 230.77 a day; 30 days -> 6,923.10.
    day = daily_wage(annual_salary=D(60000), days_per_week=5)
    assert day == D("230.77")
    assert waiting_time(day, 30) == D("6923.10")
    # A weekly salary in the calculator: $1,153.85 a week (x 52 = 60,000.20), 5 days.
    start = date(2024, 3, 3)
    b = calculate(
        Claim(
            [week(start, 40, 5, pay_per_week=D("1153.85"))],
            "CA",
            date(2024, 6, 1),
            final_pay_days_late=30,
        )
    )
    assert amounts(b)["waiting_time_penalty"] == D("6923.10")


def test_wage_notice_not_known_is_named_not_dropped():
    # NY LL 198(1-b): 40 workdays... one week of 5 workdays x $50 = 250.00 if not given.
    period = week(JAN7_2024, 40, 5, hourly_rate=D(20))
    b = calculate(Claim([period], "NY-NYC", date(2024, 2, 1), wage_notice_given=None))
    assert b.total == D("0.00")
    assert [(q.key, q.would_add) for q in b.open_questions] == [
        ("wage_notice_damages", D("250.00"))
    ]


def test_california_wage_statement_penalty():
    # Labor Code 226(e)(1): $50 for the first pay period, $100 for each later one, at most
    # $4,000, one year back (CCP 340(a)). Ten weekly pay periods: 50 + 9 x 100 = 950.00.
    # 60 periods would be 50 + 59 x 100 = 5,950, held to 4,000.00.
    from casework.law.penalties import ca_wage_statement_penalty

    assert ca_wage_statement_penalty(1) == D("50.00")
    assert ca_wage_statement_penalty(10) == D("950.00")
    assert ca_wage_statement_penalty(60) == D("4000.00")
    start = date(2024, 1, 7)
    period = Period(start, start + timedelta(days=69), D(40), 5, hourly_rate=D(20))
    as_of = date(2024, 6, 1)
    b = calculate(Claim([period], "CA", as_of, wage_statements_given=False))
    assert amounts(b) == {"wage_statement_damages": D("950.00")}
    assert b.lines[0].citation.startswith("Cal. Labor Code 226")
    # Weeks ending more than a year before the as-of date are too old: none of them count.
    late = calculate(Claim([period], "CA", date(2025, 6, 1), wage_statements_given=False))
    assert late.total == D("0.00")


def test_california_meal_and_rest_premiums():
    # Labor Code 226.7, Ferra v. Loews: one hour at the regular rate per day with a missed
    # meal period and one per day with a missed rest period, at most one of each a day.
    # $20/h, 40 h over 5 days, meals missed 3 days and rests 5 days a week, two weeks:
    # (3 + 5) x 20 = 160.00 a week -> 320.00. Weekly pay $800: 1/40 = 20.00, the same.
    start = date(2024, 1, 7)
    hourly = Period(
        start,
        start + timedelta(days=13),
        D(40),
        5,
        hourly_rate=D(20),
        missed_meal_days_per_week=3,
        missed_rest_days_per_week=5,
    )
    b = calculate(Claim([hourly], "CA", start + timedelta(days=13)))
    assert amounts(b) == {"meal_rest_premiums": D("320.00")}
    assert b.lines[0].citation.startswith("Cal. Labor Code 226.7")
    salaried = Period(
        start,
        start + timedelta(days=13),
        D(40),
        5,
        pay_per_week=D(800),
        missed_meal_days_per_week=3,
        missed_rest_days_per_week=5,
    )
    assert amounts(calculate(Claim([salaried], "CA", start + timedelta(days=13))))[
        "meal_rest_premiums"
    ] == D("320.00")
    # New York has no such premium.
    assert calculate(Claim([hourly], "NY-NYC", start + timedelta(days=13))).total == D("0.00")
