"""Load test on loopback: 20 staff sessions at once against gunicorn on PostgreSQL.

Each session signs in through /login (CSRF on), then until the time is up edits the facts
of its own case, adds notes to it and records payments against one shared judgment.
Afterwards: no response was a server error, no update was lost (each case holds its last
acknowledged edit and exactly its acknowledged notes, its version counts its edits), no
payment was lost or duplicated (rows per session equal acknowledged payments), and the
judgment's collected balance equals the sum of the payments.

Bounded and self-stopping: CASEWORK_LOAD_SECONDS (default 60) and
CASEWORK_LOAD_MAX_REQUESTS (default 50,000 in all). Runs only when selected with
``-m load`` (``make test-load``). Prints requests made and latency percentiles.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from sqlalchemy import func, select

from tests.scratch_postgres import scratch_database

pytestmark = [pytest.mark.load, pytest.mark.pure]

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_URL = os.environ.get(
    "CASEWORK_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SESSIONS = 20
SECONDS = float(os.environ.get("CASEWORK_LOAD_SECONDS", "60"))
MAX_REQUESTS = int(os.environ.get("CASEWORK_LOAD_MAX_REQUESTS", "50000"))
PASSWORD = "correct horse battery staple"


@pytest.fixture(autouse=True)
def only_when_selected(request):
    expression = request.config.getoption("markexpr") or ""
    if "load" not in expression or "not load" in expression:
        pytest.skip("the load test runs with -m load (make test-load)")


@pytest.fixture(autouse=True)
def restore_keystore():
    from casework.crypto import columns

    before = columns._keystore
    yield
    columns.install_keystore(before)


# --- a tiny HTTP session -----------------------------------------------------------


class FormParser(HTMLParser):
    """The fields of every form on a page, with their current values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action"), "fields": {}, "first": {}})
        if not self.forms:
            return
        fields = self.forms[-1]["fields"]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    fields[a["name"]] = a.get("value", "y")
            elif kind not in ("submit", "button"):
                fields[a["name"]] = a.get("value", "")
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select:
            first = self.forms[-1]["first"]
            first.setdefault(self._select, a.get("value", ""))
            if "selected" in a:
                fields[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a.get("name")
            fields[self._textarea] = ""

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self.forms:
            form = self.forms[-1]
            form["fields"].setdefault(self._select, form["first"].get(self._select, ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data


def form_on(page: str, action_suffix: str | None = None) -> dict:
    parser = FormParser()
    parser.feed(page)
    for form in parser.forms:
        if "csrf_token" not in form["fields"]:
            continue
        if action_suffix is None and not form["action"]:
            return form["fields"]
        if action_suffix and (form["action"] or "").endswith(action_suffix):
            return form["fields"]
    raise AssertionError(f"no form for {action_suffix!r}")


class Session:
    """One staff member's browser: a keep-alive connection and the session cookie."""

    def __init__(self, base: str, latencies: list, counter: Counter, budget):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}
        self.latencies = latencies
        self.counter = counter
        self.budget = budget
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)

    def request(self, method: str, path: str, kind: str, form: dict | None = None):
        if not self.budget():
            raise TimeoutError
        headers = {"Host": f"{self.host}:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read().decode("utf-8", "replace")
                break
            except (TimeoutError, http.client.HTTPException, ConnectionError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
                if attempt == 2 or method != "GET":
                    raise
        elapsed = time.perf_counter() - started
        self.latencies.append((kind, elapsed))
        self.counter[(kind, response.status)] += 1
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _eq, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location") or "", data


# --- set-up ------------------------------------------------------------------------


@pytest.fixture
def load_database():
    """A scratch database on the local PostgreSQL, dropped afterwards."""
    with scratch_database("casework_load") as url:
        yield url


def seed(url: str, key_file: Path):
    from flask_migrate import upgrade

    from casework import create_app
    from casework.extensions import db
    from tests.factories import Factories

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, CASEWORK_KEY_FILE=str(key_file))
    with app.app_context():
        upgrade()
        make = Factories(app)
        staff = [make.user("advocate", email=f"load{i}@center.test") for i in range(SESSIONS)]
        supervisor = make.user("supervisor")
        own = [
            make.case(assigned_to=staff[i], narrative="Initial narrative.") for i in range(SESSIONS)
        ]
        shared = make.case(assigned_to=supervisor, team=staff, status="collecting")
        judgment = make.judgment(shared, principal=Decimal("5000000.00"))
        # A running installation already has audit events (its accounts' creation); the
        # chain's first append on an empty log is not what this test measures.
        from casework import audit

        audit.record("load.seed", detail="load test")
        plan = {
            "users": [(u.email, str(u.id)) for u in staff],
            "cases": [str(c.id) for c in own],
            "shared": str(shared.id),
            "judgment": str(judgment.id),
        }
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    return app, plan


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(url: str, key_file: Path, port: int, log: Path):
    env = {
        **os.environ,
        "CASEWORK_ENV": "development",
        "CASEWORK_DATABASE_URL": url,
        "CASEWORK_KEY_FILE": str(key_file),
        "CASEWORK_SECRET_KEY": "load-test-" + uuid.uuid4().hex,
        "CASEWORK_LOGIN_FAILURES": "1000",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--worker-class",
            "gthread",
            "--threads",
            "4",
            "--log-level",
            "warning",
            "wsgi:app",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(log, "wb"),  # noqa: SIM115
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            if server.poll() is not None:
                raise AssertionError(log.read_text()[-2000:]) from None
            time.sleep(0.2)
    server.kill()
    raise AssertionError("gunicorn did not start")


# --- the work of one staff member ----------------------------------------------------


def staff_member(base, index, plan, results, latencies, counter, budget, stop, barrier):
    email, _user_id = plan["users"][index]
    case_id = plan["cases"][index]
    payments_path = f"/cases/{plan['shared']}/judgments/{plan['judgment']}/payments/new"
    mine = results[index]
    s = Session(base, latencies, counter, budget)
    _status, _loc, page = s.request("GET", "/login", "login")
    form = form_on(page, "/login")
    form.update(email=email, password=PASSWORD)
    status, location, _page = s.request("POST", "/login", "login", form)
    assert status in (302, 303) and "/login" not in location, (status, location)
    barrier.wait(60)  # every session signed in: the clock starts
    k = 0
    try:
        while not stop.is_set():
            k += 1
            # Edit this session's own case: read the form (with its version), change, save.
            _status, _loc, page = s.request("GET", f"/cases/{case_id}/edit", "case edit form")
            form = form_on(page, f"/cases/{case_id}/edit")
            narrative = f"Narrative edit {k} by session {index}."
            form["narrative"] = narrative
            status, location, _page = s.request(
                "POST", f"/cases/{case_id}/edit", "case edit save", form
            )
            if status == 303:
                mine["edits"].append(narrative)
            else:
                mine["refused"] += 1
            # A note on the same case.
            form = {"csrf_token": form["csrf_token"], "body": f"Load note {k} from {index}."}
            status, _loc, _page = s.request("POST", f"/cases/{case_id}/notes", "note add", form)
            if status == 303:
                mine["notes"] += 1
            else:
                mine["refused"] += 1
            # A payment on the shared judgment.
            _status, _loc, page = s.request("GET", payments_path, "payment form")
            form = form_on(page)
            amount = Decimal(f"{index + 1}.{k % 100:02d}")
            form.update(
                {
                    "rows-0-amount": str(amount),
                    "rows-0-method": "check",
                    "rows-0-source": "employer",
                }
            )
            status, location, _page = s.request("POST", payments_path, "payment save", form)
            if status in (302, 303):
                mine["payments"].append(amount)
            else:
                mine["refused"] += 1
    except TimeoutError:
        pass
    finally:
        s.connection.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def test_twenty_sessions_edit_cases_and_record_payments(tmp_path, load_database):
    from casework.models import Case, Note, Payment

    (tmp_path / "keys").mkdir(mode=0o700)
    key_file = tmp_path / "keys" / "master.key"
    app, plan = seed(load_database, key_file)
    port = free_port()
    log = tmp_path / "gunicorn.log"
    server = start_gunicorn(load_database, key_file, port, log)
    base = f"http://127.0.0.1:{port}"
    latencies: list = []
    counter: Counter = Counter()
    results = [{"edits": [], "notes": 0, "payments": [], "refused": 0} for _ in range(SESSIONS)]
    stop = threading.Event()
    ends = [time.monotonic() + 3600]
    barrier = threading.Barrier(SESSIONS + 1)
    lock = threading.Lock()
    made = [0]

    def budget() -> bool:
        with lock:
            made[0] += 1
            return made[0] <= MAX_REQUESTS and time.monotonic() < ends[0]

    errors: list[BaseException] = []

    def run(i):
        try:
            staff_member(base, i, plan, results, latencies, counter, budget, stop, barrier)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(SESSIONS)]
    try:
        for t in threads:
            t.start()
        try:
            barrier.wait(120)
        except threading.BrokenBarrierError:
            stop.set()
        started = time.monotonic()
        ends[0] = started + SECONDS
        latencies.clear()  # the figures cover the timed work, not the sign-ins
        for t in threads:
            t.join(SECONDS + 60)
        stop.set()
        wall = time.monotonic() - started
    finally:
        stop.set()
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
    assert not errors, (errors[:3], log.read_text()[-3000:])
    assert not any(t.is_alive() for t in threads)

    statuses = Counter()
    for (_kind, status), n in counter.items():
        statuses[status] += n
    assert not [k for k in counter if k[1] >= 500], counter

    with app.app_context():
        from casework.extensions import db
        from casework.judgments import service

        for i in range(SESSIONS):
            case = db.session.get(Case, uuid.UUID(plan["cases"][i]))
            edits = results[i]["edits"]
            assert edits, (f"session {i} saved no edit", counter, log.read_text()[-3000:])
            assert case.narrative == edits[-1], f"lost update on case {i}"
            assert case.version >= 1 + len(edits)
            notes = db.session.scalar(
                select(func.count()).select_from(Note).where(Note.case_id == case.id)
            )
            assert notes == results[i]["notes"]
            user_id = uuid.UUID(plan["users"][i][1])
            rows = db.session.scalars(
                select(Payment.amount).where(Payment.recorded_by_id == user_id)
            ).all()
            assert sorted(rows) == sorted(results[i]["payments"]), f"session {i} payments"
        from casework.models import Judgment

        judgment = db.session.get(Judgment, uuid.UUID(plan["judgment"]))
        acknowledged = [a for r in results for a in r["payments"]]
        stored = db.session.scalars(
            select(Payment.amount).where(Payment.judgment_id == judgment.id)
        ).all()
        assert len(stored) == len(acknowledged) and sum(stored) == sum(acknowledged)
        standing = service.standing(judgment)
        assert standing.collected == sum(acknowledged)
        assert standing.interest_paid + standing.principal_paid == sum(acknowledged)
        db.session.remove()
        db.engine.dispose()

    times = [t * 1000 for _kind, t in latencies]
    lines = [
        f"load test: {SESSIONS} sessions, {wall:.0f} s, {len(times)} requests "
        f"({len(times) / wall:.0f}/s), statuses {dict(sorted(statuses.items()))}",
        f"  edits saved {sum(len(r['edits']) for r in results)}, notes "
        f"{sum(r['notes'] for r in results)}, payments {len(acknowledged)} "
        f"(sum {sum(acknowledged)}), refused {sum(r['refused'] for r in results)}",
        f"  all requests: p50 {percentile(times, 0.5):.0f} ms, p95 {percentile(times, 0.95):.0f}"
        f" ms, p99 {percentile(times, 0.99):.0f} ms, mean {statistics.mean(times):.0f} ms",
    ]
    for kind in sorted({k for k, _t in latencies}):
        some = [t * 1000 for k, t in latencies if k == kind]
        lines.append(
            f"  {kind:18} n={len(some):6} p50 {percentile(some, 0.5):5.0f} ms  "
            f"p95 {percentile(some, 0.95):5.0f} ms  p99 {percentile(some, 0.99):5.0f} ms"
        )
    print("\n" + "\n".join(lines))
    assert re.search(r"\d", lines[0])
