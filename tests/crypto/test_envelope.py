"""Envelope encryption: data keys wrapped per subject and master-key version, and rotation."""

import uuid

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casework.crypto.envelope import Envelope, dek_associated_data, new_data_key
from casework.crypto.errors import DecryptionError
from casework.crypto.keyring import KeyRing, new_key_ring

WORKER = uuid.UUID("6f1c1b5e-7a44-4b2e-9d0a-2b3c4d5e6f70")
OTHER_WORKER = uuid.UUID("0b8e5a8e-1111-4c2d-8e9f-a0b1c2d3e4f5")


@pytest.fixture
def ring():
    return new_key_ring()


def test_new_data_keys_are_32_random_bytes():
    keys = {new_data_key() for _ in range(50)}
    assert len(keys) == 50
    assert {len(k) for k in keys} == {32}


def test_wrap_unwrap_round_trip_under_the_primary(ring):
    envelope = Envelope(ring)
    dek = new_data_key()
    version, wrapped = envelope.wrap(dek, "worker", WORKER)
    assert version == ring.primary_version
    assert len(wrapped) == 12 + 32 + 16
    assert dek not in wrapped
    assert envelope.unwrap(wrapped, "worker", WORKER, version) == dek


def test_wrapping_twice_gives_different_blobs(ring):
    envelope = Envelope(ring)
    dek = new_data_key()
    assert envelope.wrap(dek, "case", WORKER)[1] != envelope.wrap(dek, "case", WORKER)[1]


def test_wrapped_blob_follows_the_documented_layout_and_associated_data(ring):
    _, wrapped = Envelope(ring).wrap(b"k" * 32, "worker", WORKER)
    ad = f"casework:dek:v1|worker={WORKER}|kek={ring.primary_version}".encode()
    assert dek_associated_data("worker", WORKER, ring.primary_version) == ad
    plain = AESGCM(ring.key(ring.primary_version)).decrypt(wrapped[:12], wrapped[12:], ad)
    assert plain == b"k" * 32


def test_key_of_another_subject_cannot_be_unwrapped_as_this_one(ring):
    envelope = Envelope(ring)
    version, wrapped = envelope.wrap(new_data_key(), "worker", WORKER)
    with pytest.raises(DecryptionError):
        envelope.unwrap(wrapped, "worker", OTHER_WORKER, version)


def test_key_of_a_case_cannot_be_unwrapped_as_a_worker_key(ring):
    envelope = Envelope(ring)
    version, wrapped = envelope.wrap(new_data_key(), "case", WORKER)
    with pytest.raises(DecryptionError):
        envelope.unwrap(wrapped, "worker", WORKER, version)


def test_wrong_master_key_version_fails(ring):
    rotated = ring.with_new_version()
    envelope = Envelope(rotated)
    version, wrapped = envelope.wrap(new_data_key(), "worker", WORKER)
    assert version == 2
    with pytest.raises(DecryptionError):
        envelope.unwrap(wrapped, "worker", WORKER, 1)


def test_unknown_master_key_version_fails(ring):
    envelope = Envelope(ring)
    _, wrapped = envelope.wrap(new_data_key(), "worker", WORKER)
    with pytest.raises(DecryptionError, match="not loaded"):
        envelope.unwrap(wrapped, "worker", WORKER, 99)


def test_other_key_ring_cannot_unwrap(ring):
    version, wrapped = Envelope(ring).wrap(new_data_key(), "worker", WORKER)
    with pytest.raises(DecryptionError):
        Envelope(new_key_ring()).unwrap(wrapped, "worker", WORKER, version)


@pytest.mark.parametrize("damage", ["truncate", "flip", "empty", "extend"])
def test_damaged_wrapped_keys_fail(ring, damage):
    envelope = Envelope(ring)
    version, wrapped = envelope.wrap(new_data_key(), "worker", WORKER)
    broken = {
        "truncate": wrapped[:-1],
        "flip": wrapped[:20] + bytes([wrapped[20] ^ 1]) + wrapped[21:],
        "empty": b"",
        "extend": wrapped + b"\0",
    }[damage]
    with pytest.raises(DecryptionError):
        envelope.unwrap(broken, "worker", WORKER, version)


def test_error_names_the_subject_but_not_the_key(ring):
    envelope = Envelope(ring)
    dek = new_data_key()
    version, wrapped = envelope.wrap(dek, "worker", WORKER)
    with pytest.raises(DecryptionError) as caught:
        envelope.unwrap(wrapped, "worker", OTHER_WORKER, version)
    message = str(caught.value)
    assert str(OTHER_WORKER) in message
    assert dek.hex() not in message and ring.key(version).hex() not in message


def test_rewrap_moves_a_key_to_the_new_primary_and_the_old_blob_still_opens(ring):
    dek = new_data_key()
    old_version, old_wrapped = Envelope(ring).wrap(dek, "case", WORKER)

    rotated = Envelope(ring.with_new_version())
    assert rotated.needs_rewrap(old_version)
    new_version, new_wrapped = rotated.rewrap(old_wrapped, "case", WORKER, old_version)
    assert new_version == rotated.primary_version == old_version + 1
    assert not rotated.needs_rewrap(new_version)
    assert rotated.unwrap(new_wrapped, "case", WORKER, new_version) == dek
    # Until the old version is retired, a blob not yet re-wrapped still opens.
    assert rotated.unwrap(old_wrapped, "case", WORKER, old_version) == dek

    retired = Envelope(rotated.ring.without_version(old_version))
    assert retired.unwrap(new_wrapped, "case", WORKER, new_version) == dek
    with pytest.raises(DecryptionError):
        retired.unwrap(old_wrapped, "case", WORKER, old_version)


def test_rewrap_of_a_foreign_blob_fails(ring):
    envelope = Envelope(ring.with_new_version())
    version, wrapped = envelope.wrap(new_data_key(), "case", WORKER)
    with pytest.raises(DecryptionError):
        envelope.rewrap(wrapped, "case", OTHER_WORKER, version)


def test_data_key_must_be_32_bytes(ring):
    with pytest.raises(ValueError):
        Envelope(ring).wrap(b"short", "worker", WORKER)


def test_repr_hides_keys():
    ring = KeyRing({1: b"\x01" * 32}, 1, b"\x02" * 32)
    assert "\\x01" not in repr(Envelope(ring)) and "0101" not in repr(Envelope(ring))
