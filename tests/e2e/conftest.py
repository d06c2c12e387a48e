"""On a failed browser walk, keep a screenshot and the page's text under test-results/."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    page = item.funcargs.get("page")
    if page is None:
        return
    out = Path("test-results") / item.name.replace("/", "_")
    out.mkdir(parents=True, exist_ok=True)
    try:
        page.screenshot(path=str(out / "failure.png"), full_page=True)
        (out / "failure.txt").write_text(f"{page.url}\n\n{page.inner_text('body')}")
    except Exception:  # the page may be gone; the failure itself is what matters
        pass
