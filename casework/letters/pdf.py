"""Renders letters to print-ready US Letter PDFs from plain values.

This is the entry point: build a `LetterDocument` and call `render` (one letter)
or `render_many` (a mail day's letters in one file). Every string is cleaned and
escaped before reportlab sees it, and output is byte-identical for equal input.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence

from reportlab import rl_config
from reportlab.lib.pagesizes import LETTER
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate
from reportlab.platypus import Spacer as SpaceFlowable

from casework.letters.pdf_blocks import body_flowables
from casework.letters.pdf_fonts import register_fonts
from casework.letters.pdf_model import (
    EMPLOYER_BODY_FONT_SIZE,
    WORKER_BODY_FONT_SIZE,
    Block,
    Bullets,
    Heading,
    LetterDocument,
    Letterhead,
    Para,
    Signature,
    Spacer,
    Table,
)
from casework.letters.pdf_page import (
    BODY_BOTTOM,
    FIRST_BODY_TOP,
    LATER_BODY_TOP,
    MARGIN,
    PAGE_HEIGHT,
    TEXT_WIDTH,
    LetterCanvas,
    draw_first_page,
    draw_later_page,
)
from casework.letters.pdf_text import one_line

# Streams are written as binary Flate data without an ASCII85 layer on top: a fifth
# smaller and about a millisecond faster per letter (letters are reportlab's only use here).
rl_config.useA85 = 0

__all__ = [
    "EMPLOYER_BODY_FONT_SIZE",
    "WORKER_BODY_FONT_SIZE",
    "Block",
    "Bullets",
    "Heading",
    "LetterDocument",
    "Letterhead",
    "Para",
    "Signature",
    "Spacer",
    "Table",
    "render",
    "render_many",
]


def render(doc: LetterDocument) -> bytes:
    """Render one letter to PDF bytes."""
    return render_many([doc])


def render_many(docs: Sequence[LetterDocument]) -> bytes:
    """Render several letters into one PDF, each starting on a new, separately numbered page."""
    if not docs:
        raise ValueError("render_many needs at least one letter")
    register_fonts()
    first = docs[0]
    out = io.BytesIO()
    template = BaseDocTemplate(
        out,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=LATER_BODY_TOP,
        bottomMargin=BODY_BOTTOM,
        title=one_line(first.title or first.subject),
        author=one_line(first.letterhead.name),
        subject=one_line(first.subject),
        creator="Casework",
        lang=one_line(first.language) or None,
        invariant=1,
        pageCompression=1,
    )
    story = []
    for index, letter in enumerate(docs):
        template.addPageTemplates(_page_templates(letter, index))
        if index:
            story += [NextPageTemplate(f"first-{index}"), PageBreak()]
        # A zero-height spacer makes sure even an empty letter gets its first page.
        story += [NextPageTemplate(f"later-{index}"), SpaceFlowable(1, 0)]
        story += body_flowables(letter)
    template.build(story, canvasmaker=LetterCanvas)
    return out.getvalue()


def _page_templates(letter: LetterDocument, index: int) -> list[PageTemplate]:
    """Return the first-page and continuation-page templates of one letter."""
    first_height = PAGE_HEIGHT - FIRST_BODY_TOP - BODY_BOTTOM
    later_height = PAGE_HEIGHT - LATER_BODY_TOP - BODY_BOTTOM
    return [
        PageTemplate(
            id=f"first-{index}",
            frames=[_frame(first_height)],
            onPage=functools.partial(draw_first_page, letter=letter, index=index),
        ),
        PageTemplate(
            id=f"later-{index}",
            frames=[_frame(later_height)],
            onPage=functools.partial(draw_later_page, letter=letter, index=index),
        ),
    ]


def _frame(height: float) -> Frame:
    """Return a body frame of the given height, sitting on the bottom margin."""
    return Frame(
        MARGIN,
        BODY_BOTTOM,
        TEXT_WIDTH,
        height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
