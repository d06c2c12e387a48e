"""Service tests call gettext, so they run inside a request context."""

import pytest


@pytest.fixture
def ctx(app):
    with app.test_request_context():
        yield
