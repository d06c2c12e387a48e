"""The figures the docs quote: recall and false alarms per language on the corpora."""

from pathlib import Path

import pytest

from casework.privacy.evaluate import evaluate, main

HERE = Path(__file__).parent


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
