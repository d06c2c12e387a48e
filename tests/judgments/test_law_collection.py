"""The collection law the issue names, computed by hand (actual/365, half-up to cents)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from casework.law import interest

D = Decimal


def test_e05_california_partial_payments():
    entered = date(2024, 1, 1)
    b = interest.balance(
        D("10000.00"),
        D("0.10"),
        entered,
        [
            (entered + timedelta(days=145), D("2000.00")),
            (entered + timedelta(days=360), D("750.00")),
        ],
        entered + timedelta(days=360),
    )
    first, second = b.allocations
    assert first.interest_accrued_before == D("397.26")
    assert first.principal_after == D("8397.26")
    assert second.interest_accrued_before == D("494.63")
    assert second.principal_after == D("8141.89")
    assert b.total_due == D("8141.89")


def test_new_york_two_payments():
    # 20,000 at 9% from Jan 1, 2024. Mar 1 (60 days): 295.89 interest; 1,000 pays it and
    # 704.11 principal -> 19,295.89. Jun 1 (92 days): 19,295.89 x 0.09 x 92/365 = 437.73;
    # 1,500 pays it and 1,062.27 principal -> 18,233.62.
    b = interest.balance(
        D("20000.00"),
        D("0.09"),
        date(2024, 1, 1),
        [(date(2024, 3, 1), D("1000.00")), (date(2024, 6, 1), D("1500.00"))],
        date(2024, 6, 1),
    )
    assert [a.to_interest for a in b.allocations] == [D("295.89"), D("437.73")]
    assert [a.to_principal for a in b.allocations] == [D("704.11"), D("1062.27")]
    assert b.principal_remaining == D("18233.62") and b.total_due == D("18233.62")


def test_federal_three_years_compounded_annually():
    # 10,000 at 5%: year 1 500.00 -> 10,500; year 2 525.00 -> 11,025; year 3 has
    # Feb 29, 2024: 11,025 x 0.05 x 366/365 = 552.76 -> 11,577.76.
    b = interest.balance(
        D("10000.00"), D("0.05"), date(2021, 3, 1), [], date(2024, 3, 1), compounding="annual"
    )
    assert b.interest_accrued == D("1577.76")
    assert b.total_due == D("11577.76")


@pytest.mark.parametrize(
    "as_of, expected", [(date(2025, 4, 30), D("0.00")), (date(2025, 5, 1), D("1500.00"))]
)
def test_ny_fifteen_percent_either_side_of_the_ninetieth_day(as_of, expected):
    # Entered Jan 1; time to appeal ends Jan 31; 90 days later is May 1.
    found = interest.ny_fifteen_percent(date(2025, 1, 1), D("10000.00"), as_of)
    assert found.applies_on == date(2025, 5, 1)
    assert found.amount == expected


def test_ny_fifteen_percent_counts_from_a_later_appeal_deadline():
    found = interest.ny_fifteen_percent(
        date(2025, 1, 1), D("10000.00"), date(2025, 5, 1), appeal_expires_on=date(2025, 3, 1)
    )
    assert found.applies_on == date(2025, 5, 30) and found.amount == 0


def test_payment_on_the_day_of_entry_is_all_principal():
    b = interest.balance(
        D("5000.00"),
        D("0.09"),
        date(2025, 1, 1),
        [(date(2025, 1, 1), D("1000.00"))],
        date(2025, 1, 1),
    )
    assert b.allocations[0].to_interest == 0 and b.allocations[0].to_principal == D("1000.00")
    assert b.total_due == D("4000.00")


def test_payment_that_exactly_clears_the_balance():
    # 5,000 at 9% for 73 days = 90.00 interest; 5,090.00 clears it, a cent more is refused.
    day = date(2025, 1, 1) + timedelta(days=73)
    b = interest.balance(D("5000.00"), D("0.09"), date(2025, 1, 1), [(day, D("5090.00"))], day)
    assert b.total_due == 0 and b.interest_paid == D("90.00")
    later = interest.balance(
        D("5000.00"), D("0.09"), date(2025, 1, 1), [(day, D("5090.00"))], date(2026, 1, 1)
    )
    assert later.total_due == 0
    with pytest.raises(ValueError):
        interest.balance(D("5000.00"), D("0.09"), date(2025, 1, 1), [(day, D("5090.01"))], day)
