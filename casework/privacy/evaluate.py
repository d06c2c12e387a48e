"""Measure the guard on a labelled corpus: recall and false alarms per language.

    python -m casework.privacy.evaluate CORPUS

CORPUS is a file or a folder of them, of two kinds:

- ``<locale>.tsv``: one sentence a line, ``label<TAB>text``, label "refuse" or
  "pass"; blank lines and lines starting with "#" are skipped; ``\\uXXXX`` in
  the text stands for that character (for invisible ones). The sentences'
  language is the file's name ("pt", "zh_Hant").
- ``*.toml``: ``[[sentence]]`` tables with ``text`` and ``label``; a sentence's
  language is its ``language`` key, else the file's top-level ``language``,
  else a guess.

Only counts are printed, never the sentences.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

from casework.privacy.guard import find_status_disclosures, guess_language

_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def read_tsv(file: Path) -> list[tuple[str, str]]:
    """The (label, text) lines of a TSV corpus file."""
    out: list[tuple[str, str]] = []
    for number, line in enumerate(file.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        label, sep, text = line.partition("\t")
        if not sep or label not in ("refuse", "pass"):
            raise ValueError(f"{file.name}:{number}: expected 'refuse' or 'pass', a tab, the text")
        out.append((label, _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)))
    return out


def _sentences(path: Path) -> list[tuple[str, str, str]]:
    files = sorted([*path.glob("*.toml"), *path.glob("*.tsv")]) if path.is_dir() else [path]
    out: list[tuple[str, str, str]] = []
    for file in files:
        if file.suffix == ".tsv":
            out.extend((file.stem, label, text) for label, text in read_tsv(file))
            continue
        data = tomllib.loads(file.read_text("utf-8"))
        for s in data.get("sentence", []):
            language = s.get("language") or data.get("language") or guess_language(s["text"])
            out.append((language, s["label"], s["text"]))
    return out


def evaluate(path: Path) -> dict[str, dict[str, float]]:
    """Per language: disclosures, recall, ordinary sentences, false-alarm rate."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for language, label, text in _sentences(path):
        refused = bool(find_status_disclosures(text))
        c = counts[language]
        c[label] += 1
        if label == "refuse" and refused:
            c["caught"] += 1
        if label == "pass" and refused:
            c["false_alarms"] += 1
    return {
        lang: {
            "disclosures": c["refuse"],
            "recall": c["caught"] / c["refuse"] if c["refuse"] else 1.0,
            "ordinary": c["pass"],
            "false_alarms": c["false_alarms"] / c["pass"] if c["pass"] else 0.0,
        }
        for lang, c in sorted(counts.items())
    }


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m casework.privacy.evaluate CORPUS", file=sys.stderr)
        return 2
    print(f"{'language':<10}{'disclosures':>12}{'recall':>9}{'ordinary':>10}{'false alarms':>14}")
    for lang, f in evaluate(Path(argv[0])).items():
        print(
            f"{lang:<10}{f['disclosures']:>12}{f['recall']:>9.3f}"
            f"{f['ordinary']:>10}{f['false_alarms']:>14.3f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
