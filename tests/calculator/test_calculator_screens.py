"""The calculator's screens start from the case, ask the notice questions, and read plainly."""

import re
from datetime import date

from casework.cases.calculator_text import input_value, percent
from casework.models.claims import WageClaim
from tests.calculator.test_calculator_views import claim_data, setup, url


def tags(page: str, name: str) -> list[str]:
    """The input tags of a field, whatever the attribute order."""
    return re.findall(rf'<input[^>]*name="{name}"[^>]*>', page)


def test_a_new_claim_starts_from_what_the_case_knows(make, login_as):
    restaurant = make.employer(industry="Restaurant")
    advocate, case, link = setup(
        make,
        employers=[restaurant],
        first_day_worked=date(2025, 1, 6),
        last_day_worked=date(2025, 6, 27),
        willful=True,
    )
    page = login_as(advocate).get(url(case, link)).get_data(as_text=True)
    assert 'value="2025-01-06"' in tags(page, "periods-0-start")[0]
    assert 'value="2025-06-27"' in tags(page, "periods-0-end")[0]
    assert " checked" in tags(page, "willful")[0]
    assert " checked" in tags(page, "hospitality")[0]
    # The notice and pay-stub questions have no answer until the advocate gives one.
    assert len(tags(page, "wage_notice_given")) == 3
    assert not any(" checked" in tag for tag in tags(page, "wage_notice_given"))
    assert not any(" checked" in tag for tag in tags(page, "wage_statements_given"))
    assert "Not known" in page


def test_notice_questions_must_be_answered(make, login_as, db_session):
    advocate, case, link = setup(make)
    data = claim_data({})
    del data["wage_notice_given"]
    response = login_as(advocate).post(url(case, link), data=data)
    assert response.status_code == 422
    assert "Answer given, not given or not known." in response.get_data(as_text=True)
    claim = db_session.query(WageClaim).filter_by(case_worker_id=link.id).one_or_none()
    assert claim is None or (not claim.periods and claim.computed_total is None)


def test_not_known_is_stored_and_named_on_the_breakdown(make, login_as):
    advocate, case, link = setup(make)
    client = login_as(advocate)
    data = claim_data({}, wage_notice_given="unknown", wage_statements_given="no")
    assert client.post(url(case, link), data=data).status_code == 302
    claim = link.wage_claim
    assert claim.wage_notice_given is None and claim.wage_statements_given is False
    page = client.get(url(case, link, "/result?as_of=2026-03-01")).get_data(as_text=True)
    # One week 2025-03-03..03-09 of 5 workdays: no notice would add 5 x $50 = $250.00
    # (NY LL 198(1-b)); the pay stubs, answered "not given", are in the total: 5 x $250.
    assert "Not known yet" in page
    assert "$250.00" in page and "NY Labor Law 195(1), 198(1-b)" in page
    assert "$1,250.00" in page
    # The form shows the stored answer again.
    form = client.get(url(case, link)).get_data(as_text=True)
    checked = [tag for tag in tags(form, "wage_notice_given") if " checked" in tag]
    assert len(checked) == 1 and 'value="unknown"' in checked[0]


def test_result_page_shows_citations_dates_and_rates_as_a_reader_expects(make, login_as):
    advocate, case, link = setup(make)
    client = login_as(advocate)
    client.post(url(case, link), data=claim_data({}))
    page = client.get(url(case, link, "/result?as_of=2026-03-01")).get_data(as_text=True)
    body = page[page.index("<main") :] if "<main" in page else page
    assert "[K" not in body and not re.search(r"\bK\d+\b", body)
    # No ISO dates in what is shown (the as-of date picker's value is the only one).
    shown = re.sub(r'value="\d{4}-\d{2}-\d{2}"', "", body)
    shown = re.sub(r'href="[^"]*"', "", shown)
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", shown)
    assert "9 %" in body
    assert "0.09" not in body


def test_input_values_are_formatted(app):
    with app.test_request_context():
        assert percent(__import__("decimal").Decimal("0.09")) == "9 %"
        assert input_value("share", "1.00") == "100 %"
        assert input_value("since", "2025-03-06") != "2025-03-06"
        assert input_value("weeks", "3") == "3"


def test_california_asks_about_breaks_and_new_york_does_not(make, login_as):
    advocate, ny_case, ny_link = setup(make)
    client = login_as(advocate)
    assert "missed_meal_days_per_week" not in client.get(url(ny_case, ny_link)).get_data(
        as_text=True
    )
    case = make.case(assigned_to=advocate, jurisdiction="CA")
    link = case.worker_links[0]
    assert "periods-0-missed_meal_days_per_week" in client.get(url(case, link)).get_data(
        as_text=True
    )
    # $20/h, 40 h over 5 days, 2025-03-03..03-09; meals missed 2 days, rests 1 day:
    # Labor Code 226.7: (2 + 1) x $20 = $60.00.
    data = claim_data(
        {
            "hourly_rate": "20",
            "pay_per_week": "",
            "missed_meal_days_per_week": "2",
            "missed_rest_days_per_week": "1",
        }
    )
    assert client.post(url(case, link), data=data).status_code == 302
    assert link.wage_claim.periods[0].missed_meal_days_per_week == 2
    page = client.get(url(case, link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "Pay for missed meal and rest breaks" in page and "$60.00" in page
    assert "Cal. Labor Code 226.7, 512" in page
    # More days than worked is refused next to the field, nothing changes.
    bad = claim_data({"hourly_rate": "20", "pay_per_week": "", "missed_rest_days_per_week": "6"})
    response = client.post(url(case, link), data=bad)
    assert response.status_code == 422
    assert link.wage_claim.periods[0].missed_rest_days_per_week == 1


def test_tipped_work_asks_for_tips_and_the_notice_and_credits_tips(make, login_as):
    advocate, case, link = setup(make, jurisdiction="NY-NYC")
    client = login_as(advocate)
    page = client.get(url(case, link)).get_data(as_text=True)
    # The tipped question is asked; its details stay hidden until a period is tipped.
    assert 'name="periods-0-tipped"' in page
    assert re.search(r"<div data-tip-details hidden>", page)
    assert re.search(r"<div data-tip-notice hidden>", page)
    # NYC restaurant 2025-03-03..03-09: $11.00 cash (the 2025 cash wage), 50 hours.
    period = {"hourly_rate": "11", "pay_per_week": "", "hours_per_week": "50", "tipped": "y"}
    # A tipped period needs the notice answered; the form comes back asking it.
    response = client.post(url(case, link), data=claim_data(period, hospitality="y"))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Answer given, not given or not known." in page
    assert "<div data-tip-notice>" in page and "periods-0-tips_per_week" in page
    # With notice: overtime at 1.5 x 16.50 - 5.50 = 19.25, 10 x (19.25 - 11.00) = 82.50.
    data = claim_data(period, hospitality="y", tip_credit_notice_given="yes")
    assert client.post(url(case, link), data=data).status_code == 302
    claim = link.wage_claim
    assert claim.tip_credit_notice_given is True and claim.periods[0].tipped is True
    page = client.get(url(case, link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "$82.50" in page and "12 NYCRR 146-1.3, 146-1.4" in page
    # Not known: the credit is allowed and the open question names the notice.
    data = claim_data(period, hospitality="y", tip_credit_notice_given="unknown")
    assert client.post(url(case, link), data=data).status_code == 302
    assert link.wage_claim.tip_credit_notice_given is None
    page = client.get(url(case, link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "Written notice of the tip credit" in page
    # The stored answer is shown again on the form.
    page = client.get(url(case, link)).get_data(as_text=True)
    assert re.search(r'value="unknown"[^>]*checked|checked[^>]*value="unknown"', page)


def test_california_does_not_ask_about_the_tip_credit(make, login_as):
    advocate, case, link = setup(make, jurisdiction="CA")
    client = login_as(advocate)
    page = client.get(url(case, link)).get_data(as_text=True)
    assert 'name="periods-0-tipped"' in page
    assert "tip_credit_notice_given" not in page
    # $12.00 cash, 40 hours in 2025 (minimum 16.50): 40 x 4.50 = 180.00 (Labor Code 351).
    period = {"hourly_rate": "12", "pay_per_week": "", "tipped": "y"}
    assert client.post(url(case, link), data=claim_data(period)).status_code == 302
    page = client.get(url(case, link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "$180.00" in page and "Labor Code 351" in page


def test_the_city_and_industry_asked_are_those_of_the_case_state(make, login_as):
    advocate, ny_case, ny_link = setup(make, jurisdiction="NY-NYC")
    client = login_as(advocate)
    page = client.get(url(ny_case, ny_link)).get_data(as_text=True)
    assert "Home care aide paid with Medicaid funds" in page
    assert "City of Los Angeles" not in page and 'name="work_city"' not in page
    case = make.case(assigned_to=advocate, jurisdiction="CA")
    link = case.worker_links[0]
    page = client.get(url(case, link)).get_data(as_text=True)
    assert "City of Los Angeles" in page and "Home care aide" not in page
    # Los Angeles, 2025-07-07..07-13 ($17.87 from 2025-07-01), 40 hours at $16.50:
    # 40 x 1.37 = 54.80, citing the city's ordinance.
    period = {
        "start": "2025-07-07",
        "end": "2025-07-13",
        "hourly_rate": "16.50",
        "pay_per_week": "",
    }
    data = claim_data(period, work_city="CA-LOS-ANGELES", wage_industry="")
    assert client.post(url(case, link), data=data).status_code == 302
    assert link.wage_claim.work_city == "CA-LOS-ANGELES"
    assert link.wage_claim.wage_industry is None
    page = client.get(url(case, link, "/result?as_of=2025-07-13")).get_data(as_text=True)
    assert "$54.80" in page and "Los Angeles Municipal Code 187" in page
    # A city of another state is refused next to its field; nothing changes.
    bad = claim_data(period, work_city="NY-HOME-CARE")
    response = client.post(url(case, link), data=bad)
    assert response.status_code == 422
    assert link.wage_claim.work_city == "CA-LOS-ANGELES"
    # The stored city is selected again on the form.
    page = client.get(url(case, link)).get_data(as_text=True)
    assert re.search(
        r'<option selected value="CA-LOS-ANGELES"|value="CA-LOS-ANGELES" selected', page
    )


def test_new_york_asks_how_often_a_manual_worker_was_paid(make, login_as):
    advocate, case, link = setup(make, jurisdiction="CA")
    client = login_as(advocate)
    assert 'name="paid_every"' not in client.get(url(case, link)).get_data(as_text=True)
    advocate, case, link = setup(make, jurisdiction="NY-NYC")
    client = login_as(advocate)
    assert 'name="paid_every"' in client.get(url(case, link)).get_data(as_text=True)
    # 2025-03-03..03-09 at $16.50, 40 hours ($660.00), paid every two weeks, a manual
    # worker; computed after 2025-05-09, a first violation: lost interest
    # 660.00 x 9 % x 3.5 / 365 = 0.57 on the $330.00 paid late.
    period = {"hourly_rate": "16.50", "pay_per_week": ""}
    data = claim_data(period, manual_worker="y", paid_every="biweekly")
    assert client.post(url(case, link), data=data).status_code == 302
    claim = link.wage_claim
    assert claim.manual_worker is True and claim.paid_every == "biweekly"
    page = client.get(url(case, link, "/result?as_of=2025-06-01")).get_data(as_text=True)
    assert "Damages for paying a manual worker less often than weekly" in page
    assert "$0.57" in page and "$330.00" in page
    assert "NY Labor Law 191(1)(a), 198(1-a)" in page
    # An unknown schedule is refused next to the field, nothing changes.
    response = client.post(url(case, link), data=claim_data(period, paid_every="daily"))
    assert response.status_code == 422
    assert link.wage_claim.paid_every == "biweekly"


def test_short_and_split_shifts_are_asked_where_the_state_pays_for_them(make, login_as):
    advocate, ny_case, ny_link = setup(make, jurisdiction="NY-NYC")
    client = login_as(advocate)
    page = client.get(url(ny_case, ny_link)).get_data(as_text=True)
    assert "periods-0-short_days_per_week" in page
    assert "periods-0-split_shift_days_per_week" in page
    us_case = make.case(assigned_to=advocate, jurisdiction="US")
    page = client.get(url(us_case, us_case.worker_links[0])).get_data(as_text=True)
    assert 'name="periods-0-start"' in page
    assert "periods-0-short_days_per_week" not in page
    case = make.case(assigned_to=advocate, jurisdiction="CA")
    link = case.worker_links[0]
    # $17.00, 40 hours over 5 days (2025-03-03..03-09): sent home after 2 of 8 hours
    # once a week (Wage Orders 5(A): 2 x 17.00 = 34.00) and 2 split-shift days
    # (4(C): 2 x (9 x 16.50 - 8 x 17.00) = 2 x 12.50 = 25.00).
    period = {
        "hourly_rate": "17",
        "pay_per_week": "",
        "short_days_per_week": "1",
        "short_day_hours": "2",
        "split_shift_days_per_week": "2",
    }
    assert client.post(url(case, link), data=claim_data(period)).status_code == 302
    stored = link.wage_claim.periods[0]
    assert stored.short_days_per_week == 1 and stored.short_day_hours == 2
    page = client.get(url(case, link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "Pay for days sent home early (reporting time or call-in pay)" in page
    assert "$34.00" in page and "Split-shift pay" in page and "$25.00" in page
    # More short days than days worked is refused next to the field.
    bad = claim_data({**period, "short_days_per_week": "6"})
    assert client.post(url(case, link), data=bad).status_code == 422
    assert link.wage_claim.periods[0].short_days_per_week == 1


def test_pay_received_and_what_a_weekly_pay_covers_are_asked(make, login_as):
    advocate, case, link = setup(make, jurisdiction="NY-REST")
    client = login_as(advocate)
    page = client.get(url(case, link)).get_data(as_text=True)
    assert "periods-0-paid_per_week" in page and "periods-0-fluctuating_workweek" in page
    # Paid for 30 of 40 hours at $16.00 (2025-03-03..03-09, minimum 15.50): the agreed
    # rate is owed for every hour worked (NY Labor Law 191, 663): 640.00 - 480.00 = 160.00.
    period = {"hourly_rate": "16", "pay_per_week": "", "paid_per_week": "480"}
    assert client.post(url(case, link), data=claim_data(period)).status_code == 302
    assert link.wage_claim.periods[0].paid_per_week == 480
    page = client.get(url(case, link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "$160.00" in page
    # Federal weekly pay of $500 for 50 hours: covering 40 hours (29 CFR 778.113) the
    # regular rate is 12.50 and 10 x 18.75 = 187.50 is owed; agreed to cover every hour
    # (778.114) it is 10.00 and 10 x 5.00 = 50.00.
    us_case = make.case(assigned_to=advocate, jurisdiction="US")
    us_link = us_case.worker_links[0]
    weekly = {"hours_per_week": "50", "pay_per_week": "500"}
    assert client.post(url(us_case, us_link), data=claim_data(weekly)).status_code == 302
    page = client.get(url(us_case, us_link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "$187.50" in page
    data = claim_data({**weekly, "fluctuating_workweek": "y"})
    assert client.post(url(us_case, us_link), data=data).status_code == 302
    assert us_link.wage_claim.periods[0].fluctuating_workweek is True
    page = client.get(url(us_case, us_link, "/result?as_of=2025-03-09")).get_data(as_text=True)
    assert "$50.00" in page and "778.114(a)" in page
    # California never asks about a fluctuating workweek (Labor Code 515(d)).
    ca_case = make.case(assigned_to=advocate, jurisdiction="CA")
    page = client.get(url(ca_case, ca_case.worker_links[0])).get_data(as_text=True)
    assert "periods-0-salary_hours" in page and "fluctuating_workweek" not in page
