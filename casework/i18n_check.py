"""`python -m casework.i18n_check`: fail when a catalog is stale or incomplete.

Extracts the messages afresh and compares them with each committed catalog: every
message in the code must be in the catalog, translated and not fuzzy.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"


def _ids(catalog) -> set:
    return {message.id for message in catalog if message.id}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        pot_path = Path(tmp) / "messages.pot"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "babel.messages.frontend",
                "extract",
                "-F",
                "babel.cfg",
                "-k",
                "_l",
                "-k",
                "N_",
                "--no-location",
                "-o",
                str(pot_path),
                # As `make translations-extract` does: babel.cfg's patterns are relative
                # to the repository root.
                ".",
            ],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        with pot_path.open("rb") as fh:
            wanted = _ids(read_po(fh))
    failures = []
    catalogs = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))
    if not catalogs:
        failures.append("no catalogs under translations/")
    for po_path in catalogs:
        locale = po_path.parts[-3]
        with po_path.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        have = _ids(catalog)
        missing = wanted - have
        obsolete = have - wanted
        untranslated = [
            m.id
            for m in catalog
            if m.id
            and m.id in wanted
            and (not m.string or (isinstance(m.string, tuple) and not all(m.string)))
        ]
        fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
        for label, items in (
            ("not in the catalog (run make translations-update)", missing),
            ("no longer in the code (run make translations-update)", obsolete),
            ("untranslated", untranslated),
            ("marked fuzzy", fuzzy),
        ):
            if items:
                failures.append(
                    f"{locale}: {len(items)} messages {label}, e.g. {sorted(map(str, items))[:3]}"
                )
    # The letter-only catalogs (translations/<lang>/LC_MESSAGES/letters.po).
    from casework.letters import catalogs as letter_catalogs

    failures += letter_catalogs.check()
    letter_count = len(letter_catalogs.languages_with_catalogs())
    if failures:
        print("Translation check failed:\n  " + "\n  ".join(failures))
        return 1
    print(
        f"Translations complete: {len(wanted)} messages in {len(catalogs)} catalog(s); "
        f"{len(letter_catalogs.expected_ids())} letter messages in {letter_count} letter "
        "catalog(s)."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
