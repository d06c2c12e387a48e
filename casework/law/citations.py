"""Readable citations: for each breakdown line, and for the research notes' source keys.

Rule tables and deadlines carry their research source key (K#, listed in the
project's domain rules) beside the statute for traceability. Staff, workers
and employers are only ever shown the statute, regulation or case:
`readable()` turns a stored source such as "K26, K29; NY LL 198(4)" into
"NY LL 198(4)", and a bare key into the citation it stands for.
"""

import re

from .i18n import N_

#: The citation each research source key supports.
SOURCES: dict[str, str] = {
    "K1": "29 USC 206(a)(1)",
    "K2": "29 USC 207(a)",
    "K3": "29 CFR 778.110",
    "K4": "29 CFR 778.111",
    "K5": "29 CFR 778.113",
    "K6": "29 CFR 778.115",
    "K7": "29 USC 216(b)",
    "K8": "Drozd v. Vlaval Constr.",
    "K9": "29 USC 255(a)",
    "K10": "McLaughlin v. Richland Shoe Co., 486 U.S. 128 (1988)",
    "K11": "Rana v. Islam, 887 F.3d 118 (2d Cir. 2018)",
    "K12": "NY Labor Law 652(1)",
    "K13": "NY Labor Law 652(1)",
    "K14": "NY Labor Law 652(1)",
    "K15": "NY Labor Law 652(1)",
    "K16": "NY Labor Law 652(1)",
    "K17": "12 NYCRR 142-2.2",
    "K18": "12 NYCRR 142-2.4",
    "K19": "12 NYCRR 146-1.6",
    "K20": "Andryeyeva v. New York Health Care, 33 N.Y.3d 152 (2019)",
    "K21": "NY Labor Law 198(3), 663(3)",
    "K22": "NY Labor Law 198",
    "K23": "NY Labor Law 198(1-a)",
    "K24": "CPLR 5004",
    "K25": "CPLR 5001",
    "K26": "NY Labor Law 198(4)",
    "K27": "NY Labor Law 198(1-b), 198(1-d)",
    "K28": "NY Labor Law 195(3), 198(1-d)",
    "K29": "NY Labor Law 198(4)",
    "K30": "NY Labor Law 663(4)",
    "K31": "NY Labor Law 219",
    "K32": "Matter of NAB Constr. Corp. v. Goldin",
    "K33": "Cal. Labor Code 1182.12",
    "K34": "Cal. Labor Code 1182.12",
    "K35": "Cal. Labor Code 1182.12",
    "K36": "Cal. Labor Code 1182.12",
    "K37": "Cal. Labor Code 510",
    "K38": "Cal. Labor Code 510",
    "K39": "Cal. Labor Code 201-203",
    "K40": "Mamika v. Barca, 68 Cal.App.4th 487 (1998)",
    "K41": "Cal. Labor Code 203",
    "K42": "Cal. Labor Code 1194.2",
    "K43": "Cal. Civil Code 3289(b)",
    "K44": "Cal. Labor Code 218.6",
    "K45": "Cal. Code Civ. Proc. 338",
    "K46": "Cal. Code Civ. Proc. 338",
    "K47": "Craniofacial Pain Mgt. v. Allstate, 2018 NY Slip Op 51825(U)",
    "K48": "CPLR 5014, 5203(a)",
    "K49": "CPLR 211(b), 5014",
    "K50": "Cal. Code Civ. Proc. 685.010",
    "K51": "Cal. Code Civ. Proc. 685.010-685.110",
    "K52": "28 USC 1961",
    "K53": "Cal. Code Civ. Proc. 695.220",
    "K54": "Cal. Code Civ. Proc. 683.020-683.220",
    "K55": "28 USC 1961",
    "K56": "CPLR 5231",
    "K57": "CPLR 5230",
    "K58": "CPLR 5222",
    "K59": "NY Workers' Compensation Law 141-a",
    "K60": "NY BCL 630; LLC Law 609(c)",
    "K61": "NY Labor Law 218-a (vetoed wage lien)",
    "K62": "Cal. Labor Code 238",
    "K63": "Cal. Labor Code 238",
    "K64": "Cal. Labor Code 238.2",
    "K65": "Cal. Labor Code 90.8",
    "K66": "Cal. Labor Code 90.8",
    "K67": "Cal. Labor Code 240",
    "K68": "Cal. Labor Code 1019",
    "K69": "NY Workers' Compensation Law 18, 28",
    "K70": "NY Workers' Compensation Law 18",
    "K71": "NY Workers' Compensation Law 28",
    "K76": "NY Labor Law 215",
    "K77": "NY Labor Law 215",
    "K78": "29 USC 215(a)(3), 255(a)",
    "K79": "29 USC 660(c); 29 USC 160(b)",
    "K80": "Cal. Labor Code 98.7",
}

_KEY = r"K\d+"
_KEYS = re.compile(rf"^\s*{_KEY}(\s*[-–,]\s*{_KEY})*\s*$")
_BRACKETED = re.compile(r"\s*\[[^\]]*K\d+[^\]]*\]")


def readable(text: str | None) -> str:
    """Return a stored citation without source keys, or the citation its keys stand for."""
    if not text:
        return ""
    text = _BRACKETED.sub("", text)
    parts = [part.strip() for part in text.split(";")]
    kept = [part for part in parts if part and not _KEYS.match(part)]
    if kept:
        return "; ".join(kept)
    keys = re.findall(_KEY, text)
    found: list[str] = []
    for key in keys:
        source = SOURCES.get(key)
        if source and source not in found:
            found.append(source)
    return "; ".join(found)


#: Each breakdown line's legal basis: one for all states, or one per state.
CITATIONS: dict[str | tuple[str, str], str] = {
    "unpaid_wages_federal": "29 USC 206, 207; 29 CFR 778",
    ("unpaid_wages_state", "NY"): "NY Labor Law 650-665; 12 NYCRR 142-2.2, 146-1.4",
    ("unpaid_wages_state", "CA"): "Cal. Labor Code 510, 515(d), 1194, 1197",
    "spread_of_hours": "12 NYCRR 142-2.4, 146-1.6",
    "meal_rest_premiums": (
        "Cal. Labor Code 226.7, 512; Ferra v. Loews Hollywood Hotel, 11 Cal.5th 858 (2021)"
    ),
    ("unpaid_final_pay", "NY"): "NY Labor Law 191(3), 198",
    ("unpaid_final_pay", "CA"): "Cal. Labor Code 201, 202",
    ("unpaid_final_pay", "US"): "Agreed wages for work performed",
    ("unlawful_deductions", "NY"): "NY Labor Law 193, 198",
    ("unlawful_deductions", "CA"): "Cal. Labor Code 221, 224",
    ("unlawful_deductions", "US"): "Agreed wages withheld",
    ("tips_withheld", "NY"): "NY Labor Law 196-d, 198",
    ("tips_withheld", "CA"): "Cal. Labor Code 351",
    ("tips_withheld", "US"): "29 USC 203(m)(2)(B), 216(b)",
    "liquidated_damages_federal": "29 USC 216(b); Rana v. Islam, 887 F.3d 118 (2d Cir. 2018)",
    ("liquidated_damages_state", "NY"): "NY Labor Law 198(1-a), 663(1)",
    ("liquidated_damages_state", "CA"): "Cal. Labor Code 1194.2; Armenta v. Osmose (2005)",
    "wage_notice_damages": "NY Labor Law 195(1), 198(1-b)",
    ("wage_statement_damages", "NY"): "NY Labor Law 195(3), 198(1-d)",
    ("wage_statement_damages", "CA"): "Cal. Labor Code 226(a), 226(e)(1); Code Civ. Proc. 340(a)",
    "waiting_time_penalty": "Cal. Labor Code 203; Mamika v. Barca (1998)",
    "late_pay_damages": "NY Labor Law 191(1)(a), 198(1-a)",
    ("reporting_time_pay", "CA"): "IWC Wage Orders, section 5(A) (8 CCR 11010-11170)",
    ("reporting_time_pay", "NY"): "12 NYCRR 142-2.3, 146-1.5",
    "split_shift_premium": "IWC Wage Orders, section 4(C) (8 CCR 11010-11170); DLSE Manual 45.2",
    ("prejudgment_interest", "NY"): "CPLR 5001, 5004",
    ("prejudgment_interest", "CA"): "Cal. Civil Code 3289(b); Labor Code 218.6",
    ("interest_on_final_pay", "NY"): "CPLR 5001, 5004",
    ("interest_on_final_pay", "CA"): "Cal. Civil Code 3289(b); Labor Code 218.6",
    ("tip_credit_notice", "NY"): "12 NYCRR 146-1.3, 146-2.2; 29 USC 203(m)(2)(A)",
    ("tip_credit_notice", "CA"): "29 USC 203(m)(2)(A); 29 CFR 531.59(b)",
    ("tip_credit_notice", "US"): "29 USC 203(m)(2)(A); 29 CFR 531.59(b)",
}

#: Added to a wage line's citation when a tip credit was applied to its weeks.
TIP_CITATIONS = {
    "US": "29 USC 203(m)(2)(A); 29 CFR 531.59, 531.60",
    "NY": "12 NYCRR 146-1.3, 146-1.4",
}

LABELS = {
    "unpaid_wages_federal": N_("Unpaid minimum wage and overtime (federal law)"),
    "unpaid_wages_state": N_("Unpaid minimum wage and overtime (state law)"),
    "spread_of_hours": N_("Spread-of-hours pay"),
    "meal_rest_premiums": N_("Pay for missed meal and rest breaks"),
    "unpaid_final_pay": N_("Unpaid final pay"),
    "unlawful_deductions": N_("Unlawful deductions from pay"),
    "tips_withheld": N_("Tips kept by the employer"),
    "liquidated_damages_federal": N_("Liquidated damages (federal law)"),
    "liquidated_damages_state": N_("Liquidated damages (state law)"),
    "wage_notice_damages": N_("Damages for no wage notice"),
    "wage_statement_damages": N_("Damages for no pay stubs"),
    "waiting_time_penalty": N_("Waiting-time penalty for late final pay"),
    "late_pay_damages": N_("Damages for paying a manual worker less often than weekly"),
    "reporting_time_pay": N_("Pay for days sent home early (reporting time or call-in pay)"),
    "split_shift_premium": N_("Split-shift pay"),
    "prejudgment_interest": N_("Interest on unpaid wages"),
    "interest_on_final_pay": N_("Interest on unpaid final pay"),
}

#: Answers the breakdown may name as open questions without being a line of their own.
QUESTION_LABELS = {
    "tip_credit_notice": N_("Written notice of the tip credit"),
}


#: What the calculation assumed where the law turns on a fact it was not given.
ASSUMPTIONS = {
    "salary_40": N_(
        "Weekly pay is taken to cover 40 hours a week under federal law: the regular rate is "
        "the weekly pay divided by 40 (29 CFR 778.113)."
    ),
    "salary_hours": N_(
        "Weekly pay is taken to cover the hours it was agreed to cover: the regular rate is "
        "the weekly pay divided by those hours (29 CFR 778.113)."
    ),
    "fluctuating": N_(
        "Weekly pay was agreed to cover every hour worked, with all five conditions of "
        "29 CFR 778.114(a) met: overtime is owed at half the regular rate."
    ),
    "NY_hospitality": N_(
        "In hospitality, the regular rate is the weekly pay divided by 40 or by the hours "
        "worked if fewer (12 NYCRR 146-3.5(b))."
    ),
    "CA": N_(
        "In California the regular rate is 1/40 of the weekly pay, which covers only the "
        "hours that are not overtime, whatever was agreed (Labor Code 515(d))."
    ),
    "tip_credit": N_(
        "Tips pay part of the minimum wage (the tip credit): the employer owes in cash at "
        "least the minimum wage less the credit, and for overtime 1.5 times the minimum wage "
        "less the credit (12 NYCRR 146-1.3, 146-1.4; 29 USC 203(m))."
    ),
    "tips_unknown": N_(
        "The tips received were not entered: they are taken to have been at least the tip "
        "credit for every hour."
    ),
    "tip_notice_unknown": N_(
        "Whether the employer gave written notice of the tip credit is not known: the credit "
        "is allowed, and the open questions show what no notice would add."
    ),
    "no_tip_notice": N_(
        "The employer gave no written notice of the tip credit, so no credit is allowed: the "
        "full minimum wage is owed in cash (12 NYCRR 146-1.3; 29 USC 203(m)(2)(A))."
    ),
    "CA_no_tip_credit": N_(
        "California allows no tip credit: the full state minimum wage is owed in cash "
        "(Labor Code 351)."
    ),
    "late_pay_schedule": N_(
        "A manual worker must be paid each week. Each payday is taken as seven days after "
        "the end of its pay period, so only the wages of the earlier weeks of each pay period "
        "were paid late."
    ),
    "late_pay_interest": N_(
        "A first violation by an employer that paid at least twice a month is worth only the "
        "interest lost on the wages paid late, counted at 9 % (Labor Law 198(1-a) as amended "
        "in 2025)."
    ),
    "late_pay_liquidated": N_(
        "The wages paid late earn liquidated damages equal to them (Labor Law 198(1-a)). "
        "Before the 2025 amendment courts disagreed: the First Department allowed them, the "
        "Second Department did not (Grant v. Global Aircraft Dispatch, 2024)."
    ),
    "NY_split_and_long": N_(
        "Split-shift days are taken to be among the days longer than 10 hours, so each day "
        "earns spread-of-hours pay once (12 NYCRR 142-2.4)."
    ),
    "local_minimum": N_(
        "Each day's minimum wage is the highest of the federal, state, city and industry "
        "minimums for where and in which industry the work was done."
    ),
    "CA_city_ld": N_(
        "California liquidated damages are counted on the state or statutory minimum wage "
        "only, not on a city's (Labor Code 1194.2)."
    ),
    "NY_tips_outside_hospitality": N_(
        "Outside restaurants and hotels no New York tip credit is applied (the Miscellaneous "
        "Industries order allowed one only until 2020-12-30)."
    ),
}


def citation_for(key: str, state: str) -> str:
    """Return the citation of a breakdown line in a state."""
    return CITATIONS.get(key) or CITATIONS[(key, state)]
