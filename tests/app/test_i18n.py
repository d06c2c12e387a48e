"""Language: Accept-Language, the switch in the header, the saved preference; Spanish words.

The catalog is compiled here from translations/es/LC_MESSAGES/messages.po into a temporary
folder, so the test reads the committed catalog whether or not `make` compiled it.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from casework import ROOT
from tests.factories import PASSWORD


@pytest.fixture
def catalog(app, tmp_path, monkeypatch):
    from flask_babel import get_babel, get_domain

    source = ROOT / "translations" / "es" / "LC_MESSAGES" / "messages.po"
    target = tmp_path / "es" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(source, "rb") as handle:
        po = read_po(handle, locale="es")
    with open(target / "messages.mo", "wb") as handle:
        write_mo(handle, po)
    with app.app_context():
        babel = get_babel(app)
        domain = get_domain()
        monkeypatch.setattr(babel, "translation_directories", [str(tmp_path)])
        domain.cache.clear()
    yield
    with app.app_context():
        get_domain().cache.clear()


def lang(response) -> str:
    return re.search(rb'<html lang="([a-z]+)"', response.data).group(1).decode()


def test_english_by_default(client):
    page = client.get("/login")
    assert lang(page) == "en" and b"Sign in" in page.data


def test_accept_language_picks_spanish(client, catalog):
    page = client.get("/login", headers={"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"})
    assert lang(page) == "es"
    text = page.get_data(as_text=True)
    assert "Iniciar sesión" in text
    assert "Sign in" not in text


def test_the_switch_changes_the_language_without_signing_in(client, catalog):
    response = client.post("/language", data={"language": "es", "next": "/login"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/login")
    page = client.get("/login", headers={"Accept-Language": "en"})
    assert lang(page) == "es"
    assert "Iniciar sesión" in page.get_data(as_text=True)
    back = client.post("/language", data={"language": "en", "next": "/login"})
    assert back.status_code == 303
    assert lang(client.get("/login")) == "en"


def test_the_switch_ignores_unknown_languages_and_foreign_targets(client):
    response = client.post("/language", data={"language": "xx", "next": "//evil.example/"})
    assert response.headers["Location"].endswith("/login")
    assert lang(client.get("/login")) == "en"


def test_the_saved_preference_wins_over_the_browser(client, make, catalog):
    user = make.user("advocate", locale="es")
    client.post("/login", data={"email": user.email, "password": PASSWORD})
    page = client.get("/account/password", headers={"Accept-Language": "en"})
    assert lang(page) == "es"
    assert "Cerrar sesión" in page.get_data(as_text=True)


def test_switching_while_signed_in_saves_the_preference(client, make, login_as):
    user = make.user("advocate")
    login_as(user)
    client.post("/language", data={"language": "es", "next": "/account/password"})
    assert user.locale == "es"
    assert lang(client.get("/account/password", headers={"Accept-Language": "en"})) == "es"


def test_money_and_dates_follow_the_locale(app):
    from flask_babel import refresh

    from casework.i18n import day, money

    with app.test_request_context(headers={"Accept-Language": "en"}):
        refresh()  # the test's app context is shared: forget a locale chosen before
        assert money(Decimal("1234.5")) == "$1,234.50"
        assert day(date(2025, 3, 4)) == "Mar 4, 2025"
    with app.test_request_context(headers={"Accept-Language": "es"}):
        refresh()
        # Dollars as readers in the United States write them, in Spanish too (as letters do).
        assert money(Decimal("1234.5")) == "$1,234.50"
        assert day(date(2025, 3, 4)).startswith("4 mar 2025")
