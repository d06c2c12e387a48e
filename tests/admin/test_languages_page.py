"""Admin -> Languages: every letter language with its review status and its sample letters."""

from __future__ import annotations

import subprocess

from casework.letters.languages import ENDONYMS, LETTER_LANGUAGES
from casework.letters.samples import KINDS


def test_the_page_lists_every_language_its_review_and_a_sample_of_each_kind(make, login_as):
    client = login_as(make.user("admin"))
    page = client.get("/admin/languages")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for lang in LETTER_LANGUAGES:
        assert ENDONYMS[lang] in html
        for kind in KINDS:
            assert f'href="/admin/languages/{lang}/{kind}.pdf"' in html
    # English is the source; every translated catalog is still waiting for its reviewer.
    assert html.count("Not reviewed") == len(LETTER_LANGUAGES) - 1
    assert "Source text" in html
    assert 'dir="rtl"' in html


def test_a_supervisor_opens_an_arabic_sample(make, login_as):
    client = login_as(make.user("supervisor"))
    answer = client.get("/admin/languages/ar/worker_case_closed.pdf")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"],
        input=answer.get_data(),
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert "Alex Sample" in text and "CW-2026-0042" in text
    assert "The same letter in English" in text


def test_an_unknown_language_or_kind_is_not_found(make, login_as):
    client = login_as(make.user("admin"))
    assert client.get("/admin/languages/xx/worker_case_closed.pdf").status_code == 404
    assert client.get("/admin/languages/ar/demand.pdf").status_code == 404


def test_an_advocate_may_not_open_the_page(make, login_as):
    client = login_as(make.user("advocate"))
    assert client.get("/admin/languages").status_code == 403
