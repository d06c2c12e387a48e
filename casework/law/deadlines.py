"""Limitation and judgment deadlines computed from a case's facts.

Every rule carries its source (K# keys from the domain rules plus the statute)
and, where the source is unsure, says so in its rule text. A deadline whose
inputs are missing is skipped rather than guessed.

Wage claims: each unpaid workweek has its own clock, starting when that
week's pay was due. The earliest weeks therefore expire first, counted from
the first day worked, and the last weeks last, counted from the last day
worked; both dates are given for each law.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from .dates import add_months, add_years
from .i18n import N_
from .interest import ny_fifteen_percent_date
from .rates import state_of


@dataclass(frozen=True)
class ComputedDeadline:
    """A computed due date with the rule and the source that set it."""

    key: str
    label: str
    due_on: date
    rule: str
    source: str
    #: The day the step the deadline asks for was taken, when the facts record it.
    met_on: date | None = None


@dataclass(frozen=True)
class CaseFacts:
    """The dates and facts that deadlines depend on; any date may be unknown (None)."""

    case_type: str  # "wage_theft" | "workers_comp" | "retaliation"
    region: str
    first_day_worked: date | None = None
    last_day_worked: date | None = None
    willful: bool = False
    injury_date: date | None = None
    notice_to_employer_on: date | None = None
    protected_activity_on: date | None = None
    adverse_action_on: date | None = None
    employer_is_entity: bool = True


CASE_TYPES = ("wage_theft", "workers_comp", "retaliation")


#: Rule texts of the wage limitation periods, one msgid per length (so they translate).
WAGE_RULES = {
    2: (
        N_("2 years from the first day worked (each week has its own clock)"),
        N_("2 years from the last day worked"),
    ),
    3: (
        N_("3 years from the first day worked (each week has its own clock)"),
        N_("3 years from the last day worked"),
    ),
    1: (
        N_("1 year from the first day worked (each pay period has its own clock)"),
        N_("1 year from the last day worked"),
    ),
    4: (
        N_("4 years from the first day worked (each week has its own clock)"),
        N_("4 years from the last day worked"),
    ),
    6: (
        N_("6 years from the first day worked (each week has its own clock)"),
        N_("6 years from the last day worked"),
    ),
}


def _wage_law(
    key: str, years: int, facts: CaseFacts, source: str, labels: tuple[str, str]
) -> list[ComputedDeadline]:
    found = []
    if facts.first_day_worked is not None:
        found.append(
            ComputedDeadline(
                f"{key}_earliest_weeks",
                labels[0],
                add_years(facts.first_day_worked, years),
                WAGE_RULES[years][0],
                source,
            )
        )
    if facts.last_day_worked is not None:
        found.append(
            ComputedDeadline(
                f"{key}_last_weeks",
                labels[1],
                add_years(facts.last_day_worked, years),
                WAGE_RULES[years][1],
                source,
            )
        )
    return found


FLSA_LABELS = (N_("FLSA: earliest unpaid weeks expire"), N_("FLSA: last unpaid weeks expire"))
FLSA_WILLFUL_LABELS = (
    N_("FLSA, if willful: earliest unpaid weeks expire"),
    N_("FLSA, if willful: last unpaid weeks expire"),
)
NY_LABELS = (
    N_("NY Labor Law: earliest unpaid weeks expire"),
    N_("NY Labor Law: last unpaid weeks expire"),
)
CA_LABELS = (
    N_("California law: earliest unpaid weeks expire"),
    N_("California law: last unpaid weeks expire"),
)

CA_UCL_LABELS = (
    N_("California unfair competition restitution: earliest unpaid weeks expire"),
    N_("California unfair competition restitution: last unpaid weeks expire"),
)
CA_PENALTY_LABELS = (
    N_("California wage-statement penalties: earliest pay periods expire"),
    N_("California wage-statement penalties: last pay periods expire"),
)


def _wage_theft(facts: CaseFacts, state: str) -> list[ComputedDeadline]:
    found = _wage_law("flsa_2y", 2, facts, "K9; 29 USC 255(a)", FLSA_LABELS)
    if facts.willful:
        found += _wage_law(
            "flsa_3y_willful", 3, facts, "K9, K10; 29 USC 255(a)", FLSA_WILLFUL_LABELS
        )
    if state == "NY":
        found += _wage_law("nyll_6y", 6, facts, "K21; NY LL 198(3), 663(3)", NY_LABELS)
        if facts.employer_is_entity and facts.last_day_worked is not None:
            found.append(
                ComputedDeadline(
                    "ny_owner_liability_notice",
                    N_("Notice to owners for personal liability"),
                    facts.last_day_worked + timedelta(days=180),
                    N_("written notice within 180 days after the work ends"),
                    "K60; NY BCL 630, LLC Law 609(c)",
                )
            )
    if state == "CA":
        found += _wage_law("ca_3y", 3, facts, "K45; Cal. CCP 338", CA_LABELS)
        found += _wage_law("ca_4y_ucl", 4, facts, "Cal. Bus. & Prof. Code 17208", CA_UCL_LABELS)
        found += _wage_law(
            "ca_1y_penalties", 1, facts, "Cal. CCP 340(a); Labor Code 226(e)", CA_PENALTY_LABELS
        )
    return found


def _workers_comp(facts: CaseFacts, state: str) -> list[ComputedDeadline]:
    if facts.injury_date is None:
        return []
    if state == "CA":
        return [
            ComputedDeadline(
                "ca_wc_notice_to_employer",
                N_("Tell the employer about the injury"),
                facts.injury_date + timedelta(days=30),
                N_("notice within 30 days after the injury"),
                "Cal. Labor Code 5400",
            ),
            ComputedDeadline(
                "ca_wc_claim",
                N_("File the workers' compensation claim"),
                add_years(facts.injury_date, 1),
                N_(
                    "1 year after the injury (for an illness built up over time, from the day "
                    "the worker knew it was caused by work)"
                ),
                "Cal. Labor Code 5405, 5412",
            ),
        ]
    if state != "NY":
        return []
    return [
        ComputedDeadline(
            "wc_notice_to_employer",
            N_("Tell the employer about the injury"),
            facts.injury_date + timedelta(days=30),
            N_("notice within 30 days after the injury; lateness can be excused"),
            "K69, K70; NY WCL 18",
            met_on=facts.notice_to_employer_on,
        ),
        ComputedDeadline(
            "wc_claim_c3",
            N_("File the C-3 claim"),
            add_years(facts.injury_date, 2),
            N_("claim within 2 years after the accident"),
            "K69, K71; NY WCL 28",
        ),
    ]


def _retaliation(facts: CaseFacts, state: str) -> list[ComputedDeadline]:
    action = facts.adverse_action_on
    if action is None:
        return []
    found = [
        ComputedDeadline(
            "osha_11c",
            N_("OSHA 11(c) complaint"),
            action + timedelta(days=30),
            N_("30 days after the adverse action"),
            "K79; 29 USC 660(c)",
        ),
        ComputedDeadline(
            "nlra_charge",
            N_("NLRB unfair labor practice charge"),
            add_months(action, 6),
            N_("6 months after the adverse action"),
            "K79; 29 USC 160(b)",
        ),
        ComputedDeadline(
            "flsa_retaliation",
            N_("FLSA retaliation suit"),
            add_years(action, 3 if facts.willful else 2),
            N_("3 years after the adverse action (willful violation)")
            if facts.willful
            else N_("2 years after the adverse action (3 if willful)"),
            "K7, K78; 29 USC 215(a)(3), 255(a)",
        ),
    ]
    if state == "CA":
        found.append(
            ComputedDeadline(
                "ca_labor_commissioner_retaliation",
                N_("California Labor Commissioner retaliation complaint"),
                add_years(action, 1),
                N_("1 year after the adverse action (since AB 1947, 2020)"),
                "K80; Cal. Labor Code 98.7",
            )
        )
    if state == "NY":
        found.append(
            ComputedDeadline(
                "nyll_215",
                N_("NY Labor Law 215 retaliation suit"),
                add_years(action, 2),
                N_("2 years after the adverse action"),
                "K76, K77; NY LL 215",
            )
        )
    return found


def case_deadlines(facts: CaseFacts) -> list[ComputedDeadline]:
    """Return the case's computed deadlines, earliest first."""
    if facts.case_type not in CASE_TYPES:
        raise ValueError(f"unknown case type {facts.case_type!r}")
    state = state_of(facts.region)
    if facts.case_type == "wage_theft":
        found = _wage_theft(facts, state)
    elif facts.case_type == "workers_comp":
        found = _workers_comp(facts, state)
    else:
        found = _retaliation(facts, state)
    return sorted(found, key=lambda d: (d.due_on, d.key))


def judgment_deadlines(
    state: str,
    entered_on: date,
    renewed_on: date | None = None,
    wage_judgment: bool = True,
    appeal_days: int | None = None,
) -> list[ComputedDeadline]:
    """Return a judgment's expiry, lien and renewal dates, earliest first ("NY", "CA" or "US").

    `appeal_days` is the time to appeal after entry when known. Otherwise New
    York takes 30 days (CPLR 5513(a)) and California 180 days, the longest
    time an unlimited civil case allows when no notice of entry was served
    (Cal. Rules of Court 8.104(a): 60 days after notice of entry, at most 180
    after entry), so the bond date is never given too early.
    """
    if appeal_days is None:
        appeal_days = 180 if state == "CA" else 30
    appeal_ends = entered_on + timedelta(days=appeal_days)
    found: list[ComputedDeadline] = []
    if state == "NY":
        found += [
            ComputedDeadline(
                "ny_renewal_window_opens",
                N_("Renewal action may be started"),
                add_years(entered_on, 9),
                N_("in the tenth year after docketing, before the lien lapses"),
                "K48, K49; CPLR 5014",
            ),
            ComputedDeadline(
                "ny_lien_expires",
                N_("Real-property lien ends"),
                add_years(entered_on, 10),
                N_("10 years after docketing"),
                "K48; CPLR 5203(a)",
            ),
            ComputedDeadline(
                "ny_judgment_expires",
                N_("Judgment can no longer be enforced"),
                add_years(entered_on, 20),
                N_("20 years after entry"),
                "K49; CPLR 211(b)",
            ),
        ]
        if wage_judgment:
            found.append(
                ComputedDeadline(
                    "ny_fifteen_percent",
                    N_("Unpaid judgment rises by 15%"),
                    ny_fifteen_percent_date(entered_on, appeal_ends),
                    N_("90 days after entry or after the time to appeal ends, whichever is later"),
                    "K26, K29; NY LL 198(4)",
                )
            )
    elif state == "CA":
        base = renewed_on or entered_on
        expires = add_years(base, 10)
        found += [
            ComputedDeadline(
                "ca_judgment_expires",
                N_("Judgment can no longer be enforced"),
                expires,
                N_("10 years after entry or after the last renewal"),
                "K54; Cal. CCP 683.020, 683.120",
            ),
            ComputedDeadline(
                "ca_renewal_deadline",
                N_("Last day to apply to renew the judgment"),
                expires - timedelta(days=1),
                N_("the renewal application must be filed before the judgment expires"),
                "K54; Cal. CCP 683.110",
            ),
        ]
        if renewed_on is not None:
            found.append(
                ComputedDeadline(
                    "ca_renewal_window_opens",
                    N_("Judgment may be renewed again"),
                    add_years(renewed_on, 5),
                    N_("not within 5 years of a prior renewal"),
                    "K54; Cal. CCP 683.110(b)",
                )
            )
        if wage_judgment:
            found.append(
                ComputedDeadline(
                    "ca_lc238_bond",
                    N_("Employer must post a bond to keep operating"),
                    appeal_ends + timedelta(days=30),
                    N_("wage judgment unpaid 30 days after the time to appeal ends"),
                    "K62; Cal. Labor Code 238",
                )
            )
    elif state != "US":
        raise ValueError(f"unknown state {state!r}")
    return sorted(found, key=lambda d: (d.due_on, d.key))


def all_texts() -> dict[str, tuple[str, str]]:
    """Every computed deadline's label and rule msgids by key, across every region and forum.

    The web layer stores a deadline's key, never its text, and looks its words up here
    when it shows them; this walks every branch of the rules with every date known.
    """
    from .rates import REGIONS

    day = date(2020, 1, 15)
    found: list[ComputedDeadline] = []
    for region in REGIONS:
        for case_type in CASE_TYPES:
            facts = CaseFacts(
                case_type=case_type,
                region=region,
                first_day_worked=day,
                last_day_worked=day,
                willful=True,
                injury_date=day,
                notice_to_employer_on=day,
                protected_activity_on=day,
                adverse_action_on=day,
                employer_is_entity=True,
            )
            found += case_deadlines(facts)
    for state in ("NY", "CA", "US"):
        found += judgment_deadlines(state, day, renewed_on=day, wage_judgment=True)
    return {d.key: (d.label, d.rule) for d in found}
