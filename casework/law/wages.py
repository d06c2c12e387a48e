"""What a worker is owed for a wage claim: wages, damages, penalties and interest.

Work periods are cut into workweeks of seven days counted from each period's
start date (`weeks`). A week's minimum wage prices each of its calendar days at
the highest rate in force that day, federal, state, city or industry
(`floors`), the hours taken as spread evenly over the week, so a week that
straddles a change pays the new rate for its days after the change. Tip
credits come from `tips`, short and split shifts from `shifts`, New York's
pay-frequency damages from `pay_frequency`.

Each week is computed under federal law and under the state's law, and the
higher amount is kept, never both (Rana v. Islam); liquidated damages follow
the law chosen for the week. When the two are equal the state is chosen. For
New York the comparison leaves out prejudgment interest, which is computed on
the chosen weeks together from their midpoint date. A week counts under a law
when its last day falls within that law's limitation period, counted back from
`as_of`; weeks outside every period are reported in `excluded_weeks` and left
out of the total.

Unpaid final pay, unlawful deductions and withheld tips are lines of their
own under state law (tips also under FLSA 203(m)(2)(B)); they are dropped when
the last day worked is outside the limitation period. Meal and rest premiums,
reporting-time and split-shift pay are lines of their own, counted over the
state's limitation period.

The inputs and outputs live in `claim`, the citations and labels in
`citations`; both are re-exported here.
"""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from . import floors, weekly
from .assumed import assumptions
from .citations import CITATIONS, LABELS, QUESTION_LABELS, TIP_CITATIONS, citation_for
from .claim import (
    Breakdown,
    Claim,
    ExcludedWeek,
    Line,
    OpenQuestion,
    Period,
    WeekDetail,
    validate,
)
from .dates import add_years
from .money import ZERO, cents, to_decimal
from .pay_frequency import late_pay
from .penalties import (
    CA_STATEMENT_RULES,
    ca_wage_statement_penalty,
    daily_wage,
    ny_wage_notice_damages,
    ny_wage_statement_damages,
    waiting_time,
)
from .rates import RULESET_VERSION, state_of
from .shifts import week_shift_pay
from .tips import week_credits
from .weeks import weeks_of

__all__ = [
    "CITATIONS",
    "LABELS",
    "Breakdown",
    "Claim",
    "ExcludedWeek",
    "Line",
    "OpenQuestion",
    "Period",
    "WeekDetail",
    "calculate",
    "validate",
]

# Limitation periods in years: FLSA 29 USC 255(a), NY LL 198(3)/663(3),
# California CCP 338.
FLSA_YEARS = 2
FLSA_WILLFUL_YEARS = 3
STATE_YEARS = {"NY": 6, "CA": 3}

WAGE_KEYS = (
    "unpaid_wages_federal",
    "unpaid_wages_state",
    "spread_of_hours",
    "unpaid_final_pay",
    "unlawful_deductions",
    "tips_withheld",
    "meal_rest_premiums",
    "reporting_time_pay",
    "split_shift_premium",
)
DAMAGES_KEYS = ("liquidated_damages_federal", "liquidated_damages_state", "late_pay_damages")
STATUTORY_KEYS = ("wage_notice_damages", "wage_statement_damages", "waiting_time_penalty")
INTEREST_KEYS = ("prejudgment_interest", "interest_on_final_pay")


@dataclass
class _Chosen:
    week: weekly.WeekFacts
    law: str
    result: weekly.WeekResult


def _state_result(
    claim: Claim, state: str, week: weekly.WeekFacts, credit: Decimal
) -> weekly.WeekResult:
    if state == "NY":
        return weekly.new_york(week, floors.floor(claim, week), claim.hospitality, credit)
    if state == "CA":
        return weekly.california(
            week,
            floors.floor(claim, week),
            claim.as_of,
            ld_minimum=floors.statutory_floor(claim, week),
        )
    return weekly.NOTHING


def _midpoint(first: date, last: date) -> date:
    return first + timedelta(days=(last - first).days // 2)


# -- the calculation ----------------------------------------------------------


class _Lines:
    def __init__(self, state: str) -> None:
        self.state = state
        self.lines: list[Line] = []
        self.questions: list[OpenQuestion] = []
        self.also_cite: dict[str, str] = {}  # a rule that shaped a line, beside its citation

    def add(self, key: str, amount: Decimal, **inputs: object) -> None:
        amount = cents(amount)
        if amount <= 0:
            return
        text = {name: str(value) for name, value in inputs.items()}
        citation = citation_for(key, self.state)
        if key in self.also_cite:
            citation = f"{citation}; {self.also_cite[key]}"
        self.lines.append(Line(key, LABELS[key], amount, citation, text))

    def ask(self, key: str, would_add: Decimal) -> None:
        """Name an answer marked not known and what it would add."""
        citation = citation_for(key, self.state)
        label = LABELS.get(key) or QUESTION_LABELS[key]
        self.questions.append(OpenQuestion(key, label, citation, cents(would_add)))

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

    weeks = [w for p in claim.periods for w in weeks_of(p, claim.third_party_employer)]
    chosen: list[_Chosen] = []
    details: list[WeekDetail] = []
    excluded: list[ExcludedWeek] = []
    lines = _Lines(state)
    local, statutory = floors.local_citations(claim, weeks)
    if local:
        lines.also_cite["unpaid_wages_state"] = local
        lines.also_cite["spread_of_hours"] = local
    if statutory:
        lines.also_cite["liquidated_damages_state"] = statutory
    for week in weeks:
        fed_credit, st_credit = week_credits(claim, state, week)
        if fed_credit > 0:
            lines.also_cite["unpaid_wages_federal"] = TIP_CITATIONS["US"]
        if st_credit > 0 and TIP_CITATIONS[state] not in lines.also_cite.get(
            "unpaid_wages_state", ""
        ):
            lines.also_cite["unpaid_wages_state"] = "; ".join(
                part
                for part in (lines.also_cite.get("unpaid_wages_state"), TIP_CITATIONS[state])
                if part
            )
        fed = weekly.federal(week, floors.federal_minimum(week), fed_credit)
        st = _state_result(claim, state, week, st_credit)
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
                minimum_wage=floors.floor(claim, week),
                owed_federal=fed.total,
                owed_state=st.total,
                chosen=label,
            )
        )

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
    if state == "CA" and state_from is not None:
        # Premiums are wages (Naranjo v. Spectrum, 2022): the state's 3 years, as their own line.
        premium_weeks = [w for w in weeks if w.end >= state_from]
        lines.add(
            "meal_rest_premiums",
            sum((weekly.ca_break_premiums(w, floors.floor(claim, w)) for w in premium_weeks), ZERO),
            weeks=len(premium_weeks),
        )

    call_in = ZERO
    if state_from is not None:
        shift_weeks = [w for w in weeks if w.end >= state_from]
        shift_pay = [
            week_shift_pay(w, state, floors.floor(claim, w), hospitality=claim.hospitality)
            for w in shift_weeks
        ]
        reporting = sum((pay[0] for pay in shift_pay), ZERO)
        lines.add("reporting_time_pay", reporting, weeks=len(shift_weeks))
        lines.add("split_shift_premium", sum((pay[1] for pay in shift_pay), ZERO))
        if state == "NY":  # call-in pay is wages: NY liquidated damages follow
            call_in = reporting

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
        state_ld += cents((final_pay + deductions + tips + call_in) * share)
    lines.add("liquidated_damages_state", state_ld, weeks=len(state_weeks))

    if state == "NY" and state_from is not None:
        _add_wtpa(claim, lines, weeks, state_from)
        if claim.manual_worker:
            late = late_pay(
                (w.paid for w in weeks if w.end >= state_from),
                claim.paid_every,
                repeat=claim.prior_late_pay_finding,
                as_of=as_of,
            )
            lines.also_cite["late_pay_damages"] = late.source
            lines.add("late_pay_damages", late.amount, late_wages=late.late_wages)
    if state == "CA":
        _add_ca_statements(claim, lines, weeks)
    if state == "CA" and claim.final_pay_days_late > 0 and extras_in_time:
        _add_waiting_time(claim, lines, weeks[-1])
    if state_from is not None:
        _add_interest(claim, lines, state, state_weeks, weeks, state_from, final_pay)
    total = sum((line.amount for line in lines.lines), ZERO)
    tipped_hourly = any(w.tipped and w.agreed_rate is not None for w in weeks)
    if tipped_hourly and claim.tip_credit_notice_given is None:
        # Not known: the credit is allowed; the question says what no notice would add.
        without = calculate(replace(claim, tip_credit_notice_given=False))
        if without.total > total:
            lines.ask("tip_credit_notice", without.total - total)

    return Breakdown(
        lines=lines.lines,
        unpaid_wages=lines.total(WAGE_KEYS),
        liquidated_damages=lines.total(DAMAGES_KEYS),
        statutory_damages=lines.total(STATUTORY_KEYS),
        interest=lines.total(INTEREST_KEYS),
        total=total,
        excluded_weeks=excluded,
        weeks=details,
        ruleset=RULESET_VERSION,
        assumptions=assumptions(claim, state, weeks),
        open_questions=lines.questions,
    )


def _add_wtpa(claim: Claim, lines: _Lines, weeks: list[weekly.WeekFacts], state_from: date) -> None:
    worked = [(w.start, w.workdays) for w in weeks if w.end >= state_from]
    notice = ny_wage_notice_damages(worked)
    statements = ny_wage_statement_damages(worked)
    if claim.wage_notice_given is None:
        lines.ask("wage_notice_damages", notice)
    elif not claim.wage_notice_given:
        lines.add("wage_notice_damages", notice, weeks=len(worked))
    if claim.wage_statements_given is None:
        lines.ask("wage_statement_damages", statements)
    elif not claim.wage_statements_given:
        lines.add("wage_statement_damages", statements, weeks=len(worked))


def _add_ca_statements(claim: Claim, lines: _Lines, weeks: list[weekly.WeekFacts]) -> None:
    """Labor Code 226(e): each week is taken as a pay period, counted one year back."""
    rule = CA_STATEMENT_RULES[-1]
    since = add_years(claim.as_of, -rule.limitation_years)
    periods = [w for w in weeks if w.end >= since and w.end >= rule.effective]
    penalty = ca_wage_statement_penalty(len(periods))
    if claim.wage_statements_given is None:
        lines.ask("wage_statement_damages", penalty)
    elif not claim.wage_statements_given:
        lines.add("wage_statement_damages", penalty, weeks=len(periods))


def _add_waiting_time(claim: Claim, lines: _Lines, last: weekly.WeekFacts) -> None:
    minimum = floors.floor(claim, last)
    at_minimum = daily_wage(minimum, last.hours_per_day)
    if last.agreed_rate is not None:
        day = daily_wage(max(last.agreed_rate, minimum), last.hours_per_day)
    else:
        period = claim.periods[-1]
        weekly_pay = to_decimal(period.pay_per_week) if period.pay_per_week is not None else ZERO
        salaried = daily_wage(annual_salary=weekly_pay * 52, days_per_week=period.days_per_week)
        day = max(salaried, at_minimum)
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
