"""Makes untrusted text safe to print: no control characters, no live markup."""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth

from casework.letters.pdf_fonts import BOLD, needs_script_fonts, register_fonts, runs
from casework.letters.pdf_fonts import REGULAR as REGULAR_NAME
from casework.letters.pdf_script import text_width

# Bidirectional overrides and isolates reorder what a reader sees; marks are harmless
# but invisible, so both go.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_NEWLINES = re.compile(r"\r\n|[\r\u2028\u2029\x0b\x0c\x85]")


def clean(text: str) -> str:
    """Return text with control, bidi-override, surrogate and non-characters removed."""
    text = str(text)
    if text.isprintable():
        # Printable means no control (Cc), format (Cf: the bidi controls), surrogate,
        # unassigned (the non-characters) or line-break character: nothing to remove.
        return text
    text = _NEWLINES.sub("\n", text).replace("\t", " ")
    kept = []
    for char in text:
        if char == "\n":
            kept.append(char)
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            continue
        if (ord(char) & 0xFFFE) == 0xFFFE or 0xFDD0 <= ord(char) <= 0xFDEF:
            continue
        kept.append(char)
    return "".join(kept)


def one_line(text: str) -> str:
    """Return cleaned text with line breaks turned into spaces, for single-line spots."""
    return " ".join(clean(text).split())


def markup(text: str, bold: bool = False) -> str:
    """Return text escaped for a reportlab Paragraph, keeping its line breaks.

    Characters DejaVu Sans does not print (Chinese, Korean...) are wrapped in a
    <font> tag naming the font that does.
    """
    cleaned = clean(text)
    if not needs_script_fonts(cleaned):
        return "<br/>".join(escape(line) for line in cleaned.split("\n"))
    base = BOLD if bold else REGULAR_NAME
    parts = []
    for font, run in runs(cleaned, bold):
        escaped = "<br/>".join(escape(line) for line in run.split("\n"))
        parts.append(escaped if font == base else f'<font face="{font}">{escaped}</font>')
    return "".join(parts)


def width(text: str, font: str, size: float) -> float:
    """How wide text prints in font (BOLD or REGULAR), other scripts in their own fonts."""
    if not needs_script_fonts(text):
        return float(stringWidth(text, font, size))
    return text_width(text, font == BOLD, size)


def wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """Break one line of text into lines no wider than width, splitting long words."""
    register_fonts()
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if width(candidate, font, size) <= room:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        # A word wider than the line (a long e-mail, a name without spaces) is cut.
        while width(word, font, size) > room:
            cut = _fit(word, font, size, room)
            hyphen = word.rfind("-", 0, cut)
            if hyphen > 0:
                cut = hyphen + 1  # break after a hyphen where the word has one
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines


def _fit(word: str, font: str, size: float, room: float) -> int:
    """Return how many leading characters of word fit in room (at least one)."""
    count = 1
    while count < len(word) and width(word[: count + 1], font, size) <= room:
        count += 1
    return count
