"""Workers and employers are reached through their cases, and shared ones are changed with care.

An employer (or worker) on several cases is seen by anyone who may see one of them,
changed only by someone who may change all of them, and every change lands on the
timeline of each case it touches.
"""

from __future__ import annotations

from sqlalchemy import func, select

from casework.extensions import db
from casework.models.case import Case, CaseEvent

EMPLOYER_EDIT = {
    "business_name": "Renamed Diner LLC",
    "address": "",
    "owner_names": "",
    "industry": "",
    "entity_type": "llc",
    "ein": "",
}


def _events(case, kind):
    return list(
        db.session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == kind)
        )
    )


def test_an_employer_of_another_advocates_case_is_not_found(make, login_as):
    mine, theirs = make.user("advocate"), make.user("advocate")
    employer = make.employer(owner_names="Hidden Owner Name")
    make.case(employers=[employer], assigned_to=theirs)
    client = login_as(mine)
    for path in (f"/cases/employers/{employer.id}", f"/cases/employers/{employer.id}/edit"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"Hidden Owner Name" not in response.data
    response = client.post(f"/cases/employers/{employer.id}/edit", data=EMPLOYER_EDIT)
    assert response.status_code == 404
    db.session.refresh(employer)
    assert employer.business_name != "Renamed Diner LLC"
    assert employer.owner_names == "Hidden Owner Name"


def test_intake_loses_the_worker_and_employer_once_the_case_is_assigned(make, login_as):
    intake, advocate = make.user("intake"), make.user("advocate")
    worker, employer = make.worker(), make.employer(owner_names="Owner Of Record")
    case = make.case(workers=[worker], employers=[employer], opened_by=intake, status="intake")
    client = login_as(intake)
    assert client.get(f"/cases/workers/{worker.id}").status_code == 200
    assert client.get(f"/cases/employers/{employer.id}").status_code == 200
    case.assigned_to_id = advocate.id
    case.status = "open"
    db.session.flush()
    for path in (
        f"/cases/{case.id}",
        f"/cases/workers/{worker.id}",
        f"/cases/workers/{worker.id}/edit",
        f"/cases/employers/{employer.id}",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert worker.name.encode() not in response.data
        assert b"Owner Of Record" not in response.data


def test_a_shared_employer_is_edited_only_by_someone_on_every_case(make, login_as):
    mine, theirs = make.user("advocate"), make.user("advocate")
    employer = make.employer(business_name="Shared Diner LLC", owner_names="Pat Owner")
    my_case = make.case(employers=[employer], assigned_to=mine)
    their_case = make.case(employers=[employer], assigned_to=theirs)
    client = login_as(mine)
    assert client.get(f"/cases/employers/{employer.id}").status_code == 200
    page = client.get(f"/cases/employers/{employer.id}/edit")
    assert page.status_code == 403
    assert "also on 1 case you may not change" in page.get_data(as_text=True)
    refused = client.post(f"/cases/employers/{employer.id}/edit", data=EMPLOYER_EDIT)
    assert refused.status_code == 403
    db.session.refresh(employer)
    assert (employer.business_name, employer.owner_names) == ("Shared Diner LLC", "Pat Owner")
    assert _events(my_case, "employer_edited") == [] == _events(their_case, "employer_edited")

    # On both cases' teams, the same advocate may edit; each case's timeline says so.
    their_case.team.append(mine)
    db.session.flush()
    saved = client.post(f"/cases/employers/{employer.id}/edit", data=EMPLOYER_EDIT)
    assert saved.status_code == 303
    db.session.refresh(employer)
    assert employer.business_name == "Renamed Diner LLC"
    for case in (my_case, their_case):
        (event,) = _events(case, "employer_edited")
        assert event.user_id == mine.id
        assert "business_name" in event.detail and "owner_names" in event.detail
    page = client.get(f"/cases/{their_case.id}").get_data(as_text=True)
    assert "edited an employer&#39;s details" in page or "edited an employer's details" in page


def test_a_supervisor_edits_a_shared_worker_and_both_timelines_show_it(make, login_as):
    supervisor, advocate = make.user("supervisor"), make.user("advocate")
    worker = make.worker(name="Shared Worker Name", contact_ok_by="phone")
    first = make.case(workers=[worker], assigned_to=advocate)
    second = make.case(workers=[worker], assigned_to=make.user("advocate"))
    refused = login_as(advocate).post(
        f"/cases/workers/{worker.id}/edit",
        data={"name": "Changed", "preferred_language": "en", "contact_ok_by": "mail"},
    )
    assert refused.status_code == 403
    assert b"also on 1 case you may not change" in refused.data
    db.session.refresh(worker)
    assert worker.contact_ok_by == "phone"
    saved = login_as(supervisor).post(
        f"/cases/workers/{worker.id}/edit",
        data={
            "name": "Shared Worker Name",
            "phone": worker.phone,
            "email": worker.email,
            "address": worker.address,
            "preferred_language": "en",
            "contact_ok_by": "mail",
        },
    )
    assert saved.status_code == 303
    for case in (first, second):
        (event,) = _events(case, "worker_edited")
        assert event.detail == "contact_ok_by"  # field names only, never the values


def test_an_employer_page_shows_only_the_cases_the_reader_may_open(make, login_as):
    """Another advocate's case against the same employer: no reference, no amount, no total."""
    from decimal import Decimal

    mine, theirs = make.user("advocate"), make.user("advocate")
    employer = make.employer(business_name="Repeat Diner LLC")
    make.case(
        employers=[employer],
        assigned_to=mine,
        reference="CW-MINE-0001",
        amount_claimed=Decimal("1234.56"),
        amount_recovered=Decimal("100.00"),
    )
    make.case(
        employers=[employer],
        assigned_to=theirs,
        reference="CW-THEIRS-0001",
        amount_claimed=Decimal("98765.43"),
        amount_recovered=Decimal("5555.55"),
        case_type="retaliation",
    )
    page = login_as(mine).get(f"/cases/employers/{employer.id}").get_data(as_text=True)
    assert "CW-MINE-0001" in page and "$1,234.56" in page
    for hidden in ("CW-THEIRS-0001", "98,765.43", "5,555.55", "99,999.99", "Retaliation"):
        assert hidden not in page, hidden
    assert "also on 1 case you may not open" in page
    # The edit button is not offered: the other case is not theirs to change.
    assert f"/cases/employers/{employer.id}/edit" not in page

    everything = login_as(make.user("supervisor")).get(f"/cases/employers/{employer.id}")
    text = everything.get_data(as_text=True)
    assert "CW-MINE-0001" in text and "CW-THEIRS-0001" in text
    assert "$99,999.99" in text  # claimed over both cases
    assert "you may not open" not in text
    assert f"/cases/employers/{employer.id}/edit" in text


def test_a_worker_page_lists_only_the_cases_the_reader_may_open(make, login_as):
    mine, theirs = make.user("advocate"), make.user("advocate")
    worker = make.worker()
    make.case(workers=[worker], assigned_to=mine, reference="CW-MINE-0002")
    make.case(workers=[worker], assigned_to=theirs, reference="CW-THEIRS-0002")
    make.case(workers=[worker], assigned_to=theirs, reference="CW-THEIRS-0003")
    page = login_as(mine).get(f"/cases/workers/{worker.id}").get_data(as_text=True)
    assert "CW-MINE-0002" in page
    assert "CW-THEIRS-0002" not in page and "CW-THEIRS-0003" not in page
    assert "also on 2 cases you may not open" in page
    assert f"/cases/workers/{worker.id}/edit" not in page


def _add_worker(client, case, **fields):
    data = {"name": "", "phone": "", "preferred_language": "en", "contact_ok_by": "phone"}
    data.update(fields)
    return client.post(f"/cases/{case.id}/workers/add", data=data)


def test_a_worker_not_offered_cannot_be_linked_onto_ones_own_case(make, login_as):
    """Linking a record by a copied id would make it visible through one's own case."""
    mine, theirs = make.user("advocate"), make.user("advocate")
    hidden = make.worker(name="Hidden Worker Name", phone="(555) 201-0042")
    make.case(workers=[hidden], assigned_to=theirs)
    my_case = make.case(assigned_to=mine)
    client = login_as(mine)
    response = _add_worker(client, my_case, name="Somebody Else", match=str(hidden.id))
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "does not match the name or phone typed here" in text
    assert "Hidden Worker Name" not in text and "0042" not in text
    db.session.refresh(my_case)
    assert hidden not in my_case.workers and len(my_case.workers) == 1
    assert client.get(f"/cases/workers/{hidden.id}").status_code == 404
    # A guessed id refuses the same way, and the next save looks for matches afresh.
    import uuid

    again = _add_worker(client, my_case, name="Somebody Else", match=str(uuid.uuid4()))
    assert "does not match the name or phone typed here" in again.get_data(as_text=True)
    assert 'name="match" value=""' in again.get_data(as_text=True)

    # The duplicate check offers the worker to whoever types their name or phone: that
    # choice stands.
    offered = _add_worker(client, my_case, name="Hidden Worker Name")
    assert f'value="{hidden.id}"' in offered.get_data(as_text=True)
    chosen = _add_worker(client, my_case, name="Hidden Worker Name", match=str(hidden.id))
    assert chosen.status_code == 303
    db.session.refresh(my_case)
    assert hidden in my_case.workers


def test_an_employer_not_offered_cannot_be_linked_at_intake(make, login_as):
    from tests.cases.test_views import intake_form

    theirs = make.user("advocate")
    hidden = make.employer(business_name="Faraway Holdings LLC", owner_names="Secret Owner")
    make.case(employers=[hidden], assigned_to=theirs)
    intake = make.user("intake")
    client = login_as(intake)
    before = db.session.scalar(select(func.count()).select_from(Case))
    form = intake_form(**{"employers-0-match": str(hidden.id)})  # typed "Sample Bakery Corp"
    response = client.post("/cases/new", data=form)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "does not match the name or phone typed here" in text
    assert "Secret Owner" not in text
    assert db.session.scalar(select(func.count()).select_from(Case)) == before
    assert client.get(f"/cases/employers/{hidden.id}").status_code == 404


def test_shredding_a_shared_worker_is_on_every_case_timeline(make, login_as):
    from casework.services.shredding import shred_worker

    supervisor = make.user("supervisor")
    worker, bystander = make.worker(), make.worker()
    first = make.case(workers=[worker, bystander])
    second = make.case(workers=[worker])
    untouched = make.case(workers=[bystander])
    assert shred_worker(worker.id, commit=False)
    for case in (first, second):
        (event,) = _events(case, "worker_shredded")
        assert event.ref_id == worker.id
    assert _events(untouched, "worker_shredded") == []
    page = login_as(supervisor).get(f"/cases/{second.id}").get_data(as_text=True)
    assert "shredded a worker&#39;s data" in page or "shredded a worker's data" in page


def test_the_duplicate_check_names_only_cases_the_reader_may_open(make, login_as):
    mine, theirs = make.user("advocate"), make.user("advocate")
    employer = make.employer(business_name="Corner Bakery Corp")
    make.case(employers=[employer], assigned_to=mine, reference="CW-MINE-0009")
    make.case(employers=[employer], assigned_to=theirs, reference="CW-THEIRS-0009")
    my_case = make.case(assigned_to=mine)
    form = {"business_name": "Corner Bakery", "role": "employer", "entity_type": "llc"}
    page = login_as(mine).post(f"/cases/{my_case.id}/employers/add", data=form)
    text = page.get_data(as_text=True)
    assert f'value="{employer.id}"' in text
    assert "CW-MINE-0009" in text and "CW-THEIRS-0009" not in text
    assert "1 open case you may not open" in text
    supervisor = login_as(make.user("supervisor"))
    text = supervisor.post(f"/cases/{my_case.id}/employers/add", data=form).get_data(as_text=True)
    assert "CW-MINE-0009" in text and "CW-THEIRS-0009" in text
    assert "you may not open" not in text


def test_opening_an_employer_page_is_in_the_audit_log(make, login_as):
    from casework.models import AuditEvent

    advocate = make.user("advocate")
    employer = make.employer()
    make.case(employers=[employer], assigned_to=advocate)
    assert login_as(advocate).get(f"/cases/employers/{employer.id}").status_code == 200
    (event,) = db.session.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "employer.view", AuditEvent.object_id == str(employer.id)
        )
    )
    assert event.user_id == advocate.id
