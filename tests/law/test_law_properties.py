"""Hypothesis properties of the wage calculator and the payment ledger."""

from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from casework.law.interest import balance
from casework.law.rates import REGIONS, minimum_wage
from casework.law.wages import Claim, Period, calculate

FAST = settings(max_examples=60, deadline=None)

hours = st.decimals(min_value=1, max_value=100, places=2)
starts = st.dates(min_value=date(2016, 1, 1), max_value=date(2025, 6, 1))


@st.composite
def claims(draw, hours_per_week=None):
    """A one-period claim paid by the week; `hours_per_week` fixes the hours if given."""
    start = draw(starts)
    weeks = draw(st.integers(min_value=1, max_value=6))
    end = start + timedelta(days=7 * weeks - 1)
    days = draw(st.integers(min_value=1, max_value=7))
    period = Period(
        start=start,
        end=end,
        hours_per_week=hours_per_week if hours_per_week is not None else draw(hours),
        days_per_week=days,
        pay_per_week=draw(st.decimals(min_value=0, max_value=2000, places=2)),
        long_days_per_week=draw(st.integers(min_value=0, max_value=days)),
        live_in=draw(st.booleans()),
    )
    return Claim(
        periods=[period],
        region=draw(st.sampled_from(REGIONS)),
        as_of=end + timedelta(days=draw(st.integers(min_value=0, max_value=1500))),
        unpaid_final_pay=draw(st.decimals(min_value=0, max_value=500, places=2)),
        wage_notice_given=draw(st.booleans()),
        wage_statements_given=draw(st.booleans()),
        willful=draw(st.booleans()),
        final_pay_days_late=draw(st.integers(min_value=0, max_value=40)),
        hospitality=draw(st.booleans()),
    )


@FAST
@given(claims(), hours, hours)
def test_total_never_decreases_when_hours_rise_with_pay_fixed(claim, a, b):
    low, high = sorted((a, b))
    period = claim.periods[0]

    def total(h):
        changed = Period(**{**period.__dict__, "hours_per_week": h})
        return calculate(Claim(**{**claim.__dict__, "periods": [changed]})).total

    assert total(high) >= total(low)


@FAST
@given(claims())
def test_total_is_the_sum_of_the_lines(claim):
    b = calculate(claim)
    assert b.total == sum(line.amount for line in b.lines)
    assert b.total == b.unpaid_wages + b.liquidated_damages + b.statutory_damages + b.interest
    assert all(
        line.amount > 0 and line.amount == line.amount.quantize(D("0.01")) for line in b.lines
    )
    assert b.ruleset and len(b.weeks) >= 1


@FAST
@given(st.sampled_from(REGIONS), starts, st.integers(min_value=0, max_value=2000))
def test_paid_exactly_the_minimum_for_40_hours_is_owed_nothing(region, start, later):
    # Rates only rise, so the week's last day has the highest rate in force that week.
    rate = minimum_wage(region, start + timedelta(days=6))
    period = Period(start, start + timedelta(days=6), D(40), 5, hourly_rate=rate)
    as_of = start + timedelta(days=6 + later)
    assert calculate(Claim([period], region, as_of)).total == D("0.00")


@FAST
@given(
    st.decimals(min_value=1, max_value=100000, places=2),
    st.sampled_from([D("0.09"), D("0.10"), D("0.0425")]),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=3000),
            st.decimals(min_value=0, max_value=500, places=2),
        ),
        max_size=30,
    ),
    st.sampled_from(["simple", "annual"]),
)
def test_ledger_adds_up_exactly(principal, rate, raw_payments, compounding):
    entered = date(2020, 1, 1)
    as_of = entered + timedelta(days=3000)
    payments = [(entered + timedelta(days=day), amount) for day, amount in raw_payments]
    try:
        result = balance(principal, rate, entered, payments, as_of, compounding)
    except ValueError as error:
        assert "exceeds" in str(error)
        return
    paid = sum((amount for _, amount in payments), D(0))
    assert result.interest_paid + result.principal_paid == paid
    assert result.total_due == principal + result.interest_accrued - paid
    assert result.total_due >= 0
