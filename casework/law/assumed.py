"""What a calculation assumed where the law turns on a fact it was not given.

Each sentence is a translatable msgid from `citations.ASSUMPTIONS`, listed once
on the breakdown in the order first met.
"""

from collections.abc import Sequence
from decimal import Decimal

from .citations import ASSUMPTIONS
from .claim import Claim
from .pay_frequency import late_pay
from .weekly import WeekFacts


def _pay_keys(claim: Claim, state: str) -> list[str]:
    keys: list[str] = []
    for period in claim.periods:
        if period.pay_per_week is None:
            continue
        if period.fluctuating_workweek:
            keys.append("fluctuating")
        else:
            keys.append("salary_hours" if period.salary_hours is not None else "salary_40")
        if state == "NY" and claim.hospitality:
            keys.append("NY_hospitality")
        if state == "CA":
            keys.append("CA")
    return keys


def _tip_keys(claim: Claim, state: str, weeks: Sequence[WeekFacts]) -> list[str]:
    tipped = [w for w in weeks if w.tipped and w.agreed_rate is not None]
    if not tipped:
        return []
    keys: list[str] = []
    if state == "CA":
        keys.append("CA_no_tip_credit")
    if state == "NY" and not claim.hospitality:
        keys.append("NY_tips_outside_hospitality")
    if claim.tip_credit_notice_given is False:
        keys.append("no_tip_notice")
        return keys
    keys.append("tip_credit")
    if claim.tip_credit_notice_given is None:
        keys.append("tip_notice_unknown")
    if any(w.tips is None for w in tipped):
        keys.append("tips_unknown")
    return keys


def _local_keys(claim: Claim, state: str) -> list[str]:
    keys: list[str] = []
    if claim.work_city or claim.wage_industry:
        keys.append("local_minimum")
    if claim.work_city and state == "CA":
        keys.append("CA_city_ld")
    return keys


def _late_pay_keys(claim: Claim, state: str) -> list[str]:
    if state != "NY" or not claim.manual_worker or claim.paid_every == "weekly":
        return []
    late = late_pay(
        [Decimal(1)], claim.paid_every, repeat=claim.prior_late_pay_finding, as_of=claim.as_of
    )
    return [
        "late_pay_schedule",
        "late_pay_interest" if late.interest_only else "late_pay_liquidated",
    ]


def assumptions(claim: Claim, state: str, weeks: Sequence[WeekFacts]) -> list[str]:
    """Return the sentences saying what the calculation assumed, each once."""
    found: list[str] = []
    keys = _pay_keys(claim, state) + _tip_keys(claim, state, weeks) + _local_keys(claim, state)
    keys += _late_pay_keys(claim, state)
    if state == "NY" and any(w.split_days and w.long_days for w in weeks):
        keys.append("NY_split_and_long")
    for key in keys:
        if ASSUMPTIONS[key] not in found:
            found.append(ASSUMPTIONS[key])
    return found
