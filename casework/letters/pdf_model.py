"""Plain values that describe one printed letter; the renderer turns them into a PDF."""

from __future__ import annotations

from dataclasses import dataclass

# Suggested body sizes: workers read at 12 pt or more, employers get business size.
WORKER_BODY_FONT_SIZE = 12.5
EMPLOYER_BODY_FONT_SIZE = 11.0


@dataclass(frozen=True)
class Letterhead:
    """The organization printed at the top of every first page."""

    name: str
    address_lines: tuple[str, ...] = ()
    phone: str = ""
    email: str = ""
    logo_path: str | None = None


@dataclass(frozen=True)
class Heading:
    """A short bold heading inside the body."""

    text: str


@dataclass(frozen=True)
class Para:
    """A paragraph of plain text; "\\n" starts a new line."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Bullets:
    """A bulleted list of plain-text items."""

    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    """A table of plain-text cells, with money columns aligned right."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...] = ()  # "left" | "right" per column
    total: tuple[str, ...] | None = None  # bold total row, rule above it
    caption: str = ""  # small heading above the table
    col_widths: tuple[float, ...] = ()  # optional fractions of the text width


@dataclass(frozen=True)
class Signature:
    """The closing line, room to sign, then the signer's name and title."""

    lines: tuple[str, ...]


@dataclass(frozen=True)
class Spacer:
    """Vertical space between blocks."""

    height_pt: float = 12


Block = Heading | Para | Bullets | Table | Signature | Spacer


@dataclass(frozen=True)
class LetterDocument:
    """Everything needed to print one letter, already translated and formatted."""

    letterhead: Letterhead
    date_text: str  # already formatted for the recipient's locale
    reference: str  # e.g. "Ref. CW-2026-0042"; printed under the date
    recipient_lines: tuple[str, ...]  # name and address, placed in the #10 window
    subject: str = ""  # bold "Re:" line (the text carries its own prefix)
    blocks: tuple[Block, ...] = ()
    page_label: str = "Page {page} of {pages}"
    footer_text: str = ""  # small footer on every page
    body_font_size: float = 11
    language: str = "en"  # goes into PDF metadata
    title: str = ""  # PDF metadata title
    delivery_line: str = ""  # e.g. "By certified mail", printed above the recipient block
    watermark: str = ""  # e.g. "DRAFT", printed large across every page when set
    watermark_note: str = ""  # a line at the top of every page saying what the mark means
