"""Hostile strings in every field of every form: never a 500, never an unescaped payload.

The forms are found by signing in as each role, opening every page in the URL map
and parsing its ``<form>`` elements. Each form is posted once per hostile string with
every text field carrying it (the other fields keep valid values), then once with
every field at all carrying it, and once with a body that is not UTF-8. A refused
form changes no row; at the end every page is opened again and searched for a
payload that came through unescaped.
"""

from __future__ import annotations

import io
import re

import pytest
from sqlalchemy import func, select

from casework.extensions import db
from tests.security.conftest import sign_in
from tests.security.forms import FormSpec, forms_on
from tests.security.test_authz_matrix import MATRIX, build, rules

LONG = "A" * 100_000
HOSTILE = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "' onmouseover='alert(1)' x='",
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "'; DROP TABLE cases; --",
    "1' OR '1'='1",
    "%s%n%x{0}{__class__}%(name)s",
    "{{7*7}} {{ 7*7191 }} ${7*7191} #{7*7191}",
    "{% raw %}x{% endraw %}",
    "nul\x00byte",
    "right\u202eto\u202dleft",
    "zero\u200dwidth\u200bjoin\ufeff",
    "emoji \U0001f477\U0001f3fd\u200d\u2640\ufe0f \U0001f4b5",
    "\r\nSet-Cookie: x=1",
    "../../../../etc/passwd",
    LONG,
]
#: Posted into every field at all (selects, dates, numbers, hidden versions too).
EVERY_FIELD = HOSTILE[:2] + [HOSTILE[5], HOSTILE[7], HOSTILE[10], HOSTILE[11]]
#: Strings that must never appear in a response: each is a payload that came through raw.
NEEDLES = [
    "<script>alert",
    "<img src=x",
    "<svg onload",
    "' onmouseover='alert",
    "50337",  # 7*7191 evaluated by a template engine
]
INVALID_UTF8 = b"\xff\xfe\xc3\x28=\xa0\xa1&name=\xe2\x82&body=\xf0\x28\x8c\x28"
#: Tables whose counts a refused form may still change: who did what, when.
LOGS = {"audit_events", "case_events"}


def row_counts() -> tuple[int, ...]:
    """Every table's row count, in one query."""
    tables = [t for t in db.metadata.sorted_tables if t.name not in LOGS]
    counts = [select(func.count()).select_from(t).scalar_subquery() for t in tables]
    return tuple(db.session.execute(select(*counts)).one())


def unescaped(body: str) -> list[str]:
    return [needle for needle in NEEDLES if needle in body]


def discover_forms(app, client, seed) -> list[tuple[str, FormSpec]]:
    """(role, form) for every POST form on every page each role can open."""
    values = seed.url_values()
    found: dict[tuple, tuple[str, FormSpec]] = {}
    for role in ("anonymous", "supervisor", "advocate_on", "admin"):
        index = ("anonymous", "intake", "advocate_on", "advocate_off", "supervisor", "admin")
        for rule in rules(app):
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            if int(MATRIX[(rule.endpoint, "GET")].split()[index.index(role)]) != 200:
                continue
            path = build(app, rule, values)
            sign_in(client, seed.users[role])
            response = client.get(path)
            if response.mimetype != "text/html":
                continue
            for form in forms_on(path, response.get_data(as_text=True)):
                found.setdefault(form.key, (role, form))
    return list(found.values())


def post(client, seed, role, form: FormSpec, data):
    sign_in(client, seed.users[role])
    if isinstance(data, bytes):
        return client.post(form.action, data=data, content_type="application/x-www-form-urlencoded")
    return client.post(form.action, data=data)


def check(response, where) -> list[str]:
    problems = []
    if response.status_code >= 500:
        problems.append(f"{where}: {response.status_code}")
    if response.mimetype == "text/html":
        found = unescaped(response.get_data(as_text=True))
        if found:
            problems.append(f"{where}: unescaped {found}")
    return problems


def test_hostile_strings_in_every_field_of_every_form(app, client, seed):
    forms = discover_forms(app, client, seed)
    assert len(forms) >= 20, [f.action for _, f in forms]
    problems, tried, requests, accepted = [], 0, 0, 0
    for role, form in forms:
        fields = form.text_fields()
        for hostile in HOSTILE:
            if not fields and hostile not in EVERY_FIELD:
                continue  # no text field: the valid post need not be repeated per string
            # The text fields carry the payload; the rest keep valid values. A long
            # payload goes into at most eight fields at a time (the 1 MB body limit).
            groups = (
                [fields]
                if hostile is not LONG
                else [fields[i : i + 8] for i in range(0, len(fields), 8)]
            )
            for group in groups or [[]]:
                data = form.valid_values() | {name: hostile for name in group}
                before = row_counts()
                response = post(client, seed, role, form, data)
                requests += 1
                tried += len(group)
                where = f"{role} {form.action} {hostile[:30]!r}"
                problems += check(response, where)
                # 201: a page that shows what was made once (a new API token) instead of
                # redirecting, so that the secret never passes through a cookie.
                if response.status_code in (201, 301, 302, 303):
                    accepted += 1
                else:
                    if row_counts() != before:
                        problems.append(
                            f"{where}: refused ({response.status_code}) but rows changed"
                        )
            # Every field at all, selects, dates and numbers included.
            if hostile in EVERY_FIELD:
                data = {name: hostile for name in form.kinds}
                response = post(client, seed, role, form, data)
                requests += 1
                tried += len(form.kinds)
                problems += check(response, f"{role} {form.action} all fields {hostile[:20]!r}")
        response = post(client, seed, role, form, INVALID_UTF8)
        requests += 1
        problems += check(response, f"{role} {form.action} invalid UTF-8")
    # Whatever was stored is shown escaped on every page, to everyone who may see it.
    values = seed.url_values()
    columns = ("anonymous", "intake", "advocate_on", "advocate_off", "supervisor", "admin")
    for role in ("supervisor", "advocate_on", "admin"):
        for rule in rules(app):
            if "GET" not in rule.methods or rule.endpoint == "static":
                continue
            if int(MATRIX[(rule.endpoint, "GET")].split()[columns.index(role)]) != 200:
                continue
            sign_in(client, seed.users[role])
            response = client.get(build(app, rule, values))
            problems += check(response, f"{role} GET {rule.endpoint} after")
    assert problems == [], "\n".join(problems[:40])
    assert accepted > 50  # many forms took the payloads as data, and showed them escaped
    print(
        f"\nhostile input: {len(forms)} forms, {len(HOSTILE)} hostile strings + invalid "
        f"UTF-8, {tried} string x field fills in {requests} requests ({accepted} accepted)"
    )


@pytest.mark.parametrize(
    "hostile",
    [
        '<script>alert(1)</script> "><img src=x onerror=alert(1)>',
        "{{7*7}} %s%n{0}{__class__} '; DROP TABLE cases; --",
    ],
)
def test_hostile_names_print_literally_in_letters(client, make, hostile):
    """A hostile worker or employer name prints as typed in the PDF, never interpreted."""
    from pypdf import PdfReader

    from casework.models import Letter

    supervisor = make.user("supervisor")
    worker = make.worker(name=f"Worker {hostile}")
    employer = make.employer(business_name=f"Employer {hostile}")
    case = make.case(workers=[worker], employers=[employer], assigned_to=supervisor)
    make.period(case.worker_links[0].wage_claim)
    sign_in(client, supervisor)
    response = client.post(
        f"/cases/{case.id}/letters/new",
        data={"letter-kind": "demand", "letter-recipient": f"employer:{employer.id}"},
    )
    assert response.status_code in (302, 303)
    letters = db.session.scalars(select(Letter).where(Letter.case_id == case.id)).all()
    assert letters
    squash = re.compile(r"\s+")
    for letter in letters:
        pdf = client.get(f"/letters/{letter.id}/pdf")
        assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
        flat = squash.sub("", text)
        assert squash.sub("", f"Employer {hostile}") in flat, letter.kind
        if "{{7*7}}" in hostile:  # a template expression prints as typed, never evaluated
            assert "{{7*7}}" in text
        page = client.get(f"/letters/{letter.id}")
        assert page.status_code == 200
        assert unescaped(page.get_data(as_text=True)) == []
