"""Renders the paper intake sheet: one US Letter page of questions to answer by hand.

Pure: plain values in, PDF bytes out, no Flask. The sheet is laid out in two
columns, the questions in the order given, in large type: each question's words,
then a line or box to write on (sized to the answer), tick boxes for choices. The
type starts at 14 pt and steps down only as far as needed for the whole sheet to
fit its pages (`SIZES`: one page, or two for large type); a right-to-left language
mirrors the page.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import LETTER
from reportlab.pdfgen.canvas import Canvas

from casework.letters.pdf_sheet_model import SheetDocument, SheetGroup, SheetQuestion
from casework.letters.pdf_sheet_parts import (
    BOLD,
    MAKERS,
    REGULAR,
    Block,
    Box,
    Metrics,
    Op,
    Rule,
    Text,
    draw,
    heading_block,
    register_sheet_fonts,
    shift,
    text_lines,
)
from casework.letters.pdf_text import one_line

__all__ = [
    "SIZES",
    "Layout",
    "SheetDocument",
    "SheetGroup",
    "SheetQuestion",
    "best_layout",
    "layout",
    "register_sheet_fonts",
    "render_sheet",
]

PAGE_WIDTH: float
PAGE_HEIGHT: float
PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 30.0
GUTTER = 18.0
COLUMN_WIDTH = (PAGE_WIDTH - 2 * MARGIN - GUTTER) / 2
#: The sizes tried for the questions' words, largest first: on one page the whole intake
#: form fits at 8 to 10.5 pt, by language; on both sides of the sheet at 13 to 14 pt.
SIZES = (14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)

INK = HexColor("#1b1b1b")
MUTED = HexColor("#4d4d4d")
LINE = HexColor("#6b6b6b")


def _blocks(doc: SheetDocument, m: Metrics) -> list[Block]:
    room = COLUMN_WIDTH
    blocks: list[Block] = []
    for group in doc.groups:
        if group.heading:
            blocks.append(heading_block(m, group, room))
        for q in group.questions:
            block = MAKERS[q.kind](m, q, room)
            block.height += m.gap
            blocks.append(block)
    return blocks


def _header(doc: SheetDocument, m: Metrics) -> Block:
    """Title, the center's name, the instructions and the statement, across the page."""
    room = PAGE_WIDTH - 2 * MARGIN
    ops: list[Op] = []
    title_size = m.size + 5
    y = text_lines(ops, 0.0, doc.title, BOLD, title_size, title_size * 1.15, room)
    if doc.organization:
        y = text_lines(ops, y, doc.organization, REGULAR, m.small, m.small_lead, room)
    if doc.notice:
        y = text_lines(ops, y + 2, doc.notice, BOLD, m.size, m.lead, room)
    if doc.intro:
        y = text_lines(ops, y + 2, doc.intro, REGULAR, m.size, m.lead, room)
    if doc.statement:
        pad = m.size * 0.45
        top = y + m.size * 0.35
        inner: list[Op] = []
        end = text_lines(inner, 0.0, doc.statement, BOLD, m.size, m.lead, room - 2 * pad)
        ops.append(Box(0, top, room, end + 2 * pad))
        ops += [shift(op, pad, top + pad) for op in inner]
        y = top + end + 2 * pad
    return Block(y + m.size * 0.6, ops)


@dataclass(frozen=True)
class Layout:
    """Where everything goes at one type size."""

    size: float
    pages: int
    header: Block
    columns: tuple[tuple[tuple[float, Block], ...], ...]  # per column: (top, block)
    fits: bool


def _column_room(index: int, header: Block) -> float:
    """The height of a column: the first page's under the header, later pages' whole."""
    full = PAGE_HEIGHT - 2 * MARGIN
    return full - header.height if index < 2 else full


def layout(doc: SheetDocument, size: float, pages: int = 1) -> Layout:
    """Lay the sheet out at one type size: the header, then the questions in two columns a page."""
    register_sheet_fonts()
    m = Metrics(size)
    header = _header(doc, m)
    columns: list[list[tuple[float, Block]]] = [[]]
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
        if isinstance(op, Text):
            canvas.setFillColor(MUTED if op.muted else INK)
            draw(canvas, x_of(op.x, op.width), top - op.y, op.text, op.font, op.size)
        elif isinstance(op, Rule):
            canvas.setStrokeColor(LINE)
            canvas.setLineWidth(0.8)
            x = x_of(op.x, op.width)
            canvas.line(x, top - op.y, x + op.width, top - op.y)
        else:
            canvas.setStrokeColor(LINE)
            canvas.setLineWidth(0.9)
            canvas.rect(x_of(op.x, op.width), top - op.y - op.height, op.width, op.height)
    canvas.restoreState()
