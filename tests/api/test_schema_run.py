"""The API run from its own description (schemathesis): every operation, with a token of
each role, on a seeded case with one of everything. No answer may be a 5xx, and every
answer must match the description: its status, content type, headers and schema.

Path ids are the seed's own (random ids only meet a 404, which the authorization tests
check); everything else — query strings, bodies, headers — is generated from the
description, valid and not.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.api.conftest import TOKEN_ROLES, bearer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
#: Generated examples per operation (each sent once per role).
EXAMPLES = 10
CALLS: list[tuple[str, int]] = []


def _run_operation(operation, seed, role_tokens) -> None:
    """EXAMPLES generated requests for one operation, each sent with every role's token."""
    ids = {
        "case_id": str(seed.case.id),
        "judgment_id": str(seed.judgment.id),
        "letter_id": str(seed.letter.id),
    }

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        for name in list(case.path_parameters or {}):
            if name in ids:
                case.path_parameters[name] = ids[name]
        for role in TOKEN_ROLES:
            response = case.call_and_validate(headers=bearer(role_tokens[role]), checks=CHECKS)
            assert response.status_code < 500
            CALLS.append((operation.label, response.status_code))

    run()


def test_api_matches_its_description(app, seed, role_tokens):
    # schemathesis' own pytest plugin does not run under this pytest (it reads a node
    # attribute pytest 9 removed), so the operations are driven from here.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12
    for operation in operations:
        _run_operation(operation, seed, role_tokens)


def test_the_run_reached_every_operation_and_succeeded_somewhere(app):
    """Runs after the schema run: each operation was called, and some calls succeeded."""
    if not CALLS:
        pytest.skip("the schema run did not run in this process")
    from casework.api.docs import description

    with app.test_request_context():
        spec = description()
    operations = {
        f"{method.upper()} {path}"
        for path, item in spec["paths"].items()
        for method in item
        if method in ("get", "post")
    }
    called = {label for label, _status in CALLS}
    assert operations <= called
    succeeded = {label for label, status in CALLS if status < 300}
    print(f"\nschema run: {len(CALLS)} requests, {len(succeeded)} operations answered 2xx")
    assert len(succeeded) >= len(operations) // 2
