"""Judgment interest, payment allocation and New York's 15% increase."""

from datetime import date, timedelta
from decimal import Decimal as D

import pytest

from casework.law.interest import (
    balance,
    compounding_for,
    default_rate,
    ny_fifteen_percent,
)

ENTERED = date(2024, 1, 1)


def test_ny_two_payments_interest_first_then_principal():
    # 5000 at 9%. Day 100 (2024-04-10): interest 5000 x .09 x 100/365 = 123.2877 -> 123.29;
    # payment 1000 -> 876.71 to principal -> 4123.29.
    # Day 200 (2024-07-19): 4123.29 x .09 x 100/365 = 101.6701 -> 101.67; payment 500 ->
    # 398.33 to principal -> 3724.96. To 2024-12-31 (165 days): 3724.96 x .09 x 165/365
    # = 151.5504 -> 151.55. Due 3724.96 + 151.55 = 3876.51.
    result = balance(
        D(5000),
        D("0.09"),
        ENTERED,
        [(date(2024, 4, 10), D(1000)), (date(2024, 7, 19), D(500))],
        date(2024, 12, 31),
    )
    first, second = result.allocations
    assert (first.to_interest, first.to_principal, first.principal_after) == (
        D("123.29"),
        D("876.71"),
        D("4123.29"),
    )
    assert (second.to_interest, second.to_principal, second.principal_after) == (
        D("101.67"),
        D("398.33"),
        D("3724.96"),
    )
    assert result.interest_accrued == D("376.51")
    assert result.interest_paid == D("224.96")
    assert result.principal_paid == D("1275.04")
    assert result.total_due == D("3876.51")


def test_federal_compounds_annually_over_three_years():
    # 10000 at 5% from 2024-01-01. Year 1 (366 days): 501.3699 -> 501.37 -> 10501.37.
    # Year 2: 10501.37 x .05 = 525.07 -> 11026.44. Year 3: 551.322 -> 551.32 -> 11577.76.
    # Simple interest would be 10000 x .05 x 1096/365 = 1501.3699 -> 1501.37.
    compound = balance(D(10000), D("0.05"), ENTERED, [], date(2027, 1, 1), "annual")
    simple = balance(D(10000), D("0.05"), ENTERED, [], date(2027, 1, 1))
    assert compound.total_due == D("11577.76")
    assert compound.interest_accrued == D("1577.76")
    assert simple.total_due == D("11501.37")


def test_payment_on_the_day_of_entry_goes_to_principal():
    result = balance(D(10000), D("0.09"), ENTERED, [(ENTERED, D(1000))], ENTERED)
    assert result.allocations[0].to_interest == D("0.00")
    assert result.allocations[0].to_principal == D(1000)
    assert result.total_due == D(9000)


def test_payment_that_exactly_clears_the_balance():
    # E05's first 145 days: 397.26 interest, so 10397.26 clears everything.
    day = ENTERED + timedelta(days=145)
    result = balance(D(10000), D("0.10"), ENTERED, [(day, D("10397.26"))], day + timedelta(days=30))
    assert result.total_due == D("0.00")
    assert result.principal_remaining == D("0.00")
    with pytest.raises(ValueError, match="exceeds"):
        balance(D(10000), D("0.10"), ENTERED, [(day, D("10397.27"))], day)


def test_bad_payments_are_refused():
    with pytest.raises(ValueError, match="before entry"):
        balance(D(100), D("0.09"), ENTERED, [(ENTERED - timedelta(days=1), D(1))], ENTERED)
    with pytest.raises(ValueError, match="negative"):
        balance(D(100), D("0.09"), ENTERED, [(ENTERED, D(-1))], ENTERED)
    with pytest.raises(ValueError, match="whole cents"):
        balance(D(100), D("0.09"), ENTERED, [(ENTERED, D("1.005"))], ENTERED)
    with pytest.raises(ValueError, match="compounding"):
        balance(D(100), D("0.09"), ENTERED, [], ENTERED, "monthly")


def test_two_hundred_payments_do_not_drift():
    payments = [(ENTERED + timedelta(weeks=i + 1), D("250.00")) for i in range(200)]
    result = balance(D(50000), D("0.09"), ENTERED, payments, date(2028, 1, 1))
    allocations = result.allocations
    assert len(allocations) == 200
    assert all(a.to_interest + a.to_principal == a.amount for a in allocations)
    assert sum(a.to_interest for a in allocations) == result.interest_paid
    assert sum(a.to_principal for a in allocations) == result.principal_paid
    assert result.principal_remaining == D(50000) - result.principal_paid
    assert result.total_due == D(50000) + result.interest_accrued - D(250) * 200
    assert all(a.principal_after.as_tuple().exponent >= -2 for a in allocations)


def test_ny_fifteen_percent_on_both_sides_of_its_day():
    # Entered 2024-01-01, appeal time ends 2024-01-31, increase applies 90 days later: 04-30.
    before = ny_fifteen_percent(ENTERED, D("10000.00"), date(2024, 4, 29))
    on = ny_fifteen_percent(ENTERED, D("10000.00"), date(2024, 4, 30))
    assert before.amount == D("0") and before.applies_on == date(2024, 4, 30)
    assert on.amount == D("1500.00")
    # A later appeal deadline moves the date: 2024-03-01 + 90 days = 2024-05-30.
    later = ny_fifteen_percent(ENTERED, D("10000.00"), date(2024, 5, 29), date(2024, 3, 1))
    assert later.applies_on == date(2024, 5, 30) and later.amount == D("0")


def test_default_rates_and_compounding():
    assert default_rate("NY") == D("0.09")
    assert default_rate("CA-SMALL") == D("0.10")
    assert default_rate("US") is None
    assert compounding_for("US") == "annual"
    assert compounding_for("NY-NYC") == "simple"
