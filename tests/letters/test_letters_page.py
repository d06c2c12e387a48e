"""The letter page and a draft's PDF, as staff and workers see them."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from casework.extensions import db
from casework.models import AuditEvent, Letter


@pytest.fixture
def setup(make):
    advocate = make.user("advocate")
    supervisor = make.user("supervisor")
    rosa = make.worker(name="Rosa Díaz", preferred_language="es")
    ben = make.worker(name="Ben Okafor", preferred_language="en")
    case = make.case(workers=[rosa, ben], assigned_to=advocate, status="open")
    for link in case.worker_links:
        make.period(link.wage_claim)
    return advocate, supervisor, case


@pytest.fixture
def login_as(login_as):
    def switch(user):
        from flask import g

        g.pop("_login_user", None)
        return login_as(user)

    return switch


def _pdf_text(response) -> str:
    reader = PdfReader(io.BytesIO(response.data))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def _generate(client, case):
    response = client.post(
        f"/cases/{case.id}/letters/new",
        data={"letter-kind": "demand", "letter-recipient": f"employer:{case.employers[0].id}"},
        follow_redirects=True,
    )
    demand = db.session.scalars(select(Letter).where(Letter.kind == "demand")).one()
    copies = db.session.scalars(select(Letter).where(Letter.copy_of_id == demand.id)).all()
    return response, demand, {c.language: c for c in copies}


def _visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_page_names_languages_and_workers_and_hides_the_hash(setup, login_as, client):
    advocate, _supervisor, case = setup
    login_as(advocate)
    response, demand, copies = _generate(client, case)
    flashed = _visible(response.get_data(as_text=True))
    assert "ask for approval" not in flashed
    assert "waits for a supervisor's approval" in flashed
    page = _visible(client.get(f"/letters/{demand.id}").get_data(as_text=True))
    assert "Language English" in page
    assert "Rosa Díaz Spanish" in page and "Ben Okafor English" in page
    assert not re.search(r"\b(en|es)\b", page.split("Copies for the workers", 1)[1])
    assert demand.pdf_sha256 not in page and "SHA-256" not in page
    assert "under “Letters awaiting approval”" in page
    # The fingerprint stays in the audit trail.
    details = db.session.scalars(
        select(AuditEvent.detail).where(AuditEvent.action == "letter.generate")
    ).all()
    assert any(demand.pdf_sha256 in (detail or "") for detail in details)

    client.post("/language", data={"language": "es"})
    spanish = _visible(client.get(f"/letters/{demand.id}").get_data(as_text=True))
    assert "Rosa Díaz Español" in spanish and "Ben Okafor Inglés" in spanish


def test_a_draft_is_marked_and_the_sent_letter_is_not(setup, login_as, client):
    advocate, supervisor, case = setup
    login_as(advocate)
    _response, demand, copies = _generate(client, case)
    draft = client.get(f"/letters/{demand.id}/pdf")
    assert draft.headers["X-Casework-Hash-Check"] == "ok"
    text = _pdf_text(draft)
    assert "DRAFT" in text and "Draft: not approved. Do not send." in text
    spanish = _pdf_text(client.get(f"/letters/{copies['es'].id}/pdf"))
    assert "BORRADOR" in spanish
    # The draft's Spanish copy does not say the employer already has the letter.
    assert "recibió" not in spanish and "enviamos" not in spanish
    assert "El empleador recibe la carta en inglés." in spanish

    login_as(supervisor)
    client.post(f"/letters/{demand.id}/approve")
    approved = client.get(f"/letters/{demand.id}/pdf")
    assert approved.headers["X-Casework-Hash-Check"] == "ok"
    assert "DRAFT" not in _pdf_text(approved)
    assert "BORRADOR" not in _pdf_text(client.get(f"/letters/{copies['es'].id}/pdf"))


def test_mark_sent_offers_todays_date(setup, login_as, client):
    advocate, supervisor, case = setup
    login_as(advocate)
    _response, demand, _copies = _generate(client, case)
    demand.status = "approved"
    db.session.flush()
    page = client.get(f"/letters/{demand.id}").get_data(as_text=True)
    field = re.search(r'<input[^>]*name="sent-sent_on"[^>]*>', page).group(0)
    assert f'value="{date.today().isoformat()}"' in field


def test_a_letter_in_an_unreviewed_language_says_so_and_prints_english_after_it(
    make, login_as, client
):
    advocate = make.user("advocate")
    worker = make.worker(name="Olga Petrova", preferred_language="ru")
    case = make.case(workers=[worker], assigned_to=advocate, status="open")
    login_as(advocate)
    client.post(
        f"/cases/{case.id}/letters/new",
        data={"letter-kind": "worker_case_opened", "letter-recipient": f"worker:{worker.id}"},
        follow_redirects=True,
    )
    letter = db.session.scalars(select(Letter).where(Letter.kind == "worker_case_opened")).one()
    assert letter.language == "ru"
    page = _visible(client.get(f"/letters/{letter.id}").get_data(as_text=True))
    assert "No fluent reader has reviewed the Russian translation of this letter yet" in page
    text = _pdf_text(client.get(f"/letters/{letter.id}/pdf"))
    assert "Ваше дело открыто" in text
    assert text.index("Ваше дело открыто") < text.index("The same letter in English")
    assert "Your case is open" in text.split("The same letter in English", 1)[1]
