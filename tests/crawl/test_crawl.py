"""The crawl: on the demo data set, every role follows every link it sees; nothing is a 5xx.

Signed in as each role, in English and in Spanish, the crawl opens the start pages
(every page the application serves without an id), then every link found on every
page it opened (GET only), PDFs included, sampling a few URLs per route and query so
it stays fast. Any 5xx, or an exception a page raises, fails the test with the URLs.
It is the safety net for every change: a page that breaks after some event in a case's
life shows up here, because the demo data holds every kind of event.
"""

from __future__ import annotations

import time
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urldefrag, urlsplit

import pytest
from werkzeug.exceptions import HTTPException

from casework.extensions import db
from tests.conftest import login

#: At most this many URLs per route and set of query names ...
PER_PATTERN = 3
#: ... except the pages of one case, judgment or letter: each of those is in its own state
#: (a New York judgment past its 15% clock, a shredded worker, a returned letter), so
#: every one is opened.
EVERY_ONE = frozenset({"cases.show", "judgments.index", "judgments.show", "letters.show"})
#: Links never followed: they end the session or leave the application.
SKIP_PREFIXES = ("/logout", "/static/", "/auth/logout")
LANGUAGES = ("en", "es")
ROLES = ("intake", "advocate", "supervisor", "admin")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.found.append(href)


def links(html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return parser.found


@dataclass
class Crawl:
    opened: int = 0
    pdfs: int = 0
    failures: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _local(href: str) -> str | None:
    href, _ = urldefrag(href)
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIP_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def start_pages(app) -> list[str]:
    """Every GET route without arguments: the pages a role could type in."""
    pages = ["/"]
    for rule in app.url_map.iter_rules():
        if "GET" in rule.methods and not rule.arguments and rule.rule not in pages:
            if not rule.rule.startswith(SKIP_PREFIXES):
                pages.append(rule.rule)
    return pages


def crawl(app, client, starts: list[str]) -> Crawl:
    adapter = app.url_map.bind("localhost")
    seen: set[str] = set()
    per_pattern: Counter = Counter()
    queue = deque(starts)
    result = Crawl()
    began = time.monotonic()
    while queue:
        url = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        path, _, query = url.partition("?")
        try:
            endpoint, _args = adapter.match(path, method="GET")
        except HTTPException:
            endpoint = path
        pattern = (endpoint, tuple(sorted({k for k, _ in parse_qsl(query)})))
        if endpoint not in EVERY_ONE and per_pattern[pattern] >= PER_PATTERN:
            continue
        per_pattern[pattern] += 1
        try:
            response = client.get(url)
        except Exception as error:  # noqa: BLE001 - testing propagates a page's exception
            result.failures.append(f"{url}: {type(error).__name__}: {error}"[:300])
            db.session.rollback()
            continue
        result.opened += 1
        if response.status_code >= 500:
            result.failures.append(f"{url}: {response.status_code}")
            continue
        kind = response.headers.get("Content-Type", "")
        if kind.startswith("application/pdf"):
            result.pdfs += 1
            if not response.data.startswith(b"%PDF"):
                result.failures.append(f"{url}: not a PDF")
            continue
        if response.status_code in (301, 302, 303, 307, 308):
            target = _local(response.headers.get("Location", ""))
            if target:
                queue.append(target)
            continue
        if kind.startswith("text/html"):
            for href in links(response.get_data(as_text=True)):
                target = _local(href)
                if target and target not in seen:
                    queue.append(target)
    result.seconds = time.monotonic() - began
    return result


@pytest.fixture
def demo(app):
    from casework.demo import seed

    made = seed()
    db.session.flush()
    return made


def test_every_role_opens_every_page_it_reaches_without_a_server_error(app, demo, capsys):
    users = {role: next(u for u in demo.staff if u.role == role) for role in ROLES}
    starts = start_pages(app)
    failures = []
    report = []
    for language in LANGUAGES:
        for role, user in users.items():
            user.locale = language
            db.session.flush()
            client = app.test_client()
            login(client, user)
            found = crawl(app, client, starts)
            report.append(
                f"{role:<10} {language}: {found.opened} pages, {found.pdfs} PDFs, "
                f"{found.seconds:.1f} s"
            )
            failures += [f"[{role} {language}] {f}" for f in found.failures]
            assert found.opened > 5, f"{role} {language} opened almost nothing"
        anonymous = crawl(app, app.test_client(), starts)
        failures += [f"[signed out] {f}" for f in anonymous.failures]
    with capsys.disabled():
        print("\n" + "\n".join(report))
    assert not failures, "\n".join(failures)
