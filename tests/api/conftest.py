"""Tokens of each role, a seeded case with one of everything (tests/security's), and
a helper for the Authorization header. Requests carry a token and no cookie."""

from __future__ import annotations

import pytest

from casework.api import tokens
from casework.extensions import db
from tests.security.conftest import Seed, request_isolation, seed  # noqa: F401

#: The roles that hold API tokens, as the seed names them (admins have none).
TOKEN_ROLES = ("intake", "advocate_on", "advocate_off", "supervisor")


@pytest.fixture
def token_for():
    """token_for(user, write=True, days=30) -> the token text, committed to the test's
    outer transaction (so that a refused request's rollback keeps it)."""

    def _make(user, *, write: bool = True, days: int = 30) -> str:
        made = tokens.create_token(user, "test", ["read", "write"] if write else ["read"], days)
        db.session.commit()
        return made.token

    return _make


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def role_tokens(request, token_for) -> dict[str, str]:
    """A read-write token for each role of the seed."""
    users = request.getfixturevalue("seed").users
    return {role: token_for(users[role]) for role in TOKEN_ROLES}
