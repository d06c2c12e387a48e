"""axe-core is injected as a script tag; the app's CSP (rightly) forbids that, so the
audit's browser context bypasses the CSP. The pages themselves are unchanged."""

import pytest


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}
