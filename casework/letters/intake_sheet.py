"""The paper intake sheet in a worker's language: the intake form's questions, on one page.

The questions come from the intake form (`casework.cases.intake_sheet`), their words
from the letter catalogs, like the worker letters'. A language prints its sheet only
once its catalog holds every word of it; until then the sheet prints in English with
a line on how to ask for an interpreter, never half translated. The sheet names no
immigration status and tells the worker, in their language, that the center never
asks about it.

`flask --app wsgi casework intake-sheet --language LANG --output FILE.pdf` prints one.
"""

from __future__ import annotations

import click

from casework.cases import intake_sheet as form_walk
from casework.cases.forms import IntakeForm
from casework.law.i18n import N_
from casework.letters import catalogs
from casework.letters.catalogs import gettext as _
from casework.letters.languages import LETTER_LANGUAGES, RIGHT_TO_LEFT
from casework.letters.pdf_sheet import SheetDocument, SheetGroup, SheetQuestion, render_sheet

#: The headings over the sub-forms and the facts (a case type's facts go under its name).
HEADINGS = {
    "workers": N_("The worker"),
    "employers": N_("The employer"),
    "facts": N_("What happened"),
}
#: The sheet's own sentences (besides the form's words).
TITLE = N_("Intake sheet")
INTRO = N_(
    "Please answer what you can. Leave blank what you do not know. "
    "Tick a box to choose. Write dates as month / day / year. "
    "We will type your answers into our records."
)
STATEMENT = N_(
    "We never ask about immigration status and we never write it down. "
    "Do not write anyone's immigration status on this sheet."
)
CASE_TYPE_NOTE = N_("Only if the case is about this.")
INTERPRETER = N_(
    "If you would like this sheet read to you in your language, ask us. "
    "We will get you an interpreter at no cost."
)
#: Every sentence the sheet prints besides the form's words.
SENTENCES = (TITLE, INTRO, STATEMENT, CASE_TYPE_NOTE, *HEADINGS.values())


def msgids(form_class: type = IntakeForm) -> set[str]:
    """Every msgid the sheet prints: the form's words and the sheet's own sentences."""
    return form_walk.msgids(form_class) | set(SENTENCES)


def has_sheet(lang: str, form_class: type = IntakeForm) -> bool:
    """Whether lang's letter catalog holds every word of the sheet."""
    if lang == "en":
        return True
    messages = catalogs.catalog(lang).messages
    return all(messages.get(msgid) for msgid in msgids(form_class))


def sheet_language(lang: str, form_class: type = IntakeForm) -> tuple[str, bool]:
    """(the language the sheet prints in, whether it adds the interpreter line)."""
    if lang in LETTER_LANGUAGES and has_sheet(lang, form_class):
        return lang, False
    return "en", True


def sheet_document(
    lang: str, organization: str = "", form_class: type = IntakeForm
) -> SheetDocument:
    """The intake sheet for a worker who reads lang (the questions of form_class)."""
    printed, interpreter = sheet_language(lang, form_class)
    case_types = {}
    with catalogs.letter_locale(printed):
        groups = []
        for group in form_walk.groups(form_class):
            questions = tuple(_question(q) for q in group.questions)
            if group.key == "":
                case_types = {c.value: _(c.label) for q in group.questions for c in q.choices}
            heading = HEADINGS.get(group.key, "") and _(HEADINGS[group.key])
            note = ""
            if group.key in case_types:
                heading, note = case_types[group.key], _(CASE_TYPE_NOTE)
            groups.append(SheetGroup(heading, questions, note))
        doc = SheetDocument(
            title=_(TITLE),
            organization=organization,
            intro=_(INTRO),
            statement=_(STATEMENT),
            notice=_(INTERPRETER) if interpreter else "",
            groups=tuple(groups),
            language=printed,
            rtl=printed in RIGHT_TO_LEFT,
        )
    return doc


def _question(q: form_walk.Question) -> SheetQuestion:
    return SheetQuestion(
        kind=q.kind,
        label=_(q.label),
        description=_(q.description) if q.description else "",
        choices=tuple(_(c.label) if c.translated else c.label for c in q.choices),
        lines=q.lines,
        short=q.short,
    )


def sheet_pdf(lang: str, organization: str = "", pages: int = 1) -> bytes:
    """The sheet as PDF: one page, or large type on two (both sides of one sheet)."""
    return render_sheet(sheet_document(lang, organization), pages)


def register(group: click.Group) -> None:
    @group.command("intake-sheet")
    @click.option("--language", type=click.Choice(LETTER_LANGUAGES), default="en")
    @click.option(
        "--both-sides", is_flag=True, help="Large type on two pages (both sides of one sheet)."
    )
    @click.option("--output", type=click.Path(dir_okay=False, writable=True), required=True)
    def intake_sheet_command(language: str, both_sides: bool, output: str) -> None:
        """Write the paper intake sheet in LANGUAGE (one page, to fill in by hand) to OUTPUT."""
        from casework.letters.content import letterhead

        data = sheet_pdf(language, letterhead().name, pages=2 if both_sides else 1)
        with open(output, "wb") as fh:
            fh.write(data)
        printed, _interpreter = sheet_language(language)
        click.echo(f"{output}: {len(data)} bytes, in {printed}")
