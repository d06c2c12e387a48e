"""Computed deadlines name their rule in the reader's language."""

from __future__ import annotations

from datetime import date

from casework.cases.deadlines import recompute


def test_case_page_shows_the_rule_in_spanish(make, login_as, db_session):
    advocate = make.user("advocate", locale="es")
    case = make.case(assigned_to=advocate, first_day_worked=date(2025, 3, 2))
    recompute(case)
    db_session.flush()
    html = login_as(advocate).get(f"/cases/{case.id}").get_data(as_text=True)
    assert "2 años desde el primer día trabajado" in html
    assert "2 years from the first day worked" not in html


def test_case_page_shows_the_rule_in_english(make, login_as, db_session):
    advocate = make.user("advocate", locale="en")
    case = make.case(assigned_to=advocate, first_day_worked=date(2025, 3, 2))
    recompute(case)
    db_session.flush()
    html = login_as(advocate).get(f"/cases/{case.id}").get_data(as_text=True)
    assert "2 years from the first day worked (each week has its own clock)" in html
