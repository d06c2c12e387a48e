"""No table, column, form field or migration can hold immigration status or a proxy for it."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest
from flask_wtf import FlaskForm
from wtforms import Form
from wtforms.fields import FieldList, FormField

import casework
from casework.extensions import db
from casework.privacy import is_forbidden_field_name

ROOT = Path(casework.__file__).resolve().parent.parent

# Names the name check flags that record an EMPLOYER's conduct, never anyone's status
# (DESIGN.md, RetaliationClaim). Each must stay a yes/no flag: it can hold no status.
EMPLOYER_CONDUCT = {"threatened_immigration_report"}


def forbidden(name: str) -> bool:
    return is_forbidden_field_name(name) and name.rsplit(".", 1)[-1] not in EMPLOYER_CONDUCT


def test_the_check_catches_status_names():
    # The walks below are only worth something if the name check bites.
    for name in (
        "immigration_status",
        "citizenship",
        "visa_type",
        "ssn",
        "itin",
        "passport_number",
        "country_of_birth",
        "nationality",
        "a_number",
    ):
        assert is_forbidden_field_name(name), name


def test_no_table_or_column(app):
    import casework.models  # noqa: F401  (every model registered)

    names = []
    for table in db.metadata.sorted_tables:
        names.append(table.name)
        names.extend(column.name for column in table.columns)
        names.extend(index.name or "" for index in table.indexes)
    assert len(names) > 50
    assert [n for n in names if n and forbidden(n)] == []
    # The employer-conduct exceptions are yes/no flags, so they cannot hold a status.
    for table in db.metadata.sorted_tables:
        for column in table.columns:
            if column.name in EMPLOYER_CONDUCT:
                assert column.type.python_type is bool, column


def _form_modules() -> list[str]:
    found = []
    for info in pkgutil.walk_packages([str(ROOT / "casework")], prefix="casework."):
        if info.name.rsplit(".", 1)[-1] in {"forms", "form"} or info.name.endswith("_forms"):
            found.append(info.name)
    return found


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _field_names(form, prefix=""):
    for field in form:
        yield prefix + field.short_name
        if isinstance(field, FormField):
            yield from _field_names(field.form, prefix + field.short_name + ".")
        elif isinstance(field, FieldList):
            for entry in field.entries:
                if isinstance(entry, FormField):
                    yield from _field_names(entry.form, prefix + field.short_name + ".")


def test_no_form_field(app):
    modules = _form_modules()
    assert "casework.forms" in modules and "casework.cases.forms" in modules
    for name in modules:
        importlib.import_module(name)
    classes = {
        cls
        for cls in _subclasses(Form)
        if cls.__module__.startswith("casework.") and cls is not FlaskForm
    }
    assert len(classes) >= 10
    checked = 0
    bad = []
    with app.test_request_context("/", method="POST"):
        for cls in sorted(classes, key=lambda c: (c.__module__, c.__qualname__)):
            # Class-level declarations first: they exist even if building the form needs data.
            for attr, value in vars(cls).items():
                if hasattr(value, "field_class") and forbidden(attr):
                    bad.append(f"{cls.__module__}.{cls.__qualname__}.{attr}")
            try:
                form = cls(meta={"csrf": False}) if issubclass(cls, FlaskForm) else cls()
            except TypeError:
                continue  # needs constructor arguments; its declared fields were checked above
            for field_name in _field_names(form):
                checked += 1
                if forbidden(field_name):
                    bad.append(f"{cls.__module__}.{cls.__qualname__}.{field_name}")
    assert checked > 50
    assert bad == []


_IDENTIFIER = re.compile(r"""["']([A-Za-z_][A-Za-z0-9_]*)["']""")


def test_no_migration_names_one():
    files = sorted((ROOT / "migrations" / "versions").glob("*.py"))
    assert files, "no migrations found"
    bad = []
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in _IDENTIFIER.findall(text):
            if forbidden(name):
                bad.append(f"{path.name}: {name}")
    assert bad == []


@pytest.mark.parametrize("allowed", ["employer_id", "address", "preferred_language", "position"])
def test_ordinary_names_pass(allowed):
    assert not is_forbidden_field_name(allowed)


def test_employer_conduct_exceptions_are_only_flags():
    from wtforms import BooleanField

    from casework.cases import forms

    assert forms.FactsMixin.threatened_immigration_report.field_class is BooleanField
