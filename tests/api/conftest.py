"""Tokens of each role, and a client that sends them (and no cookie)."""

from __future__ import annotations

import pytest

from casework.api import tokens
from tests.security.conftest import ROLES, Seed, request_isolation, seed  # noqa: F401


@pytest.fixture
def token_for(make):
    """token_for(user, write=True) -> the token text (the row is in the test transaction)."""

    def _make(user, *, write: bool = True, days: int = 30) -> str:
        made = tokens.create_token(user, "test", ["read", "write"] if write else ["read"], days)
        return made.token

    return _make


@pytest.fixture
def bearer():
    def _headers(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    return _headers
