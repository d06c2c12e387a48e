"""Envelope encryption: per-worker and per-case data keys wrapped by the master key ring.

A wrapped data key is ``nonce (12 bytes) ‖ ciphertext (32 bytes) ‖ tag (16 bytes)``,
AES-256-GCM under the master key of the stated version, with associated data
``casework:dek:v1|<kind>=<subject uuid>|kek=<version>``. A wrapped key copied to
another subject, or relabelled with another version, fails to unwrap.
"""

from __future__ import annotations

import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casework.crypto.errors import DecryptionError
from casework.crypto.keyring import KEY_BYTES, KeyRing

NONCE_BYTES = 12
TAG_BYTES = 16
WRAPPED_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES


def new_data_key() -> bytes:
    """Return a fresh random 256-bit data key."""
    return os.urandom(KEY_BYTES)


def dek_associated_data(kind: str, subject_id: uuid.UUID, kek_version: int) -> bytes:
    """Associated data binding a wrapped data key to its subject and master-key version."""
    if not kind or "|" in kind or "=" in kind:
        raise ValueError("kind must be a non-empty name without '|' or '='")
    return f"casework:dek:v1|{kind}={uuid.UUID(str(subject_id))}|kek={kek_version}".encode()


class Envelope:
    """Wraps and unwraps data keys with the master keys of one KeyRing."""

    def __init__(self, ring: KeyRing) -> None:
        self._ring = ring
        # One AESGCM object per master-key version, built once.
        self._ciphers = {version: AESGCM(ring.key(version)) for version in ring.versions}

    def __repr__(self) -> str:
        return f"Envelope({self._ring!r})"

    @property
    def ring(self) -> KeyRing:
        """The key ring this envelope uses."""
        return self._ring

    @property
    def primary_version(self) -> int:
        """The master-key version new wraps use."""
        return self._ring.primary_version

    def needs_rewrap(self, kek_version: int) -> bool:
        """True when a key wrapped under ``kek_version`` should be re-wrapped under the primary."""
        return kek_version != self._ring.primary_version

    def wrap(self, dek: bytes, kind: str, subject_id: uuid.UUID) -> tuple[int, bytes]:
        """Wrap ``dek`` under the primary master key; return (version, wrapped blob)."""
        if len(dek) != KEY_BYTES:
            raise ValueError(f"a data key must be {KEY_BYTES} bytes")
        version = self._ring.primary_version
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._ciphers[version].encrypt(
            nonce, bytes(dek), dek_associated_data(kind, subject_id, version)
        )
        return version, nonce + sealed

    def unwrap(self, wrapped: bytes, kind: str, subject_id: uuid.UUID, kek_version: int) -> bytes:
        """Unwrap a data key with exactly master-key ``kek_version``; DecryptionError on failure."""
        where = f"{kind} {subject_id} (master key version {kek_version})"
        cipher = self._ciphers.get(kek_version)
        if cipher is None:
            raise DecryptionError(f"cannot unwrap the data key of {where}: version is not loaded")
        if len(wrapped) != WRAPPED_BYTES:
            raise DecryptionError(f"cannot unwrap the data key of {where}: wrong length")
        data = bytes(wrapped)
        try:
            dek = cipher.decrypt(
                data[:NONCE_BYTES],
                data[NONCE_BYTES:],
                dek_associated_data(kind, subject_id, kek_version),
            )
        except InvalidTag:
            raise DecryptionError(
                f"cannot unwrap the data key of {where}: wrong key, subject or damaged data"
            ) from None
        return dek

    def rewrap(
        self, wrapped: bytes, kind: str, subject_id: uuid.UUID, kek_version: int
    ) -> tuple[int, bytes]:
        """Unwrap under ``kek_version`` and wrap again under the primary; return (version, blob)."""
        return self.wrap(self.unwrap(wrapped, kind, subject_id, kek_version), kind, subject_id)
