"""Find free text that discloses a person's immigration status.

The patterns live in patterns.toml beside this module and are compiled once,
at import. Every language's patterns run on every text: intake notes mix
English and Spanish, so a Spanish locale must still catch "undocumented".
The locale only decides which language wins when both match the same words,
and which language a number or program name ("DACA", an A-number) is
reported in.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

LANGUAGES = ("en", "es")
PATTERNS_FILE = Path(__file__).with_name("patterns.toml")

# Characters folded to a plain equivalent so that one pattern covers them all.
_PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u201b": "'",
    "`": "'",
    "\u00b4": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "\u2007": " ",
}

_ES_WORDS = frozenset(
    "el la los las que de del y en con por para su sus es un una le lo se al pero muy no "
    "trabajo patron pago horas semana dijo tiene".split()
)
_EN_WORDS = frozenset(
    "the and of to in he she his her is was with for not that they at on it a an "
    "work boss paid hours week said has".split()
)


@dataclass(frozen=True)
class Finding:
    """One span of text that discloses immigration status, and why."""

    start: int
    end: int
    text: str
    reason: str
    language: str


@dataclass(frozen=True)
class _Rule:
    regex: re.Pattern[str]
    reason: str
    language: str  # "" for patterns of no particular language
    tag: str


@dataclass(frozen=True)
class _Allow:
    regex: re.Pattern[str]
    clears: frozenset[str]


def fold(text: str) -> str:
    """Lower-case text and remove accents, keeping every character at its offset."""
    out = []
    for char in text:
        plain = _PLAIN.get(char)
        if plain is None:
            decomposed = unicodedata.normalize("NFKD", char)
            stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
            # A character that does not fold to exactly one stays as it is, so offsets hold.
            if len(stripped) != 1:
                stripped = char.lower() if len(char.lower()) == 1 else char
            plain = stripped
        out.append(plain)
    return "".join(out)


def _compile(pattern: str, lists: dict[str, str]) -> re.Pattern[str]:
    for name, alternatives in lists.items():
        pattern = pattern.replace("{" + name + "}", alternatives)
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


def _load(path: Path) -> tuple[tuple[_Rule, ...], tuple[_Allow, ...]]:
    with path.open("rb") as f:
        data = tomllib.load(f)
    lists = {name: "(?:" + "|".join(items) + ")" for name, items in data.get("lists", {}).items()}
    rules: list[_Rule] = []
    allows: list[_Allow] = []
    for section in ("common", *LANGUAGES):
        language = "" if section == "common" else section
        for entry in data.get(section, {}).get("refuse", []):
            regex = _compile(entry["pattern"], lists)
            rules.append(_Rule(regex, entry["reason"], language, entry.get("tag", "")))
        for entry in data.get(section, {}).get("allow", []):
            allows.append(_Allow(_compile(entry["pattern"], lists), frozenset(entry["clears"])))
    return tuple(rules), tuple(allows)


_RULES, _ALLOWS = _load(PATTERNS_FILE)
REASON_KEYS = frozenset(rule.reason for rule in _RULES)


def _primary_language(locale: str | None) -> str | None:
    if not locale:
        return None
    language = locale.replace("-", "_").split("_")[0].lower()
    return language if language in LANGUAGES else None


def guess_language(text: str) -> str:
    """Guess whether text is mostly Spanish or English ("es" or "en") from common words."""
    words = re.findall(r"[a-z]+", fold(text))
    spanish = sum(word in _ES_WORDS for word in words)
    english = sum(word in _EN_WORDS for word in words)
    return "es" if spanish > english else "en"


def find_status_disclosures(text: str, locale: str | None = None) -> list[Finding]:
    """Return one Finding per disclosure of immigration status; empty if text may be stored."""
    if not text:
        return []
    folded = fold(text)
    primary = _primary_language(locale)

    allowed = [
        (m.start(), m.end(), allow.clears)
        for allow in _ALLOWS
        for m in allow.regex.finditer(folded)
    ]
    candidates: list[tuple[int, int, int, int, _Rule]] = []
    for order, rule in enumerate(_RULES):
        for m in rule.regex.finditer(folded):
            start, end = m.start(), m.end()
            if end == start:
                continue
            if rule.tag and any(
                a_start <= start and end <= a_end and rule.tag in clears
                for a_start, a_end, clears in allowed
            ):
                continue
            # The locale's own language wins a tie over the same words.
            rank = 0 if rule.language in ("", primary) else 1
            candidates.append((start, end, rank, order, rule))

    # Earliest first, then longest, so "deportation order" beats "deportation".
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2], c[3]))
    findings: list[Finding] = []
    covered_to = 0
    fallback = None
    for start, end, _rank, _order, rule in candidates:
        if start < covered_to:
            continue
        language = rule.language
        if not language:
            fallback = fallback or primary or guess_language(text)
            language = fallback
        findings.append(Finding(start, end, text[start:end], rule.reason, language))
        covered_to = end
    return findings
