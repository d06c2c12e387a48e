"""The PDF letter renderer: what a reader finds on the printed page."""

from __future__ import annotations

import ast
import dataclasses
import hashlib
import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from casework.letters.pdf import (
    Bullets,
    Heading,
    LetterDocument,
    Letterhead,
    Para,
    Signature,
    Spacer,
    Table,
    render,
    render_many,
)
from casework.letters.pdf_fonts import BOLD, REGULAR, register_fonts
from casework.letters.pdf_page import address_layout, page_label
from casework.letters.pdf_text import clean, wrap

HEAD = Letterhead(
    name="Centro de Trabajadores Unidos",
    address_lines=("1234 Mission Street, Suite 200", "San Francisco, CA 94103"),
    phone="(415) 555-0142",
    email="casos@ctu.example.org",
)

WAGES = Table(
    headers=("Period", "Hours", "Amount owed"),
    rows=(
        ("Week of March 3, 2025", "52.0", "$411.50"),
        ("Week of March 10, 2025", "48.5", "$1,087.25"),
        ("Week of March 17, 2025", "40.0", "$7.00"),
    ),
    align=("left", "right", "right"),
    total=("Total", "140.5", "$1,505.75"),
    caption="Wages owed",
)


def employer_letter(**changes: object) -> LetterDocument:
    """Return a one-page demand letter, with any fields replaced."""
    letter = LetterDocument(
        letterhead=HEAD,
        date_text="January 14, 2026",
        reference="Ref. CW-2026-0042",
        recipient_lines=(
            "Golden Gate Restaurant Group, LLC",
            "500 Market Street",
            "San Francisco, CA 94105",
        ),
        delivery_line="By certified mail",
        subject="Re: Unpaid wages",
        blocks=(
            Para("Dear Owner:"),
            Para("Our records show wages below the minimum wage were paid."),
            WAGES,
            Heading("What we ask"),
            Bullets(("Pay within 14 days.", "Call us if you dispute any amount.")),
            Signature(("Sincerely,", "Ana López", "Wage Claims Advocate")),
        ),
        footer_text="Casework never records immigration status.",
        title="Demand letter",
    )
    return dataclasses.replace(letter, **changes)


def long_letter(**changes: object) -> LetterDocument:
    """Return a letter long enough to need exactly two pages."""
    filler = tuple(Para(f"Paragraph {n}: " + "wages owed and not paid. " * 12) for n in range(9))
    return employer_letter(blocks=filler, **changes)


def pages_text(data: bytes) -> list[str]:
    """Return the extracted text of every page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def text_of(data: bytes) -> str:
    """Return the extracted text of the whole PDF."""
    return "\n".join(pages_text(data))


def test_letter_shows_recipient_date_reference_amounts_and_total() -> None:
    text = text_of(render(employer_letter()))
    for expected in (
        "Golden Gate Restaurant Group, LLC",
        "San Francisco, CA 94105",
        "By certified mail",
        "January 14, 2026",
        "Ref. CW-2026-0042",
        "Re: Unpaid wages",
        "$411.50",
        "$1,087.25",
        "$7.00",
        "$1,505.75",
        "Wages owed",
        "Centro de Trabajadores Unidos",
        "casos@ctu.example.org",
        "Casework never records immigration status.",
        "Ana López",
        "• Pay within 14 days.",
        "Page 1 of 1",
    ):
        assert expected in text


def test_two_page_letter_is_numbered_page_x_of_2() -> None:
    pages = pages_text(render(long_letter()))
    assert len(pages) == 2
    assert "Page 1 of 2" in pages[0]
    assert "Page 2 of 2" in pages[1]
    # Continuation pages carry the reference so a loose sheet can be matched up.
    assert "Ref. CW-2026-0042" in pages[1]


def test_page_label_is_printed_in_the_recipient_language() -> None:
    pages = pages_text(render(long_letter(page_label="Página {page} de {pages}")))
    assert "Página 1 de 2" in pages[0]
    assert "Página 2 de 2" in pages[1]


def test_broken_page_label_template_still_numbers_pages() -> None:
    assert page_label("Seite {seite} von {pages}", 1, 3) == "1 / 3"
    assert page_label("Page {page} of {pages}", 2, 3) == "Page 2 of 3"
    pages = pages_text(render(employer_letter(page_label="Page {0}")))
    assert "1 / 1" in pages[0]


@pytest.mark.parametrize(
    "hostile",
    [
        "<b>&",
        '<img src="x">',
        '<img src="/etc/passwd"/>',
        '<font name="Courier" size="40">Boss</font>',
        "&amp; &lt; &#60; <br/> <para>",
        "Tom & Jerry's <Diner>",
    ],
)
def test_markup_in_names_prints_literally(hostile: str) -> None:
    letter = employer_letter(
        letterhead=dataclasses.replace(HEAD, name=f"Center {hostile}"),
        recipient_lines=(f"Owner {hostile}", "500 Market Street"),
        subject=f"Re: {hostile}",
        blocks=(
            Heading(f"H {hostile}"),
            Para(f"P {hostile}", bold=True),
            Bullets((f"B {hostile}",)),
            Table(headers=(f"T {hostile}",), rows=((f"C {hostile}",),), caption=f"Cap {hostile}"),
            Signature((f"S {hostile}",)),
        ),
    )
    data = render(letter)
    text = text_of(data)
    for prefix in ("Center", "Owner", "Re:", "H", "P", "B", "T", "C", "Cap", "S"):
        assert f"{prefix} {hostile}" in text
    # Nothing was fetched from disk and embedded as a picture.
    assert b"/Subtype /Image" not in data


@pytest.mark.parametrize(
    "name",
    ["María José Núñez", "Łódź", "Ñandú", "Nguyễn Thị Hương", "Ελένη Παπαδοπούλου", "Ксения"],
)
def test_accented_and_other_latin_script_names_survive(name: str) -> None:
    letter = employer_letter(
        recipient_lines=(name, "Łódź, CA 94110"),
        blocks=(Para(f"Estimada {name}:"),),
    )
    text = text_of(render(letter))
    assert name in text
    assert f"Estimada {name}:" in text
    assert "Łódź, CA 94110" in text


def test_same_letter_renders_byte_identical() -> None:
    assert render(employer_letter()) == render(employer_letter())
    assert render_many([employer_letter(), long_letter()]) == render_many(
        [employer_letter(), long_letter()]
    )


def test_different_letters_render_differently() -> None:
    assert render(employer_letter()) != render(employer_letter(date_text="January 15, 2026"))


def test_render_many_numbers_each_letter_separately() -> None:
    worker = employer_letter(
        recipient_lines=("Ñandú Pérez", "2500 Mission St", "San Francisco, CA 94110"),
        reference="Ref. CW-2026-0077",
        page_label="Página {page} de {pages}",
    )
    pages = pages_text(render_many([long_letter(), worker, employer_letter()]))
    assert len(pages) == 4
    assert "Page 1 of 2" in pages[0] and "Golden Gate" in pages[0]
    assert "Page 2 of 2" in pages[1]
    assert "Página 1 de 1" in pages[2]
    assert "Ñandú Pérez" in pages[2] and "Ref. CW-2026-0077" in pages[2]
    assert "Golden Gate" not in pages[2]
    assert "Page 1 of 1" in pages[3] and "Golden Gate" in pages[3]
    # Every letter starts with its own letterhead.
    assert all("Centro de Trabajadores Unidos" in pages[i] for i in (0, 2, 3))


def test_render_many_needs_a_letter() -> None:
    with pytest.raises(ValueError):
        render_many([])


def test_control_characters_are_dropped_not_fatal() -> None:
    nasty = "Jo\x00sé\u202e Ruiz\x1b[31m\x07\ud800\ufffe\u2066x\tTab"
    letter = employer_letter(
        recipient_lines=(nasty, "Line\r\ntwo"),
        subject=nasty,
        blocks=(Para(nasty), Table(headers=(nasty,), rows=((nasty,),)), Bullets((nasty,))),
        footer_text=nasty,
        date_text=nasty,
    )
    text = text_of(render(letter))
    assert "José Ruiz[31mx Tab" in text
    assert "\x00" not in text and "\u202e" not in text


def test_clean_keeps_newlines_and_normal_unicode() -> None:
    assert clean("a\x00b\nc\u202ed\r\ne") == "ab\ncd\ne"
    assert clean("Nguyễn 👷 ½") == "Nguyễn 👷 ½"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80), st.text(max_size=300))
def test_any_text_renders_a_readable_pdf(name: str, body: str) -> None:
    letter = employer_letter(
        recipient_lines=(name, name),
        subject=name,
        delivery_line=name,
        blocks=(Heading(name), Para(body), Table(headers=(name, name), rows=((body, name),))),
    )
    reader = PdfReader(io.BytesIO(render(letter)))
    assert len(reader.pages) >= 1


@settings(max_examples=60, deadline=None)
@given(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zs")), max_size=60),
    st.floats(min_value=30, max_value=300),
)
def test_wrap_never_exceeds_width_and_keeps_every_character(text: str, width: float) -> None:
    register_fonts()
    words = " ".join(text[i : i + 7] for i in range(0, len(text), 7))
    lines = wrap(words, REGULAR, 10, width)
    assert all(stringWidth(line, REGULAR, 10) <= width or len(line) == 1 for line in lines)
    assert "".join("".join(lines).split()) == "".join(words.split())


def _font_sizes(data: bytes, needle: str) -> set[float]:
    """Return the type sizes at which text containing needle is drawn."""
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if needle in text:
            sizes.add(round(size * tm[3], 2))

    for page in PdfReader(io.BytesIO(data)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_body_type_size_follows_the_document() -> None:
    worker = employer_letter(body_font_size=13, blocks=(Para("Large print for workers"),))
    employer = employer_letter(body_font_size=11, blocks=(Para("Large print for workers"),))
    assert _font_sizes(render(worker), "Large print") == {13.0}
    assert _font_sizes(render(employer), "Large print") == {11.0}


def test_money_column_is_right_aligned() -> None:
    data = render(employer_letter())
    right_edges: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip().startswith("$"):
            font_name = BOLD if text.strip() == "$1,505.75" else REGULAR
            x = tm[4] * cm[0] + cm[4]
            right_edges.append(x + stringWidth(text.strip(), font_name, size * tm[0]))

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    assert len(right_edges) == 4
    assert max(right_edges) - min(right_edges) < 0.5
    # The column ends at the right margin (7.5 in), less the cell padding.
    assert 530 < right_edges[0] <= 540


def test_signature_keeps_the_last_paragraph_company() -> None:
    blocks = (
        *(Para(f"Paragraph {n}: " + "wages owed and not paid. " * 12) for n in range(6)),
        Spacer(150),
        Para("Closing paragraph before the signature."),
        Signature(("Sincerely,", "Ana López")),
    )
    pages = pages_text(render(employer_letter(blocks=blocks)))
    assert len(pages) == 2
    assert "Closing paragraph" in pages[1] and "Sincerely," in pages[1]


def test_letter_without_body_still_prints_its_page() -> None:
    pages = pages_text(render(employer_letter(blocks=(), subject="")))
    assert len(pages) == 1
    assert "Golden Gate Restaurant Group" in pages[0]


def test_metadata_carries_title_author_and_language() -> None:
    reader = PdfReader(io.BytesIO(render(employer_letter(language="es", title="Carta"))))
    assert reader.metadata.title == "Carta"
    assert reader.metadata.author == "Centro de Trabajadores Unidos"
    assert reader.trailer["/Root"]["/Lang"] == "es"


def test_page_is_us_letter() -> None:
    box = PdfReader(io.BytesIO(render(employer_letter()))).pages[0].mediabox
    assert (float(box.width), float(box.height)) == (612.0, 792.0)


def test_logo_is_printed_and_a_missing_one_is_skipped(tmp_path: object) -> None:
    logo = tmp_path / "logo.png"  # type: ignore[operator]
    PILImage.new("RGB", (300, 120), (20, 60, 120)).save(logo)
    with_logo = render(employer_letter(letterhead=dataclasses.replace(HEAD, logo_path=str(logo))))
    assert b"/Subtype /Image" in with_logo
    missing = dataclasses.replace(HEAD, logo_path=str(tmp_path / "gone.png"))  # type: ignore[operator]
    text = text_of(render(employer_letter(letterhead=missing)))
    assert "Centro de Trabajadores Unidos" in text
    broken_file = tmp_path / "broken.png"  # type: ignore[operator]
    broken_file.write_text("not an image")
    broken = dataclasses.replace(HEAD, logo_path=str(broken_file))
    assert b"/Subtype /Image" not in render(employer_letter(letterhead=broken))


def test_long_table_repeats_its_header_on_the_next_page() -> None:
    rows = tuple((f"Week {n}", f"${n}.00") for n in range(30))
    table = Table(
        headers=("Week", "Amount"), rows=rows, align=("left", "right"), total=("Total", "$435.00")
    )
    pages = pages_text(render(employer_letter(blocks=(table,))))
    assert len(pages) == 2
    assert "Week 29" in pages[1] and "$435.00" in pages[1]
    assert "Week 0" in pages[0] and "Week 0" not in pages[1]
    assert pages[1].count("Amount") == 1


def test_table_cell_taller_than_a_page_continues_on_the_next() -> None:
    story = "The employer kept the tips. " * 600
    table = Table(
        headers=("What happened", "Amount"),
        rows=((story, "$1.00"),),
        align=("left", "right"),
        total=("Total", "$1.00"),
    )
    pages = pages_text(render(employer_letter(blocks=(table,))))
    assert len(pages) >= 3
    assert "Total" in pages[-1] and "kept the tips" in pages[-1]


@pytest.mark.parametrize("text", ["王小明", "👷‍♀️ 🇲🇽", "مرحبا", "a\u0301\u0302\u0303"])
def test_characters_outside_the_font_do_not_stop_the_letter(text: str) -> None:
    pages = pages_text(render(employer_letter(recipient_lines=(text, "Łódź"))))
    assert "Łódź" in pages[0]


def test_same_letter_is_byte_identical_in_a_fresh_process() -> None:
    # The stored SHA-256 of a letter must match when it is re-rendered after a restart.
    script = (
        "import sys, hashlib; sys.path[:0] = [sys.argv[1], sys.argv[2]];"
        "from test_pdf import employer_letter, render;"
        "print(hashlib.sha256(render(employer_letter())).hexdigest())"
    )
    here = Path(__file__).resolve()
    result = subprocess.run(
        [sys.executable, "-c", script, str(here.parents[2]), str(here.parent)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    )
    assert result.stdout.strip() == hashlib.sha256(render(employer_letter())).hexdigest()


def test_a_demand_letter_renders_quickly_once_warm() -> None:
    letter = employer_letter()
    render(letter)
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        render(letter)
        timings.append(time.perf_counter() - started)
    # Typically about 10 ms; the bound leaves room for a busy machine.
    assert min(timings) < 0.1


def test_renderer_modules_import_neither_flask_nor_sqlalchemy() -> None:
    letters = Path(__file__).resolve().parents[2] / "casework" / "letters"
    modules = sorted(letters.glob("pdf*.py"))
    assert letters / "pdf.py" in modules
    for module in modules:
        tree = ast.parse(module.read_text(encoding="utf-8"))
        imported = [
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import)
            for alias in node.names
        ]
        imported += [
            node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
        ]
        for name in imported:
            assert not name.startswith(("flask", "sqlalchemy")), (module.name, name)


def test_address_prefers_a_smaller_size_to_breaking_a_line() -> None:
    short = address_layout(employer_letter())
    assert short[0] == 10.5
    assert [line for _, line in short[1]][1:] == list(employer_letter().recipient_lines)

    slightly_long = "Golden Gate Restaurant Group and Catering Services, LLC"
    size, lines = address_layout(employer_letter(recipient_lines=(slightly_long, "Suite 3")))
    assert 9.0 <= size < 10.5
    assert [line for _, line in lines] == ["By certified mail", slightly_long, "Suite 3"]

    very_long = "María José Núñez de la Torre y Álvarez-Castellanos Ñandú Rodríguez Sepúlveda"
    size, lines = address_layout(employer_letter(recipient_lines=(very_long,)))
    assert size == 10.5 and len(lines) == 3
    assert " ".join(line for _, line in lines[1:]) == very_long


def test_a_table_that_does_not_fit_starts_on_the_page_and_continues_with_its_header() -> None:
    opening = tuple(Para("We write about wages owed and not paid. " * 6) for _ in range(3))
    rows = tuple((f"Line {n}", "NY Labor Law 198(1-a)", f"${n}.00") for n in range(1, 19))
    table = Table(
        headers=("Item", "Legal basis", "Amount"),
        rows=rows,
        align=("left", "left", "right"),
        total=("Total", "", "$171.00"),
        caption="Ana Ruiz",
    )
    pages = pages_text(render(employer_letter(blocks=(*opening, table))))
    assert len(pages) == 2
    lines = [set(page.splitlines()) for page in pages]
    items = [[n for n in range(1, 19) if f"Line {n}" in page] for page in lines]
    # The table begins on page 1 below the opening (no half-empty first page)...
    assert {"Ana Ruiz", "Legal basis", "Line 1"} <= lines[0] and "$171.00" not in lines[0]
    # ...and page 2 repeats its caption and column headers above the rest and the total.
    assert {"Ana Ruiz", "Legal basis", "Line 18", "$171.00"} <= lines[1]
    assert items[0] + items[1] == list(range(1, 19))
    # Neither page holds a lone row of the table.
    assert len(items[0]) >= 2 and len(items[1]) >= 2


def test_a_space_at_the_foot_of_a_page_adds_no_empty_page() -> None:
    filler = tuple(Para(f"Paragraph {n}: " + "wages owed and not paid. " * 12) for n in range(5))
    for gap in range(0, 400, 20):
        letter = employer_letter(blocks=(*filler, Spacer(float(gap)), Spacer(40)))
        pages = pages_text(render(letter))
        assert all(page.strip().splitlines()[1:] for page in pages)
        assert len(pages) == 1 or "Paragraph" in pages[-1] or "wages" in pages[-1]


def test_a_paragraph_that_introduces_a_list_moves_with_its_first_item() -> None:
    opening = tuple(Para(f"Paragraph {n}: " + "wages owed and not paid. " * 8) for n in range(6))
    for words in (9, 10, 11, 12):
        filler = (*opening, Para("More. " * (words * 6)))
        intro = Para("If we do not receive payment by that date, the next steps include:")
        steps = Bullets(("a complaint with the labor department;", "a lawsuit."))
        pages = pages_text(render(employer_letter(blocks=(*filler, intro, steps))))
        page = next(p for p in pages if "the next steps include:" in p)
        assert "a complaint with the labor department;" in page, words
