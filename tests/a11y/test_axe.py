"""axe-core finds no serious or critical violation on any page each role can reach.

For each role (intake, advocate, supervisor, admin) the test signs in on a live server
seeded with the demo cases, crawls the links from the start page within the app (bounded
to 40 pages, one page per route so every kind of page is seen), and runs axe-core
(committed as tests/vendor/axe.min.js) on each, in English and in Spanish.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[1] / "vendor" / "axe.min.js"
MAX_PAGES = 40
PER_ROUTE = 1
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
SKIP = re.compile(r"(\.pdf|\.csv|\.svg|/static/|/logout|/export|/download)", re.I)
AXE_OPTIONS = (
    "{resultTypes: ['violations'], runOnly: {type: 'tag', values: "
    "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}}"
)


def seed_demo(live_server) -> None:
    from casework.cases.commands import seed
    from casework.extensions import db

    with live_server.app.test_request_context():
        seed()
        db.session.commit()
        db.session.remove()


def route_of(url: str) -> str:
    parts = urlsplit(url)
    query = ",".join(sorted(p.split("=")[0] for p in parts.query.split("&") if p))
    return UUID.sub("{id}", parts.path) + ("?" + query if query else "")


def crawl(page, base: str, problems: dict) -> list[str]:
    """Same-origin pages reachable from the start page, breadth first, bounded; each one
    is checked by axe (in the page's current language) on the way."""
    start = page.url
    queue, seen, per_route, pages = [start], {start}, Counter(), []
    while queue and len(pages) < MAX_PAGES:
        url = queue.pop(0)
        route = route_of(url)
        if per_route[route] >= PER_ROUTE:
            continue
        response = page.goto(url)
        if response is None or "text/html" not in (response.headers.get("content-type") or ""):
            continue
        if response.status >= 400 or "/login" in page.url:
            continue
        per_route[route] += 1
        pages.append(url)
        found = violations(page)
        if found:
            problems[f"en {route}"] = found
        hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")
        for href in hrefs:
            href = urljoin(url, href).split("#", 1)[0]
            if href.startswith(base) and href not in seen and not SKIP.search(href):
                seen.add(href)
                queue.append(href)
    return pages


def violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"axe.run(document, {AXE_OPTIONS})")
    found = []
    for v in result["violations"]:
        if v["impact"] in ("serious", "critical"):
            targets = "; ".join(",".join(n["target"]) for n in v["nodes"][:3])
            found.append(f"{v['id']} ({v['impact']}): {v['help']} at {targets}")
    return found


@pytest.mark.parametrize("role", ["intake", "advocate", "supervisor", "admin"])
def test_no_serious_violations_on_pages_each_role_reaches(live_server, page, role):
    assert AXE.read_text()[:40].startswith("/*! axe v4"), "axe-core license header kept"
    seed_demo(live_server)
    if role in ("intake", "advocate", "supervisor"):
        email = {
            "intake": "intake@demo.casework.test",
            "advocate": "advocate1@demo.casework.test",
            "supervisor": "supervisor@demo.casework.test",
        }[role]
        from casework.cases.commands import DEMO_PASSWORD

        browser_login(page, live_server, email, DEMO_PASSWORD)
    else:
        email, password = create_user(live_server, role)
        browser_login(page, live_server, email, password)
    started = time.monotonic()
    problems: dict = {}
    pages = crawl(page, live_server.url, problems)
    assert len(pages) >= 3, pages
    page.set_extra_http_headers({"Accept-Language": "es"})
    for url in pages:
        page.goto(url)
        assert page.locator("html").get_attribute("lang").startswith("es")
        found = violations(page)
        if found:
            problems[f"es {route_of(url)}"] = found
    print(f"\naxe: {role}: {len(pages)} pages x 2 languages, {time.monotonic() - started:.0f} s")
    assert not problems, "\n".join(f"{k}:\n  " + "\n  ".join(v) for k, v in problems.items())
