"""The calendar settings page and the feed itself."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm

from casework import authz
from casework.auth import service as auth_service
from casework.calendar import ics, service
from casework.extensions import db
from casework.models.base import utcnow

bp = Blueprint("calendar", __name__)

#: Feed fetches a minute per address (calendar apps fetch about hourly).
FETCHES_PER_MINUTE = 60
ACTIONS = ("on", "renew", "off")


class FeedForm(FlaskForm):
    """Buttons only: turn on, renew, turn off (the form carries the CSRF token)."""


def _page(form: FeedForm, *, token: str | None = None, status: int = 200):
    feed = service.active_feed(current_user)
    address = url_for("calendar.feed", token=token, _external=True) if token else None
    return (
        render_template(
            "calendar/settings.html",
            form=form,
            feed=feed,
            address=address,
            error=status == 422,
        ),
        status,
    )


@bp.get("/account/calendar")
@authz.requires("deadline.list")
def settings():
    return _page(FeedForm())


@bp.post("/account/calendar")
@authz.requires("deadline.list")
def change():
    form = FeedForm()
    action = request.form.get("action", "")
    if not form.validate() or action not in ACTIONS:
        return _page(form, status=422)
    if action == "off":
        service.turn_off(current_user)
        db.session.commit()
        return _page(FeedForm())
    token = service.turn_on(current_user)
    db.session.commit()
    # The address is shown this once: only its hash is kept.
    return _page(FeedForm(), token=token)


@bp.get("/calendar/<token>.ics")
def feed(token: str):
    key = service.token_hash(token)[:32]
    if not auth_service.take_hit(f"{FETCHES_PER_MINUTE}/minute", "calendar", key):
        abort(429)
    found = service.feed_owner(token)
    if found is None:
        abort(404)
    feed_row, user = found
    with force_locale(user.locale or "en"):
        events = service.events_for(user, date.today())
        body = ics.render(
            events,
            name=_("Casework deadlines"),
            link=lambda case_id: url_for("cases.show", case_id=case_id, _external=True),
            description=lambda url: _("Open the case in Casework: %(url)s", url=url),
            stamp=utcnow(),
        )
    service.mark_fetched(feed_row)
    db.session.commit()
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'inline; filename="casework-deadlines.ics"'
    response.headers["Cache-Control"] = "no-store"
    return response
