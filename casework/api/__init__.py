"""The JSON API under /api/v1/, described by OpenAPI 3.1 at /api/v1/openapi.json.

Built on flask-smorest: marshmallow schemas validate what comes in (no WTForms), shape
what goes out, and are the description, so the description cannot drift from the code.
"""

from __future__ import annotations

import http

from flask import Flask
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from limits import parse

from casework.api import problems
from casework.api.schemas import Money, Problem


class CaseworkApi(Api):
    """flask-smorest's Api, with errors as problem details and no app-wide handlers."""

    ERROR_SCHEMA = Problem

    def _register_error_handlers(self):
        # The API blueprint answers its own errors (casework/api/blueprint.py); the rest of
        # the app keeps its HTML error pages.
        pass

    def _register_responses(self):
        for status in http.HTTPStatus:
            response = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, problems.MEDIA_TYPE)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "A problem (RFC 9457)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, problems.MEDIA_TYPE)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)


api = CaseworkApi()


def init_app(app: Flask) -> None:
    """Serve the API: the description, the bearer-token hook, CSRF off for it alone."""
    from casework.api import cases, docs, money  # noqa: F401 - the routes
    from casework.api.blueprint import ApiSessionInterface, bp
    from casework.extensions import csrf

    app.config.setdefault("API_TITLE", "Casework API")
    app.config.setdefault("API_VERSION", "1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("CASEWORK_API_RATE_LIMIT", "120/minute")
    try:
        parse(app.config["CASEWORK_API_RATE_LIMIT"])
    except ValueError:
        raise SystemExit(
            "Casework will not start:\n  - CASEWORK_API_RATE_LIMIT is not a rate such as 120/minute"
        ) from None
    app.session_interface = ApiSessionInterface()
    api.init_app(
        app,
        spec_kwargs={
            "info": {
                "description": (
                    "Cases, workers, employers, notes, deadlines, the wage calculator's "
                    "breakdown, letters, judgments and payments. Authenticate with a "
                    "personal API token from your account page: "
                    "`Authorization: Bearer <token>`."
                )
            },
            "security": [{"bearer": []}],
        },
    )
    api.register_field(Money, "string", "decimal")
    api.spec.components.security_scheme(
        "bearer", {"type": "http", "scheme": "bearer", "description": "A personal API token"}
    )
    csrf.exempt(bp)
    api.register_blueprint(bp)
