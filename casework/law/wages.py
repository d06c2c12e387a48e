"""What a worker is owed for a wage claim: wages, damages, penalties and interest.

Work periods are cut into workweeks of seven days counted from each period's
start date (the last week of a period may be shorter: it counts
min(calendar days, days_per_week) workdays and that share of the weekly hours
and pay). A week's minimum wage is the rate in force on its first day, so a
period that should pick up a new rate mid-week is best split on the change day.

Each week is computed under federal law and under the state's law, and the
higher amount is kept, never both (Rana v. Islam, K11); liquidated damages
follow the law chosen for the week. When the two are equal the state is
chosen. For New York the comparison leaves out prejudgment interest, which is
computed on the chosen weeks together from their midpoint date. A week counts
under a law when its last day falls within that law's limitation period,
counted back from `as_of`; weeks outside every period are reported in
`excluded_weeks` and left out of the total.

Unpaid final pay, unlawful deductions and withheld tips are lines of their
own under state law (tips also under FLSA 203(m)(2)(B)); they are dropped when
the last day worked is outside the limitation period.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from . import weekly
from .dates import add_years
from .errors import ClaimError
from .i18n import N_
from .money import ZERO, cents, to_decimal
from .penalties import daily_wage, ny_wage_notice_damages, ny_wage_statement_damages, waiting_time
from .rates import REGIONS, RULESET_VERSION, federal_row, minimum_wage, state_of

# Limitation periods in years: FLSA 29 USC 255(a) (K9), NY LL 198(3)/663(3) (K21),
# California CCP 338 (K45).
FLSA_YEARS = 2
FLSA_WILLFUL_YEARS = 3
STATE_YEARS = {"NY": 6, "CA": 3}


@dataclass(frozen=True)
class Period:
    """A stretch of work with the same hours and pay.

    `hourly_rate` or `pay_per_week` (exactly one) is what the worker was
    actually paid: the agreed hourly rate, or the weekly cash covering all the
    week's hours. With `hourly_rate`, every hour is taken as paid at that rate
    unless `paid_per_week` says what was really paid each week; with
    `pay_per_week`, `paid_per_week` likewise overrides what was received.
    `long_days_per_week` counts days whose spread exceeded 10 hours (NY spread
    of hours). `hours_per_day` feeds California daily overtime; when absent it
    is hours_per_week / days_per_week. `live_in` marks a live-in domestic
    worker (NY overtime after 44 hours; no FLSA overtime).
    """

    start: date
    end: date
    hours_per_week: Decimal
    days_per_week: int
    hourly_rate: Decimal | None = None
    pay_per_week: Decimal | None = None
    long_days_per_week: int = 0
    live_in: bool = False
    hours_per_day: Decimal | None = None
    paid_per_week: Decimal | None = None


@dataclass(frozen=True)
class Claim:
    """One worker's wage claim against an employer, as of a date."""

    periods: Sequence[Period]
    region: str
    as_of: date
    unpaid_final_pay: Decimal = Decimal(0)
    deductions: Decimal = Decimal(0)
    tips_withheld: Decimal = Decimal(0)
    wage_notice_given: bool = True
    wage_statements_given: bool = True
    willful: bool = False
    final_pay_due_on: date | None = None
    final_pay_days_late: int = 0
    hospitality: bool = False


@dataclass(frozen=True)
class Line:
    """One amount in the breakdown, with a translatable label and its legal basis."""

    key: str
    label: str
    amount: Decimal
    citation: str
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WeekDetail:
    """One workweek: what was paid, the floor, and what each law would award.

    `owed_federal` and `owed_state` are wages plus liquidated damages (and, in
    California, interest) under each law; `chosen` is "federal", "state",
    "none" (nothing owed) or "excluded" (outside every limitation period).
    """

    start: date
    end: date
    hours: Decimal
    paid: Decimal
    minimum_wage: Decimal
    owed_federal: Decimal
    owed_state: Decimal
    chosen: str


@dataclass(frozen=True)
class ExcludedWeek:
    """A week outside the limitation period and what it would have added."""

    start: date
    end: date
    amount: Decimal


@dataclass(frozen=True)
class Breakdown:
    """The computed claim: lines summing to the total, with per-week detail."""

    lines: list[Line]
    unpaid_wages: Decimal
    liquidated_damages: Decimal
    statutory_damages: Decimal
    interest: Decimal
    total: Decimal
    excluded_weeks: list[ExcludedWeek]
    weeks: list[WeekDetail]
    ruleset: str


WAGE_KEYS = (
    "unpaid_wages_federal",
    "unpaid_wages_state",
    "spread_of_hours",
    "unpaid_final_pay",
    "unlawful_deductions",
    "tips_withheld",
)
DAMAGES_KEYS = ("liquidated_damages_federal", "liquidated_damages_state")
STATUTORY_KEYS = ("wage_notice_damages", "wage_statement_damages", "waiting_time_penalty")
INTEREST_KEYS = ("prejudgment_interest", "interest_on_final_pay")

CITATIONS = {
    "unpaid_wages_federal": "29 USC 206, 207; 29 CFR 778 [K1-K6]",
    ("unpaid_wages_state", "NY"): "NY Labor Law 650-665; 12 NYCRR 142-2.2 [K12-K17]",
    ("unpaid_wages_state", "CA"): "Cal. Labor Code 510, 1194, 1197 [K33-K38]",
    "spread_of_hours": "12 NYCRR 142-2.4, 146-1.6 [K18, K19]",
    ("unpaid_final_pay", "NY"): "NY Labor Law 191(3), 198 [K22]",
    ("unpaid_final_pay", "CA"): "Cal. Labor Code 201, 202 [K39]",
    ("unpaid_final_pay", "US"): "Agreed wages for work performed",
    ("unlawful_deductions", "NY"): "NY Labor Law 193, 198 [K22]",
    ("unlawful_deductions", "CA"): "Cal. Labor Code 221, 224",
    ("unlawful_deductions", "US"): "Agreed wages withheld",
    ("tips_withheld", "NY"): "NY Labor Law 196-d, 198 [K22]",
    ("tips_withheld", "CA"): "Cal. Labor Code 351",
    ("tips_withheld", "US"): "29 USC 203(m)(2)(B), 216(b) [K7]",
    "liquidated_damages_federal": "29 USC 216(b) [K7, K11]",
    ("liquidated_damages_state", "NY"): "NY Labor Law 198(1-a), 663(1) [K21-K23]",
    ("liquidated_damages_state", "CA"): "Cal. Labor Code 1194.2 [K42]",
    "wage_notice_damages": "NY Labor Law 195(1), 198(1-b) [K27]",
    "wage_statement_damages": "NY Labor Law 195(3), 198(1-d) [K27, K28]",
    "waiting_time_penalty": "Cal. Labor Code 203 [K39-K41]",
    ("prejudgment_interest", "NY"): "CPLR 5001, 5004 [K24-K26]",
    ("prejudgment_interest", "CA"): "Cal. Civil Code 3289(b); Labor Code 218.6 [K43, K44]",
    ("interest_on_final_pay", "NY"): "CPLR 5001, 5004 [K24-K26]",
    ("interest_on_final_pay", "CA"): "Cal. Civil Code 3289(b); Labor Code 218.6 [K43, K44]",
}

LABELS = {
    "unpaid_wages_federal": N_("Unpaid minimum wage and overtime (federal law)"),
    "unpaid_wages_state": N_("Unpaid minimum wage and overtime (state law)"),
    "spread_of_hours": N_("Spread-of-hours pay"),
    "unpaid_final_pay": N_("Unpaid final pay"),
    "unlawful_deductions": N_("Unlawful deductions from pay"),
    "tips_withheld": N_("Tips kept by the employer"),
    "liquidated_damages_federal": N_("Liquidated damages (federal law)"),
    "liquidated_damages_state": N_("Liquidated damages (state law)"),
    "wage_notice_damages": N_("Damages for no wage notice"),
    "wage_statement_damages": N_("Damages for no pay stubs"),
    "waiting_time_penalty": N_("Waiting-time penalty for late final pay"),
    "prejudgment_interest": N_("Interest on unpaid wages"),
    "interest_on_final_pay": N_("Interest on unpaid final pay"),
}


# -- validation ---------------------------------------------------------------


def _number(value: object, name: str, *, optional: bool = False) -> Decimal | None:
    if value is None:
        if optional:
            return None
        raise ClaimError(name, "is required")
    try:
        number = to_decimal(value, name)
    except (TypeError, ValueError, ArithmeticError) as exc:
        raise ClaimError(name, "must be a number") from exc
    if number < 0:
        raise ClaimError(name, "must not be negative")
    return number


def _check_period(index: int, period: Period, as_of: date) -> None:
    name = f"periods[{index}]"
    if period.end < period.start:
        raise ClaimError(f"{name}.end", "is before the start of the period")
    if period.end > as_of:
        raise ClaimError(f"{name}.end", "is after the as-of date")
    hours = _number(period.hours_per_week, f"{name}.hours_per_week")
    if hours > 168:
        raise ClaimError(f"{name}.hours_per_week", "must be between 0 and 168")
    if not isinstance(period.days_per_week, int) or not 1 <= period.days_per_week <= 7:
        raise ClaimError(f"{name}.days_per_week", "must be between 1 and 7")
    rate = _number(period.hourly_rate, f"{name}.hourly_rate", optional=True)
    weekly_pay = _number(period.pay_per_week, f"{name}.pay_per_week", optional=True)
    if (rate is None) == (weekly_pay is None):
        raise ClaimError(f"{name}.hourly_rate", "give either an hourly rate or a weekly pay")
    _number(period.paid_per_week, f"{name}.paid_per_week", optional=True)
    per_day = _number(period.hours_per_day, f"{name}.hours_per_day", optional=True)
    if per_day is not None and per_day > 24:
        raise ClaimError(f"{name}.hours_per_day", "must be between 0 and 24")
    long_days = period.long_days_per_week
    if not isinstance(long_days, int) or not 0 <= long_days <= period.days_per_week:
        raise ClaimError(f"{name}.long_days_per_week", "must be between 0 and days per week")
    try:
        federal_row(period.start)
    except ValueError as exc:
        raise ClaimError(f"{name}.start", str(exc)) from exc


def validate(claim: Claim) -> None:
    """Raise ClaimError naming the first invalid field of a claim."""
    if claim.region not in REGIONS:
        raise ClaimError("region", f"must be one of {', '.join(REGIONS)}")
    if not claim.periods:
        raise ClaimError("periods", "at least one work period is needed")
    for index, period in enumerate(claim.periods):
        _check_period(index, period, claim.as_of)
        if index and period.start <= claim.periods[index - 1].end:
            raise ClaimError(
                f"periods[{index}].start", "must come after the end of the previous period"
            )
    for name in ("unpaid_final_pay", "deductions", "tips_withheld"):
        _number(getattr(claim, name), name)
    if not isinstance(claim.final_pay_days_late, int) or claim.final_pay_days_late < 0:
        raise ClaimError("final_pay_days_late", "must be zero or more days")


# -- weeks ------------------------------------------------------------------


def _weeks_of(period: Period) -> list[weekly.WeekFacts]:
    hours = to_decimal(period.hours_per_week)
    days = period.days_per_week
    per_day = to_decimal(period.hours_per_day) if period.hours_per_day is not None else hours / days
    rate = to_decimal(period.hourly_rate) if period.hourly_rate is not None else None
    weekly_pay = to_decimal(period.pay_per_week) if period.pay_per_week is not None else None
    paid_weekly = to_decimal(period.paid_per_week) if period.paid_per_week is not None else None
    result = []
    start = period.start
    while start <= period.end:
        end = min(start + timedelta(days=6), period.end)
        workdays = min((end - start).days + 1, days)
        share = Decimal(workdays) / days
        week_hours = hours * share
        agreed_weekly = weekly_pay * share if weekly_pay is not None else None
        if paid_weekly is not None:
            paid = paid_weekly * share
        elif rate is not None:
            paid = rate * week_hours
        else:
            paid = agreed_weekly
        result.append(
            weekly.WeekFacts(
                start=start,
                end=end,
                hours=week_hours,
                workdays=workdays,
                hours_per_day=per_day,
                paid=paid,
                agreed_rate=rate,
                agreed_weekly=agreed_weekly,
                long_days=min(period.long_days_per_week, workdays),
                live_in=period.live_in,
            )
        )
        start = end + timedelta(days=1)
    return result


@dataclass
class _Chosen:
    week: weekly.WeekFacts
    law: str
    result: weekly.WeekResult


def _state_result(claim: Claim, state: str, week: weekly.WeekFacts) -> weekly.WeekResult:
    if state == "NY":
        return weekly.new_york(week, minimum_wage(claim.region, week.start), claim.hospitality)
    if state == "CA":
        return weekly.california(week, minimum_wage(claim.region, week.start), claim.as_of)
    return weekly.NOTHING


def _midpoint(first: date, last: date) -> date:
    return first + timedelta(days=(last - first).days // 2)


# -- the calculation ----------------------------------------------------------


class _Lines:
    def __init__(self, state: str) -> None:
        self.state = state
        self.lines: list[Line] = []

    def add(self, key: str, amount: Decimal, **inputs: object) -> None:
        amount = cents(amount)
        if amount <= 0:
            return
        citation = CITATIONS.get(key) or CITATIONS[(key, self.state)]
        text = {name: str(value) for name, value in inputs.items()}
        self.lines.append(Line(key, LABELS[key], amount, citation, text))

    def total(self, keys: tuple[str, ...]) -> Decimal:
        return sum((line.amount for line in self.lines if line.key in keys), ZERO)


def calculate(claim: Claim) -> Breakdown:
    """Compute a wage claim's breakdown; raise ClaimError for invalid input."""
    validate(claim)
    state = state_of(claim.region)
    as_of = claim.as_of
    flsa_years = FLSA_WILLFUL_YEARS if claim.willful else FLSA_YEARS
    federal_from = add_years(as_of, -flsa_years)
    state_from = add_years(as_of, -STATE_YEARS[state]) if state in STATE_YEARS else None

    weeks = [week for period in claim.periods for week in _weeks_of(period)]
    chosen: list[_Chosen] = []
    details: list[WeekDetail] = []
    excluded: list[ExcludedWeek] = []
    for week in weeks:
        fed = weekly.federal(week, federal_row(week.start).rate)
        st = _state_result(claim, state, week)
        options = []
        if state_from is not None and week.end >= state_from:
            options.append(("state", st))
        if week.end >= federal_from:
            options.append(("federal", fed))
        if options:
            # max() keeps the first of equals, and the state is listed first.
            law, result = max(options, key=lambda option: option[1].total)
            label = law if result.total > 0 else "none"
            if result.total > 0:
                chosen.append(_Chosen(week, law, result))
        else:
            label = "excluded"
            would_be = max(fed.total, st.total)
            if would_be > 0:
                excluded.append(ExcludedWeek(week.start, week.end, would_be))
        details.append(
            WeekDetail(
                start=week.start,
                end=week.end,
                hours=week.hours,
                paid=cents(week.paid),
                minimum_wage=minimum_wage(claim.region, week.start),
                owed_federal=fed.total,
                owed_state=st.total,
                chosen=label,
            )
        )

    lines = _Lines(state)
    federal_weeks = [c for c in chosen if c.law == "federal"]
    state_weeks = [c for c in chosen if c.law == "state"]
    lines.add(
        "unpaid_wages_federal",
        sum((c.result.wages for c in federal_weeks), ZERO),
        weeks=len(federal_weeks),
    )
    state_wages = sum((c.result.wages for c in state_weeks), ZERO)
    spread = sum((c.result.spread for c in state_weeks), ZERO)
    lines.add("unpaid_wages_state", state_wages, weeks=len(state_weeks))
    lines.add("spread_of_hours", spread, weeks=len(state_weeks))

    last_day = claim.periods[-1].end
    limitation_start = state_from if state_from is not None else federal_from
    extras_in_time = last_day >= limitation_start
    final_pay = to_decimal(claim.unpaid_final_pay) if extras_in_time else ZERO
    deductions = to_decimal(claim.deductions) if extras_in_time else ZERO
    tips = to_decimal(claim.tips_withheld) if extras_in_time else ZERO
    lines.add("unpaid_final_pay", final_pay, last_day_worked=last_day)
    lines.add("unlawful_deductions", deductions)
    lines.add("tips_withheld", tips)

    lines.add(
        "liquidated_damages_federal",
        sum((c.result.liquidated for c in federal_weeks), ZERO) + (tips if state == "US" else ZERO),
        share="1.00",
    )
    state_ld = sum((c.result.liquidated for c in state_weeks), ZERO)
    if state == "NY":
        share = Decimal(1) if last_day >= weekly.WTPA_LD_CHANGE else Decimal("0.25")
        state_ld += cents((final_pay + deductions + tips) * share)
    lines.add("liquidated_damages_state", state_ld, weeks=len(state_weeks))

    if state == "NY":
        _add_wtpa(claim, lines, weeks, state_from)
    if state == "CA" and claim.final_pay_days_late > 0 and extras_in_time:
        _add_waiting_time(claim, lines, weeks[-1])
    if state in STATE_YEARS:
        _add_interest(claim, lines, state, state_weeks, weeks, state_from, final_pay)

    unpaid = lines.total(WAGE_KEYS)
    liquidated = lines.total(DAMAGES_KEYS)
    statutory = lines.total(STATUTORY_KEYS)
    interest = lines.total(INTEREST_KEYS)
    return Breakdown(
        lines=lines.lines,
        unpaid_wages=unpaid,
        liquidated_damages=liquidated,
        statutory_damages=statutory,
        interest=interest,
        total=sum((line.amount for line in lines.lines), ZERO),
        excluded_weeks=excluded,
        weeks=details,
        ruleset=RULESET_VERSION,
    )


def _add_wtpa(claim: Claim, lines: _Lines, weeks: list[weekly.WeekFacts], state_from: date) -> None:
    worked = [(w.start, w.workdays) for w in weeks if w.end >= state_from]
    if not claim.wage_notice_given:
        lines.add("wage_notice_damages", ny_wage_notice_damages(worked), weeks=len(worked))
    if not claim.wage_statements_given:
        lines.add("wage_statement_damages", ny_wage_statement_damages(worked), weeks=len(worked))


def _add_waiting_time(claim: Claim, lines: _Lines, last: weekly.WeekFacts) -> None:
    minimum = minimum_wage(claim.region, last.start)
    if last.agreed_rate is not None:
        rate = last.agreed_rate
    else:
        rate = last.agreed_weekly / last.hours if last.hours else ZERO
    day = daily_wage(max(rate, minimum), last.hours_per_day)
    lines.add(
        "waiting_time_penalty",
        waiting_time(day, claim.final_pay_days_late),
        daily_wage=day,
        days_late=claim.final_pay_days_late,
    )


def _add_interest(
    claim: Claim,
    lines: _Lines,
    state: str,
    state_weeks: list[_Chosen],
    weeks: list[weekly.WeekFacts],
    state_from: date,
    final_pay: Decimal,
) -> None:
    as_of = claim.as_of
    rate = weekly.NY_INTEREST if state == "NY" else weekly.CA_INTEREST
    owed = [c for c in state_weeks if c.result.wages + c.result.spread > 0]
    in_time = [w for w in weeks if w.end >= state_from]
    other = to_decimal(claim.deductions) + to_decimal(claim.tips_withheld) if in_time else ZERO
    span = owed or [_Chosen(w, "state", weekly.NOTHING) for w in in_time]
    amount = ZERO
    midpoint = None
    if span:
        midpoint = _midpoint(span[0].week.start, span[-1].week.end)
        amount += weekly.interest_from(other, rate, midpoint, as_of)
    if state == "NY":
        # CPLR 5001(b): one reasonable intermediate date for wages paid over time.
        base = sum((c.result.wages + c.result.spread for c in owed), ZERO)
        if midpoint is not None:
            amount += weekly.interest_from(base, rate, midpoint, as_of)
        lines.add("prejudgment_interest", amount, rate=rate, since=midpoint, to=as_of)
    else:
        # California runs interest from each payday, taken as the week's last day.
        amount += sum((c.result.interest for c in state_weeks), ZERO)
        lines.add("prejudgment_interest", amount, rate=rate, since="each payday", to=as_of)
    if final_pay > 0:
        due = claim.final_pay_due_on or claim.periods[-1].end + timedelta(days=1)
        lines.add(
            "interest_on_final_pay",
            weekly.interest_from(final_pay, rate, due, as_of),
            rate=rate,
            since=due,
            to=as_of,
        )
