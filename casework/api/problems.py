"""Errors as RFC 9457 problem details (``application/problem+json``).

Every answer that is not a success carries ``type``, ``title``, ``status`` and ``detail``;
refused input also names the ``field`` and the ``message`` for it, and ``errors`` lists
every field that was refused. Bad input is a 4xx, never a 500.
"""

from __future__ import annotations

import json

from flask import Response, current_app, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

from casework.security import apply_headers

MEDIA_TYPE = "application/problem+json"
DOCS = "/api/v1/docs"

#: HTTP status → (type code, title), the titles in English so that programs can match them.
KINDS = {
    400: ("bad-request", "Bad request"),
    401: ("unauthorized", "Authentication required"),
    403: ("forbidden", "Not allowed"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    409: ("conflict", "Conflict"),
    410: ("gone", "Gone"),
    413: ("too-large", "Request too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    422: ("validation", "Invalid input"),
    429: ("rate-limited", "Too many requests"),
    500: ("server-error", "Server error"),
}


class ApiProblem(Exception):
    """Raised by the API's views and hooks; answered as a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        kind: str | None = None,
        errors: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.kind = kind
        self.errors = errors or []
        self.headers = headers or {}


def problem_response(
    status: int,
    detail: str,
    *,
    kind: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> Response:
    code, title = KINDS.get(status, ("error", "Error"))
    body: dict[str, object] = {
        "type": f"{DOCS}#problem-{kind or code}",
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["field"] = errors[0]["field"]
        body["message"] = errors[0]["message"]
        body["errors"] = errors
    response = Response(json.dumps(body, ensure_ascii=False), status=status, mimetype=MEDIA_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return apply_headers(response)


def _flatten(messages, prefix: str = "") -> list[dict[str, str]]:
    """webargs' nested {location: {field: [messages]}} as a list of field and message."""
    out: list[dict[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(_flatten(value, name))
    elif isinstance(messages, list | tuple):
        if all(isinstance(m, str) for m in messages):
            for message in messages:
                out.append({"field": prefix or "body", "message": message})
        else:
            for item in messages:
                out.extend(_flatten(item, prefix))
    else:
        out.append({"field": prefix or "body", "message": str(messages)})
    return out


def _strip_location(errors: list[dict[str, str]]) -> list[dict[str, str]]:
    # "json.workers.0.name" → "workers.0.name"; "query.page" → "page"
    for error in errors:
        head, _sep, rest = error["field"].partition(".")
        if head in {"json", "query", "form", "headers", "path"} and rest:
            error["field"] = rest
    return errors


def from_http_exception(error: HTTPException) -> Response:
    status = error.code or 500
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") or data.get("errors")
    if status == 422 and messages:
        errors = _strip_location(_flatten(messages))
        return problem_response(
            422, _("Some of what was sent is not valid: see errors."), errors=errors
        )
    if status == 400 and data.get("messages"):
        return problem_response(400, _("The request body is not valid JSON."))
    details = {
        400: _("The request could not be understood."),
        401: _("Send a personal API token: Authorization: Bearer <token>."),
        403: _("The token's user may not do this."),
        404: _("There is nothing at this address, or it is not yours to see."),
        405: _("This address does not accept that method."),
        413: _("What you sent is larger than Casework accepts."),
        415: _("Send JSON (Content-Type: application/json)."),
    }
    headers = {}
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    return problem_response(status, details.get(status, error.description or ""), headers=headers)


def from_exception(error: Exception) -> Response:
    current_app.logger.exception("unhandled API error on %s %s", request.method, request.path)
    return problem_response(500, _("Casework hit an error and nothing was saved."))


def is_api_request() -> bool:
    return request.path.startswith("/api/")
