"""The calculator screens: the form, its errors, the result, the group summary and CSV."""

import csv
import io
from datetime import date
from decimal import Decimal

from flask import g

from tests.conftest import login


def period_data(index, **kw):
    fields = {
        "start": "2025-03-03",
        "end": "2025-03-09",
        "hours_per_week": "40",
        "days_per_week": "5",
        "hourly_rate": "",
        "pay_per_week": "400",
        "long_days_per_week": "0",
        "hours_per_day": "",
    }
    fields.update(kw)
    return {f"periods-{index}-{k}": v for k, v in fields.items()}


def claim_data(*periods, **kw):
    data = {
        "unpaid_final_pay": "0",
        "deductions": "0",
        "tips_withheld": "0",
        "wage_notice_given": "yes",
        "wage_statements_given": "yes",
    }
    for index, period in enumerate(periods):
        data.update(period_data(index, **period))
    data.update(kw)
    return data


def setup(make, **kw):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, **kw)
    return advocate, case, case.worker_links[0]


def url(case, link, suffix=""):
    return f"/cases/{case.id}/workers/{link.id}/wages{suffix}"


def test_form_renders_for_the_assigned_advocate(make, login_as):
    advocate, case, link = setup(make)
    response = login_as(advocate).get(url(case, link))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Save and calculate" in page
    assert 'name="periods-0-start"' in page
    assert 'data-row-template="periods"' in page and "periods-__index__-start" in page
    assert case.reference in page and link.worker.name in page


def test_access_is_decided_by_authz(make, app):
    advocate, case, link = setup(make)

    def status(user, path):
        g.pop("_login_user", None)  # the test's app context outlives each request
        client = app.test_client()
        login(client, user)
        return client.get(path).status_code

    assert status(make.user("advocate"), url(case, link)) == 404
    assert status(make.user("intake"), url(case, link)) == 404
    assert status(make.user("admin"), url(case, link)) == 403
    supervisor = make.user("supervisor")
    assert status(supervisor, url(case, link)) == 200
    assert status(supervisor, f"/cases/{case.id}/wages") == 200
    # A worker from another case is not found on this one.
    _a, _other_case, other_link = setup(make)
    assert status(supervisor, url(case, other_link)) == 404
    assert status(supervisor, f"/cases/{case.id}/workers/not-a-uuid/wages") == 404
    comp = make.case(case_type="workers_comp", assigned_to=advocate)
    assert status(advocate, f"/cases/{comp.id}/wages") == 404


def test_save_and_calculate_stores_inputs_and_result(make, login_as):
    advocate, case, link = setup(make)
    client = login_as(advocate)
    response = client.post(url(case, link), data=claim_data({}))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(url(case, link, "/result"))
    claim = link.wage_claim
    assert [p.start for p in claim.periods] == [date(2025, 3, 3)]
    assert claim.computed_total is not None and claim.computed_on == date.today()
    assert claim.ruleset_version and claim.computed_as_of == date.today()
    assert case.amount_claimed == claim.computed_total
    result = client.get(url(case, link, "/result?as_of=2026-03-01"))
    page = result.get_data(as_text=True)
    # $660 minimum for 40 hours at $16.50, paid $400: $260 + $260 LD + $23.08 interest.
    assert "$543.08" in page
    assert "Unpaid minimum wage and overtime (state law)" in page
    assert "12 NYCRR 142-2.2" in page
    assert "Weeks counted" in page


def test_bad_input_shows_errors_next_to_fields_and_saves_nothing(make, login_as):
    advocate, case, link = setup(make)
    response = login_as(advocate).post(
        url(case, link),
        data=claim_data(
            {"hours_per_week": "200", "days_per_week": "9", "pay_per_week": "-5"},
            {
                "start": "2025-03-05",
                "end": "2025-03-20",
                "hourly_rate": "15.555",
                "pay_per_week": "",
            },
            deductions="12.345",
        ),
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="periods-0-hours_per_week-error"' in page
    assert "Hours per week must be between 0 and 168." in page
    assert "Days per week must be between 1 and 7." in page
    assert "The amount cannot be negative." in page
    assert 'id="periods-1-start-error"' in page and "must not overlap" in page
    assert 'id="periods-1-hourly_rate-error"' in page
    assert 'id="deductions-error"' in page
    assert link.wage_claim.periods == [] and link.wage_claim.computed_total is None
    assert case.amount_claimed is None


def test_rate_and_weekly_pay_are_exclusive(make, login_as):
    advocate, case, link = setup(make)
    client = login_as(advocate)
    response = client.post(url(case, link), data=claim_data({"hourly_rate": "10"}))
    assert response.status_code == 422
    assert "not both" in response.get_data(as_text=True)
    response = client.post(url(case, link), data=claim_data({"pay_per_week": ""}))
    assert "Enter the hourly rate or the weekly pay" in response.get_data(as_text=True)
    assert link.wage_claim.periods == []


def test_law_errors_map_to_the_field(make, login_as):
    advocate, case, link = setup(make)
    # A period ending after today is refused by the law package, next to its last day.
    response = login_as(advocate).post(url(case, link), data=claim_data({"end": "2099-01-01"}))
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'id="periods-0-end-error"' in page and "after the date the claim" in page


def test_add_and_remove_period_without_javascript(make, login_as):
    advocate, case, link = setup(make)
    client = login_as(advocate)
    page = client.post(url(case, link), data=claim_data({}, add_period="1")).get_data(as_text=True)
    assert 'name="periods-1-start"' in page and link.wage_claim.periods == []
    data = claim_data({}, {"start": "2025-04-01", "end": "2025-04-30"}, remove_period="0")
    page = client.post(url(case, link), data=data).get_data(as_text=True)
    assert 'value="2025-04-01"' in page and 'name="periods-1-start"' not in page


def test_changing_facts_updates_the_stored_result(make, login_as):
    advocate, case, link = setup(make)
    client = login_as(advocate)
    client.post(url(case, link), data=claim_data({}))
    first = link.wage_claim.computed_total
    client.post(url(case, link), data=claim_data({"pay_per_week": "300"}))
    assert link.wage_claim.computed_total > first
    assert len(link.wage_claim.periods) == 1
    assert link.wage_claim.periods[0].pay_per_week == Decimal("300.00")


def test_csv_has_lines_and_no_names(make, login_as, db_session):
    advocate, case, link = setup(make)
    make.period(
        link.wage_claim,
        start=date(2025, 3, 3),
        end=date(2025, 3, 9),
        hours_per_week=Decimal(40),
        days_per_week=5,
        pay_per_week=Decimal(400),
    )
    response = login_as(advocate).get(url(case, link, ".csv?as_of=2026-03-01"))
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert link.worker.name not in text
    assert case.employers[0].business_name not in text
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Case", case.reference, ""]
    assert [
        "Unpaid minimum wage and overtime (state law)",
        "260.00",
        "NY Labor Law 650-665; 12 NYCRR 142-2.2, 146-1.4",
    ] in rows
    assert ["Total", "543.08", ""] in rows


def test_result_lists_excluded_weeks_and_print_page(make, login_as):
    advocate, case, link = setup(make)
    # NY: six years back from 2026-03-01 is 2020-03-01; the week of 2020-02-17 is too old.
    make.period(
        link.wage_claim,
        start=date(2020, 2, 17),
        end=date(2020, 3, 8),
        hours_per_week=Decimal(40),
        days_per_week=5,
        pay_per_week=Decimal(300),
    )
    client = login_as(advocate)
    page = client.get(url(case, link, "/result?as_of=2026-03-01")).get_data(as_text=True)
    assert "Weeks outside the limitation period" in page
    printable = client.get(url(case, link, "/print?as_of=2026-03-01")).get_data(as_text=True)
    assert "site-nav" not in printable and "no-print" in printable
    assert "Weeks outside the limitation period" in printable


def test_group_case_summary_and_total(make, login_as):
    advocate = make.user("advocate")
    case = make.case(workers=[make.worker(), make.worker(), make.worker()], assigned_to=advocate)
    first, second, third = case.worker_links
    for link, pay in ((first, 400), (second, 500)):
        make.period(
            link.wage_claim,
            start=date(2025, 3, 3),
            end=date(2025, 3, 9),
            hours_per_week=Decimal(40),
            days_per_week=5,
            pay_per_week=Decimal(pay),
        )
    client = login_as(advocate)
    page = client.get(f"/cases/{case.id}/wages?as_of=2026-03-01").get_data(as_text=True)
    assert "$543.08" in page and "$334.20" in page and "$877.28" in page
    assert "Enter at least one work period." in page
    assert third.worker.name in page
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(f"/cases/{case.id}/wages.csv?as_of=2026-03-01").get_data(as_text=True)
            )
        )
    )
    assert ["Case total", "", "877.28", ""] in rows
    assert all(first.worker.name not in cell for row in rows for cell in row)
    printable = client.get(f"/cases/{case.id}/wages/print?as_of=2026-03-01")
    assert "$877.28" in printable.get_data(as_text=True)


def test_bad_as_of_date_falls_back_to_today(make, login_as):
    advocate, case, link = setup(make)
    response = login_as(advocate).get(url(case, link, "/result?as_of=not-a-date"))
    assert response.status_code == 200
    assert "The claim cannot be calculated yet." in response.get_data(as_text=True)


def test_panel_partial_shows_stored_totals(make, app, db_session):
    from flask import render_template

    advocate, case, link = setup(make)
    link.wage_claim.computed_total = Decimal("543.08")
    link.wage_claim.computed_on = date(2026, 3, 1)
    link.wage_claim.ruleset_version = "2026.1"
    case.amount_claimed = Decimal("543.08")
    with app.test_request_context():
        from flask_login import login_user

        login_user(advocate)
        html = render_template("cases/_wages_panel.html", case=case)
    assert "$543.08" in html and link.worker.name in html
    assert f"/cases/{case.id}/workers/{link.id}/wages" in html
