"""The judgment form only where the status allows it; rates as locale percentages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from casework.models.judgment import Judgment


def test_judgment_form_says_why_it_is_not_offered_before_it_is_filled_in(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="open")
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/judgments/new").get_data(as_text=True)
    assert "A judgment can be recorded once the case is filed or in negotiation." in page
    assert "This case&#39;s status is Open." in page or "This case's status is Open." in page
    assert "Save judgment" not in page and 'name="principal"' not in page
    index = client.get(f"/cases/{case.id}/judgments").get_data(as_text=True)
    assert f"/cases/{case.id}/judgments/new" not in index
    assert "once the case is filed or in negotiation" in index
    posted = client.post(
        f"/cases/{case.id}/judgments/new",
        data={"forum": "court", "entered_on": "2025-01-15", "principal": "100.00"},
    )
    assert posted.status_code == 200
    from sqlalchemy import func, select

    from casework.extensions import db

    count = db.session.scalar(
        select(func.count()).select_from(Judgment).where(Judgment.case_id == case.id)
    )
    assert count == 0


def test_judgment_form_offered_when_the_case_is_filed(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="filed")
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/judgments/new").get_data(as_text=True)
    assert "Save judgment" in page
    assert "The law sets 9% a year, simple interest, for this case." in page
    index = client.get(f"/cases/{case.id}/judgments").get_data(as_text=True)
    assert f"/cases/{case.id}/judgments/new" in index


def test_interest_rate_shown_as_a_percentage(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="judgment")
    judgment = make.judgment(
        case, entered_on=date(2025, 1, 15), interest_rate=Decimal("0.09"), shares=[]
    )
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/judgments/{judgment.id}").get_data(as_text=True)
    assert "9% a year" in page and "0.09" not in page and "9.0" not in page
    advocate.locale = "es"
    spanish = client.get(f"/cases/{case.id}/judgments/{judgment.id}").get_data(as_text=True)
    assert "9% al año" in spanish


def test_rate_percent_formats_per_locale(app):
    from flask_babel import force_locale

    from casework.judgments.forms import rate_percent

    with app.test_request_context():
        assert rate_percent(Decimal("0.09")) == "9%"
        assert rate_percent("0.0525") == "5.25%"
        with force_locale("es"):
            assert rate_percent(Decimal("0.0525")) == "5.25%"
