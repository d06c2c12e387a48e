"""Case pages through the test client: every page, every role, bad input, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from flask import g
from sqlalchemy import event, func, select

from casework.extensions import db
from casework.models import AuditEvent, Case, Note, Worker

TODAY = date.today()


def intake_form(**kw) -> dict:
    data = {
        "case_type": "wage_theft",
        "jurisdiction": "NY-NYC",
        "workers-0-name": "Rosa Fictitia",
        "workers-0-phone": "(555) 201-7788",
        "workers-0-preferred_language": "es",
        "workers-0-contact_ok_by": "text",
        "workers-0-match": "",
        "employers-0-business_name": "Sample Bakery Corp",
        "employers-0-role": "employer",
        "employers-0-entity_type": "corporation",
        "employers-0-match": "",
        "first_day_worked": "2024-03-04",
        "last_day_worked": "2025-09-26",
        "narrative": "Paid cash every Friday, never for overtime.",
        "forum": "",
    }
    data.update(kw)
    return data


def relogin(login_as, user):
    """Sign in as someone else: the test's app context keeps the previous user in `g`."""
    g.pop("_login_user", None)
    return login_as(user)


def cases_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Case))


def audit_actions(case_id) -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case_id)))


# -- intake -------------------------------------------------------------------------


def test_intake_form_shows_every_section(make, login_as):
    client = login_as(make.user("intake"))
    html = client.get("/cases/new").get_data(as_text=True)
    for name in (
        "injury_date",
        "protected_activity_on",
        "threatened_immigration_report",
        "workers-1-name",
        "employers-1-business_name",
        "Save intake",
    ):
        assert name in html
    assert 'data-reveal="case_type"' in html


def test_intake_creates_case_for_new_worker(make, login_as):
    user = make.user("intake")
    client = login_as(user)
    response = client.post("/cases/new", data=intake_form())
    assert response.status_code == 303, response.get_data(as_text=True)[-2000:]
    case = db.session.scalars(select(Case).order_by(Case.created_at.desc())).first()
    assert case.reference.startswith(f"CW-{TODAY.year}-")
    assert case.workers[0].name == "Rosa Fictitia"
    assert case.workers[0].preferred_language == "es"
    assert case.employers[0].entity_type == "corporation"
    assert case.opened_by_id == user.id and case.status == "intake"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Rosa Fictitia" in page and case.reference in page


def test_intake_group_claim_with_two_workers_and_joint_employer(make, login_as):
    client = login_as(make.user("advocate"))
    response = client.post(
        "/cases/new",
        data=intake_form(
            **{
                "workers-1-name": "Ana Ejemplo",
                "workers-1-match": "",
                "employers-1-business_name": "Sample Holding LLC",
                "employers-1-role": "joint_employer",
                "employers-1-match": "",
            }
        ),
    )
    assert response.status_code == 303
    case = db.session.scalars(select(Case).order_by(Case.created_at.desc())).first()
    assert len(case.workers) == 2
    assert [link.role for link in case.employer_links] == ["employer", "joint_employer"]


def test_duplicate_check_offers_existing_worker(make, login_as):
    existing = make.worker(name="María José Núñez", phone="(555) 201-4321")
    make.case(workers=[existing], status="open", reference="CW-2025-00007")
    client = login_as(make.user("intake"))
    before = cases_count()
    response = client.post(
        "/cases/new",
        data=intake_form(**{"workers-0-name": "maria jose nunez", "workers-0-phone": ""}),
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "María José Núñez" in html and f'value="{existing.id}"' in html
    # The case is not the intake worker's to open: it is counted, not named.
    assert "1 open case you may not open" in html and "CW-2025-00007" not in html
    assert cases_count() == before
    # Staff choose the existing record: no twin is created.
    workers_before = db.session.scalar(select(func.count()).select_from(Worker))
    response = client.post(
        "/cases/new",
        data=intake_form(
            **{
                "workers-0-name": "maria jose nunez",
                "workers-0-phone": "",
                "workers-0-match": str(existing.id),
            }
        ),
    )
    assert response.status_code == 303
    assert db.session.scalar(select(func.count()).select_from(Worker)) == workers_before
    case = db.session.scalars(select(Case).order_by(Case.created_at.desc())).first()
    assert case.workers == [existing]


def test_duplicate_check_by_phone_and_new_choice(make, login_as):
    make.worker(name="Someone Else", phone="+1 555 201 9999")
    client = login_as(make.user("intake"))
    response = client.post("/cases/new", data=intake_form(**{"workers-0-phone": "555-201-9999"}))
    assert response.status_code == 200 and "Someone Else" in response.get_data(as_text=True)
    response = client.post(
        "/cases/new",
        data=intake_form(**{"workers-0-phone": "555-201-9999", "workers-0-match": "new"}),
    )
    assert response.status_code == 303


def test_duplicate_check_offers_existing_employer(make, login_as):
    employer = make.employer(business_name="Sample Bakery Corp")
    client = login_as(make.user("intake"))
    response = client.post(
        "/cases/new", data=intake_form(**{"employers-0-business_name": "sample bakery"})
    )
    assert f'value="{employer.id}"' in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"workers-0-name": ""}, "Enter the worker"),
        ({"employers-0-business_name": ""}, "business name."),
        ({"workers-0-phone": "555-12"}, "area code"),
        ({"workers-0-email": "not-an-email"}, "email address"),
        ({"first_day_worked": "2025-09-01", "last_day_worked": "2025-01-01"}, "cannot be before"),
        ({"last_day_worked": (TODAY + timedelta(days=3)).isoformat()}, "in the future"),
        ({"first_day_worked": "31/31/2024"}, "Not a valid date"),
        ({"narrative": "x" * 20001}, "20000"),
        ({"narrative": "The worker is undocumented."}, "never records immigration status"),
        ({"jurisdiction": "XX"}, "Not a valid choice"),
        ({"case_type": "other"}, "Not a valid choice"),
        ({"employers-0-ein": "12"}, "nine digits"),
        (
            {
                "case_type": "workers_comp",
                "injury_date": "2026-01-10",
                "notice_to_employer_on": "2026-01-01",
            },
            "before the injury",
        ),
        (
            {
                "case_type": "retaliation",
                "protected_activity_on": "2026-01-10",
                "adverse_action_on": "2026-01-01",
            },
            "comes after",
        ),
    ],
)
def test_intake_bad_input_saves_nothing(make, login_as, changes, message):
    client = login_as(make.user("intake"))
    before = cases_count()
    response = client.post("/cases/new", data=intake_form(**changes))
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert cases_count() == before


def test_intake_keeps_text_when_guard_refuses(make, login_as):
    client = login_as(make.user("intake"))
    text = "She has no papers and was paid $5 an hour."
    html = client.post("/cases/new", data=intake_form(narrative=text)).get_data(as_text=True)
    assert "no papers" in html and "paid $5 an hour" in html


# -- roles --------------------------------------------------------------------------


def test_advocate_gets_404_for_another_advocates_case(make, login_as):
    mine = make.user("advocate")
    other = make.user("advocate")
    case = make.case(assigned_to=other)
    client = login_as(mine)
    for url in (f"/cases/{case.id}", f"/cases/{case.id}/edit"):
        assert client.get(url).status_code == 404
    assert client.post(f"/cases/{case.id}/notes", data={"body": "hi"}).status_code == 404
    assert client.get(f"/cases/workers/{case.workers[0].id}").status_code == 404
    assert client.get(f"/cases/{'0' * 8}").status_code == 404


def test_team_member_sees_case(make, login_as):
    member = make.user("advocate")
    case = make.case(assigned_to=make.user("advocate"), team=[member])
    assert login_as(member).get(f"/cases/{case.id}").status_code == 200


def test_intake_sees_own_intake_until_assigned(make, login_as):
    volunteer = make.user("intake")
    case = make.case(status="intake", opened_by=volunteer)
    other = make.case(status="intake", opened_by=make.user("intake"))
    client = login_as(volunteer)
    assert client.get(f"/cases/{case.id}").status_code == 200
    assert client.get(f"/cases/{other.id}").status_code == 404
    listing = client.get("/cases/").get_data(as_text=True)
    assert case.reference in listing and other.reference not in listing
    case.assigned_to_id = make.user("advocate").id
    db.session.flush()
    assert client.get(f"/cases/{case.id}").status_code == 404


def test_admin_gets_no_case_contents(make, login_as):
    case = make.case()
    client = login_as(make.user("admin"))
    assert client.get("/cases/").status_code == 403
    assert client.get(f"/cases/{case.id}").status_code == 403
    assert client.get("/cases/new").status_code == 403
    assert client.get(f"/cases/workers/{case.workers[0].id}").status_code == 403


def test_anonymous_is_sent_to_login(client, make):
    case = make.case()
    response = client.get(f"/cases/{case.id}")
    assert response.status_code in (302, 303)


def test_caseload_defaults_to_own_cases_for_advocates(make, login_as):
    advocate = make.user("advocate")
    mine = make.case(assigned_to=advocate)
    theirs = make.case(assigned_to=make.user("advocate"))
    html = login_as(advocate).get("/cases/").get_data(as_text=True)
    assert mine.reference in html and theirs.reference not in html


def test_supervisor_sees_all_and_filters(make, login_as):
    supervisor = make.user("supervisor")
    advocate = make.user("advocate")
    a = make.case(assigned_to=advocate, case_type="workers_comp", jurisdiction="CA")
    b = make.case(status="closed", outcome="recovered")
    client = login_as(supervisor)
    html = client.get("/cases/").get_data(as_text=True)
    assert a.reference in html and b.reference in html
    html = client.get("/cases/?case_type=workers_comp").get_data(as_text=True)
    assert a.reference in html and b.reference not in html
    html = client.get(f"/cases/?advocate={advocate.id}").get_data(as_text=True)
    assert a.reference in html and b.reference not in html
    html = client.get("/cases/?status=closed&jurisdiction=NY-NYC").get_data(as_text=True)
    assert b.reference in html and a.reference not in html
    html = client.get("/cases/?sort=reference&dir=asc&page=zz&status=bogus").get_data(as_text=True)
    assert a.reference in html


def test_caseload_is_paginated_by_fifty(make, login_as):
    supervisor = make.user("supervisor")
    worker = make.worker()
    employer = make.employer()
    for _ in range(51):
        make.case(workers=[worker], employers=[employer], jurisdiction="NY-REST")
    client = login_as(supervisor)
    first = client.get("/cases/?jurisdiction=NY-REST").get_data(as_text=True)
    assert "51 cases" in first and "Page 1 of 2" in first
    second = client.get("/cases/?jurisdiction=NY-REST&page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second


def test_search_by_phone_is_posted_and_names_stay_out_of_urls(make, login_as):
    advocate = make.user("advocate")
    worker = make.worker(name="Rosa Fictitia", phone="(555) 201-7788")
    case = make.case(workers=[worker], assigned_to=advocate)
    other = make.case(assigned_to=advocate)
    client = login_as(advocate)
    response = client.post("/cases/search", data={"phone": "555.201.7788"})
    assert response.status_code == 303
    assert response.headers["Location"].endswith("/cases/?search=1")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert case.reference in html and other.reference not in html
    response = client.post("/cases/search", data={"worker_name": "rosa fictitia"})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert case.reference in html and other.reference not in html
    response = client.post("/cases/search", data={"employer": case.employers[0].business_name})
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert case.reference in html
    response = client.post("/cases/search", data={"clear": "1"})
    html = client.get("/cases/").get_data(as_text=True)
    assert other.reference in html


# -- the case page ------------------------------------------------------------------


def test_case_page_tells_the_story_and_audits_the_view(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, case_type="retaliation", jurisdiction="CA")
    make.note(case, "Met the worker at the center.", author=advocate)
    client = login_as(advocate)
    client.post(f"/cases/{case.id}/status", data={"status": "demand_sent"})
    from casework.cases import deadlines

    deadlines.recompute(case)
    db.session.flush()
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Met the worker at the center." in html
    assert "guide, not legal advice" in html
    assert "29 USC 660(c)" in html
    assert "Demand sent" in html
    assert case.workers[0].name in html and case.employers[0].business_name in html
    assert "case.view" in audit_actions(case.id)
    assert html.count("<h1") == 1


def test_add_note_newest_first_and_guard_keeps_text(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    assert client.post(f"/cases/{case.id}/notes", data={"body": "First call."}).status_code == 303
    assert client.post(f"/cases/{case.id}/notes", data={"body": "Second call."}).status_code == 303
    html = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert html.index("Second call.") < html.index("First call.")
    text = "Told me she is undocumented, wants to wait until Monday."
    response = client.post(f"/cases/{case.id}/notes", data={"body": text})
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "never records immigration status" in html
    assert "wants to wait until Monday." in html
    assert (
        db.session.scalar(select(func.count()).select_from(Note).where(Note.case_id == case.id))
        == 2
    )


def test_employer_threat_note_is_allowed(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    body = "The owner threatened to call immigration if she complained."
    response = login_as(advocate).post(f"/cases/{case.id}/notes", data={"body": body})
    assert response.status_code == 303


def test_status_change_and_closing_rules(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, status="collecting")
    client = login_as(advocate)
    response = client.post(f"/cases/{case.id}/status", data={"status": "open"})
    assert response.status_code == 422 and "Not a valid choice" in response.get_data(as_text=True)
    response = client.post(
        f"/cases/{case.id}/status", data={"status": "closed", "amount_recovered": "10"}
    )
    assert response.status_code == 422 and "needs an outcome" in response.get_data(as_text=True)
    response = client.post(
        f"/cases/{case.id}/status",
        data={"status": "closed", "outcome": "recovered", "amount_recovered": "-1"},
    )
    assert response.status_code == 422 and "negative" in response.get_data(as_text=True)
    response = client.post(
        f"/cases/{case.id}/status",
        data={"status": "closed", "outcome": "recovered", "amount_recovered": "1,250.00"},
    )
    assert response.status_code == 303
    db.session.refresh(case)
    assert case.status == "closed" and str(case.amount_recovered) == "1250.00"
    assert "case.status" in audit_actions(case.id)


def test_intake_user_cannot_change_status(make, login_as):
    volunteer = make.user("intake")
    case = make.case(status="intake", opened_by=volunteer)
    response = login_as(volunteer).post(f"/cases/{case.id}/status", data={"status": "open"})
    assert response.status_code == 403


def test_edit_facts_recomputes_and_audits(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, case_type="workers_comp")
    client = login_as(advocate)
    form = client.get(f"/cases/{case.id}/edit").get_data(as_text=True)
    assert f'name="version" type="hidden" value="{case.version}"' in form
    response = client.post(
        f"/cases/{case.id}/edit",
        data={
            "version": str(case.version),
            "jurisdiction": "NY-NYC",
            "injury_date": "2026-01-05",
            "narrative": "Fell from a ladder.",
            "forum": "",
        },
    )
    assert response.status_code == 303
    db.session.refresh(case)
    assert case.comp_claim.injury_date == date(2026, 1, 5)
    assert any(
        d.rule_key == "wc_notice_to_employer" and d.due_on == date(2026, 2, 4)
        for d in case.deadlines
    )
    assert "case.edit" in audit_actions(case.id)


def test_stale_edit_is_refused_and_input_kept(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    old = case.version
    ok = client.post(
        f"/cases/{case.id}/edit",
        data={
            "version": str(old),
            "jurisdiction": "NY-NYC",
            "narrative": "First person's edit.",
            "forum": "",
        },
    )
    assert ok.status_code == 303
    response = client.post(
        f"/cases/{case.id}/edit",
        data={
            "version": str(old),
            "jurisdiction": "CA",
            "narrative": "Second person's edit.",
            "forum": "",
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Somebody else saved this case" in html and "Second person&#39;s edit." in html
    db.session.refresh(case)
    assert case.narrative == "First person's edit." and case.jurisdiction == "NY-NYC"


def test_typed_deadline_add_done_and_deadlines_page(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    overdue = (TODAY - timedelta(days=2)).isoformat()
    later = (TODAY + timedelta(days=30)).isoformat()
    client.post(
        f"/cases/{case.id}/deadlines",
        data={"label": "Call the employer", "due_on": overdue, "kind": "follow_up"},
    )
    client.post(
        f"/cases/{case.id}/deadlines", data={"label": "Hearing", "due_on": later, "kind": "hearing"}
    )
    bad = client.post(f"/cases/{case.id}/deadlines", data={"label": "", "due_on": "soon"})
    assert bad.status_code == 422
    html = client.get("/cases/deadlines").get_data(as_text=True)
    assert html.index("Call the employer") < html.index("Hearing")
    assert case.reference in html
    db.session.refresh(case)
    first = next(d for d in case.deadlines if d.typed_label == "Call the employer")
    assert client.post(f"/cases/{case.id}/deadlines/{first.id}/done").status_code == 303
    assert "Call the employer" not in client.get("/cases/deadlines").get_data(as_text=True)
    other = make.user("advocate")
    assert "Hearing" not in relogin(login_as, other).get("/cases/deadlines").get_data(as_text=True)


def test_supervisor_assigns_and_sets_team(make, login_as):
    supervisor = make.user("supervisor")
    advocate = make.user("advocate")
    helper = make.user("advocate")
    case = make.case(status="intake")
    client = login_as(supervisor)
    response = client.post(
        f"/cases/{case.id}/assign", data={"assigned_to": str(advocate.id), "team": [str(helper.id)]}
    )
    assert response.status_code == 303
    db.session.refresh(case)
    assert case.assigned_to_id == advocate.id and case.status == "open"
    assert [u.id for u in case.team] == [helper.id]
    assert relogin(login_as, helper).get(f"/cases/{case.id}").status_code == 200
    assert relogin(login_as, advocate).post(f"/cases/{case.id}/assign", data={}).status_code == 403


def test_add_worker_to_case_without_javascript(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    response = client.post(
        f"/cases/{case.id}/workers/add",
        data={
            "name": "Third Person",
            "phone": "",
            "preferred_language": "en",
            "contact_ok_by": "phone",
            "match": "",
        },
    )
    assert response.status_code == 303
    db.session.refresh(case)
    assert len(case.worker_links) == 2
    response = client.post(
        f"/cases/{case.id}/employers/add",
        data={
            "business_name": "Successor Foods LLC",
            "role": "successor",
            "entity_type": "llc",
            "match": "",
        },
    )
    assert response.status_code == 303


def test_worker_page_and_edit(make, login_as):
    advocate = make.user("advocate")
    worker = make.worker(name="Rosa Fictitia", preferred_language="es", contact_ok_by="text")
    case = make.case(workers=[worker], assigned_to=advocate)
    client = login_as(advocate)
    html = client.get(f"/cases/workers/{worker.id}").get_data(as_text=True)
    assert "Rosa Fictitia" in html and "Spanish" in html and "Text message" in html
    assert case.reference in html
    response = client.post(
        f"/cases/workers/{worker.id}/edit",
        data={
            "name": "Rosa Fictitia",
            "phone": "12",
            "preferred_language": "es",
            "contact_ok_by": "text",
        },
    )
    assert response.status_code == 200 and "area code" in response.get_data(as_text=True)
    response = client.post(
        f"/cases/workers/{worker.id}/edit",
        data={
            "name": "Rosa M. Fictitia",
            "phone": "555 201 0000",
            "preferred_language": "es",
            "contact_ok_by": "mail",
        },
    )
    assert response.status_code == 303
    db.session.refresh(worker)
    assert worker.name == "Rosa M. Fictitia" and worker.contact_ok_by == "mail"


def test_employer_page_lists_every_case_with_totals(make, login_as):
    from decimal import Decimal

    supervisor = make.user("supervisor")
    employer = make.employer(business_name="Repeat Offender Foods LLC")
    make.case(employers=[employer], amount_claimed=Decimal("1000.00"))
    make.case(
        employers=[employer],
        status="closed",
        outcome="recovered",
        amount_claimed=Decimal("500.00"),
        amount_recovered=Decimal("450.00"),
    )
    client = login_as(supervisor)
    html = client.get(f"/cases/employers/{employer.id}").get_data(as_text=True)
    assert "Repeat Offender Foods LLC" in html
    assert "1,500.00" in html and "450.00" in html
    response = client.post(
        f"/cases/employers/{employer.id}/edit",
        data={
            "business_name": "Repeat Offender Foods, LLC",
            "entity_type": "llc",
            "ein": "12-3456789",
        },
    )
    assert response.status_code == 303
    assert (
        relogin(login_as, make.user("intake"))
        .get(f"/cases/employers/{employer.id}/edit")
        .status_code
        == 403
    )


# -- query counts --------------------------------------------------------------------


def count_queries(client, url) -> int:
    engine = db.engine
    seen = []

    def before(*args, **kwargs):
        seen.append(1)

    event.listen(engine, "before_cursor_execute", before)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return len(seen)


def test_list_and_case_page_query_counts_do_not_grow(make, login_as):
    supervisor = make.user("supervisor")
    client = login_as(supervisor)

    def grow(n):
        for _ in range(n):
            case = make.case(
                workers=[make.worker(), make.worker()],
                assigned_to=supervisor,
                jurisdiction="NY-LI-WESTCHESTER",
            )
            make.note(case, author=supervisor)
        return case

    case = grow(3)
    small_list = count_queries(client, "/cases/?jurisdiction=NY-LI-WESTCHESTER")
    small_case = count_queries(client, f"/cases/{case.id}")
    case = grow(12)
    for _ in range(10):
        make.note(case, author=supervisor)
    assert count_queries(client, "/cases/?jurisdiction=NY-LI-WESTCHESTER") == small_list
    assert count_queries(client, f"/cases/{case.id}") <= small_case


def test_forms_refuse_a_missing_csrf_token(app, make, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    response = client.post(f"/cases/{case.id}/notes", data={"body": "No token."})
    assert response.status_code in (302, 303, 400)
    count = select(func.count()).select_from(Note).where(Note.case_id == case.id)
    assert db.session.scalar(count) == 0


def test_intake_user_sees_worker_of_own_intake_only(make, login_as):
    volunteer = make.user("intake")
    mine = make.case(status="intake", opened_by=volunteer)
    other = make.case(status="open", assigned_to=make.user("advocate"))
    client = login_as(volunteer)
    assert client.get(f"/cases/workers/{mine.workers[0].id}").status_code == 200
    assert client.get(f"/cases/workers/{other.workers[0].id}").status_code == 404
