"""Accounts: creation, passwords, TOTP, throttling, first-run setup."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

import pyotp
from flask import current_app
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import func, select

from casework import audit, settings
from casework.crypto import passwords
from casework.extensions import db
from casework.models.base import utcnow
from casework.models.user import ROLES, User
from casework.refusals import Refused
from casework.services import session_store

ALWAYS_TOTP = frozenset({"supervisor", "admin"})
RELAXABLE_TOTP = frozenset({"intake", "advocate"})


# -- passwords ---------------------------------------------------------------
def configure_hashing(app) -> None:
    passwords.configure(
        time_cost=app.config["CASEWORK_ARGON2_TIME_COST"],
        memory_cost=app.config["CASEWORK_ARGON2_MEMORY_KIB"],
    )


def password_problems(password: str) -> list[str]:
    """Reason keys for a refused password: too_short, too_long, too_common."""
    return passwords.password_problems(password)


# -- users -------------------------------------------------------------------
def normalize_email(email: str) -> str:
    return email.strip().lower()


def user_count() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0


def find_user(email: str) -> User | None:
    email = normalize_email(email)
    if "\x00" in email:  # no account has one, and PostgreSQL refuses it in a query
        return None
    return db.session.scalar(select(User).where(User.email == email))


def create_user(
    email: str,
    name: str,
    role: str,
    password: str,
    *,
    locale: str | None = None,
    temporary: bool = False,
) -> User:
    """Create an account; raises Refused naming the field at fault.

    ``temporary``: an administrator chose the password, so the person must set their
    own at first sign-in before anything else opens.
    """
    email = normalize_email(email)
    if role not in ROLES:
        raise Refused("role", "unknown role")
    if "@" not in email or len(email) > 254:
        raise Refused("email", "invalid email")
    if find_user(email) is not None:
        raise Refused("email", "taken")
    problems = password_problems(password)
    if problems:
        raise Refused("password", problems[0])
    user = User(
        email=email,
        name=name.strip(),
        role=role,
        password_hash=passwords.hash_password(password),
        totp_required=True,
        locale=locale,
        must_change_password=temporary,
    )
    db.session.add(user)
    db.session.flush()
    audit.record("user.create", user, detail=role)
    return user


def _end_sessions(user: User) -> None:
    """End every session of the user and shred what they kept server side."""
    user.session_epoch += 1
    session_store.discard_for_user(db.session, user.id)


def change_password(user: User, new_password: str) -> None:
    """Set a new password and end every other session of the user."""
    problems = password_problems(new_password)
    if problems:
        raise Refused("new_password", problems[0])
    user.password_hash = passwords.hash_password(new_password)
    user.password_changed_at = utcnow()
    _end_sessions(user)
    audit.record("user.password_change", user)


def set_own_password(user: User, new_password: str) -> None:
    """Replace a temporary password at first sign-in; the temporary one stops working."""
    if passwords.verify_password(user.password_hash, new_password):
        raise Refused("new_password", "same_as_temporary")
    change_password(user, new_password)
    user.must_change_password = False


def set_active(user: User, active: bool) -> None:
    user.active = active
    if not active:
        _end_sessions(user)
    audit.record("user.activate" if active else "user.deactivate", user)


def set_role(user: User, role: str) -> None:
    if role not in ROLES:
        raise Refused("role", "unknown role")
    user.role = role
    _end_sessions(user)
    if role in ALWAYS_TOTP:
        user.totp_required = True
    audit.record("user.role", user, detail=role)


def reset_totp(user: User) -> None:
    """Forget a user's authenticator: they enroll a new one at their next sign-in."""
    user.totp_secret = None
    user.totp_enrolled = False
    user.totp_last_step = None
    _end_sessions(user)
    audit.record("user.totp_reset", user)


def set_totp_required(user: User, required: bool) -> None:
    if not required and user.role not in RELAXABLE_TOTP:
        raise Refused("totp_required", "always required")
    user.totp_required = required
    audit.record("user.totp_policy", user, detail="required" if required else "optional")


def needs_totp(user: User) -> bool:
    return user.role in ALWAYS_TOTP or user.totp_required or user.totp_enrolled


# -- sign-in -----------------------------------------------------------------
_limiter = None


def _rate_limiter():
    global _limiter
    uri = current_app.config["RATELIMIT_STORAGE_URI"]
    if _limiter is None or _limiter[0] != uri:
        from casework.auth import throttle  # noqa: F401 - registers casework+db://

        _limiter = (uri, MovingWindowRateLimiter(storage_from_string(uri)))
    return _limiter[1]


def _limit(config_key: str):
    cfg = current_app.config
    return parse(f"{cfg[config_key]}/{cfg['CASEWORK_LOGIN_WINDOW_SECONDS']} second")


def _account_key(email: str) -> str:
    # Counters are keyed by a hash, so the rate-limit store never holds an address.
    return hashlib.sha256(normalize_email(email).encode()).hexdigest()[:32]


def _address_key(address: str) -> str:
    return hashlib.sha256((address or "-").encode()).hexdigest()[:32]


def take_attempt(email: str, address: str, kind: str = "password") -> bool:
    """Take one sign-in attempt (``password`` or ``totp``); False when throttled.

    Taken before the password or code is checked, atomically in a store every process
    shares, so no more than CASEWORK_LOGIN_FAILURES checks per account get through in a
    window however many workers serve them. Addresses get a looser limit, so one person
    cannot lock out an office that shares one.
    """
    limiter = _rate_limiter()
    if not limiter.hit(_limit("CASEWORK_ADDRESS_FAILURES"), "addr", _address_key(address)):
        return False
    return limiter.hit(_limit("CASEWORK_LOGIN_FAILURES"), kind, _account_key(email))


def take_hit(rate: str, kind: str, key: str) -> bool:
    """Take one hit of a rate such as "60/minute" for a hashed key; False when over it.

    The same store as sign-in throttling, so every process counts together.
    """
    return _rate_limiter().hit(parse(rate), kind, key)


def attempt_succeeded(email: str, kind: str = "password") -> None:
    """A right password or code: the account's attempts start over."""
    limiter, limit = _rate_limiter(), _limit("CASEWORK_LOGIN_FAILURES")
    limiter.clear(limit, kind, _account_key(email))


def is_throttled(email: str, address: str) -> bool:
    """Whether the next attempt would be refused (without taking one)."""
    limiter = _rate_limiter()
    return not limiter.test(
        _limit("CASEWORK_LOGIN_FAILURES"), "password", _account_key(email)
    ) or not limiter.test(_limit("CASEWORK_ADDRESS_FAILURES"), "addr", _address_key(address))


def record_failure(email: str, address: str) -> None:
    """Failures are counted when the attempt is taken (see take_attempt)."""


def _record_failure_event(user_id) -> None:
    """The failed sign-in in the audit log, retried under SQLite's write lock when needed.

    With several worker processes on SQLite, another process may have written since this
    request's first read (a sign-in attempt, an audit event); its snapshot then cannot
    write, and the event is written again holding the write lock from the start.
    """
    from sqlalchemy.exc import OperationalError

    for attempt in range(3):
        try:
            audit.record("auth.failure", object_type="users", object_id=user_id, user_id=user_id)
            db.session.commit()
            return
        except OperationalError:
            db.session.rollback()
            if attempt == 2 or db.engine.dialect.name != "sqlite":
                raise
            db.session.connection(execution_options={"casework_immediate": True})


def reset_throttle_storage() -> None:
    """Forget every counter (tests)."""
    global _limiter
    if _limiter is not None:
        _limiter[1].storage.reset()


# A real hash to verify against when the email is unknown, so both take the same time.
_DUMMY_HASH: str | None = None


def authenticate(email: str, password: str, address: str) -> User | None:
    """The user for these credentials, or None; counts failures for throttling."""
    global _DUMMY_HASH
    user = find_user(email)
    if user is None or not user.active:
        if _DUMMY_HASH is None:
            _DUMMY_HASH = passwords.hash_password(secrets.token_hex(16))
        passwords.verify_password(_DUMMY_HASH, password)
        return None
    if not passwords.verify_password(user.password_hash, password):
        _record_failure_event(user.id)
        return None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    return user


# -- TOTP --------------------------------------------------------------------
def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(user: User, secret: str) -> str:
    issuer = current_app.config["CASEWORK_ORG_NAME"]
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=issuer)


def _matching_step(secret: str, code: str, at: float | None = None) -> int | None:
    """The 30-second step a code belongs to (this one, or one either side), else None."""
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if at is None else at
    for offset in (0, -1, 1):
        moment = now + offset * totp.interval
        if hmac.compare_digest(totp.at(moment), code):
            return int(moment // totp.interval)
    return None


def verify_totp(user: User, code: str, *, secret: str | None = None) -> bool:
    """Check a code; an accepted time step can never be used again."""
    secret = secret or user.totp_secret
    if not secret:
        return False
    step = _matching_step(secret, code)
    if step is None:
        return False
    if user.totp_last_step is not None and step <= user.totp_last_step:
        return False
    user.totp_last_step = step
    return True


def enroll_totp(user: User, secret: str, code: str) -> bool:
    if not verify_totp(user, code, secret=secret):
        return False
    user.totp_secret = secret
    user.totp_enrolled = True
    audit.record("user.totp_enroll", user)
    return True


def record_login(user: User) -> None:
    user.last_login_at = utcnow()
    audit.record("auth.login", user, user_id=user.id)


# -- first-run setup ----------------------------------------------------------
SETUP_KEY = "setup_token_sha256"


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_setup_token() -> str | None:
    """A new one-time setup token while no account exists; None once one does."""
    if user_count() > 0:
        return None
    token = secrets.token_urlsafe(32)
    settings.put(SETUP_KEY, _token_hash(token))
    db.session.commit()
    return token


def setup_token_valid(token: str | None) -> bool:
    if not token or user_count() > 0:
        return False
    stored = settings.get(SETUP_KEY)
    return bool(stored) and hmac.compare_digest(stored, _token_hash(token))


def complete_setup(token: str, email: str, name: str, password: str, locale: str | None) -> User:
    """Create the first administrator and burn the token."""
    if not setup_token_valid(token):
        raise Refused("token", "invalid")
    user = create_user(email, name, "admin", password, locale=locale)
    settings.put(SETUP_KEY, None)
    return user
