"""The calculator service: mapping stored claims to the law package, storing results."""

from datetime import date
from decimal import Decimal

import pytest

from casework.cases import calculator
from casework.law import wages
from casework.law.errors import ClaimError
from casework.law.rates import RULESET_VERSION

AS_OF = date(2026, 3, 1)


def one_week(make, claim, **kw):
    # One NYC week, Mon 2025-03-03 to Sun 2025-03-09: 40 hours over 5 days for $400.
    fields = dict(
        start=date(2025, 3, 3),
        end=date(2025, 3, 9),
        hours_per_week=Decimal("40"),
        days_per_week=5,
        pay_per_week=Decimal("400.00"),
    )
    fields.update(kw)
    return make.period(claim, **fields)


def test_claim_from_model_maps_every_field(make):
    case = make.case(jurisdiction="NY-NYC")
    claim = case.worker_links[0].wage_claim
    claim.unpaid_final_pay = Decimal("120.00")
    claim.deductions = Decimal("15.50")
    claim.tips_withheld = Decimal("80.00")
    claim.wage_notice_given = False
    claim.wage_statements_given = False
    claim.willful = True
    claim.hospitality = True
    claim.final_pay_days_late = 4
    make.period(
        claim,
        start=date(2025, 6, 1),
        end=date(2025, 6, 30),
        hourly_rate=Decimal("10"),
        pay_per_week=None,
        long_days_per_week=2,
        hours_per_day=Decimal("11"),
        live_in=True,
    )
    make.period(claim, start=date(2025, 1, 5), end=date(2025, 5, 31))
    result = calculator.claim_from_model(claim, region="NY-NYC", as_of=AS_OF)
    assert result.region == "NY-NYC" and result.as_of == AS_OF
    assert [p.start for p in result.periods] == [date(2025, 1, 5), date(2025, 6, 1)]
    later = result.periods[1]
    assert later.hourly_rate == Decimal("10") and later.pay_per_week is None
    assert later.long_days_per_week == 2 and later.hours_per_day == Decimal("11")
    assert later.live_in is True
    first = result.periods[0]
    assert first.pay_per_week == Decimal("600.00") and first.days_per_week == 6
    assert result.unpaid_final_pay == Decimal("120.00")
    assert result.deductions == Decimal("15.50")
    assert result.tips_withheld == Decimal("80.00")
    assert not result.wage_notice_given and not result.wage_statements_given
    assert result.willful and result.hospitality and result.final_pay_days_late == 4


def test_compute_uses_the_case_jurisdiction_and_hand_figures(make):
    case = make.case(jurisdiction="NY-NYC")
    claim = case.worker_links[0].wage_claim
    one_week(make, claim)
    breakdown = calculator.compute(claim, as_of=AS_OF)
    # NYC minimum 2025: $16.50 x 40 = $660; paid $400: $260 unpaid, $260 NY LD (100%).
    # Interest 9% from the midpoint 2025-03-06 to 2026-03-01 (360 days):
    # 260 x 0.09 x 360 / 365 = 23.079... -> $23.08. Total 260 + 260 + 23.08 = 543.08.
    assert breakdown.total == Decimal("543.08")
    assert breakdown.unpaid_wages == Decimal("260.00")
    # The same facts under federal law alone: $7.25 x 40 = $290 < $400, nothing owed.
    case.jurisdiction = "US"
    assert calculator.compute(claim, as_of=AS_OF).total == Decimal("0.00")


def test_compute_without_periods_raises_claim_error(make):
    case = make.case()
    with pytest.raises(ClaimError) as err:
        calculator.compute(case.worker_links[0].wage_claim, as_of=AS_OF)
    assert err.value.field == "periods"


def test_save_result_stores_figures_and_case_total(make):
    case = make.case(workers=[make.worker(), make.worker()], jurisdiction="NY-NYC")
    first, second = (link.wage_claim for link in case.worker_links)
    one_week(make, first)
    one_week(make, second, pay_per_week=Decimal("500.00"))
    for claim in (first, second):
        calculator.save_result(claim, calculator.compute(claim, as_of=AS_OF), as_of=AS_OF)
    assert first.computed_total == Decimal("543.08")
    assert first.computed_unpaid_wages == Decimal("260.00")
    assert first.computed_as_of == AS_OF and first.computed_on == date.today()
    assert first.ruleset_version == RULESET_VERSION
    # Second worker: $160 unpaid + $160 LD + 160 x 0.09 x 360/365 = 14.20 -> 334.20.
    assert second.computed_total == Decimal("334.20")
    assert case.amount_claimed == Decimal("877.28")


def test_compute_case_lists_each_worker_and_the_total(make):
    case = make.case(workers=[make.worker(), make.worker()], jurisdiction="NY-NYC")
    one_week(make, case.worker_links[0].wage_claim)
    result = calculator.compute_case(case, as_of=AS_OF)
    assert result.total == Decimal("543.08")
    assert [w.breakdown is not None for w in result.workers] == [True, False]
    assert result.workers[1].error.field == "periods"
    assert len(result.pairs) == 1 and result.pairs[0][0] is case.worker_links[0]


def test_save_claim_replaces_periods_and_refuses_bad_facts(make, db_session):
    case = make.case(jurisdiction="NY-NYC")
    link = case.worker_links[0]
    make.period(link.wage_claim)
    good = calculator.ClaimFacts(
        periods=[
            calculator.PeriodFacts(
                date(2025, 3, 3), date(2025, 3, 9), Decimal(40), 5, pay_per_week=Decimal(400)
            )
        ],
    )
    breakdown = calculator.save_claim(link, good, as_of=AS_OF)
    assert breakdown.total == Decimal("543.08")
    assert len(link.wage_claim.periods) == 1
    assert link.wage_claim.periods[0].start == date(2025, 3, 3)
    assert case.amount_claimed == Decimal("543.08")
    overlapping = calculator.ClaimFacts(
        periods=[
            calculator.PeriodFacts(
                date(2025, 3, 3), date(2025, 3, 20), Decimal(40), 5, pay_per_week=Decimal(400)
            ),
            calculator.PeriodFacts(
                date(2025, 3, 10), date(2025, 3, 30), Decimal(40), 5, pay_per_week=Decimal(400)
            ),
        ],
        deductions=Decimal(99),
    )
    with pytest.raises(ClaimError) as err:
        calculator.save_claim(link, overlapping, as_of=AS_OF)
    assert err.value.field == "periods[1].start"
    assert link.wage_claim.deductions == Decimal(0)
    assert len(link.wage_claim.periods) == 1


def test_breakdown_lines_sum_to_total(make):
    case = make.case(jurisdiction="NY-NYC")
    claim = case.worker_links[0].wage_claim
    make.period(claim)
    claim.wage_notice_given = False
    breakdown = calculator.compute(claim, as_of=AS_OF)
    assert isinstance(breakdown, wages.Breakdown)
    assert sum(line.amount for line in breakdown.lines) == breakdown.total
