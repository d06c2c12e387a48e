"""Hypothesis fills every form with random values: never a 500; accepted text reads back.

The forms are the ones found on the pages (tests.security.forms); each field gets a
value drawn for its kind (text, dates in and out of range, numbers, choices or not,
empty). Notes and the intake's worker name, when accepted, are stored and shown
exactly as typed.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import escape
from sqlalchemy import select

from casework.extensions import db
from casework.models import Note, Worker
from tests.security.conftest import sign_in
from tests.security.test_hostile_input import discover_forms, post

EXAMPLES = 12
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
TEXT = st.text(max_size=40)
EDGE = st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "9" * 30, "2024-02-30", "31/12/2025"])
DATES = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(date.isoformat)
NUMBERS = st.one_of(
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=None).map(str),
)


def strategy_for(form, name):
    kind = form.kinds[name]
    if kind == "date":
        return st.one_of(DATES, EDGE, TEXT)
    if kind == "number":
        return st.one_of(NUMBERS, EDGE, TEXT)
    if kind in {"select", "radio"}:
        return st.one_of(st.sampled_from(form.options.get(name) or [""]), EDGE, TEXT)
    if kind == "checkbox":
        return st.sampled_from(["", "y"])
    if name.endswith(("amount", "principal", "rate", "hours_per_week", "pay_per_week")):
        return st.one_of(NUMBERS, EDGE, TEXT)
    return st.one_of(TEXT, EDGE, NUMBERS)


def drive_form(client, seed, role, form, fields, runs) -> None:
    @SETTINGS
    @given(data=st.fixed_dictionaries(fields))
    def drive(data):
        runs["examples"] += 1
        response = post(client, seed, role, form, data)
        assert response.status_code < 500, (form.action, data)

    drive()


def test_random_values_in_every_form_never_give_a_500(app, client, seed):
    forms = discover_forms(app, client, seed)
    runs = {"examples": 0}
    for role, form in forms:
        fields = {name: strategy_for(form, name) for name in form.kinds if name != "csrf_token"}
        if not fields:
            continue

        drive_form(client, seed, role, form, fields, runs)
    assert runs["examples"] >= 20 * EXAMPLES // 2
    print(f"\nhypothesis: {len(forms)} forms, {runs['examples']} examples run")


def test_an_accepted_note_reads_back_as_typed(client, seed):
    supervisor = seed.users["supervisor"]
    shown = {"accepted": 0}

    @SETTINGS
    @given(body=st.text(min_size=1, max_size=200))
    def write(body):
        sign_in(client, supervisor)
        response = client.post(f"/cases/{seed.case.id}/notes", data={"body": body})
        assert response.status_code in (303, 422), response.status_code
        if response.status_code == 303:
            shown["accepted"] += 1
            typed = body.replace("\x00", "").strip()
            note = db.session.scalars(
                select(Note).where(Note.case_id == seed.case.id).order_by(Note.created_at.desc())
            ).first()
            db.session.refresh(note)
            assert note.body == typed
            page = client.get(f"/cases/{seed.case.id}").get_data(as_text=True)
            line = typed.splitlines()[0].strip() if typed else ""
            if line and "  " not in line:
                assert str(escape(line)) in page

    write()


def test_an_accepted_worker_name_reads_back_as_typed(client, seed):
    supervisor = seed.users["supervisor"]

    @SETTINGS
    @given(name=st.text(min_size=1, max_size=80))
    def rename(name):
        sign_in(client, supervisor)
        data = {
            "name": name,
            "phone": seed.worker.phone,
            "preferred_language": "en",
            "contact_ok_by": "phone",
        }
        response = client.post(f"/cases/workers/{seed.worker.id}/edit", data=data)
        assert response.status_code < 500
        if response.status_code in (302, 303):
            typed = name.replace("\x00", "").strip()
            worker = db.session.get(Worker, seed.worker.id)
            db.session.refresh(worker)
            assert worker.name == typed
            page = client.get(f"/cases/workers/{seed.worker.id}").get_data(as_text=True)
            if typed and "  " not in typed:
                assert str(escape(typed)) in page

    rename()
