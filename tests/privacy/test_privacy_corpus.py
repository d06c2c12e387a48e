"""Every labelled sentence in corpus.toml is refused or passed as its label says."""

import tomllib
from pathlib import Path

from casework.privacy import find_status_disclosures

CORPUS = tomllib.loads((Path(__file__).with_name("corpus.toml")).read_text("utf-8"))["sentence"]


def test_corpus_is_large_and_labelled_both_ways():
    labels = [s["label"] for s in CORPUS]
    assert len(CORPUS) >= 80
    assert set(labels) == {"refuse", "pass"}
    assert all("reason" in s for s in CORPUS if s["label"] == "refuse")


def test_corpus_recall_is_complete_and_nothing_ordinary_is_refused():
    missed, wrong_reason, false_positives = [], [], []
    refuse = [s for s in CORPUS if s["label"] == "refuse"]
    allowed = [s for s in CORPUS if s["label"] == "pass"]
    for sentence in refuse:
        reasons = {f.reason for f in find_status_disclosures(sentence["text"])}
        if not reasons:
            missed.append(sentence["text"])
        elif sentence["reason"] not in reasons:
            wrong_reason.append((sentence["text"], sentence["reason"], sorted(reasons)))
    for sentence in allowed:
        findings = find_status_disclosures(sentence["text"])
        if findings:
            false_positives.append((sentence["text"], [f.text for f in findings]))

    recall = 1 - len(missed) / len(refuse)
    fp_rate = len(false_positives) / len(allowed)
    figures = (
        f"recall {recall:.1%} of {len(refuse)} disclosures, "
        f"false positives {fp_rate:.1%} of {len(allowed)} ordinary sentences"
    )
    print(figures)
    assert not missed, f"{figures}; missed: {missed}"
    assert not false_positives, f"{figures}; refused: {false_positives}"
    assert not wrong_reason, f"{figures}; wrong reason: {wrong_reason}"
