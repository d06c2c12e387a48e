"""New York pay frequency for manual workers (Labor Law 191(1)(a), 198(1-a) as amended in 2025)."""

from datetime import date, timedelta
from decimal import Decimal as D

from casework.law.pay_frequency import late_pay
from casework.law.wages import Claim, Period, calculate

# 2025-01-05 .. 2025-03-01: eight weeks at $16.50 (NYC minimum), 40 hours: $660.00 a week.
START = date(2025, 1, 5)
END = START + timedelta(weeks=8, days=-1)


def period() -> Period:
    return Period(START, END, D(40), 5, hourly_rate=D("16.50"))


def amounts(breakdown) -> dict[str, D]:
    return {line.key: line.amount for line in breakdown.lines}


def test_first_violation_paid_every_two_weeks_is_worth_the_lost_interest():
    # L. 2025, ch. 56 (198(1-a)): paid at least semi-monthly, a first violation is worth
    # "lost interest". Paid every 14 days with the payday 7 days after the period, week
    # one of each period is paid 7 days late and week two on time: on average
    # (14 - 7) / 2 = 3.5 days late over all the pay.
    #   pay 8 x 660.00 = 5,280.00; half of it (2,640.00) paid late
    #   lost interest 5,280.00 x 9 % x 3.5 / 365 = 4.5567 -> 4.56
    b = calculate(
        Claim([period()], "NY-NYC", date(2025, 6, 1), manual_worker=True, paid_every="biweekly")
    )
    assert amounts(b) == {"late_pay_damages": D("4.56")}
    line = b.lines[0]
    assert line.inputs["late_wages"] == "2640.00"
    assert "191(1)(a)" in line.citation and "L. 2025, ch. 56" in line.citation
    assert any("interest lost" in text for text in b.assumptions)


def test_repeat_violation_and_monthly_pay_earn_liquidated_damages_on_the_late_wages():
    # A repeat violation: liquidated damages equal the wages paid late, 2,640.00.
    repeat = calculate(
        Claim(
            [period()],
            "NY-NYC",
            date(2025, 6, 1),
            manual_worker=True,
            paid_every="biweekly",
            prior_late_pay_finding=True,
        )
    )
    assert amounts(repeat)["late_pay_damages"] == D("2640.00")
    # Paid monthly (less often than semi-monthly): 1 - 7 / (365 / 12) = 0.76986 of the pay
    # late: 5,280.00 x 0.76986... = 4,064.88 in liquidated damages.
    monthly = late_pay([D("660.00")] * 8, "monthly", repeat=False, as_of=date(2025, 6, 1))
    assert monthly.late_wages == D("4064.88") and monthly.amount == D("4064.88")


def test_before_the_amendment_the_first_department_rule_applies():
    # Computed before 2025-05-09: Vega (1st Dept 2019), liquidated damages on the late
    # wages, and the breakdown names the Second Department's contrary Grant (2024).
    b = calculate(
        Claim([period()], "NY-NYC", date(2025, 5, 8), manual_worker=True, paid_every="biweekly")
    )
    assert amounts(b)["late_pay_damages"] == D("2640.00")
    assert "Vega" in b.lines[-1].citation
    assert any("Grant v. Global Aircraft" in text for text in b.assumptions)


def test_weekly_pay_or_a_worker_who_is_not_manual_owes_nothing():
    weekly = Claim([period()], "NY-NYC", date(2025, 6, 1), manual_worker=True)
    assert calculate(weekly).total == 0
    clerk = Claim([period()], "NY-NYC", date(2025, 6, 1), paid_every="biweekly")
    assert calculate(clerk).total == 0
