"""Error pages: plain, translated, no traceback, with the security headers."""

from __future__ import annotations

from flask import Flask, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from casework.api import problems
from casework.models.text_guard import StatusRefused
from casework.security import apply_headers


def _page(status: int, title: str, message: str):
    response = render_template("errors/error.html", status=status, title=title, message=message)
    return apply_headers(_response(response, status))


def _response(body: str, status: int):
    from flask import make_response

    return make_response(body, status)


def _same_site_referrer() -> str:
    referrer = request.referrer
    if referrer and referrer.startswith(request.host_url):
        return referrer
    return url_for("auth.login")


def init_app(app: Flask) -> None:
    """Register the handlers for HTTP errors, CSRF failures and unexpected exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        flash(
            _("Your form expired or came from another page. Nothing was saved: please try again."),
            "error",
        )
        target = (
            request.referrer
            if request.referrer and request.referrer.startswith(request.host_url)
            else url_for("auth.login")
        )
        return redirect(target, 303)

    @app.errorhandler(StatusRefused)
    def status_refused(error: StatusRefused):
        # Raised at flush, before anything was written: drop the change and say why.
        from casework.extensions import db
        from casework.privacy import REASON_MESSAGES

        db.session.rollback()
        reasons = "; ".join(_(REASON_MESSAGES[r]) for r in error.reasons if r in REASON_MESSAGES)
        flash(
            _(
                "Casework never records immigration status. Nothing was saved: the text "
                "%(reasons)s. Describe what the employer did instead.",
                reasons=reasons,
            ),
            "error",
        )
        return redirect(_same_site_referrer(), 303)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if problems.is_api_request():  # no route under /api/: a problem, not a page
            return problems.from_http_exception(error)
        messages = {
            400: (_("Bad request"), _("The request could not be understood.")),
            403: (_("Not allowed"), _("Your role does not allow this page.")),
            404: (
                _("Page not found"),
                _("There is no page at this address, or it is not yours to see."),
            ),
            405: (_("Not allowed"), _("This address does not accept that kind of request.")),
            413: (_("Too large"), _("What you sent is larger than Casework accepts.")),
            429: (
                _("Too many attempts"),
                _("Too many attempts. Please wait a minute and try again."),
            ),
        }
        title, message = messages.get(error.code, (_("Error"), _("Something went wrong.")))
        return _page(error.code or 500, title, message)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        if problems.is_api_request():
            return problems.from_exception(error)
        app.logger.exception("unhandled error on %s %s", request.method, request.path)
        return _page(
            500,
            _("Something went wrong"),
            _("Casework hit an error and nothing was saved. The error has been logged."),
        )
