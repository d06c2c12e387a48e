"""No template passes a variable to gettext: in templates `_()` formats its result with %,
so a stored or computed text holding a lone "%" ("rises by 15%") would answer 500.
Computed texts go through casework.messages' filters; sentences from the law package
through `|translated`, which never formats."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
VARIABLE_GETTEXT = re.compile(r"(?<![\w.])(?:_|gettext|ngettext)\(\s*(?![\"'\s])")


def test_no_template_translates_a_variable():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if VARIABLE_GETTEXT.search(line):
                found.append(f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:120]}")
    assert not found, "\n".join(found)


def test_the_check_sees_the_mistake_it_guards_against():
    assert VARIABLE_GETTEXT.search("<td>{{ _(d.label) if d.computed else d.label }}</td>")
    assert not VARIABLE_GETTEXT.search('<td>{{ _("Overdue") }}</td>')
