"""New York pay frequency: a manual worker is paid weekly (Labor Law 191(1)(a)).

Each week's wages are due within seven days after the week ends. A worker
paid every N days instead, with the payday seven days after the pay period
(the most the weekly rule allows), gets each wage on average (N - 7) / 2 days
late, and the wages of every week but the last of each period late: a share
of 1 - 7 / N of the pay (every two weeks: half of it, 3.5 days late on average).

What late pay is worth changed on 2025-05-09 (L. 2025, ch. 56, amending
Labor Law 198(1-a), for actions pending or commenced from that day): when the
employer paid at least semi-monthly, a first violation is worth only the lost
interest on the late wages; a repeat violation (a prior finding or judgment)
is worth liquidated damages equal to the wages paid late. Paid less often than
semi-monthly, or computed before the amendment, liquidated damages equal the
wages paid late (Vega v. CM & Assoc. Constr. Mgt., 175 A.D.3d 1144 (1st Dept
2019); the Second Department disagreed in Grant v. Global Aircraft Dispatch,
223 A.D.3d 712 (2024), which the breakdown names). Lost interest is counted
at CPLR 5004's 9 %.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .money import ZERO, cents

#: How often the worker was paid, and the days of a pay period.
PAY_PERIOD_DAYS: dict[str, Decimal] = {
    "weekly": Decimal(7),
    "biweekly": Decimal(14),
    "semimonthly": Decimal(365) / 24,
    "monthly": Decimal(365) / 12,
}
AT_LEAST_SEMIMONTHLY = ("weekly", "biweekly", "semimonthly")
LOST_INTEREST_RATE = Decimal("0.09")  # CPLR 5004


@dataclass(frozen=True)
class FrequencyRule:
    """What a pay-frequency violation is worth from `effective`, and the source beside
    Labor Law 191(1)(a) and 198(1-a)."""

    effective: date
    first_violation_interest_only: bool  # at least semi-monthly, first violation
    source: str


FREQUENCY_RULES = (
    FrequencyRule(
        date(2011, 4, 9),
        False,
        "Vega v. CM & Assoc. Constr. Mgt., 175 A.D.3d 1144 (1st Dept 2019)",
    ),
    FrequencyRule(
        date(2025, 5, 9),
        True,
        "L. 2025, ch. 56 (Labor Law 198(1-a) as amended)",
    ),
)


@dataclass(frozen=True)
class LatePay:
    """A pay-frequency claim: the wages paid late, what they are worth, and how."""

    late_wages: Decimal
    amount: Decimal
    interest_only: bool
    source: str


def rule_on(as_of: date) -> FrequencyRule:
    """Return the rule in force on the day the claim is computed."""
    current = FREQUENCY_RULES[0]
    for rule in FREQUENCY_RULES:
        if rule.effective <= as_of:
            current = rule
    return current


def late_pay(
    paid_weeks: Iterable[Decimal], paid_every: str, *, repeat: bool, as_of: date
) -> LatePay:
    """Return what paying a manual worker every `paid_every` instead of weekly is worth.

    `paid_weeks` are the wages actually paid for each week within the
    limitation period; `repeat` says the employer was already found to have
    broken the rule.
    """
    days = PAY_PERIOD_DAYS[paid_every]
    rule = rule_on(as_of)
    if days <= 7:
        return LatePay(ZERO, ZERO, False, rule.source)
    paid = sum(paid_weeks, ZERO)
    late_wages = cents(paid * (1 - Decimal(7) / days))
    interest_only = (
        rule.first_violation_interest_only and not repeat and paid_every in AT_LEAST_SEMIMONTHLY
    )
    if interest_only:
        average_days_late = (days - 7) / 2
        amount = cents(paid * LOST_INTEREST_RATE * average_days_late / 365)
    else:
        amount = late_wages
    return LatePay(late_wages, amount, interest_only, rule.source)
