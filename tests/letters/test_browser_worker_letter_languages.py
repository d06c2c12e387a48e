"""In a real browser: an advocate sets a worker's language to Chinese, then to Arabic, on the
worker form, generates the worker's letter each time and reads the downloaded PDF."""

from __future__ import annotations

import subprocess
import unicodedata

import pytest

from casework.letters import catalogs
from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser

_EMBEDDINGS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"))


def _seed(live_server, advocate_email):
    from casework.auth import service as auth
    from casework.extensions import db
    from tests.factories import Factories

    with live_server.app.app_context():
        make = Factories(live_server.app)
        advocate = auth.find_user(advocate_email)
        worker = make.worker(name="Mei Chen", preferred_language="en")
        case = make.case(assigned_to=advocate, reference="CW-B-00018", workers=[worker])
        db.session.commit()
        ids = str(case.id), str(worker.id)
        db.session.remove()
    return ids


def _text(pdf: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    # Arabic comes out as the joined presentation forms, inside embedding marks.
    return " ".join(unicodedata.normalize("NFKC", out).translate(_EMBEDDINGS).split())


def _letter_in(page, live_server, case_id, worker_id, language) -> str:
    page.goto(f"{live_server.url}/cases/workers/{worker_id}/edit")
    page.select_option("select[name=preferred_language]", language)
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/cases/{case_id}/letters/new")
    page.select_option("#letter-kind", "worker_case_opened")
    page.select_option("#letter-recipient", label="Mei Chen")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    assert "/letters/" in page.url
    href = page.get_by_role("link", name="Preview PDF").first.get_attribute("href")
    answer = page.request.get(f"{live_server.url}{href}")
    assert answer.ok and answer.headers["content-type"] == "application/pdf"
    return _text(answer.body())


def _translated(lang: str, msgid: str) -> str:
    with catalogs.letter_locale(lang):
        return catalogs.gettext(msgid)


def test_worker_letters_in_chinese_and_in_arabic(live_server, page):
    email, password = create_user(live_server, "advocate", name="Ana Advocate")
    case_id, worker_id = _seed(live_server, email)
    browser_login(page, live_server, email, password)

    chinese = _letter_in(page, live_server, case_id, worker_id, "zh_Hans")
    assert "您的案件已立案" in chinese  # "Your case is open"
    assert _translated("zh_Hans", "How to reach us") in chinese
    assert "Mei Chen" in chinese and "CW-B-00018" in chinese

    arabic = _letter_in(page, live_server, case_id, worker_id, "ar")
    assert _translated("ar", "Your case is open") in arabic
    assert _translated("ar", "How to reach us") in arabic
    assert "Mei Chen" in arabic and "CW-B-00018" in arabic
    assert "您的案件已立案" not in arabic
