"""Worker letters in every letter language: the words, the fonts, the review record."""

from __future__ import annotations

import functools
import io
import re
import subprocess
import unicodedata
from datetime import date
from types import SimpleNamespace

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from casework.letters import catalogs, content, pdf_fonts
from casework.letters.languages import LETTER_LANGUAGES, RIGHT_TO_LEFT, letter_language, money
from casework.letters.pdf_fonts import register_fonts
from casework.letters.samples import KINDS, sample_document, sample_pdf

LANGUAGES = [
    lang for lang in LETTER_LANGUAGES if lang in ("en", *catalogs.languages_with_catalogs())
]

#: One sentence each letter kind must print, looked up in the language's catalog.
SENTENCES = {
    "worker_case_opened": (
        "Your case is open",
        "We may ask you for papers, like pay stubs, texts or a work schedule.",
    ),
    "worker_calculation": (
        "What you are owed",
        "We used your dates, your hours and the pay you received.",
    ),
    "worker_payment_received": ("We received a payment", "We recovered the money you were owed."),
    "worker_case_closed": ("Your case is closed", "Thank you for trusting us with your case."),
}


def pdftotext(data: bytes) -> str:
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True
    )
    return readable(out.stdout.decode("utf-8"))


#: The embedding marks pdftotext puts around the right-to-left stretches it finds.
_EMBEDDINGS = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"))


def readable(text: str, rtl: bool = False) -> str:
    """Extracted text as a reader would compare it: Arabic presentation forms (the joined
    shapes a PDF draws) back to letters, pdftotext's embedding marks dropped, spaces folded."""
    text = " ".join(unicodedata.normalize("NFKC", text).translate(_EMBEDDINGS).split())
    if not rtl:
        return text
    # pdftotext moves the space next to punctuation that ends a right-to-left word
    # ("ہیں، جیسے" comes out as "ہیں ،جیسے"), and may put an Arabic vowel mark before
    # its letter: both sides are compared without those spaces and marks.
    return _MARKS.sub("", _SPACE_BY_PUNCTUATION.sub(r"\1", text))


_SPACE_BY_PUNCTUATION = re.compile(r" ?([\u060c\u061b\u06d4:.]) ?")
_MARKS = re.compile(r"[\u064b-\u0652\u0670]")


def translated(lang: str, msgid: str) -> str:
    with catalogs.letter_locale(lang):
        return catalogs.gettext(msgid)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_letter_prints_its_translated_sentences(app, lang, kind):
    with app.app_context():
        data = sample_pdf(kind, lang)
    rtl = lang in RIGHT_TO_LEFT
    text = readable(pdftotext(data), rtl)
    subject, sentence = SENTENCES[kind]
    if kind == "worker_payment_received":
        sentence = "So far we have paid you %(paid)s in total."
    for msgid in (subject, sentence, "How to reach us"):
        wanted = translated(lang, msgid)
        if "%(" in wanted:
            wanted = wanted.split("%(")[0].strip()
        assert readable(wanted, rtl) in text, (lang, kind, wanted)
    if lang != "en":
        # Every catalog present is unreviewed: the English letter follows the translation.
        assert not catalogs.review(lang).reviewed
        assert "The same letter in English" in text
        assert subject in text
        assert text.index(readable(translated(lang, "How to reach us"), rtl)) < text.index(
            "The same letter in English"
        )


@functools.cache
def cmap_of(font_name: str) -> frozenset[int]:
    """The code points the font file's own cmap maps to glyphs (read with fontTools)."""
    files = {**pdf_fonts._FILES}
    for script in pdf_fonts.SCRIPT_FONTS.values():
        files[script.regular] = script.regular_file
        files[script.bold] = script.bold_file
    with TTFont(pdf_fonts.FONT_DIR / files[font_name]) as font:
        return frozenset(font.getBestCmap())


def missing_glyphs(text: str, bold: bool = False) -> set[str]:
    """Characters of text whose font (the one the letter prints them in) has no glyph."""
    return {
        char
        for font, run in pdf_fonts.runs(text, bold)
        for char in run
        if not char.isspace() and ord(char) not in cmap_of(font)
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_font_is_embedded_and_every_character_has_a_glyph(app, lang):
    register_fonts()
    for kind in KINDS:
        with app.app_context():
            doc = sample_document(kind, lang)
            data = sample_pdf(kind, lang)
        reader = PdfReader(io.BytesIO(data))
        for page in reader.pages:
            fonts = page["/Resources"]["/Font"]
            for ref in fonts.values():
                font = ref.get_object()
                descendants = font.get("/DescendantFonts")
                descriptor = (
                    descendants[0].get_object()["/FontDescriptor"]
                    if descendants
                    else font["/FontDescriptor"]
                )
                assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
                assert str(font["/BaseFont"]).split("+")[0] != str(font["/BaseFont"]), "subset"
        text = content.document_text(doc) + doc.date_text + doc.reference + doc.page_label
        missing = missing_glyphs(text) | missing_glyphs(text, bold=True)
        assert not missing, (lang, kind, sorted(missing))


def test_no_letter_lists_a_font_it_does_not_embed(app):
    with app.app_context():
        data = sample_pdf("worker_case_opened", "en")
    out = subprocess.run(["pdffonts", "-"], input=data, capture_output=True)
    if out.returncode:  # older pdffonts read no standard input
        reader = PdfReader(io.BytesIO(data))
        names = {
            str(f.get_object()["/BaseFont"])
            for p in reader.pages
            for f in p["/Resources"]["/Font"].values()
        }
    else:
        names = {line.split()[0] for line in out.stdout.decode().splitlines()[2:]}
    assert names and not any("Helvetica" in n for n in names), names


def test_amounts_and_dates_follow_the_language():
    assert money("15866.27", "en") == "$15,866.27"
    assert money("15866.27", "es") == "$15,866.27"
    assert money("15866.27", "ru") == "15\u00a0866,27\u00a0$"
    assert money("15866.27", "fr") == "15\u202f866,27\u00a0$US"


def test_russian_calculation_shows_the_amounts_in_russian_style(app):
    with app.app_context():
        text = pdftotext(sample_pdf("worker_calculation", "ru"))
    assert "Итого: 15 866,27 $" in text
    assert "4 марта 2026 г." in text


def test_a_language_not_on_the_list_gets_english_with_the_interpreter_line(app):
    assert letter_language("other") == ("en", True)
    assert letter_language("pt") == ("en", True)
    assert letter_language("zh_TW") == ("zh_Hant", False)
    assert letter_language("es_MX") == ("es", False)
    from casework.letters import worker_letters

    with app.app_context():
        worker = SimpleNamespace(name="Alex Sample", address="", preferred_language="pt")
        other = worker_letters.case_opened_letter(
            case=SimpleNamespace(reference="CW-1", opened_on=date(2026, 1, 2)),
            worker=worker,
            sender=content.Sender("Jordan", "Advocate", "(718) 555-0100", ""),
            letter_date=date(2026, 1, 3),
            lang=letter_language("pt")[0],
        )
    text = content.document_text(other)
    assert "We will get you an interpreter at no cost." in text
    assert "Nós conseguimos um intérprete sem custo para você." in text
    assert "(718) 555-0100" in text


def test_review_record_is_read_from_the_catalog_header(tmp_path, monkeypatch):
    po = tmp_path / "fr" / "LC_MESSAGES" / "letters.po"
    po.parent.mkdir(parents=True)
    text = catalogs.catalog_path("fr").read_text(encoding="utf-8")
    po.write_text(
        text.replace("# Reviewed-By:\n", "# Reviewed-By: Ana Pérez\n").replace(
            "# Reviewed-On:\n", "# Reviewed-On: 2026-05-02\n"
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(catalogs, "TRANSLATIONS", tmp_path)
    review = catalogs._load("fr").review
    assert review.reviewed and review.reviewed_by == "Ana Pérez"
    assert review.reviewed_on == "2026-05-02"


def test_the_sample_command_writes_a_letter(app, tmp_path):
    out = tmp_path / "sample.pdf"
    result = app.test_cli_runner().invoke(
        args=[
            "casework",
            "letters",
            "sample",
            "--kind",
            "worker_case_closed",
            "--language",
            "pl",
            "--output",
            str(out),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Pani/Pana sprawa została zamknięta" in pdftotext(out.read_bytes())


def test_the_glyph_check_names_a_character_no_font_prints():
    register_fonts()
    assert missing_glyphs("Alex 王小明 \U0001f9ff") == {"\U0001f9ff"}


def test_numbers_inside_right_to_left_text_keep_their_order():
    from casework.letters.pdf_bidi import levels, visual_order

    text = "اتصل على (718) 555-0100 الآن"
    drawn = "".join(text[i] for i in visual_order(levels(text, rtl=True)))
    # Drawn left to right: the Arabic words reversed, the phone number as it is written.
    assert "(718) 555-0100" in drawn
    assert drawn.startswith("الآن"[::-1]) and drawn.endswith("اتصل"[::-1])


def test_an_urdu_line_is_extracted_in_reading_order(app):
    with app.app_context():
        text = readable(pdftotext(sample_pdf("worker_calculation", "ur")), rtl=True)
    # The amount sits between the words that come before and after it in the sentence
    # (pdftotext moves the spaces around the amount: they are left out of the comparison).
    assert "ہمنےآپکیواجبتنخواہکاحسابلگایا۔کلرقم$15,866.27ہے۔" in text.replace(" ", "")
    assert "CW-2026-0042" in text


def test_bengali_conjuncts_are_shaped_and_extracted_as_written(app):
    with app.app_context():
        data = sample_pdf("worker_calculation", "bn")
    assert "ক্ষতিপূরণ" in pdftotext(data)
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    assert "NotoSansBengali-Bold" in fonts and "NotoSansBengali-Regular" in fonts


@pytest.mark.parametrize(
    ("lang", "font"),
    [
        ("zh_Hans", "DroidSansFallback"),
        ("zh_Hant", "DroidSansFallback"),
        ("ko", "NanumGothic"),
        ("ar", "NotoNaskhArabic"),
        ("ur", "NotoNaskhArabic"),
    ],
)
def test_each_script_prints_in_its_own_embedded_font(app, lang, font):
    with app.app_context():
        data = sample_pdf("worker_case_opened", lang)
    fonts = subprocess.run(["pdffonts", "-"], input=data, capture_output=True).stdout.decode()
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert any(font in row[0] for row in rows), fonts
    assert all(row[-5] == "yes" for row in rows), fonts  # the "emb" column
    assert not any("Helvetica" in row[0] for row in rows)


def test_a_right_to_left_paragraph_stays_inside_the_margins():
    from reportlab.lib.styles import ParagraphStyle

    from casework.letters.pdf_script import ScriptParagraph, line_width

    register_fonts()
    style = ParagraphStyle("body", fontName="CaseworkSans", fontSize=12, leading=16)
    long_name = "Example" * 30  # no space to break at
    para = ScriptParagraph(f"نسخة من رسالتنا إلى {long_name} بتاريخ 4 مارس 2026", style)
    para.wrap(300, 1000)
    assert len(para.lines) > 2
    assert all(line_width(pieces) <= 300 for _, pieces in para.lines)
    assert "".join(text for text, _ in para.lines).count("Example") == 30
