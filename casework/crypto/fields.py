"""Field encryption: one identifying value in one column of one row, under a subject's data key.

Stored format: ``version byte (1) ‖ nonce (12 random bytes) ‖ ciphertext ‖ tag (16 bytes)``,
AES-256-GCM, with associated data ``casework:field:v1|<table>|<column>|<row uuid>``. A value
moved to another row or column, or decrypted with another subject's key, fails loudly.
"""

from __future__ import annotations

import os
import uuid

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casework.crypto.errors import DecryptionError
from casework.crypto.keyring import KEY_BYTES

FIELD_FORMAT_VERSION = 1
NONCE_BYTES = 12
TAG_BYTES = 16
_HEADER = bytes([FIELD_FORMAT_VERSION])
MIN_BLOB_BYTES = len(_HEADER) + NONCE_BYTES + TAG_BYTES


def associated_data(table: str, column: str, row_id: uuid.UUID) -> bytes:
    """Associated data binding a field ciphertext to its table, column and row."""
    if not table or not column or "|" in table or "|" in column:
        raise ValueError("table and column must be non-empty names without '|'")
    return f"casework:field:v1|{table}|{column}|{uuid.UUID(str(row_id))}".encode()


class FieldCipher:
    """Encrypts and decrypts field values under one data key."""

    __slots__ = ("_aead",)

    def __init__(self, dek: bytes) -> None:
        if len(dek) != KEY_BYTES:
            raise ValueError(f"a data key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(bytes(dek))

    def __repr__(self) -> str:
        return "FieldCipher(<data key hidden>)"

    def encrypt_bytes(self, value: bytes, *, table: str, column: str, row_id: uuid.UUID) -> bytes:
        """Encrypt a binary value for one table/column/row."""
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, bytes(value), associated_data(table, column, row_id))
        return _HEADER + nonce + sealed

    def decrypt_bytes(self, blob: bytes, *, table: str, column: str, row_id: uuid.UUID) -> bytes:
        """Decrypt a binary value; DecryptionError unless sealed for this table/column/row."""
        where = f"{table}.{column} of row {row_id}"
        data = bytes(blob)
        if len(data) < MIN_BLOB_BYTES:
            raise DecryptionError(f"cannot decrypt {where}: ciphertext is truncated")
        if data[0] != FIELD_FORMAT_VERSION:
            raise DecryptionError(f"cannot decrypt {where}: unknown format version {data[0]}")
        nonce = data[1 : 1 + NONCE_BYTES]
        try:
            return self._aead.decrypt(
                nonce, data[1 + NONCE_BYTES :], associated_data(table, column, row_id)
            )
        except InvalidTag:
            raise DecryptionError(
                f"cannot decrypt {where}: wrong key, row or column, or damaged data"
            ) from None

    def encrypt(self, value: str, *, table: str, column: str, row_id: uuid.UUID) -> bytes:
        """Encrypt a text value (UTF-8) for one table/column/row."""
        return self.encrypt_bytes(value.encode("utf-8"), table=table, column=column, row_id=row_id)

    def decrypt(self, blob: bytes, *, table: str, column: str, row_id: uuid.UUID) -> str:
        """Decrypt a text value; DecryptionError if it was not sealed for this table/column/row."""
        plain = self.decrypt_bytes(blob, table=table, column=column, row_id=row_id)
        try:
            return plain.decode("utf-8")
        except UnicodeDecodeError:
            raise DecryptionError(
                f"cannot decrypt {table}.{column} of row {row_id}: value is not text"
            ) from None
