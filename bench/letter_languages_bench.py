"""Worker letters in every letter language against the English one, in one warm process.

python -m bench letter_languages

Each language's four sample worker letters (fictitious data, `casework.letters.samples`)
are rendered once to load its fonts and shaping data, then RUNS rounds, each round
rendering every kind in every language in turn (so a busy moment on a shared machine
falls on all languages alike); the figure is the median time of one letter (the four
kinds' medians averaged) and its ratio to English.
Unreviewed languages print the English letter after the translation, so their letters
are about twice as long: the ratio counts that.
"""

from __future__ import annotations

import os
import statistics
import time

RUNS = int(os.environ.get("CASEWORK_BENCH_LANGUAGE_RUNS", "15"))


def measure(reviewed: bool = False) -> dict[str, float]:
    """Median ms per letter by language; reviewed=True measures as if every catalog had
    its review recorded (no English after the translation)."""
    from casework import create_app
    from casework.letters import catalogs
    from casework.letters.languages import LETTER_LANGUAGES
    from casework.letters.samples import KINDS, sample_pdf

    app = create_app()
    if reviewed:
        catalogs._loaded.clear()
        for lang in LETTER_LANGUAGES:
            found = catalogs.catalog(lang)
            catalogs._loaded[lang] = catalogs.LetterCatalog(
                lang, found.messages, catalogs.Review(lang, "benchmark", "-")
            )
    times: dict[tuple[str, str], list[float]] = {}
    with app.app_context():
        for lang in LETTER_LANGUAGES:
            for kind in KINDS:
                sample_pdf(kind, lang)  # fonts registered, shaping caches warm
        for _ in range(RUNS):
            for lang in LETTER_LANGUAGES:
                for kind in KINDS:
                    start = time.perf_counter()
                    sample_pdf(kind, lang)
                    times.setdefault((lang, kind), []).append(time.perf_counter() - start)
    if reviewed:
        catalogs._loaded.clear()
    return {
        lang: sum(statistics.median(times[lang, kind]) for kind in KINDS) / len(KINDS) * 1000
        for lang in LETTER_LANGUAGES
    }


def run(results: dict) -> dict:
    figures: dict[str, float] = {}
    for label, reviewed in (("", False), ("reviewed_", True)):
        per_language = measure(reviewed)
        english = per_language["en"]
        for lang, ms in per_language.items():
            figures[f"letter_languages.{label}{lang}_ms"] = round(ms, 1)
            figures[f"letter_languages.{label}{lang}_ratio"] = round(ms / english, 2)
    results.update(figures)
    return figures


if __name__ == "__main__":
    for key, value in run({}).items():
        print(f"{key:40} {value}")
