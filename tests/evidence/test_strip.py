"""The metadata stripper on its own: GPS, serials, owners and authors in; none of them out."""

from __future__ import annotations

import io
import subprocess
import sys

import pikepdf
import pytest
from PIL import Image

from casework.evidence import UnsupportedFile, clean, sniff, strip_metadata
from tests.evidence import fixtures as fx


def _no_identifying_bytes(data: bytes) -> None:
    for needle in (fx.OWNER.encode(), fx.SERIAL.encode(), b"Apple", b"xmpmeta", b"Exif"):
        assert needle not in data, needle


def test_the_fixture_really_carries_gps():
    original = fx.jpeg_with_gps()
    for needle in (fx.OWNER.encode(), fx.SERIAL.encode(), b"xmpmeta", b"Exif"):
        assert needle in original, needle
    with Image.open(io.BytesIO(original)) as image:
        exif = image.getexif()
        assert exif.get_ifd(fx.GPS_IFD)[1] == "N"
        assert exif.get_ifd(fx.EXIF_IFD)[fx.BODY_SERIAL] == fx.SERIAL


def test_jpeg_loses_gps_serial_owner_and_xmp_and_keeps_its_orientation():
    original = fx.jpeg_with_gps(size=(120, 80), orientation=6)
    stripped = strip_metadata(original)
    _no_identifying_bytes(stripped)
    with Image.open(io.BytesIO(stripped)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert image.getexif().get_ifd(fx.GPS_IFD) == {}
        assert "xmp" not in image.info and "comment" not in image.info
        # Orientation 6 (held upright) was applied: 120x80 stored as 80x120.
        assert image.size == (80, 120)
        # Rotated 90° clockwise: the left (red) half is now on top.
        red, green, blue = image.convert("RGB").getpixel((40, 10))
        assert red > 200 and blue < 60


def test_png_loses_text_chunks_and_exif():
    stripped = strip_metadata(fx.png_with_gps())
    _no_identifying_bytes(stripped)
    with Image.open(io.BytesIO(stripped)) as image:
        assert image.format == "PNG"
        assert dict(image.getexif()) == {}
        assert not {"Author", "XML:com.adobe.xmp", "exif"} & set(image.info)


def test_heic_from_an_iphone_is_stored_as_jpeg_without_gps():
    original = fx.heic_with_gps()
    assert sniff(original) == "image/heic"
    cleaned = clean(original)
    assert (cleaned.kind, cleaned.content_type, cleaned.extension) == (
        "jpeg",
        "image/jpeg",
        "jpg",
    )
    _no_identifying_bytes(cleaned.data)
    with Image.open(io.BytesIO(cleaned.data)) as image:
        assert image.format == "JPEG"
        assert image.getexif().get_ifd(fx.GPS_IFD) == {}
        assert image.size == (120, 80)


def test_pdf_loses_its_author_and_xmp():
    original = fx.pdf_with_author()
    assert fx.AUTHOR.encode() in original
    stripped = strip_metadata(original)
    assert fx.AUTHOR.encode() not in stripped
    with pikepdf.open(io.BytesIO(stripped)) as pdf:
        assert "/Author" not in pdf.docinfo and "/Title" not in pdf.docinfo
        assert "/Metadata" not in pdf.Root
        assert len(pdf.pages) == 1


def test_pdf_actions_that_run_on_opening_are_removed():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.Root.OpenAction = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS="app.alert(1)")
    out = io.BytesIO()
    pdf.save(out)
    stripped = strip_metadata(out.getvalue())
    assert b"app.alert" not in stripped


def test_plain_text_is_kept_as_it_is():
    text = "Mensaje del jefe: te pago el viernes, señora.\n".encode()
    cleaned = clean(text)
    assert cleaned.kind == "text" and cleaned.data == text
    assert cleaned.content_type == "text/plain; charset=utf-8"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64, "type"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 64, "type"),
        (b"PK\x03\x04" + b"\x00" * 64, "type"),
        (b"GIF89a" + b"\x00" * 64, "type"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "damaged"),
        (b"%PDF-1.7\nnot really a pdf", "damaged"),
        (b"binary \x00\x01\x02 noise", "type"),
    ],
    ids=[
        "empty",
        "windows program",
        "linux program",
        "zip",
        "gif",
        "broken jpeg",
        "broken pdf",
        "binary",
    ],
)
def test_files_that_are_not_kept_are_refused(data, code):
    with pytest.raises(UnsupportedFile) as refused:
        clean(data)
    assert refused.value.code == code


def test_a_picture_with_too_many_pixels_is_refused(monkeypatch):
    from casework.evidence import files

    monkeypatch.setattr(files, "MAX_PIXELS", 100)
    with pytest.raises(UnsupportedFile) as refused:
        clean(fx.jpeg_with_gps())
    assert refused.value.code == "pixels"


def test_the_stripper_imports_no_flask_and_no_database():
    code = (
        "import sys, casework.evidence; "
        "bad = [m for m in ('flask', 'sqlalchemy', 'casework.extensions') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
