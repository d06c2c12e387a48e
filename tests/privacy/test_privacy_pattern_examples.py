"""Every pattern's own examples: the one it must catch and the one it must pass."""

import tomllib

import pytest

from casework.privacy import find_status_disclosures
from casework.privacy.guard import PATTERNS_DIR

ENTRIES = [
    (path.stem, kind, i, entry)
    for path in sorted(PATTERNS_DIR.glob("*.toml"))
    if path.stem != "lists"
    for kind in ("refuse", "allow")
    for i, entry in enumerate(tomllib.loads(path.read_text("utf-8")).get(kind, []))
]


def test_every_pattern_has_both_examples():
    assert len(ENTRIES) > 60
    assert [(f, k, i) for f, k, i, e in ENTRIES if not (e.get("catch") and e.get("pass"))] == []


@pytest.mark.parametrize(("file", "kind", "index", "entry"), ENTRIES, ids=lambda v: str(v)[:20])
def test_pattern_examples(file, kind, index, entry):
    caught = find_status_disclosures(entry["catch"])
    assert caught, entry["catch"]
    if kind == "refuse":
        assert entry["reason"] in {f.reason for f in caught}, entry["catch"]
    assert find_status_disclosures(entry["pass"]) == [], entry["pass"]


@pytest.mark.parametrize(
    "text",
    [
        "She is undocu\u200bmented.",
        "She is undocu\u00admented.",
        "She is und\u043ecumented.",  # Cyrillic o
        "She is und0cum3nted.",
        "She is u n d o c u m e n t e d.",
        "She is undocu-mented.",
        "She is undocumeted.",
        "He has no p4p3rs.",
        "Es indocumentdo.",
        "Tiene miedo de la inmigarcion.",
    ],
)
def test_tricks_are_undone_and_the_span_points_into_the_input(text):
    findings = find_status_disclosures(text)
    assert findings, text
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        "He departed at five.",
        "She reported the injury.",
        "Bird migration season.",
        "Room 4B, 3rd floor.",
    ],
)
def test_words_one_edit_from_a_key_term_but_ordinary_pass(text):
    assert find_status_disclosures(text) == []
