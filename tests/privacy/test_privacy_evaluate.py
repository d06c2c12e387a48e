"""The figures the docs quote: recall and false alarms per language on the corpora."""

from pathlib import Path

import pytest

from casework.privacy import find_status_disclosures
from casework.privacy.evaluate import evaluate, main, read_tsv

HERE = Path(__file__).parent
TSV = sorted((HERE / "corpus").glob("*.tsv"))


@pytest.mark.parametrize("corpus", [HERE / "corpus", HERE / "corpus.toml"])
def test_recall_and_false_alarms_per_language(corpus):
    figures = evaluate(corpus)
    assert figures
    for language, f in figures.items():
        assert f["recall"] >= 0.98, (language, f)
        assert f["false_alarms"] <= 0.05, (language, f)


def test_the_command_prints_counts_not_sentences(capsys):
    assert main([str(HERE / "corpus")]) == 0
    out = capsys.readouterr().out
    assert "recall" in out and "en" in out
    assert "undocumented" not in out.lower()


@pytest.mark.parametrize("file", TSV, ids=lambda p: p.stem)
def test_each_language_corpus_is_big_enough_and_reaches_the_figures(file):
    rows = read_tsv(file)
    refuse = [text for label, text in rows if label == "refuse"]
    ordinary = [text for label, text in rows if label == "pass"]
    assert len(refuse) >= 30 and len(ordinary) >= 20, file.name
    missed = [text for text in refuse if not find_status_disclosures(text)]
    alarms = [text for text in ordinary if find_status_disclosures(text)]
    assert 1 - len(missed) / len(refuse) >= 0.98, missed
    assert len(alarms) / len(ordinary) <= 0.05, alarms


def test_the_corpus_covers_every_language_the_guard_reads():
    from casework.privacy.guard import LANGUAGES

    assert {p.stem.split("_")[0] for p in TSV} == set(LANGUAGES)
    # Chinese is measured in each script.
    assert {"zh_Hans", "zh_Hant"} <= {p.stem for p in TSV}


def test_a_tsv_line_without_a_label_is_refused(tmp_path):
    bad = tmp_path / "xx.tsv"
    bad.write_text("refuse\tShe is undocumented.\nno label here\n", "utf-8")
    with pytest.raises(ValueError, match="xx.tsv:2"):
        read_tsv(bad)


def test_escapes_in_a_tsv_line_stand_for_invisible_characters(tmp_path):
    file = tmp_path / "en.tsv"
    file.write_text("# comment\n\nrefuse\tundocu\\u200bmented\n", "utf-8")
    assert read_tsv(file) == [("refuse", "undocu\u200bmented")]
