"""The letter fonts, and which one prints each character.

DejaVu Sans prints Latin, Cyrillic and most symbols. The scripts it lacks, or that
read better in a font drawn for them, have fonts of their own under static/fonts/
(TrueType outlines, open licences beside them): Chinese in Droid Sans Fallback,
Korean in Nanum Gothic, Bengali in Noto Sans Bengali, Arabic and Urdu in Noto Naskh
Arabic. Each is registered with reportlab the first time a letter needs it, once per
process, and embedded as a subset.
"""

from __future__ import annotations

import functools
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"

REGULAR = "CaseworkSans"
BOLD = "CaseworkSans-Bold"
OBLIQUE = "CaseworkSans-Oblique"

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    OBLIQUE: "DejaVuSans-Oblique.ttf",
}


@dataclass(frozen=True)
class ScriptFont:
    """A script's font: its reportlab names and files (one file when it has no bold)."""

    script: str
    regular: str
    bold: str
    regular_file: str
    bold_file: str
    shaped: bool  # letters change shape with their neighbours: HarfBuzz must shape runs


SCRIPT_FONTS: dict[str, ScriptFont] = {
    "han": ScriptFont(
        "han",
        "CaseworkHan",
        "CaseworkHan",  # Droid Sans Fallback has no bold face
        "DroidSansFallbackFull.ttf",
        "DroidSansFallbackFull.ttf",
        shaped=False,
    ),
    "hangul": ScriptFont(
        "hangul",
        "CaseworkHangul",
        "CaseworkHangul-Bold",
        "NanumGothic.ttf",
        "NanumGothicBold.ttf",
        shaped=False,
    ),
    "bengali": ScriptFont(
        "bengali",
        "CaseworkBengali",
        "CaseworkBengali-Bold",
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
        shaped=True,
    ),
    "arabic": ScriptFont(
        "arabic",
        "CaseworkArabic",
        "CaseworkArabic-Bold",
        "NotoNaskhArabic-Regular.ttf",
        "NotoNaskhArabic-Bold.ttf",
        shaped=True,
    ),
}

#: Code point ranges printed in each script's font, even where DejaVu has a glyph.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0600, 0x06FF, "arabic"),
    (0x0750, 0x077F, "arabic"),
    (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE70, 0xFEFF, "arabic"),
    (0x0964, 0x0965, "bengali"),  # the danda ends a Bengali sentence
    (0x0980, 0x09FF, "bengali"),
    (0x1100, 0x11FF, "hangul"),
    (0x3130, 0x318F, "hangul"),
    (0xA960, 0xA97F, "hangul"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xD7B0, 0xD7FF, "hangul"),
    (0x2E80, 0x2FDF, "han"),
    (0x3000, 0x303F, "han"),  # CJK punctuation: 。、「」
    (0x3040, 0x30FF, "han"),  # kana, in case a name has it
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xF900, 0xFAFF, "han"),
    (0xFF00, 0xFFEF, "han"),  # full-width forms: ，：（）
)

_lock = threading.Lock()
_registered = False
_script_registered: set[str] = set()


def register_fonts() -> None:
    """Register the base letter fonts with reportlab; later calls do nothing."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in _FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        # The family mapping lets <b> and <i> inside a Paragraph pick the right face.
        addMapping(REGULAR, 0, 0, REGULAR)
        addMapping(REGULAR, 1, 0, BOLD)
        addMapping(REGULAR, 0, 1, OBLIQUE)
        addMapping(REGULAR, 1, 1, BOLD)
        _registered = True


def register_script(script: str) -> ScriptFont:
    """Register a script's fonts the first time a letter needs them; return them."""
    font = SCRIPT_FONTS[script]
    if script in _script_registered:
        return font
    register_fonts()
    with _lock:
        if script not in _script_registered:
            pdfmetrics.registerFont(TTFont(font.regular, str(FONT_DIR / font.regular_file)))
            if font.bold != font.regular:
                pdfmetrics.registerFont(TTFont(font.bold, str(FONT_DIR / font.bold_file)))
            addMapping(font.regular, 0, 0, font.regular)
            addMapping(font.regular, 1, 0, font.bold)
            addMapping(font.regular, 0, 1, font.regular)
            addMapping(font.regular, 1, 1, font.bold)
            _script_registered.add(script)
    return font


def script_of(char: str) -> str | None:
    """The script whose font prints char, or None for DejaVu's characters."""
    code = ord(char)
    if code < 0x0600:
        return None
    for low, high, script in _RANGES:
        if low <= code <= high:
            return script
    return None


def has_glyph(font_name: str, char: str) -> bool:
    """Whether the registered font has a glyph for char."""
    face = pdfmetrics.getFont(font_name).face
    return ord(char) in face.charToGlyph


def _base(bold: bool) -> str:
    return BOLD if bold else REGULAR


def _script_face(script: str, bold: bool) -> str:
    font = register_script(script)
    return font.bold if bold else font.regular


@functools.lru_cache(maxsize=8192)
def font_for(char: str, bold: bool = False) -> str:
    """The registered font that prints char: its script's, else DejaVu, else any that has it."""
    register_fonts()
    script = script_of(char)
    if script is not None:
        return _script_face(script, bold)
    base = _base(bold)
    if has_glyph(base, char):
        return base
    for other in SCRIPT_FONTS:
        name = _script_face(other, bold)
        if has_glyph(name, char):
            return name
    return base  # no font has it: the glyph check in the tests names it


_UNSHAPED_SCRIPT_FACES = frozenset(
    name for f in SCRIPT_FONTS.values() if not f.shaped for name in (f.regular, f.bold)
)


def _joins_cjk(char: str) -> bool:
    return char.isdigit() or unicodedata.category(char).startswith("P")


def _sticks(char: str) -> bool:
    """Spaces, joiners and combining marks stay in the font of the text around them."""
    return char.isspace() or char in "\u200c\u200d" or unicodedata.category(char) in ("Mn", "Me")


def runs(text: str, bold: bool = False) -> list[tuple[str, str]]:
    """Split text into (font name, text) runs so every character prints in a font that has it."""
    return list(_runs(text, bold))


@functools.lru_cache(maxsize=4096)
def _runs(text: str, bold: bool) -> tuple[tuple[str, str], ...]:
    register_fonts()
    base = _base(bold)
    out: list[tuple[str, str]] = []
    font = base
    current: list[str] = []
    for char in text:
        if _sticks(char) and (not out and not current or has_glyph(font, char)):
            wanted = font
        elif font in _UNSHAPED_SCRIPT_FACES and _joins_cjk(char) and has_glyph(font, char):
            # Digits and punctuation inside Chinese or Korean text stay in its font: fewer
            # font changes in a line (each one is a fragment to lay out and draw).
            wanted = font
        else:
            wanted = font_for(char, bold)
        if wanted != font and current:
            out.append((font, "".join(current)))
            current = []
        font = wanted
        current.append(char)
    if current:
        out.append((font, "".join(current)))
    return tuple(out)


@functools.lru_cache(maxsize=64)
def is_shaped(font_name: str) -> bool:
    """Whether text in this font needs HarfBuzz shaping (Bengali, Arabic)."""
    return any(f.shaped and font_name in (f.regular, f.bold) for f in SCRIPT_FONTS.values())


def needs_script_fonts(text: str) -> bool:
    """Whether any character of text prints in a font other than DejaVu."""
    if text.isascii():
        return False
    return any(ord(char) >= 0x0600 and font_for(char) != REGULAR for char in text)
