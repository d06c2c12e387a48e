"""The wage calculator service: map a stored wage claim to the law package and back.

The inputs (WageClaim and its WorkPeriod rows) are what staff type in; the
breakdown is always derived from them by `casework.law.wages.calculate`. The
last result is stored on the claim (total, unpaid wages, the day it was
computed, the as-of date and the rule-set version) for lists and reports, and
the case's `amount_claimed` is the sum over its workers.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from casework.extensions import db
from casework.law import wages
from casework.law.errors import ClaimError
from casework.law.money import ZERO
from casework.models.case import Case, CaseWorker
from casework.models.claims import WageClaim, WorkPeriod

__all__ = [
    "CaseResult",
    "ClaimError",
    "claim_from_model",
    "compute",
    "compute_case",
    "ensure_claim",
    "save_claim",
    "save_result",
]


def _dec(value) -> Decimal:
    return Decimal(value) if value is not None else Decimal(0)


def _opt(value) -> Decimal | None:
    return Decimal(value) if value is not None else None


def period_from_model(row: WorkPeriod) -> wages.Period:
    """Return the law package's Period for a stored work period."""
    return wages.Period(
        start=row.start,
        end=row.end,
        hours_per_week=_dec(row.hours_per_week),
        days_per_week=int(row.days_per_week),
        hourly_rate=_opt(row.hourly_rate),
        pay_per_week=_opt(row.pay_per_week),
        long_days_per_week=int(row.long_days_per_week or 0),
        live_in=bool(row.live_in),
        missed_meal_days_per_week=int(row.missed_meal_days_per_week or 0),
        missed_rest_days_per_week=int(row.missed_rest_days_per_week or 0),
        hours_per_day=_opt(row.hours_per_day),
        tipped=bool(row.tipped),
        tips_per_week=_opt(row.tips_per_week),
        untipped_days_per_week=int(row.untipped_days_per_week or 0),
        short_days_per_week=int(row.short_days_per_week or 0),
        short_day_hours=_opt(row.short_day_hours),
        short_day_scheduled_hours=_opt(row.short_day_scheduled_hours),
        split_shift_days_per_week=int(row.split_shift_days_per_week or 0),
        paid_per_week=_opt(row.paid_per_week),
        salary_hours=_opt(row.salary_hours),
        fluctuating_workweek=bool(row.fluctuating_workweek),
    )


def claim_from_model(wage_claim: WageClaim, *, region: str, as_of: date) -> wages.Claim:
    """Return the law package's Claim for a stored wage claim, periods in date order."""
    periods = sorted(wage_claim.periods, key=lambda p: (p.start, p.end))
    return wages.Claim(
        periods=[period_from_model(p) for p in periods],
        region=region,
        as_of=as_of,
        unpaid_final_pay=_dec(wage_claim.unpaid_final_pay),
        deductions=_dec(wage_claim.deductions),
        tips_withheld=_dec(wage_claim.tips_withheld),
        wage_notice_given=wage_claim.wage_notice_given,
        wage_statements_given=wage_claim.wage_statements_given,
        willful=bool(wage_claim.willful),
        final_pay_days_late=int(wage_claim.final_pay_days_late or 0),
        hospitality=bool(wage_claim.hospitality),
        tip_credit_notice_given=wage_claim.tip_credit_notice_given,
        work_city=wage_claim.work_city,
        wage_industry=wage_claim.wage_industry,
        manual_worker=bool(wage_claim.manual_worker),
        paid_every=wage_claim.paid_every or "weekly",
        prior_late_pay_finding=bool(wage_claim.prior_late_pay_finding),
    )


def _case_of(wage_claim: WageClaim) -> Case:
    return wage_claim.case_worker.case


def compute(wage_claim: WageClaim, *, as_of: date | None = None) -> wages.Breakdown:
    """Compute a claim's breakdown under the case's jurisdiction; raises ClaimError.

    A claim without periods raises ClaimError("periods", ...).
    """
    as_of = as_of or date.today()
    region = _case_of(wage_claim).jurisdiction
    return wages.calculate(claim_from_model(wage_claim, region=region, as_of=as_of))


@dataclass(frozen=True)
class WorkerResult:
    """One worker's line in a case summary: the breakdown, or why there is none."""

    case_worker: CaseWorker
    breakdown: wages.Breakdown | None
    error: ClaimError | None


@dataclass(frozen=True)
class CaseResult:
    """Every worker's breakdown on a case and the case total."""

    workers: list[WorkerResult]
    total: Decimal

    @property
    def pairs(self) -> list[tuple[CaseWorker, wages.Breakdown]]:
        """(case worker, breakdown) for the workers whose claim could be computed."""
        return [(w.case_worker, w.breakdown) for w in self.workers if w.breakdown is not None]


def compute_case(case: Case, *, as_of: date | None = None) -> CaseResult:
    """Compute every worker's claim on a case and the case total.

    Workers without a claim or with incomplete facts are listed with the error
    (no periods yet, say) and count zero towards the total.
    """
    as_of = as_of or date.today()
    results: list[WorkerResult] = []
    total = ZERO
    for link in case.worker_links:
        claim = link.wage_claim
        if claim is None:
            results.append(WorkerResult(link, None, ClaimError("periods", "no wage claim yet")))
            continue
        try:
            breakdown = compute(claim, as_of=as_of)
        except ClaimError as exc:
            results.append(WorkerResult(link, None, exc))
            continue
        results.append(WorkerResult(link, breakdown, None))
        total += breakdown.total
    return CaseResult(results, total)


def _update_case_total(case: Case) -> None:
    totals = [
        link.wage_claim.computed_total
        for link in case.worker_links
        if link.wage_claim is not None and link.wage_claim.computed_total is not None
    ]
    case.amount_claimed = sum(totals, ZERO) if totals else None


def save_result(
    wage_claim: WageClaim,
    breakdown: wages.Breakdown,
    *,
    as_of: date | None = None,
    computed_on: date | None = None,
) -> None:
    """Store a breakdown's figures on the claim and the case's amount claimed (no commit)."""
    wage_claim.computed_total = breakdown.total
    wage_claim.computed_unpaid_wages = breakdown.unpaid_wages
    wage_claim.computed_on = computed_on or date.today()
    wage_claim.computed_as_of = as_of or wage_claim.computed_as_of or date.today()
    wage_claim.ruleset_version = breakdown.ruleset
    _update_case_total(_case_of(wage_claim))
    db.session.flush()


def clear_result(wage_claim: WageClaim) -> None:
    """Forget a stored result (the facts no longer compute); the case total follows."""
    wage_claim.computed_total = None
    wage_claim.computed_unpaid_wages = None
    wage_claim.computed_on = None
    wage_claim.computed_as_of = None
    wage_claim.ruleset_version = None
    _update_case_total(_case_of(wage_claim))
    db.session.flush()


def ensure_claim(case_worker: CaseWorker) -> WageClaim:
    """Return the worker's wage claim, creating an empty one if the case has none yet."""
    if case_worker.wage_claim is None:
        claim = WageClaim(case_worker=case_worker)
        db.session.add(claim)
        db.session.flush()
    return case_worker.wage_claim


@dataclass(frozen=True)
class PeriodFacts:
    """One period as typed in, already parsed."""

    start: date
    end: date
    hours_per_week: Decimal
    days_per_week: int
    hourly_rate: Decimal | None = None
    pay_per_week: Decimal | None = None
    long_days_per_week: int = 0
    hours_per_day: Decimal | None = None
    live_in: bool = False
    missed_meal_days_per_week: int = 0
    missed_rest_days_per_week: int = 0
    tipped: bool = False
    tips_per_week: Decimal | None = None
    untipped_days_per_week: int = 0
    short_days_per_week: int = 0
    short_day_hours: Decimal | None = None
    short_day_scheduled_hours: Decimal | None = None
    split_shift_days_per_week: int = 0
    paid_per_week: Decimal | None = None
    salary_hours: Decimal | None = None
    fluctuating_workweek: bool = False


@dataclass(frozen=True)
class ClaimFacts:
    """A wage claim's facts as typed in, already parsed."""

    periods: list[PeriodFacts]
    unpaid_final_pay: Decimal = Decimal(0)
    deductions: Decimal = Decimal(0)
    tips_withheld: Decimal = Decimal(0)
    wage_notice_given: bool | None = None  # None: not known
    wage_statements_given: bool | None = None
    willful: bool = False
    hospitality: bool = False
    final_pay_days_late: int = 0
    tip_credit_notice_given: bool | None = None  # None: not known, or no tipped work
    work_city: str | None = None  # a city with its own minimum wage (law.local_rates)
    wage_industry: str | None = None  # an industry with its own minimum wage
    manual_worker: bool = False  # New York pay frequency (Labor Law 191)
    paid_every: str = "weekly"
    prior_late_pay_finding: bool = False


#: The claim-level facts, named alike on ClaimFacts, WageClaim and the law's Claim.
CLAIM_FIELDS = (
    "unpaid_final_pay",
    "deductions",
    "tips_withheld",
    "wage_notice_given",
    "wage_statements_given",
    "willful",
    "hospitality",
    "final_pay_days_late",
    "tip_credit_notice_given",
    "work_city",
    "wage_industry",
    "manual_worker",
    "paid_every",
    "prior_late_pay_finding",
)


def _check(facts: ClaimFacts, region: str, as_of: date) -> wages.Breakdown:
    claim = wages.Claim(
        periods=[wages.Period(**asdict(p)) for p in facts.periods],
        region=region,
        as_of=as_of,
        **{name: getattr(facts, name) for name in CLAIM_FIELDS},
    )
    return wages.calculate(claim)


def save_claim(
    case_worker: CaseWorker, facts: ClaimFacts, *, as_of: date | None = None
) -> wages.Breakdown:
    """Validate and store a worker's wage-claim facts, recompute and store the result.

    The facts are checked by the law package first (periods must already be in
    date order, so an error's index matches the form's row); on ClaimError
    nothing is changed. Periods are replaced as a whole.
    """
    from casework import audit  # local: keeps this module importable without the app
    from casework.services.timeline import add_event

    as_of = as_of or date.today()
    case = case_worker.case
    periods = list(facts.periods)
    breakdown = _check(facts, case.jurisdiction, as_of)  # raises ClaimError, nothing changed

    claim = ensure_claim(case_worker)
    for name in CLAIM_FIELDS:
        setattr(claim, name, getattr(facts, name))
    claim.periods.clear()
    db.session.flush()
    for p in periods:
        claim.periods.append(WorkPeriod(**asdict(p)))
    save_result(claim, breakdown, as_of=as_of)
    audit.record(
        "wage_claim.calculate",
        object_type="wage_claim",
        object_id=claim.id,
        case_id=case.id,
        detail=f"total {breakdown.total}; rule set {breakdown.ruleset}",
    )
    add_event(case, "wages_calculated", ref_id=claim.id)
    return breakdown
