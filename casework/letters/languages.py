"""The languages worker letters are printed in, and how each one's dates and dollars look.

Pure: no Flask, no database. The codes are Babel locale codes; they are what a
worker's `preferred_language` stores. A worker whose language is not among them
gets English letters with a line saying how to ask for an interpreter.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import format_currency

#: Every language a worker letter is printed in, in the order staff see them.
LETTER_LANGUAGES: tuple[str, ...] = (
    "en",
    "es",
    "zh_Hans",
    "zh_Hant",
    "ru",
    "ko",
    "ht",
    "bn",
    "ar",
    "pl",
    "fr",
    "ur",
    "vi",
    "tl",
)

#: Each language by its own name, as a speaker of it would look for it in a list.
ENDONYMS: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "zh_Hans": "中文（简体）",
    "zh_Hant": "中文（繁體）",
    "ru": "Русский",
    "ko": "한국어",
    "ht": "Kreyòl ayisyen",
    "bn": "বাংলা",
    "ar": "العربية",
    "pl": "Polski",
    "fr": "Français",
    "ur": "اردو",
    "vi": "Tiếng Việt",
    "tl": "Tagalog",
}

#: Each language's name in English, for the review page.
ENGLISH_NAMES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "zh_Hans": "Chinese (Simplified)",
    "zh_Hant": "Chinese (Traditional)",
    "ru": "Russian",
    "ko": "Korean",
    "ht": "Haitian Creole",
    "bn": "Bengali",
    "ar": "Arabic",
    "pl": "Polish",
    "fr": "French",
    "ur": "Urdu",
    "vi": "Vietnamese",
    "tl": "Tagalog",
}

#: The stored value for "another language": English letters with the interpreter line.
OTHER = "other"

RIGHT_TO_LEFT = frozenset({"ar", "ur"})

#: Languages whose sentences have no spaces between words: lines break between characters.
NO_SPACES = frozenset({"zh_Hans", "zh_Hant"})


def letter_language(code: str | None) -> tuple[str, bool]:
    """Return (the language a worker's letters are printed in, whether to add the interpreter line).

    Older records may hold a region or another spelling ("es_MX", "zh_CN", "zh-TW"); they are
    read as the nearest language on the list. Anything else gets English and the line.
    """
    raw = (code or "en").replace("-", "_").strip()
    if raw in LETTER_LANGUAGES:
        return raw, False
    lowered = raw.lower()
    if lowered in ("zh_cn", "zh_sg", "zh_hans_cn", "zh"):
        return "zh_Hans", False
    if lowered in ("zh_tw", "zh_hk", "zh_mo", "zh_hant_tw"):
        return "zh_Hant", False
    if lowered in ("fil", "fil_ph", "tl_ph"):
        return "tl", False
    base = lowered.split("_")[0]
    if base in LETTER_LANGUAGES:
        return base, False
    return "en", True


@functools.lru_cache(maxsize=64)
def formatting_locale(lang: str) -> str:
    """The CLDR locale whose conventions the letter's dates and numbers follow.

    English and Spanish are written as in the United States ($1,234.50); the other
    languages follow their own CLDR data, always in US dollars.
    """
    for candidate in (f"{lang}_US", lang):
        try:
            Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
        return candidate
    return "en_US"


def money(value: Decimal | int | str, lang: str) -> str:
    """US dollars written as a reader of that language expects them."""
    return format_currency(Decimal(value), "USD", locale=formatting_locale(lang))


def long_date(value: date, lang: str) -> str:
    """A date written out in that language (CLDR's long form)."""
    return format_date(value, "long", locale=formatting_locale(lang))
