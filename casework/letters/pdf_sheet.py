"""Renders the paper intake sheet: one US Letter page of questions to answer by hand.

Pure: plain values in, PDF bytes out, no Flask. The sheet is laid out in two
columns, the questions in the order given, in large type: each question's words,
then a line or box to write on (sized to the answer), tick boxes for choices. The
type starts at 14 pt and steps down only as far as needed for the whole sheet to
fit on one page (`SIZES`); a right-to-left language mirrors the page.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from casework.letters import pdf_fonts
from casework.letters.pdf_fonts import FONT_DIR, needs_script_fonts, register_fonts
from casework.letters.pdf_script import draw_line, text_width
from casework.letters.pdf_text import clean, one_line

PAGE_WIDTH: float
PAGE_HEIGHT: float
PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 30.0
GUTTER = 18.0
COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - GUTTER) / 2
#: The sizes tried for the questions' words, largest first: on one page the whole intake
#: form fits at about 9.5 pt; on both sides of the sheet at 14 pt.
SIZES = (14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)

#: DejaVu Sans Condensed: the letters' typeface, narrower, so large type fits the page.
REGULAR = "CaseworkSansCondensed"
BOLD = "CaseworkSansCondensed-Bold"
_FILES = {REGULAR: "DejaVuSansCondensed.ttf", BOLD: "DejaVuSansCondensed-Bold.ttf"}
_lock = threading.Lock()

INK = HexColor("#1b1b1b")
MUTED = HexColor("#4d4d4d")
LINE = HexColor("#6b6b6b")
PANEL = HexColor("#f0f0f0")


@dataclass(frozen=True)
class SheetQuestion:
    """One question, already translated."""

    kind: str  # "line" | "lines" | "date" | "choice" | "tick"
    label: str
    description: str = ""
    choices: tuple[str, ...] = ()
    lines: int = 1
    short: bool = False


@dataclass(frozen=True)
class SheetGroup:
    heading: str
    questions: tuple[SheetQuestion, ...]
    note: str = ""  # a short line under the heading


@dataclass(frozen=True)
class SheetDocument:
    """Everything printed on the sheet, already translated."""

    title: str
    organization: str = ""
    intro: str = ""
    statement: str = ""  # the immigration-status statement, printed in a panel
    notice: str = ""  # e.g. how to ask for an interpreter
    groups: tuple[SheetGroup, ...] = ()
    language: str = "en"
    rtl: bool = False


# -- drawing operations, in a column's own coordinates (x from the line's start, y down) --


@dataclass(frozen=True)
class _Text:
    x: float
    y: float  # baseline, below the block's top
    text: str
    font: str
    size: float
    width: float
    muted: bool = False


@dataclass(frozen=True)
class _Rule:
    x: float
    y: float
    width: float


@dataclass(frozen=True)
class _Box:
    x: float
    y: float  # top
    width: float
    height: float


Op = _Text | _Rule | _Box


@dataclass
class _Block:
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


class _Metrics:
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


def _text_lines(
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
            _Text(x, y - (lead - size) - size * 0.2, line, font, size, width(line, font, size))
        )
    return y


def _label(ops: list[Op], m: _Metrics, q: SheetQuestion, y: float, room: float) -> float:
    y = _text_lines(ops, y, q.label, REGULAR, m.size, m.lead, room)
    last = ops[-1] if ops else None
    if q.description and isinstance(last, _Text):
        # A short description follows the label on its last line.
        gap = m.size * 0.5
        described = width(q.description, REGULAR, m.small)
        if last.x + last.width + gap + described <= room:
            x = last.x + last.width + gap
            ops.append(_Text(x, last.y, q.description, REGULAR, m.small, described, muted=True))
            return y
    if q.description:
        start = len(ops)
        y = _text_lines(ops, y, q.description, REGULAR, m.small, m.small_lead, room)
        for i in range(start, len(ops)):
            op = ops[i]
            if isinstance(op, _Text):
                ops[i] = _Text(op.x, op.y, op.text, op.font, op.size, op.width, muted=True)
    return y


def _line_block(m: _Metrics, q: SheetQuestion, room: float) -> _Block:
    ops: list[Op] = []
    answer = m.size * 8 if q.short else m.size * 7
    label_width = width(q.label, REGULAR, m.size)
    if not q.description and label_width + m.size * 0.6 + answer <= room:
        # The label and the line to write on share a row.
        base = m.row - m.size * 0.45
        ops.append(_Text(0, base, q.label, REGULAR, m.size, label_width))
        start = label_width + m.size * 0.5
        end = min(room, start + m.size * 9) if q.short else room
        ops.append(_Rule(start, base + 2, end - start))
        return _Block(m.row, ops)
    y = _label(ops, m, q, 0.0, room)
    y += m.row - m.size * 0.35
    ops.append(_Rule(0, y, m.size * 9 if q.short else room))
    return _Block(y + m.size * 0.35, ops)


def _lines_block(m: _Metrics, q: SheetQuestion, room: float) -> _Block:
    ops: list[Op] = []
    y = _label(ops, m, q, 0.0, room)
    for _ in range(max(1, q.lines)):
        y += m.row
        ops.append(_Rule(0, y - m.size * 0.35, room))
    return _Block(y, ops)


def _date_block(m: _Metrics, q: SheetQuestion, room: float) -> _Block:
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
        ops.append(_Text(0, box_height * 0.7, q.label, REGULAR, m.size, label_width))
    else:
        top = _label(ops, m, q, 0.0, room) + m.size * 0.15
        x = 0.0
    slash_width = width("/", REGULAR, m.size)
    for index, box_width in enumerate(widths):
        ops.append(_Box(x, top, box_width, box_height))
        x += box_width
        if index < 2:
            ops.append(
                _Text(
                    x + (slash - slash_width) / 2,
                    top + box_height * 0.7,
                    "/",
                    REGULAR,
                    m.size,
                    slash_width,
                )
            )
            x += slash
    return _Block(top + box_height + m.size * 0.25, ops)


def _choice_items(
    ops: list[Op], m: _Metrics, items: tuple[str, ...], y: float, room: float, x: float = 0.0
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
            ops.append(_Box(x, row_top + (m.lead - m.box) / 2, m.box, m.box))
            ops.append(
                _Text(
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
        ops.append(_Box(0, row_top + (m.lead - m.box) / 2, m.box, m.box))
        lines = wrap(words, REGULAR, m.size, room - indent)
        for index, line in enumerate(lines):
            ops.append(
                _Text(
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


def _choice_block(m: _Metrics, q: SheetQuestion, room: float) -> _Block:
    ops: list[Op] = []
    y = _label(ops, m, q, 0.0, room)
    last = ops[-1] if ops else None
    if not q.description and isinstance(last, _Text) and len(ops) == 1:
        # The boxes follow the label on its row while they fit there.
        return _Block(_choice_items(ops, m, q.choices, 0.0, room, last.width + m.size * 0.7), ops)
    return _Block(_choice_items(ops, m, q.choices, y, room), ops)


def _tick_block(m: _Metrics, q: SheetQuestion, room: float) -> _Block:
    ops: list[Op] = []
    indent = m.box + m.size * 0.4
    ops.append(_Box(0, (m.lead - m.box) / 2 + m.size * 0.05, m.box, m.box))
    y = _text_lines(ops, 0.0, q.label, REGULAR, m.size, m.lead, room - indent, x=indent)
    if q.description:
        start = len(ops)
        y = _text_lines(
            ops, y, q.description, REGULAR, m.small, m.small_lead, room - indent, x=indent
        )
        for i in range(start, len(ops)):
            op = ops[i]
            if isinstance(op, _Text):
                ops[i] = _Text(op.x, op.y, op.text, op.font, op.size, op.width, muted=True)
    return _Block(y + m.size * 0.2, ops)


def _heading_block(m: _Metrics, group: SheetGroup, room: float) -> _Block:
    ops: list[Op] = []
    y = m.size * 0.35
    y = _text_lines(ops, y, group.heading, BOLD, m.heading, m.heading * 1.2, room)
    ops.append(_Rule(0, y + 2.5, room))
    y += 4
    if group.note:
        y = _text_lines(ops, y, group.note, REGULAR, m.small, m.small_lead, room)
    return _Block(y + m.size * 0.2, ops, keep_with_next=True)


def _blocks(doc: SheetDocument, m: _Metrics) -> list[_Block]:
    room = COLUMN_WIDTH
    makers: dict[str, Callable[[_Metrics, SheetQuestion, float], _Block]] = {
        "line": _line_block,
        "lines": _lines_block,
        "choice": _choice_block,
        "tick": _tick_block,
        "date": _date_block,
    }
    blocks: list[_Block] = []
    for group in doc.groups:
        if group.heading:
            blocks.append(_heading_block(m, group, room))
        for q in group.questions:
            block = makers[q.kind](m, q, room)
            block.height += m.gap
            blocks.append(block)
    return blocks


def _header(doc: SheetDocument, m: _Metrics) -> _Block:
    """Title, the center's name, the instructions and the statement, across the page."""
    room = PAGE_WIDTH - 2 * MARGIN
    ops: list[Op] = []
    title_size = m.size + 5
    y = _text_lines(ops, 0.0, doc.title, BOLD, title_size, title_size * 1.15, room)
    if doc.organization:
        y = _text_lines(ops, y, doc.organization, REGULAR, m.small, m.small_lead, room)
    if doc.notice:
        y = _text_lines(ops, y + 2, doc.notice, BOLD, m.size, m.lead, room)
    if doc.intro:
        y = _text_lines(ops, y + 2, doc.intro, REGULAR, m.size, m.lead, room)
    if doc.statement:
        pad = m.size * 0.45
        top = y + m.size * 0.35
        inner: list[Op] = []
        end = _text_lines(inner, 0.0, doc.statement, BOLD, m.size, m.lead, room - 2 * pad)
        ops.append(_Box(0, top, room, end + 2 * pad))
        ops += [_shift(op, pad, top + pad) for op in inner]
        y = top + end + 2 * pad
    return _Block(y + m.size * 0.6, ops)


def _shift(op: Op, dx: float, dy: float) -> Op:
    if isinstance(op, _Text):
        return _Text(op.x + dx, op.y + dy, op.text, op.font, op.size, op.width, op.muted)
    if isinstance(op, _Rule):
        return _Rule(op.x + dx, op.y + dy, op.width)
    return _Box(op.x + dx, op.y + dy, op.width, op.height)


@dataclass(frozen=True)
class Layout:
    """Where everything goes at one type size."""

    size: float
    pages: int
    header: _Block
    columns: tuple[tuple[tuple[float, _Block], ...], ...]  # per column: (top, block)
    fits: bool


def _column_room(index: int, header: _Block) -> float:
    """The height of a column: the first page's under the header, later pages' whole."""
    full = PAGE_HEIGHT - 2 * MARGIN
    return full - header.height if index < 2 else full


def layout(doc: SheetDocument, size: float, pages: int = 1) -> Layout:
    """Lay the sheet out at one type size: the header, then the questions in two columns a page."""
    register_sheet_fonts()
    m = _Metrics(size)
    header = _header(doc, m)
    columns: list[list[tuple[float, _Block]]] = [[]]
    y = 0.0
    blocks = _blocks(doc, m)
    for index, block in enumerate(blocks):
        needed = block.height
        if block.keep_with_next and index + 1 < len(blocks):
            needed += blocks[index + 1].height
        if y + needed > _column_room(len(columns) - 1, header) + 0.01 and columns[-1]:
            columns.append([])
            y = 0.0
        columns[-1].append((y, block))
        y += block.height
    fits = len(columns) <= 2 * pages and y <= _column_room(len(columns) - 1, header) + 0.01
    return Layout(size, pages, header, tuple(tuple(c) for c in columns), fits)


def best_layout(doc: SheetDocument, pages: int = 1) -> Layout:
    """The largest type size at which the sheet fits its pages (else the smallest size)."""
    found = None
    for size in SIZES:
        found = layout(doc, size, pages)
        if found.fits:
            return found
    assert found is not None
    return found


def render_sheet(doc: SheetDocument, pages: int = 1) -> bytes:
    """Render the sheet to PDF bytes: one page, or two (both sides of one sheet) in larger type."""
    plan = best_layout(doc, pages)
    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=LETTER,
        invariant=1,
        pageCompression=1,
        lang=one_line(doc.language) or None,
        # reportlab starts each page in Helvetica, which is not embedded: start in ours.
        initialFontName=REGULAR,
        initialFontSize=10,
    )
    canvas.setTitle(one_line(doc.title))
    canvas.setAuthor(one_line(doc.organization))
    canvas.setCreator("Casework")
    top = PAGE_HEIGHT - MARGIN
    _draw(canvas, doc, plan.header.ops, MARGIN, top, PAGE_WIDTH - 2 * MARGIN)
    # A form too long for its pages even in the smallest type goes on to another page
    # rather than lose a question.
    for index, column in enumerate(plan.columns):
        if index and index % 2 == 0:
            canvas.showPage()
        body_top = top - plan.header.height if index < 2 else top
        left = MARGIN + (index % 2) * (COLUMN_WIDTH + GUTTER)
        if doc.rtl:
            left = PAGE_WIDTH - left - COLUMN_WIDTH
        for y, block in column:
            _draw(canvas, doc, block.ops, left, body_top - y, COLUMN_WIDTH)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _draw(
    canvas: Canvas, doc: SheetDocument, ops: list[Op], left: float, top: float, room: float
) -> None:
    """Draw ops placed in a box whose top-left is (left, top); mirrored for right to left."""

    def x_of(x: float, w: float) -> float:
        return left + (room - x - w if doc.rtl else x)

    canvas.saveState()
    for op in ops:
        if isinstance(op, _Text):
            canvas.setFillColor(MUTED if op.muted else INK)
            draw(canvas, x_of(op.x, op.width), top - op.y, op.text, op.font, op.size)
        elif isinstance(op, _Rule):
            canvas.setStrokeColor(LINE)
            canvas.setLineWidth(0.8)
            x = x_of(op.x, op.width)
            canvas.line(x, top - op.y, x + op.width, top - op.y)
        else:
            canvas.setStrokeColor(LINE)
            canvas.setLineWidth(0.9)
            canvas.rect(x_of(op.x, op.width), top - op.y - op.height, op.width, op.height)
    canvas.restoreState()
