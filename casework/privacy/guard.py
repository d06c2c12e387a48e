"""Find free text that discloses a person's immigration status.

The patterns live in patterns/, one data file per language, and are compiled
once, at import. Every language's patterns run on every text: intake notes mix
languages, so a Spanish locale must still catch "undocumented". The locale only
decides which language wins when two match the same words, and which language
a number or program name ("DACA", an A-number) is reported in.

Each text is read twice: folded (lower case, accents removed, offsets kept) and
normalised (normalize.deep: invisible characters, look-alike letters, digits
for letters, spaced-out letters and misspellings of key terms undone). A
finding in either reading is reported at its span in the input.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from casework.privacy.normalize import KeyTerms, deep, fold, fold_pattern

PATTERNS_DIR = Path(__file__).with_name("patterns")
LANGUAGES = ("en", "es")

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


def _compile(pattern: str, lists: dict[str, str]) -> re.Pattern[str]:
    for name, alternatives in lists.items():
        pattern = pattern.replace("{" + name + "}", alternatives)
    return re.compile(fold_pattern(pattern), re.IGNORECASE | re.VERBOSE)


def _load(folder: Path) -> tuple[tuple[_Rule, ...], tuple[_Allow, ...], KeyTerms]:
    with (folder / "lists.toml").open("rb") as f:
        raw_lists = tomllib.load(f)
    lists = {name: "(?:" + "|".join(items) + ")" for name, items in raw_lists.items()}
    rules: list[_Rule] = []
    allows: list[_Allow] = []
    terms: set[str] = set()
    ordinary: set[str] = set()
    for name in ("common", *LANGUAGES):
        path = folder / f"{name}.toml"
        if not path.exists():
            continue
        with path.open("rb") as f:
            data = tomllib.load(f)
        language = data.get("language", "")
        for entry in data.get("refuse", []):
            regex = _compile(entry["pattern"], lists)
            rules.append(_Rule(regex, entry["reason"], language, entry.get("tag", "")))
        for entry in data.get("allow", []):
            allows.append(_Allow(_compile(entry["pattern"], lists), frozenset(entry["clears"])))
        fuzzy = data.get("fuzzy", {})
        terms.update(fold(t) for t in fuzzy.get("terms", []))
        ordinary.update(fold(t) for t in fuzzy.get("ordinary", []))
    return tuple(rules), tuple(allows), KeyTerms(terms, ordinary)


_RULES, _ALLOWS, _KEY_TERMS = _load(PATTERNS_DIR)
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


def _candidates(folded: str, primary: str | None) -> list[tuple[int, int, int, int, _Rule]]:
    allowed = [
        (m.start(), m.end(), allow.clears)
        for allow in _ALLOWS
        for m in allow.regex.finditer(folded)
    ]
    found: list[tuple[int, int, int, int, _Rule]] = []
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
            found.append((start, end, rank, order, rule))
    return found


def find_status_disclosures(text: str, locale: str | None = None) -> list[Finding]:
    """Return one Finding per disclosure of immigration status; empty if text may be stored."""
    if not text:
        return []
    primary = _primary_language(locale)
    candidates = _candidates(fold(text), primary)
    normal, origins = deep(text, _KEY_TERMS)
    if normal != fold(text):
        for start, end, rank, order, rule in _candidates(normal, primary):
            # Back to the input: from the first to the last character the match came from.
            candidates.append((origins[start], origins[end - 1] + 1, rank + 2, order, rule))

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
