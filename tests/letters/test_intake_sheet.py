"""The paper intake sheet: the intake form's questions, in every letter language, on one page."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from wtforms import FieldList, Form, FormField, SelectField, StringField, TextAreaField
from wtforms.validators import Length

from casework.cases import intake_sheet as walk
from casework.cases.forms import IntakeForm, WorkerFields
from casework.letters import catalogs
from casework.letters.intake_sheet import (
    INTERPRETER,
    STATEMENT,
    TITLE,
    sheet_document,
    sheet_language,
    sheet_pdf,
)
from casework.letters.languages import LETTER_LANGUAGES, RIGHT_TO_LEFT
from casework.letters.pdf_fonts import font_for, has_glyph, needs_script_fonts
from casework.letters.pdf_sheet import best_layout, register_sheet_fonts, render_sheet
from casework.privacy.guard import find_status_disclosures
from tests.letters.test_letter_languages import pdftotext, readable

#: Languages whose catalogs hold the sheet's words (the others print it in English).
TRANSLATED = [lang for lang in LETTER_LANGUAGES if sheet_language(lang) == (lang, False)]


def words(lang: str, msgid: str) -> str:
    with catalogs.letter_locale(lang):
        return " ".join(catalogs.gettext(msgid).split())


def pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def printed_text(doc) -> list[str]:
    """Every string the sheet prints."""
    texts = [doc.title, doc.organization, doc.intro, doc.statement, doc.notice, "/"]
    for group in doc.groups:
        texts += [group.heading, group.note]
        for q in group.questions:
            texts += [q.label, q.description, *q.choices]
    return [t for t in texts if t]


# -- the questions are the form's --------------------------------------------------


def test_the_questions_are_the_intake_forms_fields_in_order():
    wanted = []
    for name, field in walk._unbound_fields(IntakeForm):
        if name == "workers":
            wanted += [f"workers-{n}" for n, _ in walk._unbound_fields(WorkerFields)]
        elif name == "employers":
            sub = field.args[0].args[0]
            wanted += [f"employers-{n}" for n, _ in walk._unbound_fields(sub)]
        else:
            wanted.append(name)
    wanted = [n for n in wanted if not n.endswith("-match") and n != "csrf_token"]
    assert [q.name for q in walk.questions()] == wanted
    # Spelled out once, so that a reordering of the form is noticed here too.
    assert wanted[:4] == ["case_type", "workers-name", "workers-phone", "workers-email"]
    assert wanted[-1] == "forum"
    labels = [q.label for q in walk.questions()]
    assert "Preferred language" in labels and "Employer identification number (EIN, optional)"
    by_name = {q.name: q for q in walk.questions()}
    assert by_name["employers-ein"].short and by_name["workers-address"].kind == "lines"
    assert [c.label for c in by_name["workers-contact_ok_by"].choices] == [
        "Phone call",
        "Text message",
        "Mail",
        "In person only",
    ]
    assert by_name["injury_date"].kind == "date" and by_name["willful"].kind == "tick"


def test_a_field_added_to_the_form_is_asked_on_the_sheet(app):
    class Worker(WorkerFields):
        nickname = StringField("What friends call you")

    class Intake(IntakeForm):
        shift = SelectField("Usual shift", choices=[("day", "Day shift"), ("night", "Night shift")])

    class Small(Form):
        case_type = IntakeForm.case_type
        workers = FieldList(FormField(Worker), min_entries=1)
        story = TextAreaField("Tell us more", validators=[Length(max=5000)])

    names = [q.name for q in walk.questions(Intake)]
    assert names[-1] == "shift" and names[:-1] == [q.name for q in walk.questions()]
    small = walk.groups(Small)
    assert [g.key for g in small] == ["", "workers", "facts"]
    assert [q.name for q in small[1].questions][-1] == "workers-nickname"
    assert small[2].questions[0].kind == "lines" and small[2].questions[0].lines == 3
    # A word no catalog has yet: every language prints the English sheet, never half of one.
    assert sheet_language("fr", Intake) == ("en", True)
    with app.app_context():
        text = pdftotext(render_sheet(sheet_document("fr", form_class=Intake)))
    assert "Usual shift" in text and "Night shift" in text
    assert words("en", INTERPRETER) in text


# -- every language, one page --------------------------------------------------------


@pytest.mark.parametrize("lang", LETTER_LANGUAGES)
def test_every_language_prints_on_one_page_and_large_on_two(app, lang):
    with app.app_context():
        doc = sheet_document(lang, "Queens Worker Center")
        one, two = sheet_pdf(lang, "Queens Worker Center"), sheet_pdf(lang, pages=2)
    assert pages(one) == 1
    assert pages(two) == 2
    assert best_layout(doc, 1).fits and best_layout(doc, 1).size >= 8.0
    assert best_layout(doc, 2).fits and best_layout(doc, 2).size >= 13.0


def _found(wanted: str, text: str, rtl: bool) -> bool:
    """Whether the words print: in order, or (right to left, where pdftotext reorders the
    numbers, Latin words and brackets inside a line) each word of them."""
    if not rtl:
        return readable(wanted) in text

    def split(line: str) -> list[str]:
        line = re.sub(r"[()\u060c\u06d4:.]", " ", line)
        return re.sub(r"([A-Za-z0-9]+)", r" \1 ", line).split()

    have = set(split(text))
    # A lam-alef ligature comes out of pdftotext as its alef alone: such words are skipped.
    wanted_words = [word for word in split(readable(wanted, rtl=True)) if "لا" not in word]
    return all(word in have for word in wanted_words)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_sheet_prints_every_question_in_the_language(app, lang):
    with app.app_context():
        data = sheet_pdf(lang)
    rtl = lang in RIGHT_TO_LEFT
    text = readable(pdftotext(data), rtl)
    assert _found(words(lang, TITLE), text, rtl)
    # The statement, in the worker's language: the center never asks about status.
    assert _found(words(lang, STATEMENT), text, rtl)
    for q in walk.questions():
        assert _found(words(lang, q.label), text, rtl), (lang, q.label)
        for choice in q.choices:
            expected = words(lang, choice.label) if choice.translated else choice.label
            assert _found(expected, text, rtl), (lang, choice.label)
    if lang != "en":
        assert words(lang, "Preferred language") != "Preferred language"
        assert not _found(words("en", INTERPRETER), text, rtl)


def test_a_language_without_the_sheets_words_prints_english_with_the_interpreter_line(
    app, monkeypatch
):
    real = catalogs.catalog("pl")
    missing = dict(real.messages)
    missing.pop("Kind of business")
    monkeypatch.setitem(catalogs._loaded, "pl", catalogs.LetterCatalog("pl", missing, real.review))
    assert sheet_language("pl") == ("en", True)
    with app.app_context():
        text = pdftotext(sheet_pdf("pl"))
    assert "Intake sheet" in text and "Kind of business" in text
    assert words("en", INTERPRETER) in text
    assert words("pl", "Full name") not in text  # nothing half translated


@pytest.mark.parametrize("lang", LETTER_LANGUAGES)
def test_every_character_has_a_glyph_and_every_font_is_embedded(app, lang):
    register_sheet_fonts()
    with app.app_context():
        doc = sheet_document(lang, "Centro de Trabajadores")
        data = render_sheet(doc)
    reader = PdfReader(io.BytesIO(data))
    used = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            used.add(str(font["/BaseFont"]).split("+")[-1])
            descendants = font.get("/DescendantFonts")
            descriptor = (
                descendants[0].get_object()["/FontDescriptor"]
                if descendants
                else font["/FontDescriptor"]
            )
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert not any("Helvetica" in name for name in used), used
    missing = set()
    for text in printed_text(doc):
        for ch in text:
            if ch.isspace():
                continue
            # The sheet's font, or the script's font the letters print that character in.
            font = font_for(ch) if needs_script_fonts(ch) else "CaseworkSansCondensed"
            if not has_glyph(font, ch):
                missing.add(ch)
    assert not missing, (lang, sorted(missing))


@pytest.mark.parametrize("lang", LETTER_LANGUAGES)
def test_no_question_asks_about_immigration_status(app, lang):
    with app.app_context():
        doc = sheet_document(lang)
    printed = sheet_language(lang)[0]
    threat = words(printed, IntakeForm.threatened_immigration_report.args[0]._args[0])
    for group in doc.groups:
        for q in group.questions:
            if q.label == threat:
                # The employer's threat is the employer's conduct, asked as a tick box, and
                # the guard lets it pass like any description of what the employer did.
                assert q.kind == "tick" and not q.choices
            for text in (q.label, *q.choices):
                assert not find_status_disclosures(text, printed), (lang, text)
    proxies = re.compile(
        r"status|citizen|visa|passport|social security|ssn|itin|a-number|country of birth|"
        r"nationality|green card",
        re.IGNORECASE,
    )
    for q in walk.questions():
        for text in (q.label, *(c.label for c in q.choices)):
            assert not proxies.search(text), text
    assert doc.statement == words(printed, STATEMENT)


# -- where staff get it --------------------------------------------------------------


def test_the_new_intake_page_offers_the_sheet_in_every_language(make, login_as, client):
    login_as(make.user("intake"))
    page = client.get("/cases/new").get_data(as_text=True)
    form = page[page.index('action="/cases/intake-sheet.pdf"') :]
    form = form[: form.index("</form>")]
    assert "Print an intake sheet" in form
    offered = re.findall(r'<option[^>]*value="([^"]+)"', form)
    assert offered == list(LETTER_LANGUAGES)
    assert "Français (French)" in form and 'name="both_sides"' in form


def test_the_page_asks_what_the_sheet_asks_in_the_same_order(make, login_as, client):
    login_as(make.user("intake"))
    page = client.get("/cases/new").get_data(as_text=True)
    form = page[page.index('action="/cases/new"') :]
    form = form[: form.index("</form>")]
    form = re.sub(r"<template.*?</template>", "", form, flags=re.DOTALL)
    names = []
    for name in re.findall(r'<(?:input|select|textarea)[^>]*name="([^"]+)"', form):
        short = re.sub(r"^(workers|employers)-0-", r"\1-", name)
        if re.match(r"^(workers|employers)-\d", short) or short.endswith("match"):
            continue  # the other rows ask the same; the duplicate check's choice is not a question
        if short != "csrf_token" and short not in names:
            names.append(short)
    assert names == [q.name for q in walk.questions()]


def test_staff_download_the_sheet_in_a_language(make, login_as, client):
    login_as(make.user("intake"))
    response = client.get("/cases/intake-sheet.pdf?language=vi")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/pdf"
    assert "intake-sheet-vi.pdf" in response.headers["Content-Disposition"]
    assert pages(response.data) == 1
    text = pdftotext(response.data)
    assert words("vi", TITLE) in text and words("vi", "Where did the work happen?") in text
    large = client.get("/cases/intake-sheet.pdf?language=vi&both_sides=y")
    assert pages(large.data) == 2 and words("vi", STATEMENT) in pdftotext(large.data)


def test_an_unknown_language_is_answered_on_the_intake_page(make, login_as, client):
    login_as(make.user("advocate"))
    response = client.get("/cases/intake-sheet.pdf?language=xx", follow_redirects=True)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    assert "Choose a language from the list to print an intake sheet." in response.get_data(
        as_text=True
    )


def test_the_command_writes_the_sheet(app, tmp_path):
    out = tmp_path / "sheet.pdf"
    result = app.test_cli_runner().invoke(
        args=["casework", "intake-sheet", "--language", "ht", "--output", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "in ht" in result.output
    data = out.read_bytes()
    assert pages(data) == 1 and words("ht", STATEMENT) in pdftotext(data)
    result = app.test_cli_runner().invoke(
        args=["casework", "intake-sheet", "--language", "ht", "--both-sides", "--output", str(out)]
    )
    assert result.exit_code == 0 and pages(out.read_bytes()) == 2


def _title_x(data: bytes, title_size: float) -> list[float]:
    """The x of each piece of text drawn at the title's size on the first page."""
    found: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and abs(size * tm[0] - title_size) < 0.01:
            found.append(tm[4])

    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=visit)
    return found


@pytest.mark.parametrize("lang", ["ar", "ur", "fr"])
def test_arabic_and_urdu_sheets_run_right_to_left(app, lang):
    with app.app_context():
        doc = sheet_document(lang)
        data = render_sheet(doc)
    size = best_layout(doc, 1).size + 5  # the title's size
    xs = _title_x(data, size)
    assert xs, lang
    if lang in RIGHT_TO_LEFT:
        assert doc.rtl and min(xs) > 612 / 2  # the title sits at the right margin
    else:
        assert not doc.rtl and min(xs) < 40  # at the left margin


def test_a_form_too_long_for_its_page_goes_on_to_another_rather_than_lose_a_question(app):
    extra = {
        f"question_{n:02d}": TextAreaField(
            f"Extra question {n:02d}", validators=[Length(max=20000)]
        )
        for n in range(30)
    }
    Long = type("Long", (IntakeForm,), extra)
    with app.app_context():
        doc = sheet_document("en", form_class=Long)
        data = render_sheet(doc)
    assert not best_layout(doc, 1).fits
    assert pages(data) > 1
    text = pdftotext(data)
    assert "Extra question 29" in text and words("en", STATEMENT) in text
