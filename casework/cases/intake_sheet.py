"""The paper intake sheet's questions, read from the intake form itself.

Staff take printed sheets to outreach events and type the answers in afterwards, so
the sheet asks exactly what `IntakeForm` asks, in the same order: this module walks
the form class's fields (their labels, descriptions, choices and lengths) instead of
repeating them. What is not a question (the CSRF token, hidden fields, the
duplicate check's "match") is left out. The questions carry English msgids; the
sheet translates them with the letter catalogs (`casework/letters/intake_sheet.py`).

Nothing here needs an application: the class's unbound fields are read directly.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass

from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    HiddenField,
    SelectChoice,
    SelectFieldBase,
    SubmitField,
    TextAreaField,
)
from wtforms.csrf.core import CSRFTokenField
from wtforms.fields.core import UnboundField
from wtforms.validators import Length

from casework.cases.forms import IntakeForm

#: Fields that are not questions to the worker.
SKIPPED = frozenset({"match", "csrf_token"})
#: A one-line answer at most this long gets a short box instead of a whole line.
SHORT_ANSWER = 20


@dataclass(frozen=True)
class Choice:
    value: str
    label: str  # an English msgid, or a language's own name (printed as it is)
    translated: bool = True


@dataclass(frozen=True)
class Question:
    """One question of the sheet, as the form asks it (English msgids)."""

    name: str  # the form's field name, e.g. "workers-name"
    kind: str  # "line" | "lines" | "date" | "choice" | "tick"
    label: str
    description: str = ""
    choices: tuple[Choice, ...] = ()
    lines: int = 1  # write-in lines
    short: bool = False  # a short answer (a number): a box, not a whole line


@dataclass(frozen=True)
class Group:
    """Questions under one heading: the case, a worker, an employer, the facts of a case type."""

    key: str  # "" (the case), a FieldList's name ("workers"), "facts", or a case type
    questions: tuple[Question, ...]


def msgid(text: object) -> str:
    """The English msgid behind a lazily translated label (plain strings are kept)."""
    args = getattr(text, "_args", None)
    if args and isinstance(args[0], str):
        return args[0]
    return "" if text is None else str(text)


def _unbound_fields(form_class: type) -> list[tuple[str, UnboundField]]:
    """The class's fields in the order a bound form lists them (WTForms' own order)."""
    fields = [
        (name, value)
        for name in dir(form_class)
        if not name.startswith("_")
        and isinstance(value := getattr(form_class, name, None), UnboundField)
    ]
    fields.sort(key=lambda item: (item[1].creation_counter, item[0]))
    return fields


def _label(field: UnboundField) -> str:
    label = field.args[0] if field.args else field.kwargs.get("label")
    return msgid(label)


def _max_length(field: UnboundField) -> int | None:
    for validator in field.kwargs.get("validators") or ():
        if isinstance(validator, Length) and validator.max and validator.max > 0:
            return int(validator.max)
    return None


def _lines(field: UnboundField) -> int:
    """Write-in lines sized to the answer: an address two, a story more."""
    longest = _max_length(field) or 1000
    if longest <= 300:
        return 2
    if longest <= 5000:
        return 3
    return 4


def _choice(choice: object) -> Choice:
    if isinstance(choice, SelectChoice):
        value, label = choice.value, choice.label
    else:
        value, label = choice if isinstance(choice, tuple) else (choice, choice)  # type: ignore[misc]
    return Choice(str(value), msgid(label), translated=hasattr(label, "_args"))


def question(name: str, field: UnboundField) -> Question | None:
    """The sheet's question for one unbound field, or None when it is not a question."""
    cls = field.field_class
    short = name.rsplit("-", 1)[-1]
    if short in SKIPPED or issubclass(cls, HiddenField | CSRFTokenField | SubmitField):
        return None
    label = _label(field)
    # (A lazy string's truth would translate it: only None is tested.)
    description = msgid(field.kwargs.get("description"))
    if issubclass(cls, BooleanField):
        return Question(name, "tick", label, description)
    if issubclass(cls, DateField):
        return Question(name, "date", label, description)
    if issubclass(cls, SelectFieldBase):
        choices = tuple(_choice(c) for c in field.kwargs.get("choices") or ())
        return Question(name, "choice", label, description, choices)
    if issubclass(cls, TextAreaField):
        return Question(name, "lines", label, description, lines=_lines(field))
    longest = _max_length(field)
    return Question(
        name, "line", label, description, short=bool(longest and longest <= SHORT_ANSWER)
    )


def _fields_of(form_class: type, prefix: str = "") -> Iterator[tuple[str, UnboundField]]:
    for name, field in _unbound_fields(form_class):
        yield f"{prefix}{name}", field


@functools.cache
def groups(form_class: type = IntakeForm) -> tuple[Group, ...]:
    """The sheet's questions, grouped under their headings, in the form's order.

    A list of sub-forms (the workers, the employers) is asked once, under its own
    heading; the facts that concern one type of case (`CASE_TYPE_FACTS`) are grouped
    under that type. Read once per form class (a class does not change once declared).
    """
    by_type = {
        name: case_type
        for case_type, names in getattr(form_class, "CASE_TYPE_FACTS", {}).items()
        for name in names
    }
    out: list[Group] = []
    key: str | None = None
    current: list[Question] = []

    def close() -> None:
        if key is not None and current:
            out.append(Group(key, tuple(current)))

    seen_list = False
    for name, field in _fields_of(form_class):
        if issubclass(field.field_class, FieldList):
            inner = field.args[0] if field.args else field.kwargs.get("unbound_field")
            if isinstance(inner, UnboundField) and issubclass(inner.field_class, FormField):
                sub_form = inner.args[0] if inner.args else inner.kwargs["form_class"]
                close()
                key, current = name, []
                for sub_name, sub_field in _fields_of(sub_form, f"{name}-"):
                    found = question(sub_name, sub_field)
                    if found is not None:
                        current.append(found)
                seen_list = True
                continue
            field = inner  # a list of plain fields is asked once, like one field
        found = question(name, field)
        if found is None:
            continue
        wanted = by_type.get(name) or ("facts" if seen_list else "")
        if wanted != key:
            close()
            key, current = wanted, []
        current.append(found)
    close()
    return tuple(out)


def questions(form_class: type = IntakeForm) -> tuple[Question, ...]:
    """Every question of the sheet, in order."""
    return tuple(q for group in groups(form_class) for q in group.questions)


def msgids(form_class: type = IntakeForm) -> set[str]:
    """Every English text of the form that the sheet prints and the catalogs translate."""
    found: set[str] = set()
    for q in questions(form_class):
        found.update(text for text in (q.label, q.description) if text)
        found.update(c.label for c in q.choices if c.translated)
    return found
