"""Golden tests: the worked examples in docs/domain/examples.yaml, to the cent."""

from datetime import date, timedelta
from decimal import Decimal as D

from casework.law.interest import balance
from casework.law.wages import Claim, Period, calculate
from casework.law.workweek import Job, week_pay


def test_e01_hourly_overtime():
    pay = week_pay(D(46), jobs=[Job(D("12.00"), D(46))])
    assert pay.straight_time == D("552.00")
    assert pay.regular_rate == D("12.00")
    assert pay.overtime_rate == D("18.00")
    assert pay.overtime_premium == D("36.00")
    assert pay.total_due == D("588.00")


def test_e02_bonus_raises_regular_rate():
    pay = week_pay(D(46), jobs=[Job(D("12.00"), D(46))], bonus=D("46.00"))
    assert pay.straight_time == D("598.00")
    assert pay.regular_rate == D("13.00")
    assert pay.overtime_premium == D("39.00")
    assert pay.total_due == D("637.00")


def test_e03_two_rates_weighted_average():
    pay = week_pay(D(48), jobs=[Job(D("15.00"), D(40)), Job(D("9.00"), D(8))])
    assert pay.straight_time == D("672.00")
    assert pay.regular_rate == D("14.00")
    assert pay.overtime_premium == D("56.00")
    assert pay.total_due == D("728.00")


def test_e04_ny_liquidated_damages_cover_wages_not_wtpa_damages():
    # E04's rule: LD == regular + overtime, WTPA damages get no LD, each WTPA item <= 5000.
    # 2 years at 40 h/week, 5 days, $10/h in NYC 2023-2024 (min 15.00 then 16.00): wages owed.
    claim = Claim(
        periods=[Period(date(2023, 1, 1), date(2024, 12, 28), D(50), 5, hourly_rate=D(10))],
        region="NY-NYC",
        as_of=date(2025, 6, 1),
        wage_notice_given=False,
        wage_statements_given=False,
    )
    b = calculate(claim)
    amounts = {line.key: line.amount for line in b.lines}
    assert amounts["liquidated_damages_state"] == (
        amounts["unpaid_wages_state"] + amounts.get("spread_of_hours", D(0))
    )
    assert amounts["wage_notice_damages"] == D("5000.00")
    assert amounts["wage_statement_damages"] == D("5000.00")
    assert b.total == b.unpaid_wages * 2 + D("10000.00") + b.interest


def test_e05_ca_postjudgment_partial_payments():
    entered = date(2023, 3, 1)
    result = balance(
        D("10000.00"),
        D("0.10"),
        entered,
        [
            (entered + timedelta(days=145), D("2000.00")),
            (entered + timedelta(days=360), D("750.00")),
        ],
        entered + timedelta(days=360),
    )
    first, second = result.allocations
    assert first.interest_accrued_before == D("397.26")
    assert first.to_interest == D("397.26")
    assert first.principal_after == D("8397.26")
    assert second.interest_accrued_before == D("494.63")
    assert second.principal_after == D("8141.89")
    assert result.total_due == D("8141.89")
