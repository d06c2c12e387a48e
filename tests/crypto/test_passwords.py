"""Staff passwords: Argon2id hashes, rehash detection, length and common-password rules."""

from importlib import resources

import pytest

from casework.crypto import passwords
from casework.crypto.passwords import (
    hash_password,
    is_common_password,
    needs_rehash,
    password_problems,
    verify_password,
)

GOOD = "corre el río hacia el mar azul"


@pytest.fixture
def cheap_hashing():
    passwords.configure(time_cost=1, memory_cost=8)
    yield
    passwords.configure(passwords.DEFAULT_TIME_COST, passwords.DEFAULT_MEMORY_COST)


def test_hash_and_verify(cheap_hashing):
    stored = hash_password(GOOD)
    assert GOOD not in stored
    assert verify_password(stored, GOOD)
    assert not verify_password(stored, GOOD.upper())
    assert not verify_password(stored, "")


def test_hashes_are_salted(cheap_hashing):
    assert hash_password(GOOD) != hash_password(GOOD)


@pytest.mark.parametrize("broken", ["", "plaintext", "$argon2id$v=19$m=8,t=1,p=1$garbage"])
def test_unusable_stored_hash_never_verifies(cheap_hashing, broken):
    assert not verify_password(broken, GOOD)


def test_production_settings_are_argon2id_64_mib_t3():
    stored = hash_password(GOOD)
    assert stored.startswith("$argon2id$v=19$m=65536,t=3,p=1$")
    assert verify_password(stored, GOOD)
    assert not needs_rehash(stored)


def test_hash_made_with_other_settings_needs_rehash(cheap_hashing):
    cheap = hash_password(GOOD)
    assert not needs_rehash(cheap)
    passwords.configure(passwords.DEFAULT_TIME_COST, passwords.DEFAULT_MEMORY_COST)
    assert needs_rehash(cheap)
    assert verify_password(cheap, GOOD)  # old hashes still log in, then get upgraded


def test_garbage_hash_needs_rehash():
    assert needs_rehash("not a hash")


@pytest.mark.parametrize(
    "pw",
    [
        "password",
        "123456",
        "passwordpassword",
        "PasswordPassword",
        "123456789012345",
        "qwertyuiopasdfgh",
        "iloveyouiloveyou",
        "I love you I love you",
        "Contraseña",
    ],
)
def test_common_passwords_are_recognized(pw):
    assert is_common_password(pw)


@pytest.mark.parametrize("pw", [GOOD, "tortuga verde salta 1987", "x"])
def test_uncommon_passwords_are_not_flagged(pw):
    assert not is_common_password(pw)


def test_bundled_list_is_lowercase_unique_and_long_enough():
    text = resources.files("casework.crypto").joinpath("common_passwords.txt").read_text("utf-8")
    lines = text.splitlines()
    assert len(lines) >= 1000
    assert len(set(lines)) == len(lines)
    assert all(line == line.lower().strip() and line for line in lines)
    assert sum(len(line) >= 15 for line in lines) >= 100


@pytest.mark.parametrize(
    ("pw", "problems"),
    [
        (GOOD, []),
        ("alllowercaselettersonlyhere", []),  # no composition rules
        ("a" * 128, []),
        ("Short1!", ["too_short"]),
        ("a" * 14, ["too_short"]),
        ("a" * 129, ["too_long"]),
        ("passwordpassword", ["too_common"]),
        ("password", ["too_short", "too_common"]),
        ("", ["too_short"]),
    ],
)
def test_password_problems(pw, problems):
    assert password_problems(pw) == problems


def test_length_counts_characters_not_bytes():
    assert password_problems("ñandú pingüino á") == []
    assert password_problems("ñ" * 14) == ["too_short"]
