"""Page furniture: letterhead, date, the #10 window address block, footer, page numbers.

All positions are in points (72 per inch) measured on US Letter (612 x 792).

The recipient block is sized for a standard #10 window envelope: the window is
4 1/2 in wide and 1 1/8 in tall, its left edge 7/8 in from the left of the sheet,
its top about 2 in from the top of the sheet once the letter is tri-folded.
The block starts at x = 1 in and lives between 2.05 in and 3.0 in from the top,
1/8 in inside the window on every side, so a letter that shifts a little in
the envelope still shows the whole address.
"""

from __future__ import annotations

import functools
from collections import Counter
from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from casework.letters.pdf_fonts import BOLD, REGULAR
from casework.letters.pdf_script import draw_line
from casework.letters.pdf_text import one_line, width, wrap

if TYPE_CHECKING:
    from casework.letters.pdf_model import LetterDocument

PAGE_WIDTH: float
PAGE_HEIGHT: float
PAGE_WIDTH, PAGE_HEIGHT = LETTER
MARGIN = 1 * inch
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

INK = HexColor("#1b1b1b")
MUTED = HexColor("#4d4d4d")
RULE = HexColor("#8c8c8c")

# The #10 envelope window, measured from the top-left of the sheet.
WINDOW_LEFT = 0.875 * inch
WINDOW_TOP = 2.0 * inch
WINDOW_WIDTH = 4.5 * inch
WINDOW_HEIGHT = 1.125 * inch

ADDRESS_LEFT = 1.0 * inch
ADDRESS_TOP = 2.05 * inch
ADDRESS_BOTTOM = 3.0 * inch
ADDRESS_WIDTH = WINDOW_LEFT + WINDOW_WIDTH - 0.125 * inch - ADDRESS_LEFT
ADDRESS_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0, 7.5, 7.0)
NO_WRAP_MIN_SIZE = 9.0

LETTERHEAD_TOP = 0.55 * inch
LETTERHEAD_RULE = 1.35 * inch  # moves down, never past 1.55 in, under a tall letterhead
LETTERHEAD_RULE_LOWEST = 1.55 * inch
DATE_BASELINE = 1.72 * inch
REFERENCE_BASELINE = 1.88 * inch
LOGO_MAX_WIDTH = 1.75 * inch
LOGO_MAX_HEIGHT = 0.75 * inch

# The body of the first page starts below the window; later pages below a short header.
FIRST_BODY_TOP = 3.4 * inch
LATER_HEADER_BASELINE = 0.62 * inch
LATER_RULE = 0.74 * inch
LATER_BODY_TOP = 1.0 * inch
BODY_BOTTOM = 1.0 * inch
FOOTER_BASELINE = 0.55 * inch

# A draft's mark: one faint word across the page, and a note in the top margin.
WATERMARK_INK = HexColor("#b3261e")
WATERMARK_SIZE = 120.0
WATERMARK_LENGTH = 7.5 * inch  # the longest the word may be, along the diagonal
WATERMARK_NOTE_BASELINE = 0.32 * inch


def from_top(distance: float) -> float:
    """Return the reportlab y coordinate that lies distance points below the top edge."""
    return PAGE_HEIGHT - distance


def draw_first_page(canvas: Canvas, _doc: object, letter: LetterDocument, index: int) -> None:
    """Draw the letterhead, date, reference, address block and footer of a first page."""
    _mark(canvas, letter, index)
    _draw_watermark(canvas, letter)
    canvas.saveState()
    _draw_letterhead(canvas, letter)
    _draw_date(canvas, letter)
    _draw_address(canvas, letter)
    _draw_footer(canvas, letter)
    canvas.restoreState()


def draw_later_page(canvas: Canvas, _doc: object, letter: LetterDocument, index: int) -> None:
    """Draw the running header and footer of a continuation page."""
    _mark(canvas, letter, index)
    _draw_watermark(canvas, letter)
    canvas.saveState()
    header = "  ·  ".join(
        part for part in (one_line(letter.letterhead.name), one_line(letter.reference)) if part
    )
    canvas.setFillColor(MUTED)
    lines = wrap(header, REGULAR, 8.5, TEXT_WIDTH)[:1]
    if lines:
        draw_line(canvas, MARGIN, from_top(LATER_HEADER_BASELINE), lines[0], REGULAR, 8.5)
    _rule(canvas, from_top(LATER_RULE))
    _draw_footer(canvas, letter)
    canvas.restoreState()


def _draw_watermark(canvas: Canvas, letter: LetterDocument) -> None:
    """Print the mark (e.g. DRAFT) large and faint across the page, and its note at the top."""
    mark = one_line(letter.watermark)
    if not mark:
        return
    canvas.saveState()
    canvas.setFillColor(WATERMARK_INK)
    canvas.setFillAlpha(0.13)
    widest = width(mark, BOLD, WATERMARK_SIZE)
    size = min(WATERMARK_SIZE, WATERMARK_SIZE * WATERMARK_LENGTH / widest)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(52)
    draw_line(canvas, 0, -size / 3, mark, BOLD, size, "centre")
    canvas.restoreState()
    note = one_line(letter.watermark_note)
    if note:
        canvas.saveState()
        canvas.setFillColor(WATERMARK_INK)
        draw_line(
            canvas, PAGE_WIDTH - MARGIN, from_top(WATERMARK_NOTE_BASELINE), note, BOLD, 9, "right"
        )
        canvas.restoreState()


def _mark(canvas: Canvas, letter: LetterDocument, index: int) -> None:
    """Remember which letter this page belongs to, for "Page x of y" at save time."""
    canvas.casework_letter = index
    canvas.casework_label = letter.page_label
    canvas.casework_label_size = footer_size(letter)


def footer_size(letter: LetterDocument) -> float:
    """Return the footer type size: small, but larger on letters set in large type."""
    return max(8.0, min(10.0, letter.body_font_size - 3))


def _rule(canvas: Canvas, y: float) -> None:
    """Draw the thin rule that separates the header from the body."""
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)


def _draw_letterhead(canvas: Canvas, letter: LetterDocument) -> None:
    """Draw the organization's name, address and contacts, its logo, and the rule."""
    head = letter.letterhead
    text_width = TEXT_WIDTH
    logo = _logo(head.logo_path) if head.logo_path else None
    if logo is not None:
        image, width, height = logo
        canvas.drawImage(
            image,
            PAGE_WIDTH - MARGIN - width,
            from_top(0.5 * inch) - height,
            width,
            height,
            mask="auto",
        )
        text_width -= width + 0.25 * inch

    name = one_line(head.name)
    size = 15.0
    lines = wrap(name, BOLD, size, text_width)
    while len(lines) > 2 and size > 10:
        size -= 1
        lines = wrap(name, BOLD, size, text_width)
    y = from_top(LETTERHEAD_TOP)
    canvas.setFillColor(INK)
    for line in lines:
        y -= size * 1.1
        draw_line(canvas, MARGIN, y, line, BOLD, size)

    small = 8.5
    details = [
        "  ·  ".join(one_line(part) for part in head.address_lines if one_line(part)),
        "  ·  ".join(part for part in (one_line(head.phone), one_line(head.email)) if part),
    ]
    canvas.setFillColor(MUTED)
    y -= 3
    for detail in details:
        for line in wrap(detail, REGULAR, small, text_width):
            y -= small * 1.3
            draw_line(canvas, MARGIN, y, line, REGULAR, small)
    lowest_text = PAGE_HEIGHT - y + 8
    _rule(canvas, from_top(min(max(LETTERHEAD_RULE, lowest_text), LETTERHEAD_RULE_LOWEST)))


@functools.lru_cache(maxsize=8)
def _logo(path: str) -> tuple[ImageReader, float, float] | None:
    """Load a logo once and return it with its printed size, or None if unreadable."""
    try:
        image = ImageReader(path)
        pixels_wide, pixels_high = image.getSize()
    except (OSError, ValueError):
        # A missing or broken logo file must not stop letters from being printed.
        return None
    if pixels_wide <= 0 or pixels_high <= 0:
        return None
    scale = min(LOGO_MAX_WIDTH / pixels_wide, LOGO_MAX_HEIGHT / pixels_high)
    return image, pixels_wide * scale, pixels_high * scale


def _draw_date(canvas: Canvas, letter: LetterDocument) -> None:
    """Draw the date and the reference number at the right, above the window."""
    canvas.setFillColor(INK)
    right = PAGE_WIDTH - MARGIN
    draw_line(
        canvas, right, from_top(DATE_BASELINE), one_line(letter.date_text), REGULAR, 10, "right"
    )
    canvas.setFillColor(MUTED)
    draw_line(
        canvas, right, from_top(REFERENCE_BASELINE), one_line(letter.reference), REGULAR, 9, "right"
    )


def address_layout(letter: LetterDocument) -> tuple[float, list[tuple[str, str]]]:
    """Return the type size and (font, line) pairs that fit the address in the window.

    A slightly smaller size is preferred to breaking an address line in two; only
    lines too long even at 9 pt are wrapped (the postal service asks for 8 pt or more).
    """
    delivery = one_line(letter.delivery_line)
    recipient = [line for line in (one_line(line) for line in letter.recipient_lines) if line]
    height: float = ADDRESS_BOTTOM - ADDRESS_TOP

    def lines_at(size: float) -> list[tuple[str, str]]:
        lines = [(BOLD, line) for line in wrap(delivery, BOLD, size - 1, ADDRESS_WIDTH)]
        for line in recipient:
            lines.extend((REGULAR, part) for part in wrap(line, REGULAR, size, ADDRESS_WIDTH))
        return lines

    def fits(lines: list[tuple[str, str]], size: float) -> bool:
        return len(lines) * size * 1.2 <= height

    unwrapped = len(recipient) + (1 if delivery else 0)
    for size in ADDRESS_SIZES:
        lines = lines_at(size)
        if size >= NO_WRAP_MIN_SIZE and len(lines) == unwrapped and fits(lines, size):
            return size, lines
    for size in ADDRESS_SIZES:
        lines = lines_at(size)
        if fits(lines, size):
            return size, lines
    return size, lines


def _draw_address(canvas: Canvas, letter: LetterDocument) -> None:
    """Draw the delivery line and the recipient's address inside the #10 window."""
    size, lines = address_layout(letter)
    canvas.setFillColor(INK)
    y = from_top(ADDRESS_TOP) - size
    for font, line in lines:
        draw_line(canvas, ADDRESS_LEFT, y, line, font, size - 1 if font == BOLD else size)
        y -= size * 1.2


def _draw_footer(canvas: Canvas, letter: LetterDocument) -> None:
    """Draw the footer note at the bottom left; the page number is added at save time."""
    text = one_line(letter.footer_text)
    if not text:
        return
    size = footer_size(letter)
    widest_label = page_label(letter.page_label, 888, 888)
    room = TEXT_WIDTH - width(widest_label, REGULAR, size) - 0.3 * inch
    lines = wrap(text, REGULAR, size, room)
    if len(lines) > 2:
        # A long note gets smaller type rather than creeping up into the body.
        size = 8.0
        lines = wrap(text, REGULAR, size, room)[:3]
    canvas.setFillColor(MUTED)
    y = FOOTER_BASELINE + (len(lines) - 1) * size * 1.25
    for line in lines:
        draw_line(canvas, MARGIN, y, line, REGULAR, size)
        y -= size * 1.25


def page_label(template: str, page: int, pages: int) -> str:
    """Fill a translated "Page {page} of {pages}" template, tolerating a broken one."""
    try:
        return one_line(template.format(page=page, pages=pages))
    except (KeyError, IndexError, ValueError, AttributeError):
        return f"{page} / {pages}"


class LetterCanvas(Canvas):
    """A canvas that holds pages back until the end to print "Page x of y" per letter."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        # Start in the embedded letter font: reportlab's default initial font is Helvetica,
        # which is not embedded and would be listed in every letter's fonts.
        # (The page template passes None for both, so they are replaced, not defaulted.)
        kwargs["initialFontName"] = kwargs.get("initialFontName") or REGULAR
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 10
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, object]] = []

    def showPage(self) -> None:
        """Hold the finished page until the page counts are known."""
        self._held_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Number each letter's pages separately, then write the file."""
        totals = Counter(page.get("casework_letter") for page in self._held_pages)
        seen: Counter[object] = Counter()
        for page in self._held_pages:
            self.__dict__.update(page)
            letter = page.get("casework_letter")
            seen[letter] += 1
            if letter is not None:
                self._draw_page_number(seen[letter], totals[letter])
            super().showPage()
        super().save()

    def _draw_page_number(self, page: int, pages: int) -> None:
        """Draw the page label at the bottom right."""
        size = self.casework_label_size
        self.saveState()
        self.setFillColor(MUTED)
        label = page_label(self.casework_label, page, pages)
        draw_line(self, PAGE_WIDTH - MARGIN, FOOTER_BASELINE, label, REGULAR, size, "right")
        self.restoreState()
