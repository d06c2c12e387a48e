"""Key ring and key file: versions, rotation helpers, file safety, no key bytes in messages."""

import base64
import json
import os
import stat

import pytest

from casework.crypto.errors import KeyFileError, UnknownKeyVersion
from casework.crypto.keyring import (
    KeyRing,
    generate_key_file,
    key_file_problems,
    key_file_text,
    keyring_from_env,
    load_key_file,
    new_key_ring,
    write_key_file,
)

K1 = bytes(range(32))
K2 = bytes(range(32, 64))
IDX = bytes(range(64, 96))


def secret_forms(ring):
    """Every spelling of the ring's key bytes that must never show up in a message."""
    keys = [ring.key(v) for v in ring.versions] + [ring.index_key]
    forms = []
    for key in keys:
        forms += [key.hex(), base64.b64encode(key).decode(), repr(key)]
    return forms


def assert_no_secrets(text, ring):
    for form in secret_forms(ring):
        assert form not in text


def mode_of(path):
    return stat.S_IMODE(os.stat(path).st_mode)


def test_ring_exposes_versions_primary_keys_and_index_key():
    ring = KeyRing({2: K2, 1: K1}, 2, IDX)
    assert ring.primary_version == 2
    assert ring.versions == (1, 2)
    assert ring.key(1) == K1
    assert ring.key(2) == K2
    assert ring.index_key == IDX


def test_unknown_version_raises():
    ring = KeyRing({1: K1}, 1, IDX)
    with pytest.raises(UnknownKeyVersion):
        ring.key(7)


def test_ring_is_immutable_and_copies_its_input():
    keys = {1: K1}
    ring = KeyRing(keys, 1, IDX)
    keys[2] = K2
    assert ring.versions == (1,)
    with pytest.raises(AttributeError):
        ring._primary = 5
    with pytest.raises(TypeError):
        ring._keys[3] = K2


def test_repr_shows_versions_but_no_key_bytes():
    ring = KeyRing({1: K1, 2: K2}, 2, IDX)
    text = repr(ring)
    assert "1, 2" in text
    assert_no_secrets(text, ring)


@pytest.mark.parametrize(
    ("keys", "primary", "index_key"),
    [
        ({1: K1[:16]}, 1, IDX),  # short master key
        ({1: K1}, 1, IDX + b"x"),  # long index key
        ({1: K1}, 2, IDX),  # primary missing
        ({}, 1, IDX),  # no keys
        ({0: K1}, 0, IDX),  # versions start at 1
    ],
)
def test_invalid_rings_are_refused(keys, primary, index_key):
    with pytest.raises(KeyFileError):
        KeyRing(keys, primary, index_key)


def test_with_new_version_adds_a_random_primary_and_keeps_the_index_key():
    ring = KeyRing({1: K1, 3: K2}, 1, IDX)
    rotated = ring.with_new_version()
    assert rotated.versions == (1, 3, 4)
    assert rotated.primary_version == 4
    assert len(rotated.key(4)) == 32
    assert rotated.key(4) not in (K1, K2)
    assert rotated.key(1) == K1 and rotated.key(3) == K2
    assert rotated.index_key == IDX
    assert ring.versions == (1, 3)  # the original is untouched
    assert ring.with_new_version().key(4) != rotated.key(4)


def test_without_version_retires_an_old_key_but_never_the_primary():
    ring = KeyRing({1: K1}, 1, IDX).with_new_version()
    retired = ring.without_version(1)
    assert retired.versions == (2,)
    assert retired.primary_version == 2
    with pytest.raises(UnknownKeyVersion):
        retired.key(1)
    with pytest.raises(KeyFileError):
        ring.without_version(2)
    with pytest.raises(UnknownKeyVersion):
        ring.without_version(9)


def test_key_file_round_trip_and_documented_format(tmp_path):
    ring = KeyRing({1: K1, 2: K2}, 2, IDX)
    path = tmp_path / "keys.json"
    write_key_file(path, ring)
    assert load_key_file(path) == ring
    document = json.loads(path.read_text())
    assert document == {
        "format": "casework-keyring-v1",
        "primary": 2,
        "keys": {"1": base64.b64encode(K1).decode(), "2": base64.b64encode(K2).decode()},
        "index_key": base64.b64encode(IDX).decode(),
    }


def test_written_key_file_is_0600_even_with_a_permissive_umask(tmp_path):
    path = tmp_path / "keys.json"
    old = os.umask(0)
    try:
        write_key_file(path, new_key_ring())
    finally:
        os.umask(old)
    assert mode_of(path) == 0o600


def test_write_replaces_the_file_and_leaves_no_temporary_files(tmp_path):
    path = tmp_path / "keys.json"
    first = new_key_ring()
    write_key_file(path, first)
    path.chmod(0o644)
    rotated = first.with_new_version()
    write_key_file(path, rotated)
    assert load_key_file(path) == rotated
    assert mode_of(path) == 0o600
    assert os.listdir(tmp_path) == ["keys.json"]


def test_generate_key_file_creates_a_private_loadable_ring(tmp_path):
    path = tmp_path / "keys.json"
    ring = generate_key_file(path)
    assert mode_of(path) == 0o600
    assert load_key_file(path) == ring
    assert ring.versions == (1,)
    assert ring.index_key != ring.key(1)
    assert os.listdir(tmp_path) == ["keys.json"]


def test_generate_key_file_refuses_to_overwrite(tmp_path):
    path = tmp_path / "keys.json"
    ring = generate_key_file(path)
    before = path.read_bytes()
    with pytest.raises(KeyFileError, match="already exists"):
        generate_key_file(path)
    assert path.read_bytes() == before
    assert load_key_file(path) == ring


def test_keyring_from_env_accepts_json_and_base64_json():
    ring = KeyRing({1: K1, 2: K2}, 1, IDX)
    text = key_file_text(ring)
    assert keyring_from_env(text) == ring
    assert keyring_from_env(base64.b64encode(text.encode()).decode()) == ring
    assert keyring_from_env(f"  {text}\n") == ring


@pytest.mark.parametrize("value", ["", "   ", "not base64 at all!", "{not json", "[1, 2]"])
def test_keyring_from_env_rejects_garbage(value):
    with pytest.raises(KeyFileError):
        keyring_from_env(value)


def test_load_errors_do_not_quote_key_material(tmp_path):
    ring = KeyRing({1: K1}, 1, IDX)
    document = json.loads(key_file_text(ring))
    document["keys"]["1"] = base64.b64encode(K1[:20]).decode()
    path = tmp_path / "keys.json"
    path.write_text(json.dumps(document))
    with pytest.raises(KeyFileError) as caught:
        load_key_file(path)
    assert "20 bytes" in str(caught.value)
    assert document["keys"]["1"] not in str(caught.value)
    assert_no_secrets(str(caught.value), ring)


def test_broken_json_error_does_not_quote_the_file(tmp_path):
    secret = base64.b64encode(K1).decode()
    path = tmp_path / "keys.json"
    path.write_text('{"format": "casework-keyring-v1", "keys": {"1": "' + secret + '" ')
    with pytest.raises(KeyFileError) as caught:
        load_key_file(path)
    assert secret not in str(caught.value)


def test_a_good_key_file_has_no_problems(tmp_path):
    path = tmp_path / "keys.json"
    generate_key_file(path)
    (tmp_path / "db").mkdir()
    assert key_file_problems(path) == []
    assert key_file_problems(path, database_dir=str(tmp_path / "db")) == []


def test_missing_key_file_is_reported(tmp_path):
    problems = key_file_problems(tmp_path / "nope.json")
    assert len(problems) == 1
    assert "does not exist" in problems[0]


def test_world_readable_key_file_is_reported(tmp_path):
    path = tmp_path / "keys.json"
    generate_key_file(path)
    path.chmod(0o644)
    problems = key_file_problems(path)
    assert len(problems) == 1
    assert "0644" in problems[0] and "chmod 600" in problems[0]


def test_group_readable_key_file_is_reported(tmp_path):
    path = tmp_path / "keys.json"
    generate_key_file(path)
    path.chmod(0o640)
    assert len(key_file_problems(path)) == 1


def test_key_file_inside_the_database_directory_is_reported(tmp_path):
    db_dir = tmp_path / "instance"
    db_dir.mkdir()
    path = db_dir / "keys.json"
    generate_key_file(path)
    problems = key_file_problems(path, database_dir=str(db_dir))
    assert len(problems) == 1
    assert "database directory" in problems[0]
    # A sibling directory whose name merely starts the same is not "inside".
    other = tmp_path / "instance-keys"
    other.mkdir()
    generate_key_file(other / "keys.json")
    assert key_file_problems(other / "keys.json", database_dir=str(db_dir)) == []


def test_directory_instead_of_key_file_is_reported(tmp_path):
    problems = key_file_problems(tmp_path)
    assert problems and "not a regular file" in problems[0]


def test_malformed_and_short_key_files_are_reported(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{oops")
    broken.chmod(0o600)
    assert any("not valid JSON" in p for p in key_file_problems(broken))

    short = tmp_path / "short.json"
    document = json.loads(key_file_text(new_key_ring()))
    document["index_key"] = base64.b64encode(b"x" * 16).decode()
    short.write_text(json.dumps(document))
    short.chmod(0o600)
    assert any("16 bytes" in p for p in key_file_problems(short))


def test_problems_never_include_key_bytes(tmp_path):
    path = tmp_path / "keys.json"
    ring = generate_key_file(path)
    path.chmod(0o666)
    for problem in key_file_problems(path, database_dir=str(tmp_path)):
        assert_no_secrets(problem, ring)
