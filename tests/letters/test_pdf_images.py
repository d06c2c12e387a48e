"""The printed page, rasterized: not blank, and the address shows through a #10 window."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from casework.letters.pdf import (
    WORKER_BODY_FONT_SIZE,
    Bullets,
    LetterDocument,
    Letterhead,
    Para,
    Signature,
    Table,
    render,
)

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None,
    reason="pdftoppm (Debian package poppler-utils) is not installed",
)

DPI = 50
# The #10 window: 4 1/2 x 1 1/8 in, left edge 7/8 in from the left, top 2 in from the top.
WINDOW = (0.875 * DPI, 2.0 * DPI, (0.875 + 4.5) * DPI, (2.0 + 1.125) * DPI)

HEAD = Letterhead(
    name="Centro de Trabajadores Unidos",
    address_lines=("1234 Mission Street, Suite 200", "San Francisco, CA 94103"),
    phone="(415) 555-0142",
    email="casos@ctu.example.org",
)


def employer_letter() -> LetterDocument:
    """Return a sample demand letter to an employer."""
    rows = tuple((f"Week of March {n}, 2025", "52.0", f"${n * 41}.25") for n in range(1, 7))
    return LetterDocument(
        letterhead=HEAD,
        date_text="January 14, 2026",
        reference="Ref. CW-2026-0042",
        recipient_lines=(
            "Golden Gate Restaurant Group, LLC",
            "Attn: María José Núñez, Owner",
            "500 Market Street, Floor 3",
            "San Francisco, CA 94105",
        ),
        delivery_line="By certified mail",
        subject="Re: Unpaid wages owed to your former employee",
        blocks=(
            Para("Dear Ms. Núñez:"),
            Para("This office represents your former employee in a claim for unpaid wages."),
            Table(
                headers=("Period", "Hours", "Amount owed"),
                rows=rows,
                align=("left", "right", "right"),
                total=("Total", "312.0", "$861.50"),
                caption="Wages owed",
            ),
            Bullets(("Pay the total within 14 days.", "Call us if you dispute any amount.")),
            Signature(("Sincerely,", "Ana López", "Wage Claims Advocate")),
        ),
        footer_text="Casework never records immigration status.",
    )


def worker_letter() -> LetterDocument:
    """Return a sample large-print letter to a worker with a very long name."""
    return LetterDocument(
        letterhead=HEAD,
        date_text="14 de enero de 2026",
        reference="Ref. CW-2026-0042",
        recipient_lines=(
            "María José Núñez de la Torre y Álvarez-Castellanos Ñandú Rodríguez",
            "Apartamento 4B, 2500 Avenida Mission Street Extendida Norte",
            "Łódź, CA 94110",
        ),
        subject="Re: Su reclamo de salarios",
        blocks=(
            Para("Estimada María José:"),
            Para("Le escribimos para contarle lo que pasó con su caso."),
            Table(
                headers=("Concepto", "Cantidad"),
                rows=(("Salarios no pagados", "$1,000.00"), ("Multas", "$234.56")),
                align=("left", "right"),
                total=("Total", "$1,234.56"),
            ),
            Signature(("Atentamente,", "Ana López")),
        ),
        page_label="Página {page} de {pages}",
        body_font_size=WORKER_BODY_FONT_SIZE,
        language="es",
    )


def first_page(letter: LetterDocument, path: Path) -> Image.Image:
    """Render the letter and rasterize its first page in grayscale at DPI."""
    path.with_suffix(".pdf").write_bytes(render(letter))
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            "-gray",
            "-png",
            str(path.with_suffix(".pdf")),
            str(path),
        ],
        check=True,
        timeout=30,
    )
    return Image.open(path.with_suffix(".png")).convert("L")


def ink(image: Image.Image, box: tuple[float, float, float, float] | None = None) -> int:
    """Count the pixels in box (or the whole page) that are clearly not paper."""
    region = image.crop(tuple(round(v) for v in box)) if box else image
    return sum(region.histogram()[:200])


def inside_window(box: tuple[int, int, int, int]) -> bool:
    """Say whether a pixel bounding box lies within the window, allowing one pixel of blur."""
    left, top, right, bottom = box
    return (
        left >= WINDOW[0] - 1
        and top >= WINDOW[1] - 1
        and right <= WINDOW[2] + 1
        and bottom <= WINDOW[3] + 1
    )


@pytest.mark.parametrize("make", [employer_letter, worker_letter], ids=["employer", "worker"])
def test_first_page_is_printed_us_letter(make, tmp_path: Path) -> None:
    image = first_page(make(), tmp_path / "page")
    assert image.size == (round(8.5 * DPI), 11 * DPI)
    assert ink(image) > 2000
    # The letterhead, the body and the footer all carry ink.
    assert ink(image, (DPI, 0.4 * DPI, 7.5 * DPI, 1.3 * DPI)) > 200
    assert ink(image, (DPI, 3.3 * DPI, 7.5 * DPI, 10 * DPI)) > 1000
    assert ink(image, (DPI, 10.2 * DPI, 7.5 * DPI, 10.6 * DPI)) > 20
    # Nothing prints in the side margins.
    assert ink(image, (0, 0, 0.9 * DPI, 11 * DPI)) == 0
    assert ink(image, (7.6 * DPI, 0, 8.5 * DPI, 11 * DPI)) == 0


@pytest.mark.parametrize("make", [employer_letter, worker_letter], ids=["employer", "worker"])
def test_address_block_shows_through_the_window(make, tmp_path: Path) -> None:
    letter = make()
    full = first_page(letter, tmp_path / "full")
    blank = first_page(
        dataclasses.replace(letter, recipient_lines=(), delivery_line=""), tmp_path / "blank"
    )
    # What the address adds to the page lies wholly inside the window ...
    address = ImageChops.difference(full, blank).point(lambda v: 255 if v > 40 else 0).getbbox()
    assert address is not None
    assert inside_window(address), address
    # ... and nothing else on the page shows through it.
    assert ink(blank, WINDOW) == 0


def test_overlong_address_shrinks_and_wraps_inside_the_window(tmp_path: Path) -> None:
    letter = dataclasses.replace(
        worker_letter(),
        delivery_line="Por correo certificado con acuse de recibo",
        recipient_lines=(
            "María-José-Núñez-de-la-Torre-y-Álvarez-Castellanos-Ñandú-Rodríguez-Sepúlveda",
            "Attn: Departamento de Recursos Humanos y Nómina de Personal Temporal",
            "Apartamento 4B, 2500 Avenida Mission Street Extendida Norte, Edificio C",
            "Łódź, CA 94110-1234",
        ),
    )
    full = first_page(letter, tmp_path / "full")
    blank = first_page(
        dataclasses.replace(letter, recipient_lines=(), delivery_line=""), tmp_path / "blank"
    )
    address = ImageChops.difference(full, blank).point(lambda v: 255 if v > 40 else 0).getbbox()
    assert address is not None
    assert inside_window(address), address
