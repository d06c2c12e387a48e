"""Tipped workers: the tip credit, its notice, overtime less the credit; no credit in California.

Each test works its numbers step by step from the source named.
"""

from datetime import date, timedelta
from decimal import Decimal as D

from casework.law.tips import federal_tip_credit, ny_tip_credit, week_credit
from casework.law.wages import Claim, Period, calculate

JAN7_2024 = date(2024, 1, 7)  # week 2024-01-07..01-13: NYC minimum 16.00, CA 16.00
WEEK_END = JAN7_2024 + timedelta(days=6)


def server(hours, rate, days=5, **kw) -> Period:
    return Period(JAN7_2024, WEEK_END, D(hours), days, hourly_rate=D(rate), tipped=True, **kw)


def amounts(breakdown) -> dict[str, D]:
    return {line.key: line.amount for line in breakdown.lines}


def ny(period, **kw) -> Claim:
    kw.setdefault("hospitality", True)
    kw.setdefault("tip_credit_notice_given", True)
    return Claim([period], "NY-NYC", WEEK_END, **kw)


def test_ny_dol_table_for_food_service_workers_in_2024():
    # NY DOL, "Minimum Wage for Tipped Workers" (2024): food service workers in NYC,
    # Long Island and Westchester $10.65 cash wage and $5.35 tip credit; the rest of
    # the state $10 cash wage and $5 tip credit (12 NYCRR 146-1.3(b)).
    on = date(2024, 6, 1)
    for region in ("NY-NYC", "NY-NYC-SMALL", "NY-LI-WESTCHESTER"):
        assert ny_tip_credit(region, on) == D("5.35")
    assert ny_tip_credit("NY-REST", on) == D("5.00")
    # The credit changes on its effective day: 2022-12-31 rest of state 4.75 (9.45 cash).
    assert ny_tip_credit("NY-REST", date(2022, 12, 30)) == D("4.40")
    assert ny_tip_credit("NY-REST", date(2022, 12, 31)) == D("4.75")
    # FLSA: $2.13 cash wage, so the credit is 7.25 - 2.13 = 5.12 (DOL Fact Sheet #15).
    assert federal_tip_credit(on) == D("5.12")


def test_ny_overtime_is_one_and_a_half_times_the_minimum_less_the_credit():
    # 12 NYCRR 146-1.4; NY DOL: "overtime hours at time-and-one-half the minimum wage
    # rate, less the applicable tip credit". NYC 2024: 1.5 x 16.00 - 5.35 = 18.65 an hour.
    # A server paid the $10.65 cash wage for all 50 hours, with written notice:
    #   owed in cash: 40 x 10.65 + 10 x 18.65 = 426.00 + 186.50 = 612.50
    #   paid:         50 x 10.65                                  = 532.50
    #   unpaid overtime: 10 x (18.65 - 10.65)                     =  80.00, and 80.00 LD.
    # Federal: 10.65 is above 7.25, so no credit is taken: 10 x 0.5 x 10.65 = 53.25.
    b = calculate(ny(server(50, "10.65")))
    got = amounts(b)
    assert got["unpaid_wages_state"] == D("80.00")
    assert got["liquidated_damages_state"] == D("80.00")
    assert b.weeks[0].owed_federal == D("106.50")  # 53.25 + 53.25 LD
    state_line = next(line for line in b.lines if line.key == "unpaid_wages_state")
    assert "146-1.3, 146-1.4" in state_line.citation
    assert any("tip credit" in text for text in b.assumptions)


def test_cash_wage_below_the_tipped_minimum():
    # $8.00 cash for 50 hours in NYC 2024, with notice:
    #   owed 40 x 10.65 + 10 x 18.65 = 612.50; paid 50 x 8.00 = 400.00 -> 212.50
    #   (= 50 x (10.65 - 8.00) = 132.50 straight time + 10 x 8.00 = 80.00 overtime).
    assert amounts(calculate(ny(server(50, "8.00"))))["unpaid_wages_state"] == D("212.50")


def test_no_written_notice_means_no_credit():
    # 146-1.3 allows the credit only "if the employee has been notified of the tip credit
    # as required in section 146-2.2". Without it the full minimum is owed in cash:
    #   40 x 16.00 + 10 x 24.00 = 880.00; paid 50 x 10.65 = 532.50 -> 347.50.
    b = calculate(ny(server(50, "10.65"), tip_credit_notice_given=False))
    assert amounts(b)["unpaid_wages_state"] == D("347.50")
    assert any("no written notice" in text.lower() for text in b.assumptions)


def test_notice_not_known_allows_the_credit_and_names_what_no_notice_adds():
    # With the notice not known the credit is allowed (80.00 + 80.00 LD + interest); the
    # open question says what the claim would be without it: 347.50 + 347.50 LD
    # + interest, so 535.00 more and the interest on the 267.50 more wages
    # (9 % from 2024-01-10 to 01-13: 267.50 x 0.09 x 3 / 365 = 0.20).
    known = calculate(ny(server(50, "10.65"), tip_credit_notice_given=False))
    b = calculate(ny(server(50, "10.65"), tip_credit_notice_given=None))
    assert amounts(b)["unpaid_wages_state"] == D("80.00")
    [question] = b.open_questions
    assert question.key == "tip_credit_notice"
    assert question.would_add == known.total - b.total
    assert question.would_add == D("535.20")
    assert "146-2.2" in question.citation


def test_tips_below_the_credit_limit_it():
    # 146-1.3: the credit needs tips that, with the cash wage, reach the minimum; the
    # credit is never more than the tips received. $100 of tips over 50 hours is 2.00 an
    # hour, so the cash wage must be 16.00 - 2.00 = 14.00:
    #   owed 50 x 14.00 + 10 x 0.5 x 16.00 = 700.00 + 80.00 = 780.00
    #   paid 50 x 10.65 = 532.50 -> 247.50.
    b = calculate(ny(server(50, "10.65", tips_per_week=D(100))))
    assert amounts(b)["unpaid_wages_state"] == D("247.50")


def test_days_of_untipped_work_lose_the_credit():
    # 146-3.4(b): no food-service classification (so no credit) on a day with two hours
    # or more of work that gets no tips. 2 of 5 days: credit 5.35 x 3/5 = 3.21 an hour.
    # 40 hours at 10.65 cash: owed 40 x (16.00 - 3.21) = 511.60; paid 426.00 -> 85.60.
    assert week_credit(D("5.35"), hours=D(40), workdays=5, untipped_days=2) == D("3.21")
    b = calculate(ny(server(40, "10.65", untipped_days_per_week=2)))
    assert amounts(b)["unpaid_wages_state"] == D("85.60")


def test_california_has_no_tip_credit():
    # Labor Code 351: tips are the worker's and no part may be credited against the wage.
    # $10.00 cash for 40 hours, 2024 (minimum 16.00): 40 x 6.00 = 240.00 unpaid, and
    # 240.00 liquidated damages (1194.2: minimum wages only). The FLSA credit leaves the
    # federal claim at nothing (10.00 > 7.25).
    b = calculate(Claim([server(40, "10.00")], "CA", WEEK_END, tip_credit_notice_given=True))
    got = amounts(b)
    assert got["unpaid_wages_state"] == D("240.00")
    assert got["liquidated_damages_state"] == D("240.00")
    assert b.weeks[0].owed_federal == 0
    assert any("Labor Code 351" in text for text in b.assumptions)


def test_flsa_tipped_overtime_fact_sheet_15():
    # DOL Fact Sheet #15 / 29 CFR 531.60: cash wage 2.13, credit 5.12; overtime is
    # 1.5 x 7.25 - 5.12 = 5.755 an hour in cash. 45 hours at 2.13:
    #   owed 40 x 2.13 + 5 x 5.755 = 85.20 + 28.775 = 113.975
    #   paid 45 x 2.13 = 95.85 -> 18.125 -> 18.13, and 18.13 liquidated damages.
    period = Period(JAN7_2024, WEEK_END, D(45), 5, hourly_rate=D("2.13"), tipped=True)
    b = calculate(Claim([period], "US", WEEK_END, tip_credit_notice_given=True))
    assert amounts(b) == {
        "unpaid_wages_federal": D("18.13"),
        "liquidated_damages_federal": D("18.13"),
    }
    assert "203(m)" in b.lines[0].citation
    # An employer that kept part of the tips loses the credit (203(m)(2)(B)):
    # 40 x 7.25 + 5 x 10.875 = 344.375; paid 95.85 -> 248.525 -> 248.53.
    kept = calculate(
        Claim([period], "US", WEEK_END, tip_credit_notice_given=True, tips_withheld=D(20))
    )
    assert amounts(kept)["unpaid_wages_federal"] == D("248.53")


def test_a_job_without_tips_is_unchanged():
    # The same $10.65 for 50 hours in a job without tips: the full minimum, as without
    # notice: 40 x 16.00 + 10 x 24.00 = 880.00; paid 532.50 -> 347.50.
    plain = Period(JAN7_2024, WEEK_END, D(50), 5, hourly_rate=D("10.65"))
    assert amounts(calculate(ny(plain)))["unpaid_wages_state"] == D("347.50")
