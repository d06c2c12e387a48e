"""Request logging carries no form bodies, query strings or decrypted values; extra
fields such as a posted `immigration_status` are dropped, never stored or logged."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from casework.extensions import db
from casework.models import Case, Worker

MARK = "Zqxcanary"  # never a real word, so any hit is ours
STATUS_VALUE = "undocumented overstayed visa A123456789"


@pytest.fixture
def all_logs(caplog):
    caplog.set_level(logging.DEBUG)
    for name in ("casework", "werkzeug", "flask", "gunicorn.access"):
        caplog.set_level(logging.DEBUG, logger=name)
    return caplog


def _log_text(caplog) -> str:
    lines = []
    for record in caplog.records:
        lines.append(record.getMessage())
        if record.exc_text:
            lines.append(record.exc_text)
    return "\n".join(lines) + caplog.text


def _all_rows_text() -> str:
    parts = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).all():
            parts.append(repr(tuple(row)))
    return "\n".join(parts)


def _intake(**kw) -> dict:
    data = {
        "case_type": "wage_theft",
        "jurisdiction": "NY-NYC",
        "workers-0-name": f"{MARK} Worker Name",
        "workers-0-phone": "(555) 201-7331",
        "workers-0-email": f"{MARK.lower()}@example.test",
        "workers-0-address": f"12 {MARK} Street, Queens, NY 11101",
        "workers-0-preferred_language": "es",
        "workers-0-contact_ok_by": "text",
        "workers-0-match": "",
        "employers-0-business_name": "Logging Test Bakery Corp",
        "employers-0-owner_names": f"{MARK} Owner",
        "employers-0-role": "employer",
        "employers-0-entity_type": "corporation",
        "employers-0-match": "",
        "first_day_worked": "2024-03-04",
        "last_day_worked": "2025-09-26",
        "narrative": f"{MARK} story: paid cash every Friday, never for overtime.",
        "forum": "",
    }
    data.update(kw)
    return data


def test_login_post_and_query_string_are_not_logged(client, make, all_logs):
    user = make.user("advocate")
    client.post(
        f"/login?next=/cases&q={MARK}query",
        data={
            "email": user.email,
            "password": f"{MARK}-wrong-password",
            "immigration_status": STATUS_VALUE,
        },
    )
    client.get(f"/login?email={MARK}mail&immigration_status=undocumented")
    # A server access line, as Werkzeug or gunicorn writes it, is scrubbed too.
    logging.getLogger("werkzeug").info(
        '127.0.0.1 - - "%s" 200 -', f"GET /cases?worker={MARK}access&phone=5552017331 HTTP/1.1"
    )
    logs = _log_text(all_logs)
    assert "GET /cases" in logs  # the access line itself is kept
    assert MARK not in logs
    assert "5552017331" not in logs
    assert "undocumented" not in logs and "A123456789" not in logs
    assert "wrong-password" not in logs


def test_intake_with_extra_status_field_stores_and_logs_nothing_of_it(make, login_as, all_logs):
    client = login_as(make.user("intake"))
    response = client.post(
        f"/cases/new?worker={MARK}",
        data=_intake(immigration_status=STATUS_VALUE, citizenship="none", ssn="123-45-6789"),
    )
    assert response.status_code == 303, response.get_data(as_text=True)[-1500:]
    case = db.session.scalars(select(Case).order_by(Case.created_at.desc())).first()
    assert case.narrative.startswith(MARK)
    assert case.workers[0].name == f"{MARK} Worker Name"

    stored = _all_rows_text()
    for secret in (MARK, "undocumented", "overstayed", "A123456789", "123-45-6789"):
        assert secret not in stored
    # Nothing named like a status exists to hold it.
    columns = {c.name for t in db.metadata.sorted_tables for c in t.columns}
    assert not {"immigration_status", "citizenship", "ssn"} & columns
    assert not hasattr(Worker, "immigration_status")

    # The case page shows the decrypted values; rendering it logs none of them.
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"{MARK} Worker Name" in page
    logs = _log_text(all_logs)
    for secret in (MARK, "undocumented", "A123456789", "123-45-6789", "5552017331"):
        assert secret not in logs


def test_refused_note_is_neither_stored_nor_logged(make, login_as, all_logs):
    user = make.user("advocate")
    case = make.case(assigned_to=user)
    client = login_as(user)
    body = f"{MARK} told us she is undocumented and has no papers."
    response = client.post(f"/cases/{case.id}/notes", data={"body": body})
    assert response.status_code in (200, 422)
    html = response.get_data(as_text=True)
    assert "undocumented" in html  # the refused words are named next to the field
    assert MARK not in _all_rows_text()
    logs = _log_text(all_logs)
    assert MARK not in logs and "undocumented" not in logs


def test_scrubbing_reaches_handlers_added_later(app):
    records = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(self.format(record))

    handler = Keep()
    logger = logging.getLogger("casework.somewhere.new")
    logger.addHandler(handler)
    try:
        logger.warning("posted body: name=%s&phone=%s", MARK, "5552017331")
        logger.warning("she said she is undocumented")
    finally:
        logger.removeHandler(handler)
    joined = "\n".join(records)
    assert MARK not in joined and "5552017331" not in joined and "undocumented" not in joined
