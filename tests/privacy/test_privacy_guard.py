"""The guard's findings: spans, reasons, languages, locales and explanations for staff."""

import dataclasses
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

import casework.privacy
from casework.privacy import REASON_MESSAGES, Finding, find_status_disclosures
from casework.privacy.guard import REASON_KEYS

NOTES = [
    "Worker (born in Guatemala) is undocumented; SSN 123-45-6789 on file.",
    "Él nació en Honduras y NO TIENE PAPELES, pero trabaja 60 horas.",
    "“He’s not a citizen” — his A# 123 456 789 and passport number X1234567.",
    "Ya tiene la tarjeta verde; antes estaba en proceso de asilo.",
    # Characters whose lower case is longer ("İ") must not shift the offsets.
    "İSTANBUL STRAẞE ﬁle: İ İ she is undocumented, SSN 123-45-6789.",
]


@pytest.mark.parametrize("text", NOTES)
def test_finding_spans_are_the_exact_text_of_the_input(text):
    findings = find_status_disclosures(text)
    assert len(findings) >= 2
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text
    starts = [f.start for f in findings]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in zip(findings, findings[1:], strict=False))


def test_one_finding_per_disclosure_with_its_reason():
    text = "Worker (born in Guatemala) is undocumented; SSN 123-45-6789 on file."
    found = [(f.text, f.reason) for f in find_status_disclosures(text)]
    assert found == [
        ("born in Guatemala", "country_of_birth"),
        ("is undocumented", "status_term"),
        ("123-45-6789", "ssn"),
    ]


def test_finding_is_a_frozen_dataclass():
    finding = find_status_disclosures("She is undocumented.")[0]
    assert isinstance(finding, Finding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.reason = "other"  # type: ignore[misc]


@pytest.mark.parametrize("text", ["", "   ", "Paid $500 for 70 hours."])
def test_text_that_may_be_stored_gives_an_empty_list(text):
    assert find_status_disclosures(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Tiene miedo de la migración.",
        "Tiene miedo de la migracion.",
        "TIENE MIEDO DE LA MIGRACIÓN.",
    ],
)
def test_accents_and_case_do_not_matter(text):
    assert [f.reason for f in find_status_disclosures(text)] == ["status_term"]


@pytest.mark.parametrize("locale", [None, "en", "es", "es_MX", "en-US", "fr"])
def test_every_locale_still_catches_both_languages(locale):
    text = "She is undocumented. Su hermano no tiene papeles."
    findings = find_status_disclosures(text, locale)
    assert [(f.reason, f.language) for f in findings] == [
        ("status_term", "en"),
        ("no_papers", "es"),
    ]


def test_language_neutral_findings_take_the_locale_or_the_texts_language():
    assert find_status_disclosures("Tiene DACA y trabaja de noche.")[0].language == "es"
    assert find_status_disclosures("She has DACA and works nights.")[0].language == "en"
    assert find_status_disclosures("She has DACA and works nights.", "es")[0].language == "es"


def test_employer_conduct_passes_but_a_status_beside_it_is_still_refused():
    assert find_status_disclosures("The owner threatened to call immigration.") == []
    findings = find_status_disclosures(
        "The owner threatened to call immigration because she is undocumented."
    )
    assert [f.text for f in findings] == ["is undocumented"]


def test_a_quoted_employer_statement_of_status_is_refused():
    findings = find_status_disclosures("The boss said 'I know you have no papers' to scare her.")
    assert [f.reason for f in findings] == ["no_papers"]


def test_every_reason_has_a_message_for_staff():
    assert REASON_KEYS <= REASON_MESSAGES.keys()
    assert all(message and message[0].islower() for message in REASON_MESSAGES.values())


def test_babel_extracts_every_reason_message():
    package = Path(casework.privacy.__file__).parent
    extracted = set()
    for path in package.glob("*.py"):
        for _lineno, message, _comments, _context in extract_from_file("python", path):
            extracted.add(message)
    assert set(REASON_MESSAGES.values()) <= extracted
