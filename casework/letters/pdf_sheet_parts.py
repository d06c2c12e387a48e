"""The intake sheet's pieces: its fonts, and each kind of question laid out in a column.

Pure, like the rest of the renderer. Every block is a list of drawing operations in
the column's own coordinates (x from where the line starts, y down from the block's
top), so the page can place it in either column and mirror it for right-to-left text.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from casework.letters import pdf_fonts
from casework.letters.pdf_fonts import FONT_DIR, needs_script_fonts, register_fonts
from casework.letters.pdf_script import draw_line, text_width
from casework.letters.pdf_sheet_model import SheetGroup, SheetQuestion
from casework.letters.pdf_text import clean, one_line

#: DejaVu Sans Condensed: the letters' typeface, narrower, so large type fits the page.
REGULAR = "CaseworkSansCondensed"
BOLD = "CaseworkSansCondensed-Bold"
_FILES = {REGULAR: "DejaVuSansCondensed.ttf", BOLD: "DejaVuSansCondensed-Bold.ttf"}
_lock = threading.Lock()


# -- drawing operations, in a column's own coordinates (x from the line's start, y down) --


@dataclass(frozen=True)
class Text:
    x: float
    y: float  # baseline, below the block's top
    text: str
    font: str
    size: float
    width: float
    muted: bool = False


@dataclass(frozen=True)
class Rule:
    x: float
    y: float
    width: float


@dataclass(frozen=True)
class Box:
    x: float
    y: float  # top
    width: float
    height: float


Op = Text | Rule | Box


@dataclass
class Block:
    height: float
    ops: list[Op] = field(default_factory=list)
    keep_with_next: bool = False


def register_sheet_fonts() -> None:
    """Register the sheet's fonts (and the letters') with reportlab; later calls do nothing."""
    register_fonts()
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))


def width(text: str, font: str, size: float) -> float:
    """How wide text prints: in the sheet's font, or where it needs them in the scripts' fonts."""
    if not needs_script_fonts(text):
        return float(stringWidth(text, font, size))
    return float(text_width(text, font == BOLD, size))


def draw(canvas: Canvas, x: float, y: float, text: str, font: str, size: float) -> None:
    """Draw one line from its left edge x (shaped and ordered where its script needs it)."""
    if not needs_script_fonts(text):
        canvas.setFont(font, size)
        canvas.drawString(x, y, text)
        return
    letters_font = pdf_fonts.BOLD if font == BOLD else pdf_fonts.REGULAR
    draw_line(canvas, x, y, text, letters_font, size)


def wrap(text: str, font: str, size: float, room: float) -> list[str]:
    """Break text into lines no wider than room: at spaces, else between characters."""
    lines: list[str] = []
    for part in clean(text).split("\n"):
        current = ""
        for word in part.split():
            candidate = f"{current} {word}" if current else word
            if width(candidate, font, size) <= room:
                current = candidate
                continue
            if current:
                lines.append(current)
            # A word wider than the line (or a sentence written without spaces) is cut.
            while width(word, font, size) > room and len(word) > 1:
                count = 1
                while count < len(word) and width(word[: count + 1], font, size) <= room:
                    count += 1
                lines.append(word[:count])
                word = word[count:]
            current = word
        lines.append(current)
    return lines


class Metrics:
    """Sizes that follow from the type size."""

    def __init__(self, size: float):
        self.size = size
        self.lead = size * 1.2
        # Room to write one line by hand: never under a quarter of an inch.
        self.row = max(size * 1.65, 18.0)
        self.box = max(size * 0.8, 8.0)
        self.small = min(size, max(8.0, size * 0.78))
        self.small_lead = self.small * 1.18
        self.gap = size * 0.35
        self.heading = size + 1.0


def text_lines(
    ops: list[Op],
    y: float,
    text: str,
    font: str,
    size: float,
    lead: float,
    room: float,
    x: float = 0.0,
) -> float:
    """Add wrapped text starting with its first baseline at y + size; return the new y."""
    for line in wrap(text, font, size, room):
        y += lead
        ops.append(
            Text(x, y - (lead - size) - size * 0.2, line, font, size, width(line, font, size))
        )
    return y


def _label(ops: list[Op], m: Metrics, q: SheetQuestion, y: float, room: float) -> float:
    y = text_lines(ops, y, q.label, REGULAR, m.size, m.lead, room)
    last = ops[-1] if ops else None
    if q.description and isinstance(last, Text):
        # A short description follows the label on its last line.
        gap = m.size * 0.5
        described = width(q.description, REGULAR, m.small)
        if last.x + last.width + gap + described <= room:
            x = last.x + last.width + gap
            ops.append(Text(x, last.y, q.description, REGULAR, m.small, described, muted=True))
            return y
    if q.description:
        start = len(ops)
        y = text_lines(ops, y, q.description, REGULAR, m.small, m.small_lead, room)
        for i in range(start, len(ops)):
            op = ops[i]
            if isinstance(op, Text):
                ops[i] = Text(op.x, op.y, op.text, op.font, op.size, op.width, muted=True)
    return y


def line_block(m: Metrics, q: SheetQuestion, room: float) -> Block:
    ops: list[Op] = []
    answer = m.size * 8 if q.short else m.size * 7
    label_width = width(q.label, REGULAR, m.size)
    if not q.description and label_width + m.size * 0.6 + answer <= room:
        # The label and the line to write on share a row.
        base = m.row - m.size * 0.45
        ops.append(Text(0, base, q.label, REGULAR, m.size, label_width))
        start = label_width + m.size * 0.5
        end = min(room, start + m.size * 9) if q.short else room
        ops.append(Rule(start, base + 2, end - start))
        return Block(m.row, ops)
    y = _label(ops, m, q, 0.0, room)
    y += m.row - m.size * 0.35
    ops.append(Rule(0, y, m.size * 9 if q.short else room))
    return Block(y + m.size * 0.35, ops)


def lines_block(m: Metrics, q: SheetQuestion, room: float) -> Block:
    ops: list[Op] = []
    y = _label(ops, m, q, 0.0, room)
    for _ in range(max(1, q.lines)):
        y += m.row
        ops.append(Rule(0, y - m.size * 0.35, room))
    return Block(y, ops)


def date_block(m: Metrics, q: SheetQuestion, room: float) -> Block:
    """Boxes for month, day and year (the sheet's instructions say which is which)."""
    ops: list[Op] = []
    digit = m.size * 0.9
    widths = (digit * 2.1, digit * 2.1, digit * 3.8)
    slash = m.size * 0.65
    boxes_width = sum(widths) + 2 * slash
    box_height = m.size * 1.5
    label_width = width(q.label, REGULAR, m.size)
    if not q.description and label_width + m.size * 0.5 + boxes_width <= room:
        top = 0.0
        x = room - boxes_width
        ops.append(Text(0, box_height * 0.7, q.label, REGULAR, m.size, label_width))
    else:
        top = _label(ops, m, q, 0.0, room) + m.size * 0.15
        x = 0.0
    slash_width = width("/", REGULAR, m.size)
    for index, box_width in enumerate(widths):
        ops.append(Box(x, top, box_width, box_height))
        x += box_width
        if index < 2:
            ops.append(
                Text(
                    x + (slash - slash_width) / 2,
                    top + box_height * 0.7,
                    "/",
                    REGULAR,
                    m.size,
                    slash_width,
                )
            )
            x += slash
    return Block(top + box_height + m.size * 0.25, ops)


def _choice_items(
    ops: list[Op], m: Metrics, items: tuple[str, ...], y: float, room: float, x: float = 0.0
) -> float:
    """Tick boxes flowed across the column, each box before its words; return the new y.

    The first row starts at x on the row whose top is y (after the label when it fits).
    """
    indent = m.box + m.size * 0.35
    spacing = m.size * 0.9
    row_top = y
    for item in items:
        words = one_line(item)
        item_width = indent + width(words, REGULAR, m.size)
        if x > 0 and x + item_width > room:
            x = 0.0
            row_top += m.lead * 1.08
        if item_width <= room:
            ops.append(Box(x, row_top + (m.lead - m.box) / 2, m.box, m.box))
            ops.append(
                Text(
                    x + indent,
                    row_top + m.lead - m.size * 0.3,
                    words,
                    REGULAR,
                    m.size,
                    item_width - indent,
                )
            )
            x += item_width + spacing
            continue
        # Too long for one row: the words wrap under themselves, beside the box.
        ops.append(Box(0, row_top + (m.lead - m.box) / 2, m.box, m.box))
        lines = wrap(words, REGULAR, m.size, room - indent)
        for index, line in enumerate(lines):
            ops.append(
                Text(
                    indent,
                    row_top + index * m.lead + m.lead - m.size * 0.3,
                    line,
                    REGULAR,
                    m.size,
                    width(line, REGULAR, m.size),
                )
            )
        row_top += (len(lines) - 1) * m.lead
        x = room  # the next item starts a new row
    return row_top + m.lead * 1.08 if items else y


def choice_block(m: Metrics, q: SheetQuestion, room: float) -> Block:
    ops: list[Op] = []
    y = _label(ops, m, q, 0.0, room)
    last = ops[-1] if ops else None
    if not q.description and isinstance(last, Text) and len(ops) == 1:
        # The boxes follow the label on its row while they fit there.
        return Block(_choice_items(ops, m, q.choices, 0.0, room, last.width + m.size * 0.7), ops)
    return Block(_choice_items(ops, m, q.choices, y, room), ops)


def tick_block(m: Metrics, q: SheetQuestion, room: float) -> Block:
    ops: list[Op] = []
    indent = m.box + m.size * 0.4
    ops.append(Box(0, (m.lead - m.box) / 2 + m.size * 0.05, m.box, m.box))
    y = text_lines(ops, 0.0, q.label, REGULAR, m.size, m.lead, room - indent, x=indent)
    if q.description:
        start = len(ops)
        y = text_lines(
            ops, y, q.description, REGULAR, m.small, m.small_lead, room - indent, x=indent
        )
        for i in range(start, len(ops)):
            op = ops[i]
            if isinstance(op, Text):
                ops[i] = Text(op.x, op.y, op.text, op.font, op.size, op.width, muted=True)
    return Block(y + m.size * 0.2, ops)


def heading_block(m: Metrics, group: SheetGroup, room: float) -> Block:
    ops: list[Op] = []
    y = m.size * 0.35
    y = text_lines(ops, y, group.heading, BOLD, m.heading, m.heading * 1.2, room)
    ops.append(Rule(0, y + 2.5, room))
    y += 4
    if group.note:
        y = text_lines(ops, y, group.note, REGULAR, m.small, m.small_lead, room)
    return Block(y + m.size * 0.2, ops, keep_with_next=True)


def shift(op: Op, dx: float, dy: float) -> Op:
    if isinstance(op, Text):
        return Text(op.x + dx, op.y + dy, op.text, op.font, op.size, op.width, op.muted)
    if isinstance(op, Rule):
        return Rule(op.x + dx, op.y + dy, op.width)
    return Box(op.x + dx, op.y + dy, op.width, op.height)


#: Each kind of question's block, by the kind's name.
MAKERS: dict[str, Callable[[Metrics, SheetQuestion, float], Block]] = {
    "line": line_block,
    "lines": lines_block,
    "choice": choice_block,
    "tick": tick_block,
    "date": date_block,
}
