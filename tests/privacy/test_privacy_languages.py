"""The guard in every language it reads: the language it reports, its guesses, its tricks."""

import pytest

from casework.privacy import find_status_disclosures
from casework.privacy.guard import LANGUAGES, guess_language

DISCLOSURES = [
    ("en", "She has no papers."),
    ("es", "Ella no tiene papeles."),
    ("pt", "Ela não tem documentos."),
    ("fr", "Il n'a pas de papiers."),
    ("ht", "Li pa gen papye."),
    ("tl", "Wala siyang papeles."),
    ("pl", "Ona nie ma papierów."),
    ("vi", "Anh ấy không có giấy tờ."),
    ("ru", "У неё нет документов."),
    ("zh", "他没有证件。"),
    ("zh", "他沒有證件。"),
    ("ko", "그는 서류가 없습니다."),
    ("bn", "তার কাগজ নেই।"),
    ("ar", "العامل ليس لديه أوراق."),
]


def test_every_language_the_guard_reads_is_tested_here():
    assert {lang for lang, _ in DISCLOSURES} == set(LANGUAGES)


@pytest.mark.parametrize(("language", "text"), DISCLOSURES)
def test_a_finding_reports_the_language_of_its_words(language, text):
    findings = find_status_disclosures(text)
    assert [(f.reason, f.language) for f in findings] == [("no_papers", language)]
    assert text[findings[0].start : findings[0].end] == findings[0].text


@pytest.mark.parametrize(("language", "text"), DISCLOSURES)
def test_without_a_locale_the_language_is_guessed(language, text):
    assert guess_language(text) == language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("她有DACA。", "zh"),
        ("그녀는 DACA를 가지고 있어요.", "ko"),
        ("Ele tem DACA e trabalha à noite.", "pt"),
        ("У неё статус TPS.", "ru"),
    ],
)
def test_a_program_name_is_found_beside_any_script_and_reported_in_the_texts_language(
    text, language
):
    findings = find_status_disclosures(text)
    assert [(f.reason, f.language) for f in findings] == [("status_program", language)]


@pytest.mark.parametrize(
    "text",
    [
        "У неё нет доку\u200bментов.",  # zero-width space inside a Russian word
        "他没有身\u200b份。",
        "العامل ليس لديه أورا\u00adق.",  # soft hyphen
        "Ela não tem docu\u200bmentos.",
        "Ela é indocumentda.",  # one letter missing
        "Il est sans-pap1ers.",  # a digit for a letter
        "সে রাজনৈতিক আশ্র\u09df চেয়েছে।",  # য় written as one character
    ],
)
def test_tricks_are_undone_in_other_languages_too(text):
    findings = find_status_disclosures(text)
    assert findings, text
    for finding in findings:
        assert text[finding.start : finding.end] == finding.text


@pytest.mark.parametrize(
    "text",
    [
        "The boss said he'd call immigration. O patrão ameaçou chamar a imigração.",
        "老板威胁要打电话给移民局。Le patron a menacé d'appeler l'immigration.",
    ],
)
def test_employer_conduct_in_mixed_languages_passes(text):
    assert find_status_disclosures(text) == []


def test_a_long_english_note_still_finds_a_disclosure_in_another_language_at_its_end():
    text = "The boss paid him late for sixty hours at the warehouse. " * 1500
    text += "Ela não tem documentos."
    findings = find_status_disclosures(text)
    assert [(f.text, f.language) for f in findings] == [("não tem documentos", "pt")]
