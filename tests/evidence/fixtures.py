"""Test files made on the spot: phone photos with GPS tags, a PDF with an author."""

from __future__ import annotations

import io

import pikepdf
from PIL import Image

OWNER = "Rosa Fictitia"
SERIAL = "SN-C02XK8ZZ"
LATITUDE = ((40, 1), (44, 1), (5512, 100))
AUTHOR = "Maria Example Author"

GPS_IFD = 0x8825
EXIF_IFD = 0x8769
ORIENTATION = 0x0112
MAKE = 0x010F
ARTIST = 0x013B
BODY_SERIAL = 0xA431
OWNER_NAME = 0xA430


def phone_exif(orientation: int = 6) -> Image.Exif:
    """EXIF as a phone writes it: where, which camera, whose, and how it was held."""
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[MAKE] = "Apple"
    exif[ARTIST] = OWNER
    exif[GPS_IFD] = {
        1: "N",
        2: (40.0, 44.0, 55.12),
        3: "W",
        4: (73.0, 59.0, 11.5),
        6: 12.0,
    }
    exif.get_ifd(EXIF_IFD).update({BODY_SERIAL: SERIAL, OWNER_NAME: OWNER})
    return exif


def picture(size=(120, 80)) -> Image.Image:
    """A small picture, left half red and right half blue, so rotation is visible."""
    image = Image.new("RGB", size, "red")
    image.paste(Image.new("RGB", (size[0] // 2, size[1]), "blue"), (size[0] // 2, 0))
    return image


def jpeg_with_gps(size=(120, 80), orientation: int = 6) -> bytes:
    out = io.BytesIO()
    picture(size).save(
        out,
        "JPEG",
        exif=phone_exif(orientation),
        xmp=f"<x:xmpmeta><dc:creator>{OWNER}</dc:creator></x:xmpmeta>".encode(),
        comment=f"taken by {OWNER}".encode(),
    )
    return out.getvalue()


def png_with_gps() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", OWNER)
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{OWNER}</x:xmpmeta>")
    out = io.BytesIO()
    picture().save(out, "PNG", pnginfo=info, exif=phone_exif(1))
    return out.getvalue()


def heic_with_gps() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    picture().save(out, "HEIF", exif=phone_exif(1).tobytes(), quality=80)
    return out.getvalue()


def pdf_with_author() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(612, 792))
    pdf.docinfo["/Author"] = AUTHOR
    pdf.docinfo["/Title"] = f"Pay stub for {AUTHOR}"
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = [AUTHOR]
    out = io.BytesIO()
    pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.disable)
    return out.getvalue()
