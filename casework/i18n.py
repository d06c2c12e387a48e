"""Language choice and locale-aware formatting of dates, numbers and money."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel import numbers as babel_numbers
from flask import Flask, current_app, request, session
from flask_babel import format_date, format_datetime, get_locale
from flask_login import current_user

from casework.crypto.columns import Unreadable


def available() -> tuple[str, ...]:
    return tuple(current_app.config["LANGUAGES"])


def select_locale() -> str:
    """Saved preference, else the session choice, else Accept-Language, else English."""
    langs = available()
    if getattr(current_user, "is_authenticated", False) and current_user.locale in langs:
        return current_user.locale
    chosen = session.get("locale")
    if chosen in langs:
        return chosen
    return request.accept_languages.best_match(langs) or "en"


def select_timezone() -> str:
    return current_app.config.get("CASEWORK_TIMEZONE", "America/New_York")


def us_locale() -> str:
    """The page's language as spoken in the United States (es -> es_US).

    Money and numbers are written as readers in the United States expect them in
    their language: $1,234.50, not 1.234,50 US$; letters do the same.
    """
    return f"{get_locale().language}_US"


def money(value: Decimal | int | str | None) -> str:
    """US dollars for the page's language: $1,234.50 in English and in Spanish."""
    if value is None or value == "":
        return "—"
    return babel_numbers.format_currency(Decimal(value), "USD", locale=us_locale())


def day(value: date | datetime | None) -> str:
    """An unambiguous date: Mar 4, 2025 / 4 mar 2025."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return format_datetime(value, "medium")
    return format_date(value, "medium")


def duration(minutes: int | None) -> str:
    """Minutes as hours and minutes: 3 h 05 min."""
    from flask_babel import gettext

    hours, rest = divmod(int(minutes or 0), 60)
    return gettext("%(hours)s h %(minutes)s min", hours=number(hours), minutes=f"{rest:02d}")


def number(value) -> str:
    return babel_numbers.format_decimal(value, locale=us_locale())


def init_app(app: Flask) -> None:
    """Register the formatting filters and make the untranslatable placeholder translatable."""
    from flask_babel import gettext

    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["duration"] = duration
    Unreadable.label = staticmethod(lambda: gettext("This record cannot be decrypted"))

    @app.context_processor
    def _languages():
        from flask_babel import get_locale

        return {
            "languages": [("en", "English"), ("es", "Español")],
            "current_locale": str(get_locale()),
        }
