"""What a file is, decided from its bytes, and the same file with its metadata removed.

Pure: no Flask, no database. Images are decoded and re-encoded through Pillow after
their orientation is applied, so EXIF (GPS, camera serial, owner name, thumbnails), XMP
and IPTC are left behind; HEIC photos become JPEG. PDFs lose their document information
dictionary and every XMP stream, and the actions that would run on opening. Plain text
is kept as it is. Anything else is refused.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from dataclasses import dataclass

import filetype
import pikepdf
import pillow_heif
from PIL import Image, ImageOps, UnidentifiedImageError

pillow_heif.register_heif_opener()

#: The kinds Casework stores: content type and the extension of the stored file.
KINDS: dict[str, tuple[str, str]] = {
    "jpeg": ("image/jpeg", "jpg"),
    "png": ("image/png", "png"),
    "pdf": ("application/pdf", "pdf"),
    "text": ("text/plain; charset=utf-8", "txt"),
}
#: Sniffed types accepted, and the kind each is stored as.
ACCEPTED = {
    "image/jpeg": "jpeg",
    "image/png": "png",
    "image/heic": "jpeg",
    "image/heif": "jpeg",
    "application/pdf": "pdf",
}
#: A photo larger than this many pixels is refused (a phone's is about 12 to 50 million).
MAX_PIXELS = 100_000_000
JPEG_QUALITY = 90
_TEXT_CONTROLS = {"\t", "\n", "\r", "\f"}


class UnsupportedFile(ValueError):
    """A file Casework does not store; ``code`` says why: empty, type, damaged, pixels."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class Cleaned:
    """A file ready to store: its kind, content type, extension and stripped bytes."""

    kind: str
    content_type: str
    extension: str
    data: bytes


def _is_text(data: bytes) -> bool:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return not any(unicodedata.category(ch) == "Cc" and ch not in _TEXT_CONTROLS for ch in text)


def sniff(data: bytes) -> str:
    """The sniffed type of a file ("image/jpeg", "application/pdf", "text/plain", ...).

    Decided from the bytes alone; UnsupportedFile for an empty file or any other type.
    """
    if not data:
        raise UnsupportedFile("empty")
    guess = filetype.guess(data)
    if guess is not None:
        if guess.mime in ACCEPTED:
            return str(guess.mime)
        raise UnsupportedFile("type")
    if _is_text(data):
        return "text/plain"
    raise UnsupportedFile("type")


def _strip_image(data: bytes, kind: str) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise UnsupportedFile("pixels")
                opened.load()
                image = ImageOps.exif_transpose(opened)
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise UnsupportedFile("pixels") from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
        if isinstance(error, UnsupportedFile):
            raise
        raise UnsupportedFile("damaged") from None
    icc = image.info.get("icc_profile")
    # Nothing read from the original travels on: EXIF, XMP, IPTC, comments, text chunks.
    image.info = {}
    options: dict = {"icc_profile": icc} if icc else {}
    out = io.BytesIO()
    if kind == "jpeg":
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, **options)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "I", "I;16"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True, **options)
    return out.getvalue()


def _strip_pdf(data: bytes) -> bytes:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if "/Info" in pdf.trailer:
                del pdf.trailer["/Info"]
            root = pdf.Root
            for key in ("/Metadata", "/OpenAction", "/AA", "/PieceInfo"):
                if key in root:
                    del root[key]
            names = root.get("/Names")
            if names is not None and "/JavaScript" in names:
                del names["/JavaScript"]
            for page in pdf.pages:
                for key in ("/Metadata", "/AA", "/PieceInfo"):
                    if key in page.obj:
                        del page.obj[key]
            out = io.BytesIO()
            # Only objects still reachable are written: the removed ones are gone.
            pdf.remove_unreferenced_resources()
            pdf.save(out, deterministic_id=True)
    except pikepdf.PdfError:
        raise UnsupportedFile("damaged") from None
    return out.getvalue()


def clean(data: bytes) -> Cleaned:
    """Sniff a file and strip its metadata; UnsupportedFile when it is not kept."""
    mime = sniff(data)
    kind = "text" if mime == "text/plain" else ACCEPTED[mime]
    if kind in ("jpeg", "png"):
        stripped = _strip_image(data, kind)
    elif kind == "pdf":
        stripped = _strip_pdf(data)
    else:
        stripped = data
    content_type, extension = KINDS[kind]
    return Cleaned(kind=kind, content_type=content_type, extension=extension, data=stripped)


def strip_metadata(data: bytes) -> bytes:
    """The file with its location and identifying metadata removed (images, PDFs, text)."""
    return clean(data).data
