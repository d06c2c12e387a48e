"""Turns the letter's body blocks into reportlab flowables, escaping every string."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, TableStyle
from reportlab.platypus import Spacer as SpaceFlowable
from reportlab.platypus import Table as TableFlowable

from casework.letters.pdf_bidi import is_rtl_text
from casework.letters.pdf_fonts import BOLD, REGULAR, needs_script_fonts, register_fonts, script_of
from casework.letters.pdf_model import (
    Block,
    Bullets,
    Heading,
    LetterDocument,
    Para,
    Signature,
    Spacer,
    Table,
)
from casework.letters.pdf_page import INK, TEXT_WIDTH
from casework.letters.pdf_script import ScriptParagraph, needs_layout
from casework.letters.pdf_text import clean, markup, width

GRID = HexColor("#c8c8c8")
CELL_PADDING = 4
SIGNATURE_ROOM = 40  # points left blank for a handwritten signature
MIN_COLUMN = 54  # points; narrower columns wrap every word
MIN_ROWS_ON_A_PAGE = 2  # rows of a table that split across pages, on each side of the break


@dataclass(frozen=True)
class Styles:
    """Paragraph styles for one body type size."""

    body: ParagraphStyle
    bold: ParagraphStyle
    subject: ParagraphStyle
    heading: ParagraphStyle
    bullet: ParagraphStyle
    last_bullet: ParagraphStyle
    caption: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_bold_right: ParagraphStyle
    closing: ParagraphStyle


@functools.lru_cache(maxsize=8)
def styles_for(size: float) -> Styles:
    """Build (once per size) the calm, single-family styles a letter uses."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=REGULAR,
        fontSize=size,
        leading=round(size * 1.4, 1),
        textColor=INK,
        bulletFontName=REGULAR,
        spaceAfter=round(size * 0.75, 1),
        allowWidows=0,
        allowOrphans=0,
    )
    cell = ParagraphStyle(
        "cell", parent=body, leading=round(size * 1.25, 1), spaceAfter=0, alignment=TA_LEFT
    )
    bullet = ParagraphStyle(
        "bullet",
        parent=body,
        leftIndent=size * 1.5,
        bulletIndent=size * 0.4,
        spaceAfter=round(size * 0.35, 1),
    )
    return Styles(
        body=body,
        bold=ParagraphStyle("bold", parent=body, fontName=BOLD),
        subject=ParagraphStyle(
            "subject", parent=body, fontName=BOLD, spaceAfter=round(size * 1.1, 1)
        ),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=BOLD,
            fontSize=size + 1,
            leading=round((size + 1) * 1.3, 1),
            spaceBefore=round(size * 0.6, 1),
            spaceAfter=round(size * 0.4, 1),
            keepWithNext=1,
        ),
        bullet=bullet,
        last_bullet=ParagraphStyle("last_bullet", parent=bullet, spaceAfter=body.spaceAfter),
        caption=ParagraphStyle(
            "caption", parent=body, fontName=BOLD, spaceBefore=2, spaceAfter=4, keepWithNext=1
        ),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_bold_right=ParagraphStyle(
            "cell_bold_right", parent=cell, fontName=BOLD, alignment=TA_RIGHT
        ),
        closing=ParagraphStyle("closing", parent=body, spaceAfter=0),
    )


@functools.lru_cache(maxsize=64)
def _no_spaces(style: ParagraphStyle) -> ParagraphStyle:
    """The style for Chinese text: lines break between any two characters."""
    return ParagraphStyle(f"{style.name}-cjk", parent=style, wordWrap="CJK")


def _para(
    text: str, style: ParagraphStyle, bullet: str | None = None, align: str | None = None
) -> Flowable:
    """A paragraph of any script: reportlab's Paragraph, or ScriptParagraph where
    the text must be shaped (Bengali, Arabic) or set right to left."""
    cleaned = clean(text)
    if needs_layout(cleaned):
        return ScriptParagraph(cleaned, style, bullet or "", align)
    if not cleaned.isascii() and any(script_of(char) == "han" for char in cleaned):
        style = _no_spaces(style)
    bold = style.fontName == BOLD
    return Paragraph(markup(cleaned, bold), style, bulletText=bullet)


def body_flowables(letter: LetterDocument) -> list[Flowable]:
    """Return the subject line and body blocks of a letter as flowables."""
    styles = styles_for(float(letter.body_font_size))
    story: list[Flowable] = []
    if clean(letter.subject).strip():
        story.append(_para(letter.subject, styles.subject))
    blocks = letter.blocks
    for position, block in enumerate(blocks):
        if isinstance(block, Signature):
            parts = _signature(block, styles)
            if story and isinstance(story[-1], (Paragraph, ScriptParagraph)):
                # A signature never stands alone on a page: it takes the last paragraph along.
                parts.insert(0, story.pop())
                style_name = getattr(getattr(story[-1], "style", None), "name", "") if story else ""
                if style_name in ("heading", "heading-cjk"):
                    # ...and the heading above that paragraph, which must not end a page.
                    parts.insert(0, story.pop())
            # One flat KeepTogether: a nested one reports an endless height and forces a page.
            story.append(KeepTogether(parts))
        else:
            parts = _block(block, styles)
            following = blocks[position + 1] if position + 1 < len(blocks) else None
            if isinstance(block, Para) and isinstance(following, Bullets) and parts:
                # A paragraph that introduces a list never ends a page without its first item.
                parts[-1].keepWithNext = 1
            story.extend(parts)
    while story and isinstance(story[-1], _Gap):
        story.pop()  # space after the last block would only push an empty page
    return story


def _block(block: Block, styles: Styles) -> list[Flowable]:
    """Return the flowables for one block."""
    if isinstance(block, Heading):
        return [_para(block.text, styles.heading)]
    if isinstance(block, Para):
        return [_para(block.text, styles.bold if block.bold else styles.body)]
    if isinstance(block, Bullets):
        items = [_para(item, styles.bullet, "\u2022") for item in block.items]
        if items:
            # The list as a whole is separated from what follows like a paragraph.
            items[-1] = _para(block.items[-1], styles.last_bullet, "\u2022")
        return items
    if isinstance(block, Table):
        return _table(block, styles)
    if isinstance(block, Signature):
        return [KeepTogether(_signature(block, styles))]
    if isinstance(block, Spacer):
        return [_Gap(1, max(0.0, float(block.height_pt)))]
    raise TypeError(f"not a letter block: {type(block).__name__}")


class _Gap(SpaceFlowable):
    """Vertical space that is dropped at the top of a page and never makes a page of its own."""

    _ZEROSIZE = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return float(self.width), 0.0

    def getSpaceBefore(self) -> float:
        # The frame leaves out the space before the first flowable on a page.
        return float(self.height)


def _signature(block: Signature, styles: Styles) -> list[Flowable]:
    """Return the closing, the space to sign and the signer's lines, to be kept together."""
    lines = [clean(line) for line in block.lines]
    # A right-to-left closing puts the whole signature on the right, the signer's
    # (often Latin) name and organisation included.
    rtl = bool(lines) and is_rtl_text(lines[0])

    def line_of(text: str) -> Flowable:
        if rtl:
            return ScriptParagraph(text, styles.closing, align="right")
        return _para(text, styles.closing)

    parts: list[Flowable] = [SpaceFlowable(1, styles.body.fontSize * 0.5)]
    if lines:
        parts.append(line_of(lines[0]))
    parts.append(SpaceFlowable(1, SIGNATURE_ROOM))
    parts.extend(line_of(line) for line in lines[1:])
    return parts


def _table(block: Table, styles: Styles) -> list[Flowable]:
    """Return the caption and a full-width table with right-aligned money columns."""
    columns = max([len(block.headers), len(block.total or ()), *(len(row) for row in block.rows)])
    if columns == 0:
        return []
    if is_rtl_text(" ".join(block.headers)):
        block = _mirrored_table(block, columns)
    right = [i < len(block.align) and block.align[i] == "right" for i in range(columns)]

    widths = _column_widths(block, columns, right, styles.cell.fontSize)
    size = styles.cell.fontSize

    def cells(values: Sequence[str], bold: bool) -> list[str | Flowable]:
        padded = [*values, *[""] * (columns - len(values))]
        font = BOLD if bold else REGULAR
        row: list[str | Flowable] = []
        for i, value in enumerate(padded):
            text = clean(value)
            room = widths[i] - 2 * CELL_PADDING
            plain = "\n" not in text and not needs_script_fonts(text)
            if plain and stringWidth(text, font, size) <= room:
                # One line that fits: a plain string, drawn as it is (no markup is read),
                # in the cell's font and alignment set by the table style below.
                row.append(text)
            else:
                side = "right" if right[i] else "left"
                row.append(_para(text, _cell_style(styles, bold, right[i]), align=side))
        return row

    data: list[list[str | Flowable]] = []
    # The caption is the table's first row, spanning every column, so it stays with the
    # table and is repeated with the column headers when the table continues on a new page.
    caption = clean(block.caption).strip()
    if caption:
        data.append([_para(block.caption, styles.caption), *[""] * (columns - 1)])
    top = len(data)
    if block.headers:
        data.append(cells(block.headers, bold=True))
    header_rows = len(data)
    data.extend(cells(row, bold=False) for row in block.rows)
    if block.total is not None:
        data.append(cells(block.total, bold=True))

    last = len(data) - 1
    commands: list[tuple[object, ...]] = [
        # Plain-string cells: the same font, size, leading, colour and alignment as the
        # cell paragraph styles.
        ("FONT", (0, 0), (-1, -1), REGULAR, size, styles.cell.leading),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        *(("ALIGN", (i, 0), (i, -1), "RIGHT") for i in range(columns) if right[i]),
        *(
            [("FONT", (0, top), (-1, top), BOLD, size, styles.cell.leading)]
            if block.headers
            else []
        ),
        *(
            [("FONT", (0, last), (-1, last), BOLD, size, styles.cell.leading)]
            if block.total is not None
            else []
        ),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, top), (-1, -1), 0.25, GRID),
    ]
    if top:
        commands += [
            ("SPAN", (0, 0), (-1, 0)),
            ("LEFTPADDING", (0, 0), (-1, 0), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 0),
            ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
        ]
    if block.headers:
        commands.append(("LINEBELOW", (0, top), (-1, top), 0.8, INK))
    if block.total is not None:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
        commands.append(("LINEBELOW", (0, -1), (-1, -1), 0.8, INK))
    lowest, highest = header_rows + MIN_ROWS_ON_A_PAGE, len(data) - MIN_ROWS_ON_A_PAGE
    table = TableFlowable(
        data,
        colWidths=widths,
        repeatRows=header_rows,
        # A page ends after at least two rows of the table and never leaves its last row
        # (the total, usually) alone at the top of the next page.
        rowSplitRange=(lowest, highest) if lowest <= highest else None,
        splitInRow=36,  # a cell taller than a page continues, in pieces of 1/2 in or more
        style=TableStyle(commands),
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=styles.body.spaceAfter + 2,
    )
    # A table too short to split that way moves whole (unless it is taller than a page).
    return [table] if lowest <= highest else [KeepTogether([table])]


def _mirrored_table(block: Table, columns: int) -> Table:
    """A right-to-left table: its first column on the right, alignments swapped."""

    def flip(values: Sequence[str]) -> tuple[str, ...]:
        return tuple(reversed([*values, *[""] * (columns - len(values))]))

    align = [block.align[i] if i < len(block.align) else "left" for i in range(columns)]
    swapped = {"left": "right", "right": "left"}
    widths = block.col_widths[:columns]
    return Table(
        headers=flip(block.headers) if block.headers else (),
        rows=tuple(flip(row) for row in block.rows),
        align=tuple(swapped.get(a, a) for a in reversed(align)),
        total=flip(block.total) if block.total is not None else None,
        caption=block.caption,
        col_widths=tuple(reversed(widths)) if len(widths) == columns else (),
    )


def _cell_style(styles: Styles, bold: bool, right: bool) -> ParagraphStyle:
    """Pick the cell style for a weight and an alignment."""
    if bold:
        return styles.cell_bold_right if right else styles.cell_bold
    return styles.cell_right if right else styles.cell


def _column_widths(block: Table, columns: int, right: list[bool], size: float) -> list[float]:
    """Return column widths that fill the text width.

    Given fractions are used as they are (scaled to sum to one). Otherwise money
    columns keep their natural width and text columns share what is left, so a long
    description wraps instead of squeezing the amounts.
    """
    given = [max(0.0, float(f)) for f in block.col_widths[:columns]]
    if len(given) == columns and sum(given) > 0:
        scale = TEXT_WIDTH / sum(given)
        return [f * scale for f in given]

    natural: list[float] = [float(MIN_COLUMN)] * columns
    every_row = [block.headers, *block.rows, *([block.total] if block.total else [])]
    for row in every_row:
        for i, value in enumerate(row[:columns]):
            font = BOLD if row is block.headers or row is block.total else REGULAR
            longest = max(width(part, font, size) for part in clean(value).split("\n"))
            natural[i] = max(natural[i], longest + 2 * CELL_PADDING + 1)

    flexible = [i for i in range(columns) if not right[i]] or list(range(columns))
    fixed = sum(natural[i] for i in range(columns) if i not in flexible)
    if fixed > TEXT_WIDTH * 0.75:
        # Too many wide money columns to keep whole: share the width evenly.
        return [TEXT_WIDTH / columns] * columns
    room = TEXT_WIDTH - fixed
    wanted = sum(natural[i] for i in flexible)
    widths: list[float] = list(natural)
    if wanted <= room:
        for i in flexible:
            widths[i] = room * natural[i] / wanted
        return widths
    # Narrow text columns keep their width; the widest ones share the rest and wrap.
    remaining = room
    by_size = sorted(flexible, key=lambda i: natural[i])
    for position, i in enumerate(by_size):
        widths[i] = min(natural[i], remaining / (len(by_size) - position))
        remaining -= widths[i]
    return widths
