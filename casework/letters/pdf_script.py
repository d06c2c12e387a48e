"""Lines of text in any script: a font per run, HarfBuzz shaping, right-to-left order.

reportlab's Paragraph prints Latin, Cyrillic, Chinese and Korean well once each run
names its font (`pdf_text.markup`). Bengali and Arabic need more: their letters
change shape with their neighbours (HarfBuzz shapes each run, in logical order, in
the one font that prints it), and Arabic and Urdu lines run right to left with
numbers and Latin names inside them left to right (`pdf_bidi`). `ScriptParagraph`
lays such text out, and `draw_line` prints one line of page furniture the same way.

Every line drawn with shaping or reordering is marked with its logical text
(PDF ActualText), so copying or extracting it gives the sentence as written, not
the glyphs in drawing order.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import shapeStr
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from casework.letters import pdf_bidi
from casework.letters.pdf_fonts import BOLD, is_shaped, needs_script_fonts, runs


@dataclass(frozen=True)
class Piece:
    """One run of a line, ready to draw: its font, what to draw, how wide it is."""

    font: str
    text: str  # a reportlab ShapedStr for shaped runs, else characters in drawing order
    width: float
    logical: int = 0  # its place in the line as written (pieces are drawn in that order)


def needs_layout(text: str) -> bool:
    """Whether text needs shaping or right-to-left order (else a Paragraph prints it)."""
    return pdf_bidi.has_rtl(text) or any(is_shaped(font) for font, _ in runs(text))


#: For each shaped font, the letters drawn by glyphs its cmap does not name (a lam-alef
#: ligature, a Bengali conjunct): reportlab gives such glyphs private-use code points.
_LIGATURES: dict[str, dict[int, str]] = {}
_PRIVATE_USE = range(0xE000, 0xF900)


@functools.lru_cache(maxsize=4096)
def _shaped(text: str, font: str, size: float) -> tuple[object, float]:
    shaped = shapeStr(text, font, size)
    data = getattr(shaped, "__shapeData__", None)
    if data is None:
        return text, float(stringWidth(text, font, size))
    _remember_ligatures(font, text, shaped, data)
    return shaped, sum(d.x_advance for d in data) * size / 1000


def _remember_ligatures(font: str, text: str, shaped: str, data: list[Any]) -> None:
    """Note which letters each private-use glyph of a shaped run stands for."""
    clusters = sorted({d.cluster for d in data})
    ends = dict(zip(clusters, [*clusters[1:], len(text)], strict=True))
    face = pdfmetrics.getFont(font).face.name
    known = _LIGATURES.setdefault(face.decode() if isinstance(face, bytes) else str(face), {})
    named: set[int] = set()
    for char, datum in zip(shaped, data, strict=False):
        if ord(char) in _PRIVATE_USE and char not in text and datum.cluster not in named:
            known.setdefault(ord(char), text[datum.cluster : ends[datum.cluster]])
            named.add(datum.cluster)


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with each ligature glyph mapped to the letters it draws,
    so that text copied or extracted from the letter is the text that was written."""
    cmap = _reportlab_to_unicode(fontname, subset)
    known = _LIGATURES.get(fontname.split("+", 1)[-1])
    if not known:
        return str(cmap)
    for code, value in enumerate(subset):
        if value in known:
            letters = known[value].encode("utf-16-be").hex().upper()
            cmap = cmap.replace(f"<{code:02X}> <{value:04X}>", f"<{code:02X}> <{letters}>")
    return str(cmap)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


def _piece(font: str, text: str, size: float, rtl_level: bool, logical: int) -> Piece:
    if is_shaped(font):
        # HarfBuzz takes the run in logical order and returns glyphs in drawing order.
        drawn, width = _shaped(text, font, size)
        return Piece(font, drawn, width, logical)  # type: ignore[arg-type]
    drawn = pdf_bidi.mirrored(text) if rtl_level else text
    return Piece(font, drawn, stringWidth(drawn, font, size), logical)


def layout_line(text: str, bold: bool, size: float, rtl: bool) -> list[Piece]:
    """The pieces of one line in drawing order, left to right."""
    return list(_layout_line(text, bold, size, rtl))


# A letter's fixed sentences come back in every letter of its kind: their lines are laid
# out once per process.
@functools.lru_cache(maxsize=4096)
def _layout_line(text: str, bold: bool, size: float, rtl: bool) -> tuple[Piece, ...]:
    if not text:
        return ()
    line_levels = pdf_bidi.levels(text, rtl) if rtl or pdf_bidi.has_rtl(text) else None
    chunks: list[tuple[str, str, int]] = []
    position = 0
    for font, run in runs(text, bold):
        if line_levels is None:
            chunks.append((font, run, 0))
        else:
            start = position
            for offset in range(1, len(run) + 1):
                here = position + offset
                if offset == len(run) or line_levels[here] != line_levels[here - 1]:
                    chunks.append((font, text[start:here], line_levels[here - 1]))
                    start = here
        position += len(run)
    order = pdf_bidi.visual_order([level for _, _, level in chunks])
    return tuple(_piece(chunks[i][0], chunks[i][1], size, bool(chunks[i][2] % 2), i) for i in order)


def line_width(pieces: list[Piece]) -> float:
    return sum(piece.width for piece in pieces)


@functools.lru_cache(maxsize=8192)
def text_width(text: str, bold: bool, size: float) -> float:
    """How wide text prints, each run in its font (shaped where the script needs it).

    The order runs are drawn in does not change the width: no bidi levels are needed.
    """
    total = 0.0
    for font, run in runs(text, bold):
        total += _shaped(run, font, size)[1] if is_shaped(font) else stringWidth(run, font, size)
    return total


ACTUAL_TEXT_RTL = False


def _actual_text(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def draw_pieces(
    canvas: Canvas, x: float, y: float, pieces: list[Piece], size: float, logical: str
) -> None:
    """Draw pieces from x, marking the line with its logical text where it was shaped or moved."""
    marked = ACTUAL_TEXT_RTL or not pdf_bidi.has_rtl(logical)
    marked = marked and any(is_shaped(piece.font) for piece in pieces)
    if marked:
        canvas._code.append(f"/Span <</ActualText <FEFF{_actual_text(logical)}>>> BDC")
    placed = []
    for piece in pieces:
        placed.append((piece.logical, x, piece))
        x += piece.width
    # Placed left to right, drawn in the order the line is read: text extraction that
    # follows the page's content order gets the sentence as written.
    for _, left, piece in sorted(placed, key=lambda item: item[0]):
        canvas.setFont(piece.font, size)
        canvas.drawString(left, y, piece.text)
    if marked:
        canvas._code.append("EMC")


def draw_line(
    canvas: Canvas, x: float, y: float, text: str, font: str, size: float, align: str = "left"
) -> float:
    """Draw one line of furniture at x (its left, right or centre edge); return its width."""
    if not needs_script_fonts(text):
        canvas.setFont(font, size)
        width = float(stringWidth(text, font, size))
        x -= width if align == "right" else width / 2 if align == "centre" else 0
        canvas.drawString(x, y, text)
        return width
    pieces = layout_line(text, font == BOLD, size, pdf_bidi.is_rtl_text(text))
    width = line_width(pieces)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    draw_pieces(canvas, x, y, pieces, size, text)
    canvas.setFont(font, size)
    return width


def _cut_long_words(words: list[str], bold: bool, size: float, room: float) -> list[str]:
    """Words as they are, except one wider than the line (an e-mail, a name with no
    spaces), which is cut into pieces that fit."""
    out: list[str] = []
    for word in words:
        while len(word) > 1 and text_width(word, bold, size) > room:
            count = 1
            while count < len(word) and text_width(word[: count + 1], bold, size) <= room:
                count += 1
            out.append(word[:count])
            word = word[count:]
        out.append(word)
    return out


class ScriptParagraph(Flowable):
    """A paragraph of Bengali, Arabic or Urdu text (or any text), shaped and ordered.

    Lines break at spaces (a word wider than the line stands alone on it). A paragraph
    whose first strong letter reads right to left is set right to left, aligned right,
    its bullet on the right.
    """

    def __init__(
        self, text: str, style: ParagraphStyle, bullet: str = "", align: str | None = None
    ):
        super().__init__()
        self.text = text
        self.style = style
        self.bullet = bullet
        self.rtl = pdf_bidi.is_rtl_text(text)
        # A table cell says which side its column is aligned to; other text follows its script.
        self.align = align
        self.align_right = align == "right" if align else self.rtl or style.alignment == TA_RIGHT
        self.bold = style.fontName.endswith("-Bold")
        self.keepWithNext = getattr(style, "keepWithNext", 0)
        self.lines: list[tuple[str, list[Piece]]] = []
        self.width = 0.0
        self.height = 0.0

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)

    def _indents(self) -> tuple[float, float]:
        first, other = float(self.style.leftIndent), float(self.style.rightIndent)
        return (other, first) if self.rtl else (first, other)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        size = float(self.style.fontSize)
        left, right = self._indents()
        room = availWidth - left - right
        space = stringWidth(" ", "CaseworkSans", size)
        lines: list[tuple[str, list[Piece]]] = []
        for source in self.text.split("\n"):
            current: list[str] = []
            used = 0.0
            for word in _cut_long_words(source.split(), self.bold, size, room):
                width = text_width(word, self.bold, size)
                if current and used + space + width > room:
                    lines.append(self._line(" ".join(current), size))
                    current, used = [], 0.0
                used += (space if current else 0.0) + width
                current.append(word)
            if current or not lines:
                lines.append(self._line(" ".join(current), size))
        self.lines = lines
        self.width = availWidth
        self.height = len(lines) * float(self.style.leading)
        return self.width, self.height

    def _line(self, text: str, size: float) -> tuple[str, list[Piece]]:
        return text, layout_line(text, self.bold, size, self.rtl)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        fits = int(availHeight // float(self.style.leading))
        if fits <= 0 or fits >= len(self.lines):
            return []
        head = ScriptParagraph("", self.style, self.bullet, self.align)
        tail = ScriptParagraph("", self.style, "", self.align)
        head.text = "\n".join(text for text, _ in self.lines[:fits])
        tail.text = "\n".join(text for text, _ in self.lines[fits:])
        head.rtl = tail.rtl = self.rtl
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        size = float(self.style.fontSize)
        leading = float(self.style.leading)
        left, right = self._indents()
        canvas.saveState()
        canvas.setFillColor(self.style.textColor)
        y = self.height - size  # the first baseline, a font size below the top
        for index, (text, pieces) in enumerate(self.lines):
            width = line_width(pieces)
            x = self.width - right - width if self.align_right else left
            draw_pieces(canvas, x, y, pieces, size, text)
            if index == 0 and self.bullet:
                bullet_x = (
                    self.width - float(self.style.bulletIndent) - size * 0.5
                    if self.rtl
                    else float(self.style.bulletIndent)
                )
                canvas.setFont("CaseworkSans", size)
                canvas.drawString(bullet_x, y, self.bullet)
            y -= leading
        canvas.restoreState()
