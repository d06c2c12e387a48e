"""Case services: workflow rules, deadline wiring, case numbers, notes, optimistic locking."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from casework.cases import deadlines, search, service
from casework.cases.workflow import TRANSITIONS, change_status
from casework.extensions import db
from casework.models import AuditEvent, Case, Note, StatusRefused
from casework.models.case import STATUSES
from casework.refusals import Refused


def intake(**kw) -> service.Intake:
    fields = {
        "case_type": "wage_theft",
        "jurisdiction": "NY-NYC",
        "workers": [service.WorkerInput(name="Rosa Fictitia", phone="(555) 201-7788")],
        "employers": [service.EmployerInput(business_name="Sample Bakery Corp")],
        "facts": {
            "first_day_worked": date(2024, 3, 4),
            "last_day_worked": date(2025, 9, 26),
            "narrative": "Paid cash every Friday, never for overtime.",
        },
    }
    fields.update(kw)
    return service.Intake(**fields)


def keys(case: Case) -> dict[str, date]:
    return {d.rule_key: d.due_on for d in case.deadlines if d.computed}


# -- case numbers -----------------------------------------------------------------


def test_open_case_numbers_cases_by_year(make):
    user = make.user("intake")
    first = service.open_case(intake(), user, today=date(2026, 3, 2))
    second = service.open_case(intake(), user, today=date(2026, 3, 3))
    other_year = service.open_case(intake(), user, today=date(2025, 12, 30))
    assert first.reference == "CW-2026-00001"
    assert second.reference == "CW-2026-00002"
    assert other_year.reference == "CW-2025-00001"
    assert db.session.get(Case, first.id).reference == "CW-2026-00001"


def test_reference_skips_a_number_taken_meanwhile(make, monkeypatch):
    user = make.user("intake")
    taken = make.case(reference="CW-2026-00001")
    calls = iter(["CW-2026-00001", "CW-2026-00002"])
    monkeypatch.setattr(service, "next_reference", lambda year: next(calls))
    case = service.open_case(intake(), user, today=date(2026, 3, 2))
    assert taken.reference == "CW-2026-00001"
    assert case.reference == "CW-2026-00002"


# -- intake ---------------------------------------------------------------------


def test_open_case_records_parties_claims_deadlines_and_audit(make):
    user = make.user("advocate")
    data = intake(
        workers=[
            service.WorkerInput(name="Rosa Fictitia", phone="555 201 7788"),
            service.WorkerInput(name="Ana Ejemplo", preferred_language="es"),
        ],
        employers=[
            service.EmployerInput(business_name="Sample Bakery Corp", entity_type="corporation"),
            service.EmployerInput(business_name="Sample Holding LLC", role="joint_employer"),
        ],
    )
    case = service.open_case(data, user, today=date(2026, 3, 2))
    db.session.flush()
    assert case.status == "intake"
    assert case.assigned_to_id == user.id  # an advocate works the cases they open
    assert [w.name for w in case.workers] == ["Rosa Fictitia", "Ana Ejemplo"]
    assert all(link.wage_claim is not None for link in case.worker_links)
    assert [link.role for link in case.employer_links] == ["employer", "joint_employer"]
    assert keys(case)["nyll_6y_earliest_weeks"] == date(2030, 3, 4)
    assert keys(case)["flsa_2y_last_weeks"] == date(2027, 9, 26)
    assert case.next_deadline_on == min(keys(case).values())
    actions = db.session.scalars(select(AuditEvent.action).where(AuditEvent.case_id == case.id))
    assert "case.create" in list(actions)


def test_intake_attaches_existing_worker_and_employer(make):
    user = make.user("intake")
    worker = make.worker(name="María José Núñez")
    employer = make.employer(business_name="Sample Bakery Corp")
    data = intake(
        workers=[service.WorkerInput(name="maria jose nunez", existing_id=worker.id)],
        employers=[
            service.EmployerInput(business_name="sample bakery corp", existing_id=employer.id)
        ],
    )
    case = service.open_case(data, user)
    assert case.workers == [worker]
    assert case.employers == [employer]
    assert worker.name == "María José Núñez"


def test_intake_refuses_status_disclosure_in_narrative(make):
    user = make.user("intake")
    data = intake(facts={"narrative": "She is undocumented and afraid."})
    with pytest.raises(StatusRefused) as error:
        service.open_case(data, user)
        db.session.flush()
    assert error.value.field == "narrative"


def test_employer_threat_is_recorded_on_retaliation(make):
    user = make.user("intake")
    data = intake(
        case_type="retaliation",
        jurisdiction="CA",
        facts={
            "protected_activity": "Complained about missing overtime pay.",
            "protected_activity_on": date(2026, 1, 5),
            "adverse_action": "The manager threatened to call immigration on him and cut shifts.",
            "adverse_action_on": date(2026, 1, 12),
            "threatened_immigration_report": True,
        },
    )
    case = service.open_case(data, user)
    assert case.retaliation_claim.threatened_immigration_report is True
    assert keys(case)["osha_11c"] == date(2026, 2, 11)
    assert keys(case)["ca_labor_commissioner_retaliation"] == date(2027, 1, 12)


# -- deadlines ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "left"),
    [(date(2026, 2, 10), 1), (date(2026, 2, 11), 0), (date(2026, 2, 12), -1)],
)
def test_days_left_on_both_sides_of_osha_limit(make, today, left):
    case = make.case(case_type="retaliation", jurisdiction="US")
    deadlines.recompute(case)
    osha = next(d for d in case.deadlines if d.rule_key == "osha_11c")
    assert osha.due_on == date(2026, 2, 11)
    assert deadlines.days_left(osha, today) == left
    assert "29 USC 660(c)" in osha.source


def test_workers_comp_deadlines_follow_the_injury_date(make):
    case = make.case(case_type="workers_comp", jurisdiction="NY-NYC")
    deadlines.recompute(case)
    assert keys(case)["wc_notice_to_employer"] == date(2026, 3, 12)
    assert keys(case)["wc_claim_c3"] == date(2028, 2, 10)


def test_changing_facts_recomputes_and_keeps_typed_deadlines(make):
    user = make.user("advocate")
    case = service.open_case(intake(), user)
    service.add_typed_deadline(
        case, "Hearing at the labor department", date(2026, 6, 1), "hearing", user
    )
    before = keys(case)["nyll_6y_last_weeks"]
    service.update_facts(case, {"last_day_worked": date(2025, 10, 31)}, case.version)
    assert before == date(2031, 9, 26)
    assert keys(case)["nyll_6y_last_weeks"] == date(2031, 10, 31)
    assert any(d.typed_label == "Hearing at the labor department" for d in case.deadlines)
    service.update_facts(case, {"first_day_worked": None, "last_day_worked": None}, case.version)
    assert keys(case) == {}
    assert case.next_deadline_on == date(2026, 6, 1)


def test_complete_deadline_moves_next_deadline(make):
    user = make.user("advocate")
    case = make.case(assigned_to=user)
    first = service.add_typed_deadline(case, "Call back", date(2026, 4, 1), "follow_up", user)
    service.add_typed_deadline(case, "Hearing", date(2026, 5, 1), "hearing", user)
    assert case.next_deadline_on == date(2026, 4, 1)
    service.complete_deadline(case, first.id)
    assert first.done and case.next_deadline_on == date(2026, 5, 1)


def test_overdue_filter_on_both_sides_of_due_date(make):
    supervisor = make.user("supervisor")
    case = make.case()
    service.add_typed_deadline(case, "Follow up", date(2026, 4, 1), "follow_up", supervisor)
    db.session.flush()

    def listed(today):
        q = search.CaseQuery(overdue=True, today=today)
        return case in search.list_cases(supervisor, q).cases

    assert not listed(date(2026, 4, 1))
    assert listed(date(2026, 4, 2))


# -- workflow -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target"),
    [(s, t) for s in STATUSES for t in STATUSES if s != t],
)
def test_each_transition_allowed_or_refused(make, start, target):
    case = make.case(status=start)
    kwargs = {"outcome": "recovered", "amount_recovered": Decimal("100.00")}
    if target in TRANSITIONS[start]:
        change_status(case, target, **kwargs)
        assert case.status == target
    else:
        with pytest.raises(Refused) as error:
            change_status(case, target, **kwargs)
        assert error.value.message == "not_allowed"
        assert case.status == start


def test_closing_requires_outcome_and_amount(make):
    case = make.case(status="collecting")
    with pytest.raises(Refused) as error:
        change_status(case, "closed", amount_recovered=Decimal("5"))
    assert error.value.field == "outcome"
    with pytest.raises(Refused) as error:
        change_status(case, "closed", outcome="recovered")
    assert error.value.field == "amount_recovered"
    assert case.status == "collecting"
    change_status(case, "closed", outcome="recovered", amount_recovered=Decimal("1250.00"))
    assert case.closed_on == date.today() and case.amount_recovered == Decimal("1250.00")
    change_status(case, "open")
    assert case.outcome is None and case.closed_on is None


def test_assignment_opens_an_intake(make):
    advocate = make.user("advocate")
    other = make.user("advocate")
    case = make.case(status="intake")
    service.assign_case(case, advocate, [other])
    assert case.status == "open"
    assert case.assigned_to_id == advocate.id and case.team == [other]


# -- notes and locking ------------------------------------------------------------


def test_note_is_encrypted_and_guarded(make):
    user = make.user("advocate")
    case = make.case(assigned_to=user)
    note = service.add_note(case, "Worker called; wants a meeting Tuesday.", user)
    db.session.flush()
    raw = db.session.execute(select(Note.__table__.c.body).where(Note.id == note.id)).scalar()
    assert b"Tuesday" not in raw
    with pytest.raises(StatusRefused):
        service.add_note(case, "He has no papers, he is illegal.", user)
        db.session.flush()


def test_stale_version_is_refused(make):
    user = make.user("advocate")
    case = service.open_case(intake(), user)
    db.session.flush()
    old = case.version
    service.update_facts(case, {"narrative": "First edit."}, old)
    db.session.flush()
    assert case.version == old + 1
    with pytest.raises(service.StaleCase):
        service.update_facts(case, {"narrative": "Second edit."}, old)
    assert case.narrative == "First edit."


def test_group_claim_add_worker_and_employer(make):
    user = make.user("advocate")
    case = make.case(assigned_to=user)
    service.add_worker(case, service.WorkerInput(name="Second Worker"))
    link = service.add_employer(
        case, service.EmployerInput(business_name="Successor Foods LLC", role="successor")
    )
    assert len(case.worker_links) == 2 and case.worker_links[1].wage_claim is not None
    assert link.role == "successor"
    with pytest.raises(Refused):
        first = case.workers[0]
        service.add_worker(case, service.WorkerInput(name=first.name, existing_id=first.id))


def test_an_existing_record_must_be_one_the_duplicate_check_offers(make):
    """Another case's worker or employer, chosen by id without its name: nothing is linked."""
    from casework.refusals import Refused

    user = make.user("intake")
    worker, employer = make.worker(name="Ana Example"), make.employer(business_name="Far LLC")
    make.case(workers=[worker], employers=[employer], assigned_to=make.user("advocate"))
    for data, field in (
        (intake(workers=[service.WorkerInput(name="Bo", existing_id=worker.id)]), "name"),
        (
            intake(employers=[service.EmployerInput(business_name="Z", existing_id=employer.id)]),
            "business_name",
        ),
    ):
        with pytest.raises(Refused) as refused:
            service.open_case(data, user)
        assert (refused.value.field, refused.value.code) == (field, "match_not_offered")


def test_duplicate_check_finds_accented_name(make):
    worker = make.worker(name="María José Núñez", phone="+1 555-201-9876")
    assert search.find_workers("maria jose nunez") == [worker]
    assert search.find_workers(None, "(555) 201-9876") == [worker]
    assert search.find_workers("maria jose") == []


def test_employer_duplicate_check_exact_and_prefix(make):
    employer = make.employer(business_name="Sample Bakery Corp.")
    assert search.find_employers("sample bakery corp") == [employer]
    assert search.find_employers("Sample Bak") == [employer]
    assert search.find_employers("Other") == []
