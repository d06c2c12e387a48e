"""Find free text that discloses a person's immigration status.

The patterns live in patterns/, one data file per language, and are compiled
once, at import. Every language's patterns run on every text: intake notes mix
languages, so a Spanish locale must still catch "undocumented". The locale only
decides which language wins when two match the same words, and which language
a number or program name ("DACA", an A-number) is reported in; without a
locale, the text's own language is guessed from its script and common words.

A language file may name its `keys`: stems without which none of its patterns
can match. Its patterns then run only on windows of text around those stems,
which keeps the guard linear in the length of the text whatever the number of
languages (a long English note never runs the Bengali patterns).

Each text is read twice: folded (lower case, accents removed, offsets kept) and
normalised (normalize.deep: invisible characters, look-alike letters, digits
for letters, spaced-out letters and misspellings of key terms undone). A
finding in either reading is reported at its span in the input.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from casework.privacy.normalize import KeyTerms, deep, fold, fold_pattern

PATTERNS_DIR = Path(__file__).with_name("patterns")
LANGUAGES = ("en", "es", "pt", "fr", "ht", "tl", "pl", "vi", "ru", "zh", "ko", "bn", "ar")

# Characters either side of a key stem that a pattern of its language may reach.
WINDOW = 160
_FLAGS = re.IGNORECASE | re.VERBOSE


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


@dataclass(frozen=True)
class _Language:
    """One pattern file: its rules, the contexts that clear them, and its key stems."""

    code: str
    rules: tuple[tuple[int, _Rule], ...]
    allows: tuple[_Allow, ...]
    keys: re.Pattern[str] | None  # None: the patterns run on the whole text
    script: re.Pattern[str] | None  # letters of the language's own script, for guessing
    common: frozenset[str]  # common words, for guessing


def _compile(pattern: str, lists: dict[str, str]) -> re.Pattern[str]:
    for name, alternatives in lists.items():
        pattern = pattern.replace("{" + name + "}", alternatives)
    return re.compile(fold_pattern(pattern), _FLAGS)


def _keys_pattern(keys: list[str], own_script: bool) -> str:
    # Latin-script stems start a word; the \b lets the search skip the middle of words fast.
    # Scripts written without spaces (Chinese) or with particles joined (Korean) match anywhere.
    joined = "|".join(keys)
    return joined if own_script else r"\b(?:" + joined + ")"


def _load(folder: Path) -> tuple[tuple[_Language, ...], KeyTerms]:
    with (folder / "lists.toml").open("rb") as f:
        raw_lists = tomllib.load(f)
    lists = {name: "(?:" + "|".join(items) + ")" for name, items in raw_lists.items()}
    languages: list[_Language] = []
    terms: set[str] = set()
    ordinary: set[str] = set()
    order = 0
    for name in ("common", *LANGUAGES):
        path = folder / f"{name}.toml"
        if not path.exists():
            continue
        with path.open("rb") as f:
            data = tomllib.load(f)
        code = data.get("language", "")
        rules = []
        for entry in data.get("refuse", []):
            regex = _compile(entry["pattern"], lists)
            rules.append((order, _Rule(regex, entry["reason"], code, entry.get("tag", ""))))
            order += 1
        allows = tuple(
            _Allow(_compile(entry["pattern"], lists), frozenset(entry["clears"]))
            for entry in data.get("allow", [])
        )
        keys = data.get("keys")
        script = data.get("script")
        languages.append(
            _Language(
                code,
                tuple(rules),
                allows,
                _compile(_keys_pattern(keys, bool(script)), lists) if keys else None,
                re.compile(script) if script else None,
                frozenset(fold(data.get("common", "")).split()),
            )
        )
        fuzzy = data.get("fuzzy", {})
        terms.update(fold(t) for t in fuzzy.get("terms", []))
        ordinary.update(fold(t) for t in fuzzy.get("ordinary", []))
    return tuple(languages), KeyTerms(terms, ordinary)


_LANGUAGES, _KEY_TERMS = _load(PATTERNS_DIR)
# Every Latin-script language's key stems in one search: most text has none of most of them.
_LATIN_KEYS = re.compile(
    r"\b(?:"
    + "|".join(
        lang.keys.pattern.removeprefix(r"\b")
        for lang in _LANGUAGES
        if lang.keys and lang.script is None
    )
    + ")",
    _FLAGS,
)
REASON_KEYS = frozenset(rule.reason for lang in _LANGUAGES for _, rule in lang.rules)


def _primary_language(locale: str | None) -> str | None:
    if not locale:
        return None
    language = locale.replace("-", "_").split("_")[0].lower()
    return language if language in LANGUAGES else None


# The guess reads the start of a long text: enough for its language, cheap on 100,000 characters.
GUESS_SAMPLE = 4000
_ACRONYM = re.compile(r"(?<![A-Za-z])[A-Z][A-Z0-9-]+(?![A-Za-z])")


def guess_language(text: str) -> str:
    """Guess the language of text: by its script, else by its common words ("en" if unsure)."""
    # Acronyms ("DACA", "ICE") are left out: they are written the same in every language.
    folded = fold(_ACRONYM.sub(" ", text[:GUESS_SAMPLE]))
    latin = len(re.findall(r"[a-z]", folded))
    best, best_count = "en", latin
    for lang in _LANGUAGES:
        if lang.script is not None:
            count = len(lang.script.findall(folded))
            if count > best_count:
                best, best_count = lang.code, count
    if best != "en":
        return best
    words = re.findall(r"[^\W\d_]+", folded)
    best_count = 0
    for lang in _LANGUAGES:
        if lang.script is None and lang.common:
            count = sum(word in lang.common for word in words)
            if count > best_count:
                best, best_count = lang.code, count
    return best


def _widened(text: str, marks: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Stretches of text WINDOW characters either side of each mark, widened to whitespace,
    overlapping ones merged (marks in order)."""
    spans: list[tuple[int, int]] = []
    n = len(text)
    for mark_start, mark_end in marks:
        start, end = max(0, mark_start - WINDOW), min(n, mark_end + WINDOW)
        if start:
            space = text.rfind(" ", 0, start)
            start = space + 1 if space >= 0 else 0
        space = text.find(" ", end)
        end = n if space < 0 else space
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


def _windows(keys: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Stretches of text around each key stem, widened to whitespace, merged."""
    return _widened(text, (m.span() for m in keys.finditer(text)))


def _changed_windows(folded: str, normal: str, origins: list[int]) -> list[tuple[int, int]]:
    """Stretches of the normalised text around each character that differs from the folded."""
    changed = [
        i
        for i, char in enumerate(normal)
        if char != folded[origins[i]] or (i and origins[i] != origins[i - 1] + 1)
    ]
    if not changed and len(normal) == len(folded):
        return []
    if not changed:
        changed = [len(normal) - 1] if normal else []
    return _widened(normal, ((i, i + 1) for i in changed))


def _pieces(lang: _Language, text: str, latin: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The stretches of text a language's patterns run on (latin: where any Latin key is)."""
    if lang.keys is None:
        return [(0, text)]
    if lang.script is not None:
        if not lang.script.search(text):
            return []
        return [(start, text[start:end]) for start, end in _windows(lang.keys, text)]
    pieces = []
    for outer_start, outer_end in latin:
        outer = text[outer_start:outer_end]
        for start, end in _windows(lang.keys, outer):
            pieces.append((outer_start + start, outer[start:end]))
    return pieces


def _candidates(folded: str, primary: str | None) -> list[tuple[int, int, int, int, _Rule]]:
    latin = _windows(_LATIN_KEYS, folded)
    pieces = [(lang, _pieces(lang, folded, latin)) for lang in _LANGUAGES]
    # A context of any language clears the tagged words of any language inside it.
    allowed = [
        (offset + m.start(), offset + m.end(), allow.clears)
        for lang, lang_pieces in pieces
        for offset, piece in lang_pieces
        for allow in lang.allows
        for m in allow.regex.finditer(piece)
    ]
    found: list[tuple[int, int, int, int, _Rule]] = []
    for lang, lang_pieces in pieces:
        for offset, piece in lang_pieces:
            for order, rule in lang.rules:
                for m in rule.regex.finditer(piece):
                    start, end = offset + m.start(), offset + m.end()
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
    primary = _primary_language(locale) or guess_language(text)
    folded = fold(text)
    candidates = _candidates(folded, primary)
    normal, origins = deep(text, _KEY_TERMS)
    # The normalised reading is matched only around what normalising changed: elsewhere it
    # is the folded reading again, already matched.
    for offset, end_at in _changed_windows(folded, normal, origins):
        for start, end, rank, order, rule in _candidates(normal[offset:end_at], primary):
            # Back to the input: from the first to the last character the match came from.
            start, end = offset + start, offset + end
            candidates.append((origins[start], origins[end - 1] + 1, rank + 2, order, rule))

    # Earliest first, then longest, so "deportation order" beats "deportation".
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2], c[3]))
    findings: list[Finding] = []
    covered_to = 0
    for start, end, _rank, _order, rule in candidates:
        if start < covered_to:
            continue
        language = rule.language
        if not language:
            language = primary
        findings.append(Finding(start, end, text[start:end], rule.reason, language))
        covered_to = end
    return findings
