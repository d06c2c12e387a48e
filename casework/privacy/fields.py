"""Field names that must never exist: columns or form fields that would hold a status or a proxy."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

# Each entry is matched against whole word parts of a name ("visa_type" has the
# parts "visa" and "type"), never as a bare substring, so "visit", "position",
# "citation" and "business" stay allowed. Multi-word entries use "_".
FORBIDDEN_FIELD_WORDS: tuple[str, ...] = (
    "immigration",
    "immigrant",
    "migratory",
    "citizen",
    "citizenship",
    "naturalization",
    "visa",
    "alien",
    "a_number",
    "anumber",
    "alien_number",
    "ssn",
    "itin",
    "social_security",
    "ss_number",
    "passport",
    "nationality",
    "national_origin",
    "country_of_birth",
    "country_of_origin",
    "birth_country",
    "origin_country",
    "place_of_birth",
    "birthplace",
    "green_card",
    "greencard",
    "work_permit",
    "work_authorization",
    "ead",
    "i94",
    "uscis",
    "daca",
    "tps",
    "asylum",
    "refugee",
    "deportation",
    "undocumented",
    "legal_status",
    "status_migratorio",
    "estatus_migratorio",
    "migratorio",
    "inmigracion",
    "migracion",
    "ciudadania",
    "ciudadano",
    "nacionalidad",
    "pasaporte",
    "pais_de_origen",
    "pais_de_nacimiento",
    "lugar_de_nacimiento",
    "seguro_social",
    "permiso_de_trabajo",
    "asilo",
    "indocumentado",
)

_WORD_PART = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
_ENTRIES = tuple(tuple(entry.split("_")) for entry in FORBIDDEN_FIELD_WORDS)


def _parts(name: str) -> list[str]:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return [part.lower() for part in _WORD_PART.findall(plain)]


def _same_word(part: str, word: str) -> bool:
    # A plural is the same word: "visas", "citizens".
    return part in (word, word + "s", word + "es")


def _contains(parts: list[str], words: tuple[str, ...]) -> bool:
    joined = "".join(words)
    for i in range(len(parts)):
        if _same_word(parts[i], joined):  # "countryofbirth", "anumber"
            return True
        window = parts[i : i + len(words)]
        if len(window) == len(words) and all(
            _same_word(part, word) for part, word in zip(window, words, strict=True)
        ):
            return True
        # The same words run together across parts: "birth" "country" vs "birthcountry".
        for j in range(i + 2, len(parts) + 1):
            if "".join(parts[i:j]) == joined:
                return True
    return False


def is_forbidden_field_name(name: str) -> bool:
    """Return True if a column or form field with this name could hold immigration status."""
    parts = _parts(name)
    return any(_contains(parts, words) for words in _ENTRIES)


def strip_forbidden_fields(
    mapping: Mapping[str, Any] | Iterable[tuple[str, Any]],
) -> dict[str, Any]:
    """Return a plain dict of the mapping without keys that are forbidden field names."""
    items = mapping.items() if isinstance(mapping, Mapping) else mapping
    return {key: value for key, value in items if not is_forbidden_field_name(str(key))}
