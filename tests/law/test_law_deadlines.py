"""Limitation and judgment deadlines, including Feb 29 and month-end arithmetic."""

from datetime import date

from casework.law.deadlines import CaseFacts, case_deadlines, judgment_deadlines


def due(deadlines) -> dict[str, date]:
    return {d.key: d.due_on for d in deadlines}


def test_ny_wage_theft_deadlines_from_first_and_last_day():
    facts = CaseFacts(
        "wage_theft",
        "NY-NYC",
        first_day_worked=date(2020, 2, 29),
        last_day_worked=date(2024, 2, 29),
    )
    # Feb 29 + 2 years -> Feb 28; + 180 days from 2024-02-29 -> 2024-08-27.
    assert due(case_deadlines(facts)) == {
        "flsa_2y_earliest_weeks": date(2022, 2, 28),
        "flsa_2y_last_weeks": date(2026, 2, 28),
        "nyll_6y_earliest_weeks": date(2026, 2, 28),
        "nyll_6y_last_weeks": date(2030, 2, 28),
        "ny_owner_liability_notice": date(2024, 8, 27),
    }
    dates = [d.due_on for d in case_deadlines(facts)]
    assert dates == sorted(dates)


def test_willful_adds_three_year_flsa_and_ca_has_three_years():
    facts = CaseFacts(
        "wage_theft",
        "CA",
        first_day_worked=date(2021, 5, 3),
        last_day_worked=date(2023, 6, 30),
        willful=True,
    )
    found = due(case_deadlines(facts))
    assert found["flsa_3y_willful_last_weeks"] == date(2026, 6, 30)
    assert found["flsa_2y_last_weeks"] == date(2025, 6, 30)
    assert found["ca_3y_earliest_weeks"] == date(2024, 5, 3)
    # Unfair-competition restitution reaches 4 years (B&P 17208); penalties 1 (CCP 340(a)).
    assert found["ca_4y_ucl_last_weeks"] == date(2027, 6, 30)
    assert found["ca_1y_penalties_last_weeks"] == date(2024, 6, 30)
    assert "nyll_6y_last_weeks" not in found and "ny_owner_liability_notice" not in found


def test_missing_inputs_are_skipped():
    facts = CaseFacts(
        "wage_theft", "US", last_day_worked=date(2024, 1, 15), employer_is_entity=False
    )
    assert due(case_deadlines(facts)) == {"flsa_2y_last_weeks": date(2026, 1, 15)}
    assert case_deadlines(CaseFacts("retaliation", "NY-REST")) == []
    assert case_deadlines(CaseFacts("workers_comp", "NY-REST")) == []


def test_ny_workers_comp_deadlines():
    facts = CaseFacts("workers_comp", "NY-REST", injury_date=date(2024, 3, 15))
    assert due(case_deadlines(facts)) == {
        "wc_notice_to_employer": date(2024, 4, 14),
        "wc_claim_c3": date(2026, 3, 15),
    }
    # California: notice within 30 days (Labor Code 5400), claim within 1 year (5405).
    ca = due(case_deadlines(CaseFacts("workers_comp", "CA", injury_date=date(2024, 3, 15))))
    assert ca == {"ca_wc_notice_to_employer": date(2024, 4, 14), "ca_wc_claim": date(2025, 3, 15)}
    assert case_deadlines(CaseFacts("workers_comp", "US", injury_date=date(2024, 3, 15))) == []


def test_retaliation_deadlines_from_adverse_action():
    ny = due(
        case_deadlines(CaseFacts("retaliation", "NY-NYC", adverse_action_on=date(2024, 8, 31)))
    )
    # 6 months from Aug 31 ends on Feb 28 (no Feb 31).
    assert ny == {
        "osha_11c": date(2024, 9, 30),
        "nlra_charge": date(2025, 2, 28),
        "flsa_retaliation": date(2026, 8, 31),
        "nyll_215": date(2026, 8, 31),
    }
    ca = due(
        case_deadlines(CaseFacts("retaliation", "CA-SMALL", adverse_action_on=date(2024, 8, 31)))
    )
    assert ca["ca_labor_commissioner_retaliation"] == date(2025, 8, 31)
    assert "nyll_215" not in ca
    rule = {
        d.key: d.rule
        for d in case_deadlines(
            CaseFacts("retaliation", "NY-NYC", adverse_action_on=date(2024, 8, 31))
        )
    }
    # NY LL 215(2)(a): two years.
    assert rule["nyll_215"] == "2 years after the adverse action"
    # 29 USC 255(a): a willful violation has three years.
    willful = due(
        case_deadlines(
            CaseFacts("retaliation", "NY-NYC", adverse_action_on=date(2024, 8, 31), willful=True)
        )
    )
    assert willful["flsa_retaliation"] == date(2027, 8, 31)


def test_ny_judgment_deadlines():
    # Entered 2024-02-29: renewal action from year 10 (9th anniversary), lien 10 y, life 20 y,
    # 15% on 2024-03-30 (appeal ends) + 90 days = 2024-06-28.
    assert due(judgment_deadlines("NY", date(2024, 2, 29))) == {
        "ny_renewal_window_opens": date(2033, 2, 28),
        "ny_lien_expires": date(2034, 2, 28),
        "ny_judgment_expires": date(2044, 2, 29),
        "ny_fifteen_percent": date(2024, 6, 28),
    }
    assert "ny_fifteen_percent" not in due(
        judgment_deadlines("NY", date(2024, 2, 29), wage_judgment=False)
    )


def test_ca_judgment_deadlines_and_renewal():
    # Bond (Labor Code 238): with no notice of entry the time to appeal ends 180 days after
    # entry (Cal. Rules of Court 8.104(a)(1)(C)): 2024-01-10 + 180 = 2024-07-08, + 30 = 2024-08-07.
    # With notice of entry served on entry day: 60 days -> 2024-03-10, + 30 = 2024-04-09.
    assert due(judgment_deadlines("CA", date(2024, 1, 10), appeal_days=60))[
        "ca_lc238_bond"
    ] == date(2024, 4, 9)
    assert due(judgment_deadlines("CA", date(2024, 1, 10))) == {
        "ca_lc238_bond": date(2024, 8, 7),
        "ca_renewal_deadline": date(2034, 1, 9),
        "ca_judgment_expires": date(2034, 1, 10),
    }
    renewed = due(
        judgment_deadlines(
            "CA", date(2024, 1, 10), renewed_on=date(2030, 5, 1), wage_judgment=False
        )
    )
    assert renewed == {
        "ca_renewal_window_opens": date(2035, 5, 1),
        "ca_renewal_deadline": date(2040, 4, 30),
        "ca_judgment_expires": date(2040, 5, 1),
    }
    assert judgment_deadlines("US", date(2024, 1, 10)) == []


def test_every_deadline_names_its_source():
    facts = CaseFacts("wage_theft", "NY-NYC", date(2020, 1, 1), date(2024, 1, 1), willful=True)
    for d in case_deadlines(facts) + judgment_deadlines("CA", date(2024, 1, 1)):
        assert d.source.startswith("K") and d.label and d.rule
