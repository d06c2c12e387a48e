"""Sessions: who is signed in, default deny, idle and absolute timeouts."""

from __future__ import annotations

import time
import uuid
from datetime import timedelta

from flask import Flask, current_app, flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager, current_user, login_user, logout_user

from casework.extensions import db
from casework.models.user import User, parse_session_id
from casework.services import session_store

#: Endpoints anyone may reach without signing in.
PUBLIC_ENDPOINTS = frozenset(
    {
        "static",
        "auth.login",
        "auth.login_totp",
        "auth.enroll_totp",
        "auth.enroll_qr",
        "auth.setup",
        "auth.language",
        "auth.logout",
        # A calendar app fetches the feed with its secret address, never a session.
        "calendar.feed",
    }
)


#: What a signed-in person with a temporary password may still reach.
FIRST_PASSWORD_ENDPOINTS = frozenset({"auth.first_password", "auth.logout", "auth.language"})


def load_user(session_id: str) -> User | None:
    """The signed-in user, unless the account was deactivated or its sessions ended."""
    parsed = parse_session_id(session_id)
    if parsed is None:
        return None
    user_id, epoch = parsed
    user = db.session.get(User, user_id)
    if user is None or not user.active or user.session_epoch != epoch:
        return None
    return user


#: The session key that holds the id of each purpose's server-side row (never its content).
DATA_KEYS = {"search": "search_id", "enroll": "enroll_id"}


def keep(purpose: str, user_id: uuid.UUID, payload: dict, lifetime: timedelta) -> None:
    """Keep ``payload`` server side, encrypted, replacing what this session kept before;
    the cookie holds only the row's random id. The caller commits."""
    forget(purpose)
    row_id = session_store.put(db.session, user_id, purpose, payload, lifetime)
    session[DATA_KEYS[purpose]] = row_id.hex


def kept(purpose: str, user_id: uuid.UUID) -> dict | None:
    """What this session kept for ``purpose``; None when nothing, expired or another user's."""
    return session_store.get(db.session, session.get(DATA_KEYS[purpose]), user_id, purpose)


def forget(purpose: str) -> bool:
    """Shred what this session kept for ``purpose``; True when there was a row. The caller
    commits."""
    row_id = session.pop(DATA_KEYS[purpose], None)
    return bool(row_id) and session_store.discard(db.session, [row_id]) > 0


def forget_all() -> None:
    """Shred everything this session kept server side and every expired row, and commit."""
    found = [forget(purpose) for purpose in DATA_KEYS]
    if any(found) or session_store.purge_expired(db.session):
        db.session.commit()


def time_left() -> timedelta:
    """How long this session may still last (its absolute timeout), never less than zero."""
    absolute = current_app.config["CASEWORK_ABSOLUTE_TIMEOUT"]
    started = session.get("_started", int(time.time()))
    return max(timedelta(0), absolute - timedelta(seconds=int(time.time()) - started))


def start_session(user: User) -> None:
    """Sign a user in on a fresh session (nothing from before sign-in carries over)."""
    # current_user is a proxy; logging the proxy in would make it resolve to itself.
    user = getattr(user, "_get_current_object", lambda: user)()
    forget_all()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale
    login_user(user)
    now = int(time.time())
    session["_started"] = now
    session["_seen"] = now
    session.permanent = True


def end_session() -> None:
    forget_all()
    logout_user()
    locale = session.get("locale")
    session.clear()
    if locale:
        session["locale"] = locale


def _enforce() -> object | None:
    """Default deny, and the idle and absolute timeouts."""
    endpoint = request.endpoint
    if endpoint in PUBLIC_ENDPOINTS or request.blueprint == "api":
        return None  # the API authenticates each request by its token (casework/api/)
    if not current_user.is_authenticated:
        if endpoint is None:
            return None  # a 404 for an unknown address, shown by the error handler
        return redirect(url_for("auth.login"))
    now = int(time.time())
    started = session.get("_started", 0)
    seen = session.get("_seen", 0)
    idle = current_app.config["CASEWORK_IDLE_TIMEOUT"].total_seconds()
    absolute = current_app.config["CASEWORK_ABSOLUTE_TIMEOUT"].total_seconds()
    if now - seen > idle or now - started > absolute:
        end_session()
        flash(_l("Your session ended. Please sign in again."), "info")
        return redirect(url_for("auth.login"))
    session["_seen"] = now
    if current_user.must_change_password and endpoint not in FIRST_PASSWORD_ENDPOINTS:
        # Nothing else opens until the temporary password is replaced.
        return redirect(url_for("auth.first_password"))
    return None


def init_app(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.user_loader(load_user)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"
    app.before_request(_enforce)
