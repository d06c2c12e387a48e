"""Staff passwords: Argon2id hashing and the length and common-password rules.

Rules follow NIST SP 800-63B: a minimum length, a generous maximum, a check
against common passwords, and no composition rules (no forced digits or symbols).
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

DEFAULT_TIME_COST = 3
DEFAULT_MEMORY_COST = 64 * 1024  # KiB
PARALLELISM = 1
MIN_LENGTH = 15
MAX_LENGTH = 128


def _hasher(time_cost: int, memory_cost: int) -> PasswordHasher:
    return PasswordHasher(
        time_cost=time_cost, memory_cost=memory_cost, parallelism=PARALLELISM, type=Type.ID
    )


_hasher_now = _hasher(DEFAULT_TIME_COST, DEFAULT_MEMORY_COST)


def configure(time_cost: int, memory_cost: int) -> None:
    """Replace the module's hasher settings (tests lower them; production keeps the defaults)."""
    global _hasher_now
    _hasher_now = _hasher(time_cost, memory_cost)


def hash_password(pw: str) -> str:
    """Return an Argon2id hash string of ``pw`` with a fresh salt."""
    return _hasher_now.hash(pw)


def verify_password(hash: str, pw: str) -> bool:
    """True when ``pw`` matches ``hash``; False for a mismatch or an unusable hash."""
    try:
        return _hasher_now.verify(hash, pw)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(hash: str) -> bool:
    """True when ``hash`` was made with other settings than the current ones."""
    try:
        return _hasher_now.check_needs_rehash(hash)
    except (InvalidHashError, ValueError):
        return True


@functools.cache
def _common_passwords() -> frozenset[str]:
    text = resources.files(__package__).joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


def _variants(pw: str) -> set[str]:
    lowered = unicodedata.normalize("NFKC", pw).casefold().strip()
    return {lowered, "".join(lowered.split())}


def is_common_password(pw: str) -> bool:
    """True when ``pw`` (ignoring case and spaces) is on the bundled common-password list."""
    common = _common_passwords()
    return any(variant in common for variant in _variants(pw))


def password_problems(pw: str) -> list[str]:
    """Message keys for what is wrong with a new password: too_short, too_long, too_common."""
    problems = []
    if len(pw) < MIN_LENGTH:
        problems.append("too_short")
    if len(pw) > MAX_LENGTH:
        problems.append("too_long")
    if is_common_password(pw):
        problems.append("too_common")
    return problems
