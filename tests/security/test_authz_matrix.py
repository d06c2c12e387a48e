"""The authorization matrix: every rule in the URL map, every method, every role.

Each row gives the status expected for (anonymous, intake, advocate on the case,
advocate not on the case, supervisor, admin) against a seeded case with one of
everything. POSTs send an empty form: the answer is a refusal, a re-rendered form
with errors (422), a redirect, or a 4xx, never a 500. A route without a row fails
the test, so a new page cannot ship without someone deciding who may open it.
"""

from __future__ import annotations

import re
import uuid

import pytest
from werkzeug.routing import Rule

from tests.security.conftest import ROLES, sign_in

#: Endpoints anyone may reach without signing in.
PUBLIC = {
    "api.docs",
    "api.openapi_json",
    "auth.login",
    "auth.login_totp",
    "auth.enroll_totp",
    "auth.enroll_qr",
    "auth.setup",
    "auth.language",
    "auth.home",
    "auth.logout",
    "calendar.feed",
    "static",
}

# (endpoint, method): "anonymous intake advocate_on advocate_off supervisor admin"
MATRIX: dict[tuple[str, str], str] = {
    ("api.add_note", "POST"): "401 401 401 401 401 401",
    ("api.breakdown", "GET"): "401 401 401 401 401 401",
    ("api.case_employers", "GET"): "401 401 401 401 401 401",
    ("api.case_workers", "GET"): "401 401 401 401 401 401",
    ("api.create_case", "POST"): "401 401 401 401 401 401",
    ("api.docs", "GET"): "200 200 200 200 200 200",
    ("api.get_case", "GET"): "401 401 401 401 401 401",
    ("api.get_judgment", "GET"): "401 401 401 401 401 401",
    ("api.letter_pdf", "GET"): "401 401 401 401 401 401",
    ("api.list_cases", "GET"): "401 401 401 401 401 401",
    ("api.list_deadlines", "GET"): "401 401 401 401 401 401",
    ("api.list_judgments", "GET"): "401 401 401 401 401 401",
    ("api.list_letters", "GET"): "401 401 401 401 401 401",
    ("api.list_notes", "GET"): "401 401 401 401 401 401",
    ("api.openapi_json", "GET"): "200 200 200 200 200 200",
    ("api.record_payment", "POST"): "401 401 401 401 401 401",
    ("api_tokens.account_tokens", "GET"): "302 200 200 200 200 200",
    ("api_tokens.account_tokens", "POST"): "302 422 422 422 422 422",
    ("api_tokens.admin_revoke_token", "POST"): "302 403 403 403 403 303",
    ("api_tokens.admin_tokens", "GET"): "302 403 403 403 403 200",
    ("api_tokens.revoke_own_token", "POST"): "302 404 303 404 404 404",
    ("admin.edit_user", "GET"): "302 403 403 403 403 200",
    ("admin.edit_user", "POST"): "302 403 403 403 403 302",
    ("admin.new_user", "GET"): "302 403 403 403 403 200",
    ("admin.new_user", "POST"): "302 403 403 403 403 200",
    ("admin.reset_totp", "POST"): "302 403 403 403 403 302",
    ("admin.settings_page", "GET"): "302 403 403 403 403 200",
    ("admin.settings_page", "POST"): "302 403 403 403 403 303",
    ("admin.shred_worker", "GET"): "302 403 403 403 403 200",
    ("admin.shred_worker", "POST"): "302 403 403 403 403 200",
    ("admin.users", "GET"): "302 403 403 403 403 200",
    ("audit.index", "GET"): "302 403 403 403 200 200",
    ("auth.change_password", "GET"): "302 200 200 200 200 200",
    ("auth.first_password", "GET"): "302 302 302 302 302 302",
    ("auth.first_password", "POST"): "302 302 302 302 302 302",
    ("auth.change_password", "POST"): "302 200 200 200 200 200",
    ("auth.enroll_qr", "GET"): "404 404 404 404 404 404",
    ("auth.enroll_totp", "GET"): "302 302 302 302 302 302",
    ("auth.enroll_totp", "POST"): "302 302 302 302 302 302",
    ("auth.home", "GET"): "302 302 302 302 302 302",
    ("auth.language", "POST"): "303 303 303 303 303 303",
    ("auth.login", "GET"): "200 302 302 302 302 302",
    ("auth.login", "POST"): "200 302 302 302 302 302",
    ("auth.login_totp", "GET"): "302 302 302 302 302 302",
    ("auth.login_totp", "POST"): "302 302 302 302 302 302",
    ("auth.logout", "POST"): "302 302 302 302 302 302",
    ("auth.setup", "GET"): "404 404 404 404 404 404",
    ("duplicates.merge_worker", "GET"): "302 403 403 403 200 403",
    ("duplicates.merge_worker_post", "POST"): "302 403 403 403 422 403",
    ("intake_sheet.pdf", "GET"): "302 200 200 200 200 403",
    ("timekeeping.case_time", "GET"): "302 404 200 404 200 403",
    ("timekeeping.record_time", "POST"): "302 404 422 404 422 403",
    ("timekeeping.report", "GET"): "302 403 403 403 200 403",
    ("timekeeping.report_csv", "GET"): "302 403 403 403 200 403",
    ("calendar.change", "POST"): "302 422 422 422 422 403",
    ("calendar.feed", "GET"): "404 404 404 404 404 404",
    ("calendar.settings", "GET"): "302 200 200 200 200 403",
    ("auth.setup", "POST"): "404 404 404 404 404 404",
    ("calculator.case_csv", "GET"): "302 404 200 404 200 403",
    ("calculator.case_print", "GET"): "302 404 200 404 200 403",
    ("calculator.case_summary", "GET"): "302 404 200 404 200 403",
    ("calculator.result", "GET"): "302 404 200 404 200 403",
    ("calculator.result_csv", "GET"): "302 404 200 404 200 403",
    ("calculator.result_print", "GET"): "302 404 200 404 200 403",
    ("calculator.wage_claim", "GET"): "302 404 200 404 200 403",
    ("calculator.wage_claim", "POST"): "302 404 422 404 422 403",
    ("cases.add_deadline", "POST"): "302 404 422 404 422 403",
    ("cases.add_employer", "GET"): "302 404 200 404 200 403",
    ("cases.add_employer", "POST"): "302 404 200 404 200 403",
    ("cases.add_note", "POST"): "302 404 422 404 422 403",
    ("cases.add_worker", "GET"): "302 404 200 404 200 403",
    ("cases.add_worker", "POST"): "302 404 200 404 200 403",
    ("cases.assign", "GET"): "302 403 403 403 200 403",
    ("cases.assign", "POST"): "302 403 403 403 303 403",
    ("cases.complete_deadline", "POST"): "302 404 303 404 303 403",
    ("cases.deadlines", "GET"): "302 200 200 200 200 403",
    ("cases.edit", "GET"): "302 404 200 404 200 403",
    ("cases.edit", "POST"): "302 404 303 404 303 403",
    ("cases.edit_employer", "GET"): "302 403 200 404 200 403",
    ("cases.edit_employer", "POST"): "302 403 200 404 200 403",
    ("cases.edit_worker", "GET"): "302 404 200 404 200 403",
    ("cases.edit_worker", "POST"): "302 404 200 404 200 403",
    ("cases.employer", "GET"): "302 404 200 404 200 403",
    ("cases.index", "GET"): "302 200 200 200 200 403",
    ("cases.new", "GET"): "302 200 200 200 200 403",
    ("cases.new", "POST"): "302 422 422 422 422 403",
    ("cases.search_cases", "POST"): "302 303 303 303 303 403",
    ("cases.show", "GET"): "302 404 200 404 200 403",
    ("cases.status", "GET"): "302 404 200 404 200 403",
    ("cases.status", "POST"): "302 404 422 404 422 403",
    ("cases.worker", "GET"): "302 404 200 404 200 403",
    ("dashboard.export_csv", "GET"): "302 403 403 403 200 403",
    ("dashboard.export_full", "GET"): "302 403 403 403 200 403",
    ("dashboard.export_full", "POST"): "302 403 403 403 200 403",
    ("dashboard.index", "GET"): "302 403 403 403 200 403",
    ("evidence.delete", "POST"): "302 404 422 404 422 403",
    ("evidence.download", "GET"): "302 404 200 404 200 403",
    ("evidence.index", "GET"): "302 404 200 404 200 403",
    ("evidence.upload", "POST"): "302 404 422 404 422 403",
    ("judgments.edit_enforcement", "GET"): "302 404 200 404 200 403",
    ("judgments.edit_enforcement", "POST"): "302 404 200 404 200 403",
    ("judgments.index", "GET"): "302 404 200 404 200 403",
    ("judgments.new", "GET"): "302 404 200 404 200 403",
    ("judgments.new", "POST"): "302 404 200 404 200 403",
    ("judgments.new_disbursement", "GET"): "302 404 200 404 200 403",
    ("judgments.new_disbursement", "POST"): "302 404 200 404 200 403",
    ("judgments.new_enforcement", "GET"): "302 404 200 404 200 403",
    ("judgments.new_enforcement", "POST"): "302 404 200 404 200 403",
    ("judgments.check_plans", "POST"): "302 404 302 404 302 403",
    ("judgments.new_plan", "GET"): "302 404 200 404 200 403",
    ("judgments.new_plan", "POST"): "302 404 200 404 200 403",
    ("judgments.payments", "GET"): "302 404 200 404 200 403",
    ("judgments.payments", "POST"): "302 404 200 404 200 403",
    ("judgments.show", "GET"): "302 404 200 404 200 403",
    ("judgments.statement", "GET"): "302 404 200 404 200 403",
    ("judgments.worker_statement", "GET"): "302 404 200 404 200 403",
    ("languages.index", "GET"): "302 403 403 403 200 200",
    ("languages.sample", "GET"): "302 403 403 403 200 200",
    ("letters.approve", "POST"): "302 403 403 403 302 403",
    ("letters.bulk_addresses", "GET"): "302 403 403 403 200 403",
    ("letters.bulk_pdf", "GET"): "302 403 403 403 302 403",
    ("letters.bulk_show", "GET"): "302 403 200 404 200 403",
    ("letters.bulk_start", "POST"): "302 403 303 303 303 403",
    ("letters.generate", "GET"): "302 404 200 404 200 403",
    ("letters.generate", "POST"): "302 404 422 404 422 403",
    ("letters.index", "GET"): "302 403 403 403 200 403",
    ("letters.mail_day", "GET"): "302 403 403 403 302 403",
    ("letters.mark_sent", "POST"): "302 404 422 404 422 403",
    ("letters.pdf", "GET"): "302 404 200 404 200 403",
    ("letters.return_letter", "POST"): "302 403 403 403 422 403",
    ("letters.show", "GET"): "302 404 200 404 200 403",
    ("retention.index", "GET"): "302 403 403 403 200 200",
    ("retention.save_setting", "POST"): "302 403 403 403 403 400",
    ("retention.shred", "POST"): "302 403 403 403 400 403",
    ("static", "GET"): "200 200 200 200 200 200",
}

CASE_ARGUMENTS = {
    "case_id",
    "deadline_id",
    "judgment_id",
    "action_id",
    "worker_id",
    "case_worker_id",
    "employer_id",
    "letter_id",
    "attachment_id",
}
API_VERSION = "v1"  # /api/v1/...: the one digit allowed in a path that is not an id
UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
HREF_RE = re.compile(r'(?:href|action)="(/[^"?#]*)')


def rules(app) -> list[Rule]:
    return sorted(app.url_map.iter_rules(), key=lambda r: (r.endpoint, r.rule))


def methods(rule: Rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def build(app, rule: Rule, values: dict[str, str]) -> str:
    with app.test_request_context():
        adapter = app.url_map.bind("localhost")
        return adapter.build(rule.endpoint, {a: values[a] for a in rule.arguments})


def request_order(app) -> list[tuple[Rule, str]]:
    """GETs first, then POSTs; signing out last of all."""
    pairs = [(rule, method) for rule in rules(app) for method in methods(rule)]
    return sorted(
        pairs, key=lambda p: (p[0].endpoint == "auth.logout", p[1] == "POST", p[0].endpoint)
    )


def call(client, user, method: str, path: str):
    sign_in(client, user)
    return client.open(path, method=method, data={} if method == "POST" else None)


def test_every_route_and_method_has_a_row(app):
    routes = {(rule.endpoint, method) for rule in rules(app) for method in methods(rule)}
    missing = sorted(routes - MATRIX.keys())
    stale = sorted(MATRIX.keys() - routes)
    assert missing == [], f"routes with no row in MATRIX: {missing}"
    assert stale == [], f"rows for routes that no longer exist: {stale}"
    for key, row in MATRIX.items():
        assert len(row.split()) == len(ROLES), key


def test_the_matrix(app, client, seed):
    """Every (route, method, role) answers as the table says; never a 500."""
    values = seed.url_values()
    target = seed.users["advocate_off"]
    role_before, active_before = target.role, target.active
    mismatches, bodies = [], {role: [] for role in ROLES}
    for rule, method in request_order(app):
        path = build(app, rule, values)
        expected = dict(zip(ROLES, map(int, MATRIX[(rule.endpoint, method)].split()), strict=True))
        for role in ROLES:
            response = call(client, seed.users[role], method, path)
            status = response.status_code
            bodies[role].append((rule.endpoint, response.get_data()))
            if status != expected[role]:
                mismatches.append(
                    f"{method} {rule.endpoint} as {role}: {status}, expected {expected[role]}"
                )
            assert status < 500, (method, path, role)
            if role == "anonymous" and status == 302 and rule.endpoint not in PUBLIC:
                assert response.headers["Location"].split("?")[0].endswith("/login"), path
    assert mismatches == []
    # Empty forms changed no account.
    assert (target.role, target.active) == (role_before, active_before)
    # Admins and people not on the case never see its contents.
    secrets = [
        seed.worker.name.encode(),
        seed.worker.phone.encode(),
        seed.case.narrative.encode(),
        seed.note.body.encode(),
        seed.employer.owner_names.encode(),
        b"Text from the employer",
    ]
    for role in ("anonymous", "admin", "advocate_off"):
        for endpoint, body in bodies[role]:
            for secret in secrets:
                assert secret not in body, (role, endpoint, secret)
    # Nor does staff not on another advocate's case see anything of it, not even its
    # reference: its worker, employer, note, judgment, payment, disbursement, attachment.
    for role in ("intake", "advocate_on", "advocate_off"):
        for endpoint, body in bodies[role]:
            for secret in seed.other_secrets():
                assert secret not in body, (role, endpoint, secret)
    covered = sum(len(methods(rule)) for rule in rules(app))
    print(
        f"\nauthorization matrix: {len(rules(app))} rules, {covered} route-methods x "
        f"{len(ROLES)} roles = {covered * len(ROLES)} requests checked"
    )


def test_public_routes_and_sign_in_redirects(app, client, seed):
    """Only PUBLIC endpoints answer an anonymous visitor with anything but the sign-in page."""
    for (endpoint, _method), row in MATRIX.items():
        anonymous = int(row.split()[0])
        if endpoint.startswith("api."):
            # The API never redirects: no token is a 401 problem (tests/api/ covers tokens).
            assert anonymous == 401 or endpoint in PUBLIC, endpoint
        elif endpoint not in PUBLIC:
            assert anonymous == 302, endpoint


def test_admins_get_no_case_contents():
    """Every route that takes a case object refuses admins (403 or 404)."""
    for (endpoint, method), row in MATRIX.items():
        admin = int(row.split()[-1])
        if endpoint.startswith(
            ("cases.", "calculator.", "judgments.", "letters.", "dashboard.", "evidence.")
        ):
            assert admin in (403, 404), (endpoint, method, admin)


def _swapped_paths(app, seed, rule: Rule):
    """Paths for the rule with one identifier replaced by a guess."""
    values = seed.url_values()
    other = {
        "case_id": seed.other_case.id,
        "deadline_id": seed.other["deadline"].id,
        "judgment_id": seed.other["judgment"].id,
        "action_id": seed.other["enforcement"].id,
        "worker_id": seed.other["worker"].id,
        "case_worker_id": seed.other["case_worker"].id,
        "employer_id": seed.other["employer"].id,
        "letter_id": seed.other["letter"].id,
        "attachment_id": seed.other["attachment"].id,
    }
    for argument in sorted(set(rule.arguments) & CASE_ARGUMENTS):
        for label, guess in (
            ("random uuid", str(uuid.uuid4())),
            ("not a uuid", "1"),
            ("other case", str(other[argument])),
        ):
            yield argument, label, build(app, rule, {**values, argument: guess})


def test_guessed_identifiers_give_404(app, client, seed):
    """A random UUID, a non-UUID, or an object of another advocate's case: 404.

    For the supervisor, who may see both cases, an object of the other case under this
    case's address is still a 404: ids must belong to the case in the URL.
    """
    problems = []
    advocate, supervisor = seed.users["advocate_on"], seed.users["supervisor"]
    for rule, method in request_order(app):
        if not set(rule.arguments) & CASE_ARGUMENTS or rule.endpoint.startswith("api."):
            continue  # the API's guessed ids are checked with tokens in tests/api/
        # A role refusal (403) comes before any lookup, as for the real case.
        refused = int(MATRIX[(rule.endpoint, method)].split()[2]) == 403
        for argument, label, path in _swapped_paths(app, seed, rule):
            status = call(client, advocate, method, path).status_code
            if status != (403 if refused else 404):
                problems.append(f"advocate {method} {rule.endpoint} {argument}={label}: {status}")
            mixed = "case_id" in rule.arguments and argument != "case_id"
            if label != "other case" or mixed:
                status = call(client, supervisor, method, path).status_code
                if status != 404:
                    problems.append(
                        f"supervisor {method} {rule.endpoint} {argument}={label}: {status}"
                    )
    assert problems == [], "\n".join(problems)


def test_identifiers_in_links_are_uuids(app, client, seed):
    """Every path segment with a digit in the links of every page is a UUID."""
    values = seed.url_values()
    bad = set()
    for rule in rules(app):
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        response = call(client, seed.users["supervisor"], "GET", build(app, rule, values))
        if response.mimetype != "text/html":
            continue
        for href in HREF_RE.findall(response.get_data(as_text=True)):
            if href.startswith("/static/"):
                continue
            for segment in href.strip("/").split("/"):
                stem = segment.rsplit(".", 1)[0]
                if stem == API_VERSION:
                    continue
                if any(ch.isdigit() for ch in stem) and not UUID_RE.match(stem):
                    bad.add(href)
    assert bad == set()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_search_carries_no_names_in_urls(app, client, seed, method):
    """The search form posts; the list it leads to carries no name or phone."""
    sign_in(client, seed.users["supervisor"])
    page = client.get("/cases/").get_data(as_text=True)
    form = re.search(r'<form[^>]*action="/cases/search"[^>]*>', page)
    assert form and 'method="post"' in form.group(0).lower()
    response = client.open(
        "/cases/search",
        method=method,
        data={"worker_name": seed.worker.name, "phone": seed.worker.phone},
    )
    if method == "GET":
        assert response.status_code in (404, 405)  # GET /cases/<id> answers
        return
    assert response.status_code == 303
    location = response.headers["Location"]
    for text in (seed.worker.name, seed.worker.phone, *seed.worker.name.split()):
        assert text not in location
        from urllib.parse import quote_plus

        assert quote_plus(text) not in location
    listing = client.get(location)
    assert listing.status_code == 200
    assert seed.case.reference in listing.get_data(as_text=True)
