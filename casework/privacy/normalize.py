"""Text as the guard reads it: tricks undone, every character traced back to the input.

``fold`` lower-cases and removes accents in place (same length as the input).
``deep`` goes further, so that a disclosure written to slip past the patterns is
read as the plain words it spells:

- Unicode NFKC (full-width letters, ligatures);
- zero-width characters, soft hyphens and bidi controls removed;
- look-alike letters from other scripts inside a Latin word mapped to Latin
  through Unicode's confusables data (the confusable-homoglyphs package);
- digits and symbols for letters inside a word ("und0cum3nted", "ileg@l");
- letters spaced out or separated by punctuation rejoined ("u n d o c", "i.l.l.e.g.a.l");
- a word split by a hyphen or dot rejoined when it spells a key term ("undocu-mented");
- a word within one edit of a key term read as that term ("undocumeted").

``deep`` returns the new text and, for each of its characters, the offset of
the input character it came from, so findings always point into the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from confusable_homoglyphs import confusables

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
    "\u0111": "d",  # Vietnamese đ
    "\u0142": "l",  # Polish ł
}

_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069"
    "\u3164\ufeff\uffa0"
)

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i"}
_TOKEN = re.compile(r"[\w@$!]+")
_SPACED = re.compile(r"(?<![\w@$])(?:[\w@$][\s.\-_*·/|]){3,}[\w@$](?![\w@$])")
_SPLIT = re.compile(r"(?<![^\W\d_])([^\W\d_]{2,}+)[-._*·]([^\W\d_]{2,}+)")


def _fold_char(char: str) -> str:
    plain = _PLAIN.get(char)
    if plain is not None:
        return plain
    decomposed = unicodedata.normalize("NFKD", char)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if len(stripped) != 1:
        stripped = char.lower() if len(char.lower()) == 1 else char
    return stripped


def fold(text: str) -> str:
    """Lower-case text and remove accents, keeping every character at its offset."""
    return "".join(_fold_char(char) for char in text)


def fold_pattern(pattern: str) -> str:
    """Fold the letters of a pattern the way text is folded, leaving its syntax alone.

    A Bengali letter with a nukta folds to its base letter when written as one
    character (U+09DF) but keeps the nukta when written as two (U+09AF U+09BC),
    so a nukta in a pattern is optional.
    """
    folded = "".join(c if c.isascii() else _fold_char(c) for c in pattern)
    return folded.replace("\u09bc", "\u09bc?")


@lru_cache(maxsize=4096)
def _latin_lookalike(char: str) -> str | None:
    if char.isascii():
        return None
    found = confusables.is_confusable(char, greedy=True, preferred_aliases=["latin"])
    for entry in found or ():
        for glyph in entry["homoglyphs"]:
            letter = str(glyph["c"])
            if len(letter) == 1 and letter.isascii() and letter.isalpha():
                return letter.lower()
    return None


def _has_ascii_letter(token: str) -> bool:
    return any(c.isascii() and c.isalpha() for c in token)


class _Text:
    """A list of characters, each with the input offset it came from."""

    def __init__(self, chars: list[str], origins: list[int]):
        self.chars = chars
        self.origins = origins

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def replace(self, start: int, end: int, new: str) -> None:
        span = self.origins[start:end] or [self.origins[start - 1] if start else 0]
        origins = [
            span[min(i * len(span) // max(len(new), 1), len(span) - 1)] for i in range(len(new))
        ]
        self.chars[start:end] = list(new)
        self.origins[start:end] = origins


def _base(text: str) -> _Text:
    chars: list[str] = []
    origins: list[int] = []
    for i, char in enumerate(text):
        if char in _INVISIBLE or unicodedata.category(char) == "Cf":
            continue
        for piece in unicodedata.normalize("NFKC", char):
            chars.append(_fold_char(piece))
            origins.append(i)
    return _Text(chars, origins)


def _map_tokens(t: _Text) -> None:
    """Look-alike letters and digits for letters, word by word."""
    for m in reversed(list(_TOKEN.finditer(t.text))):
        token = m.group()
        letters = sum(c.isalpha() for c in token)
        mapped = token
        if _has_ascii_letter(token) and not token.isascii():
            mapped = "".join(_latin_lookalike(c) or c if c.isalpha() else c for c in token)
        others = sum(not c.isalpha() for c in mapped)
        if others and letters >= 2 and others <= letters and _has_ascii_letter(mapped):
            mapped = "".join(_LEET.get(c, c) for c in mapped)
        if mapped != token:
            t.replace(m.start(), m.end(), mapped)


def _rejoin_spaced(t: _Text) -> None:
    for m in reversed(list(_SPACED.finditer(t.text))):
        joined = "".join(c for c in m.group() if c.isalnum() or c in "@$")
        t.replace(m.start(), m.end(), joined)


def within_one_edit(a: str, b: str) -> bool:
    """True if a becomes b by one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    if la > lb:
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


class KeyTerms:
    """Words the guard reads through one typing mistake, and words that only look close."""

    def __init__(self, terms: Iterable[str], ordinary: Iterable[str]):
        self.terms = frozenset(terms)
        self.ordinary = frozenset(ordinary)
        self._by_length: dict[int, list[str]] = {}
        for term in self.terms:
            self._by_length.setdefault(len(term), []).append(term)

    def nearest(self, word: str) -> str | None:
        if len(word) < 6 or word in self.terms or word in self.ordinary:
            return None
        for length in (len(word), len(word) - 1, len(word) + 1):
            for term in self._by_length.get(length, ()):
                if within_one_edit(word, term):
                    return term
        return None


def _key_terms(t: _Text, keys: KeyTerms) -> None:
    for m in reversed(list(_SPLIT.finditer(t.text))):
        joined = m.group(1) + m.group(2)
        if joined in keys.terms or keys.nearest(joined):
            t.replace(m.start(), m.end(), joined)
    for m in reversed(list(re.finditer(r"[^\W\d_]+", t.text))):
        term = keys.nearest(m.group())
        if term:
            t.replace(m.start(), m.end(), term)


def deep(text: str, keys: KeyTerms) -> tuple[str, list[int]]:
    """The text with every trick undone, and the input offset of each of its characters."""
    t = _base(text)
    _map_tokens(t)
    _rejoin_spaced(t)
    _map_tokens(t)
    _key_terms(t, keys)
    return t.text, t.origins
