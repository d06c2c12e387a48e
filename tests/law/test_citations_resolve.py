"""Every source key the law package cites (K1, K26, ...) is listed in docs/domain/RULES.md."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.pure

ROOT = Path(__file__).resolve().parents[2]
KEY = re.compile(r"\bK(\d{1,3})\b")


def _listed() -> set[int]:
    text = (ROOT / "docs" / "domain" / "RULES.md").read_text(encoding="utf-8")
    sources = text.split("## Source keys", 1)[1]
    return {int(m.group(1)) for m in re.finditer(r"^K(\d+) ", sources, re.M)}


def _cited() -> dict[int, str]:
    cited: dict[int, str] = {}
    for path in sorted((ROOT / "casework" / "law").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"\bK(\d{1,3})(?:\s*[-–]\s*K?(\d{1,3}))?\b", text):
            first = int(m.group(1))
            last = int(m.group(2) or first)
            for key in range(first, last + 1):
                cited.setdefault(key, path.name)
    return cited


def test_the_rules_document_lists_its_sources():
    assert len(_listed()) >= 70


def test_every_key_cited_by_the_law_package_resolves_in_the_repository():
    listed = _listed()
    missing = {f"K{k}": where for k, where in _cited().items() if k not in listed}
    assert not missing, f"cited but not in docs/domain/RULES.md: {missing}"
