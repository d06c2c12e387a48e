"""The letter-only catalogs: worker letters' words in every letter language, and who reviewed them.

Staff screens use the `messages` domain (English and Spanish). Worker letters use a
domain of their own, `letters`: one catalog per language at
`translations/<lang>/LC_MESSAGES/letters.po`, read once per process. Its msgids are the
English sentences of the worker letters (`casework/letters/worker_letters.py`), the
breakdown's line labels and the paper intake sheet's words (its own sentences in
`casework/letters/intake_sheet.py`, the intake form's labels and choices read from the
form class); `python -m casework.letters.catalogs update` refreshes them.

Each catalog's header comment records its review by a fluent reader::

    # Reviewed-By: Ana Pérez, Queens Worker Center
    # Reviewed-On: 2026-05-02

Both empty means unreviewed: its letters then print the English text after the
translation. No Flask here: the language in force is a context variable.
"""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from casework.letters.languages import LETTER_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
DOMAIN = "letters"
TEMPLATE = TRANSLATIONS / "letters.pot"
#: The modules whose `_()` sentences are worker-letter text (and the intake sheet's).
SOURCES = ("casework/letters/worker_letters.py", "casework/letters/intake_sheet.py")

_REVIEWED_BY = re.compile(r"^#?[ \t]*Reviewed-By:[ \t]*(.*)$", re.MULTILINE)
_REVIEWED_ON = re.compile(r"^#?[ \t]*Reviewed-On:[ \t]*(.*)$", re.MULTILINE)


@dataclass(frozen=True)
class Review:
    """Whether a fluent reader reviewed a language's letters: who and when (empty: not yet)."""

    language: str
    reviewed_by: str = ""
    reviewed_on: str = ""

    @property
    def reviewed(self) -> bool:
        return bool(self.reviewed_by.strip() and self.reviewed_on.strip())


@dataclass(frozen=True)
class LetterCatalog:
    language: str
    messages: dict[str, str]
    review: Review


def catalog_path(lang: str) -> Path:
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _load(lang: str) -> LetterCatalog:
    path = catalog_path(lang)
    if lang == "en" or not path.exists():
        # English is the source text: reviewed by definition.
        source = Review(lang, "source text", "-") if lang == "en" else Review(lang)
        return LetterCatalog(lang, {}, source)
    with path.open("rb") as fh:
        catalog = read_po(fh, locale=lang.split("_")[0], domain=DOMAIN)
    messages = {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}
    header = catalog.header_comment or ""
    by = _REVIEWED_BY.search(header)
    on = _REVIEWED_ON.search(header)
    review = Review(
        lang,
        by.group(1).strip() if by else "",
        on.group(1).strip() if on else "",
    )
    return LetterCatalog(lang, messages, review)


_lock = threading.Lock()
_loaded: dict[str, LetterCatalog] = {}


def catalog(lang: str) -> LetterCatalog:
    """The language's letter catalog, read from disk once per process."""
    found = _loaded.get(lang)
    if found is None:
        with _lock:
            found = _loaded.get(lang)
            if found is None:
                found = _loaded[lang] = _load(lang)
    return found


def review(lang: str) -> Review:
    return catalog(lang).review


def reviews() -> list[Review]:
    return [review(lang) for lang in LETTER_LANGUAGES]


# -- translating while a letter is built ----------------------------------------

_language: ContextVar[str] = ContextVar("letter_language", default="en")


@contextlib.contextmanager
def letter_locale(lang: str) -> Iterator[None]:
    """Translate letter sentences into lang inside the block."""
    token = _language.set(lang)
    try:
        yield
    finally:
        _language.reset(token)


def current_language() -> str:
    return _language.get()


def gettext(msgid: str, **params: object) -> str:
    """The sentence in the letter language in force (English where the catalog lacks it)."""
    text = catalog(_language.get()).messages.get(msgid, msgid)
    if params:
        try:
            return text % params
        except (KeyError, ValueError, TypeError):
            # A broken translation must not stop a letter: the English sentence is used.
            return msgid % params
    return text


# -- the catalogs' upkeep (make translations-update / translations-check) -------


def expected_ids() -> set[str]:
    """Every msgid the letter catalogs must hold: the letters', the line labels, the sheet's."""
    return _ids(_template())


def _template() -> Catalog:
    from casework.cases.intake_sheet import msgids as intake_form_words
    from casework.law.citations import LABELS

    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / "letters.pot"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "extract",
                "--no-location",
                "--sort-output",
                "--project",
                "Casework letters",
                "-o",
                str(pot),
                *SOURCES,
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        with pot.open("rb") as fh:
            template = read_po(fh)
    for label in LABELS.values():
        template.add(label)
    # The paper intake sheet asks the intake form's questions: their words, read from the
    # form class, are translated in the letter catalogs too.
    for words in sorted(intake_form_words()):
        if words not in template:
            template.add(words)
    return template


def _ids(cat: Catalog) -> set[str]:
    return {str(m.id) for m in cat if m.id}


def languages_with_catalogs() -> list[str]:
    return sorted(p.parts[-3] for p in TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def update() -> None:
    """Write letters.pot and merge it into every letter catalog (new msgids come in empty)."""
    template = _template()
    with TEMPLATE.open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True, width=100)
    for lang in languages_with_catalogs():
        path = catalog_path(lang)
        with path.open("rb") as fh:
            cat = read_po(fh, locale=lang.split("_")[0], domain=DOMAIN)
        cat.update(template, no_fuzzy_matching=True)
        cat.obsolete.clear()
        with path.open("wb") as fh:
            write_po(fh, cat, sort_output=True, width=100, ignore_obsolete=True)


def check() -> list[str]:
    """Problems with the letter catalogs: a letter language without one, stale or incomplete."""
    failures = []
    wanted = expected_ids()
    for lang in languages_with_catalogs():
        with catalog_path(lang).open("rb") as fh:
            cat = read_po(fh, locale=lang.split("_")[0], domain=DOMAIN)
        have = _ids(cat)
        untranslated = [str(m.id) for m in cat if m.id and m.id in wanted and not m.string]
        fuzzy = [str(m.id) for m in cat if m.id and m.fuzzy]
        header = cat.header_comment or ""
        problems = (
            ("not in the catalog (run make translations-update)", wanted - have),
            ("no longer in the letters (run make translations-update)", have - wanted),
            ("untranslated", untranslated),
            ("marked fuzzy", fuzzy),
        )
        for label, items in problems:
            if items:
                failures.append(
                    f"letters/{lang}: {len(items)} messages {label}, e.g. {sorted(items)[:3]}"
                )
        if not (_REVIEWED_BY.search(header) and _REVIEWED_ON.search(header)):
            failures.append(f"letters/{lang}: no Reviewed-By / Reviewed-On lines in the header")
    return failures


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["check"]:
        failures = check()
        print("\n".join(failures) or "Letter catalogs complete.")
        return 1 if failures else 0
    print("usage: python -m casework.letters.catalogs update|check")
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
