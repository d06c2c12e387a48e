"""Hostile strings in every field of every cases form: never a 500, never unescaped."""

from __future__ import annotations

import pytest

from tests.cases.test_views import intake_form

HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE cases; --",
    "%(name)s {0} %s %n",
    "a\x00b",
    "\u202eevil",
    "x" * 70000,
    "-1e999",
    "9999-99-99",
]


def forms_for(case, worker, employer):
    status = {"status": "", "outcome": "", "amount_recovered": "", "closed_on": ""}
    return [
        ("/cases/new", intake_form()),
        (f"/cases/{case.id}/notes", {"body": ""}),
        (f"/cases/{case.id}/status", status),
        (f"/cases/{case.id}/deadlines", {"label": "", "due_on": "", "kind": ""}),
        (
            f"/cases/{case.id}/edit",
            {"version": "", "jurisdiction": "", "narrative": "", "first_day_worked": ""},
        ),
        ("/cases/search", {"worker_name": "", "phone": "", "employer": ""}),
        (
            f"/cases/workers/{worker.id}/edit",
            {
                "name": "",
                "phone": "",
                "email": "",
                "address": "",
                "preferred_language": "",
                "contact_ok_by": "",
            },
        ),
        (
            f"/cases/employers/{employer.id}/edit",
            {"business_name": "", "address": "", "owner_names": "", "ein": "", "entity_type": ""},
        ),
        (f"/cases/{case.id}/workers/add", {"name": "", "phone": "", "match": ""}),
        (f"/cases/{case.id}/employers/add", {"business_name": "", "role": "", "match": ""}),
        (f"/cases/{case.id}/assign", {"assigned_to": "", "team": ""}),
    ]


@pytest.mark.parametrize("payload", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_strings_never_500_and_are_escaped(make, login_as, payload):
    supervisor = make.user("supervisor")
    worker = make.worker()
    employer = make.employer()
    case = make.case(workers=[worker], employers=[employer], assigned_to=supervisor)
    client = login_as(supervisor)
    for url, base in forms_for(case, worker, employer):
        for field in base:
            data = dict(base)
            data[field] = payload
            response = client.post(url, data=data)
            assert response.status_code < 500, (url, field)
            assert b"<script>alert(1)</script>" not in response.data
            assert b"<img src=x onerror" not in response.data
    for url in ("/cases/", f"/cases/{case.id}", "/cases/deadlines"):
        page = client.get(url)
        assert page.status_code == 200
        assert b"<script>alert(1)</script>" not in page.data


def test_invalid_utf8_body_is_not_a_500(make, login_as):
    client = login_as(make.user("intake"))
    response = client.post(
        "/cases/new",
        data=b"case_type=wage_theft&workers-0-name=%FF%FE&employers-0-business_name=%C3",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code < 500
