"""Requests in these tests see a fresh `g` and roll back only their own work."""

from tests.isolation import request_isolation  # noqa: F401 - an autouse fixture
