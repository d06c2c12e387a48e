"""The API blueprint, its bearer-token authentication, scopes, rate limits and errors.

No session cookie opens the API: requests under /api/ get no session at all (see
``ApiSessionInterface``), and every request but the description's is authenticated by
``Authorization: Bearer <token>``. The token's user is the request's user, so
``casework.authz``, the privacy guard and the audit log apply to it unchanged.
"""

from __future__ import annotations

from flask import current_app, g, request
from flask.sessions import SecureCookieSessionInterface
from flask_babel import gettext as _
from flask_login import AnonymousUserMixin
from flask_smorest import Blueprint
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from werkzeug.exceptions import HTTPException

from casework.api import problems, tokens
from casework.extensions import db
from casework.models.text_guard import StatusRefused
from casework.privacy import REASON_MESSAGES
from casework.refusals import Refused

bp = Blueprint("api", __name__, url_prefix="/api/v1", description="Casework's JSON API, version 1.")

#: Endpoints that need no token: the description and its readable page.
OPEN_ENDPOINTS = frozenset({"api.openapi_json", "api.docs"})
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ApiSessionInterface(SecureCookieSessionInterface):
    """No session under /api/: a cookie there is never read and never set."""

    def open_session(self, app, request):
        if request.path.startswith("/api/"):
            return self.make_null_session(app)
        return super().open_session(app, request)


_limiter: tuple[str, MovingWindowRateLimiter] | None = None


def _rate_limiter() -> MovingWindowRateLimiter:
    global _limiter
    uri = current_app.config["RATELIMIT_STORAGE_URI"]
    if _limiter is None or _limiter[0] != uri:
        from casework.auth import throttle  # noqa: F401 - registers casework+db://

        _limiter = (uri, MovingWindowRateLimiter(storage_from_string(uri)))
    return _limiter[1]


def _unauthorized(detail: str, error: str = "invalid_token") -> problems.ApiProblem:
    return problems.ApiProblem(
        401,
        detail,
        headers={"WWW-Authenticate": f'Bearer realm="casework", error="{error}"'},
    )


@bp.before_request
def authenticate():
    """The bearer token's user becomes the request's user, or the request is refused."""
    g._login_user = AnonymousUserMixin()  # nothing from a cookie, ever
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    scheme, _sep, value = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        raise problems.ApiProblem(
            401,
            _("Send a personal API token: Authorization: Bearer <token>."),
            headers={"WWW-Authenticate": 'Bearer realm="casework"'},
        )
    row = tokens.authenticate(value.strip())
    if row is None:
        raise _unauthorized(_("The token is not valid: it may be mistyped, expired or revoked."))
    limit = parse(current_app.config["CASEWORK_API_RATE_LIMIT"])
    if not _rate_limiter().hit(limit, "api", str(row.id)):
        raise problems.ApiProblem(
            429,
            _("Too many requests with this token. Wait a minute, then try again."),
            headers={"Retry-After": str(limit.get_expiry())},
        )
    if db.session.dirty:
        db.session.commit()  # the token's last use
    g._login_user = row.user
    g.api_token = row
    if request.method not in READ_METHODS and not row.allows("write"):
        raise problems.ApiProblem(
            403,
            _("This token may only read. Make a token with write access to change anything."),
            kind="insufficient-scope",
        )
    return None


@bp.errorhandler(problems.ApiProblem)
def _api_problem(error: problems.ApiProblem):
    db.session.rollback()
    return problems.problem_response(
        error.status, error.detail, kind=error.kind, errors=error.errors, headers=error.headers
    )


@bp.errorhandler(StatusRefused)
def _status_refused(error: StatusRefused):
    # Raised at flush, before anything was written: nothing is kept.
    db.session.rollback()
    reasons = "; ".join(_(REASON_MESSAGES[r]) for r in error.reasons if r in REASON_MESSAGES)
    message = _(
        "Casework never records immigration status. Nothing was saved: the text "
        "%(reasons)s. Describe what the employer did instead.",
        reasons=reasons,
    )
    field = getattr(error, "field", None) or "body"
    return problems.problem_response(
        422, message, kind="status-disclosure", errors=[{"field": field, "message": message}]
    )


@bp.errorhandler(Refused)
def _refused(error: Refused):
    db.session.rollback()
    return problems.problem_response(
        422, error.code, errors=[{"field": error.field, "message": error.code}]
    )


@bp.errorhandler(HTTPException)
def _http_error(error: HTTPException):
    db.session.rollback()
    return problems.from_http_exception(error)


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    if isinstance(error, HTTPException):
        return _http_error(error)
    db.session.rollback()
    return problems.from_exception(error)


def refusal(field: str, message: str, status: int = 422) -> problems.ApiProblem:
    """A refused input, named and explained, to raise from a view."""
    return problems.ApiProblem(status, message, errors=[{"field": field, "message": message}])
