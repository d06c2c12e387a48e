"""Encrypted export archives, opened with a passphrase a supervisor chooses.

Format (all integers unsigned 32-bit big-endian)::

    offset  length  field
    0       7       magic b"CWARC1\\n"
    7       4       t: Argon2id time cost (iterations)
    11      4       m: Argon2id memory cost in KiB
    15      4       p: Argon2id parallelism
    19      16      salt for Argon2id
    35      12      nonce for AES-GCM
    47      n+16    AES-256-GCM ciphertext of the n-byte archive, then the 16-byte tag

The key is ``Argon2id(password=UTF-8 of the NFC-normalized passphrase, salt,
t, m, p, version 0x13, 32 bytes)``. The associated data is the whole 47-byte
header, so no parameter can be altered without the tag failing. Defaults are
t=3, m=65536 (64 MiB), p=1.

A recipient decrypts without the application::

    python -m casework.crypto.archive decrypt export.cwarc export.zip
"""

from __future__ import annotations

import argparse
import getpass
import os
import struct
import sys
import unicodedata
from collections.abc import Sequence

from argon2.exceptions import HashingError
from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from casework.crypto.errors import DecryptionError

MAGIC = b"CWARC1\n"
SALT_BYTES = 16
NONCE_BYTES = 12
TAG_BYTES = 16
_PARAMS = struct.Struct(">III")
HEADER_BYTES = len(MAGIC) + _PARAMS.size + SALT_BYTES + NONCE_BYTES

DEFAULT_TIME_COST = 3
DEFAULT_MEMORY_COST = 64 * 1024  # KiB
DEFAULT_PARALLELISM = 1

# A forged header must not make decryption spin for hours or exhaust memory.
MAX_TIME_COST = 64
MAX_MEMORY_COST = 4 * 1024 * 1024  # KiB, 4 GiB
MAX_PARALLELISM = 64


def _params_ok(time_cost: int, memory_cost: int, lanes: int) -> bool:
    return (
        1 <= time_cost <= MAX_TIME_COST
        and 1 <= lanes <= MAX_PARALLELISM
        and 8 * lanes <= memory_cost <= MAX_MEMORY_COST
    )


def _derive_key(
    passphrase: str, salt: bytes, time_cost: int, memory_cost: int, lanes: int
) -> bytes:
    secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=time_cost,
        memory_cost=memory_cost,
        parallelism=lanes,
        hash_len=32,
        type=Type.ID,
    )


def encrypt_archive(
    data: bytes,
    passphrase: str,
    *,
    time_cost: int = DEFAULT_TIME_COST,
    memory_cost: int = DEFAULT_MEMORY_COST,
    parallelism: int = DEFAULT_PARALLELISM,
) -> bytes:
    """Encrypt ``data`` with a key derived from ``passphrase``; see the module docstring."""
    if not passphrase:
        raise ValueError("an archive passphrase must not be empty")
    if not _params_ok(time_cost, memory_cost, parallelism):
        raise ValueError("Argon2id settings out of range (memory_cost must be >= 8 * parallelism)")
    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    header = MAGIC + _PARAMS.pack(time_cost, memory_cost, parallelism) + salt + nonce
    key = _derive_key(passphrase, salt, time_cost, memory_cost, parallelism)
    return header + AESGCM(key).encrypt(nonce, bytes(data), header)


def decrypt_archive(blob: bytes, passphrase: str) -> bytes:
    """Decrypt an archive; DecryptionError on a wrong passphrase or a damaged file."""
    blob = bytes(blob)
    if len(blob) < HEADER_BYTES + TAG_BYTES or not blob.startswith(MAGIC):
        raise DecryptionError("not a Casework archive, or the file is truncated")
    header = blob[:HEADER_BYTES]
    time_cost, memory_cost, lanes = _PARAMS.unpack_from(header, len(MAGIC))
    if not _params_ok(time_cost, memory_cost, lanes):
        raise DecryptionError("the archive header holds implausible key-derivation settings")
    salt_at = len(MAGIC) + _PARAMS.size
    salt = header[salt_at : salt_at + SALT_BYTES]
    nonce = header[salt_at + SALT_BYTES :]
    try:
        key = _derive_key(passphrase, salt, time_cost, memory_cost, lanes)
    except HashingError:
        raise DecryptionError("the archive key could not be derived") from None
    try:
        return AESGCM(key).decrypt(nonce, blob[HEADER_BYTES:], header)
    except InvalidTag:
        raise DecryptionError("wrong passphrase, or the archive is damaged") from None


def _write_private(path: str, data: bytes) -> None:
    # The decrypted export is identifying data: readable by its owner only, never overwritten.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``decrypt IN OUT`` or ``encrypt IN OUT``, asking for the passphrase."""
    parser = argparse.ArgumentParser(
        prog="python -m casework.crypto.archive",
        description="Decrypt (or encrypt) a Casework export archive with its passphrase.",
    )
    parser.add_argument("action", choices=("decrypt", "encrypt"))
    parser.add_argument("infile", help="file to read")
    parser.add_argument("outfile", help="file to create (must not exist yet)")
    args = parser.parse_args(argv)

    if os.path.lexists(args.outfile):
        print(f"{args.outfile} already exists; choose another name.", file=sys.stderr)
        return 1
    try:
        with open(args.infile, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        print(f"cannot read {args.infile}: {exc.strerror}", file=sys.stderr)
        return 1

    if args.action == "decrypt":
        passphrase = getpass.getpass("Passphrase: ")
        try:
            result = decrypt_archive(data, passphrase)
        except DecryptionError as exc:
            print(f"cannot decrypt {args.infile}: {exc}", file=sys.stderr)
            return 1
    else:
        passphrase = getpass.getpass("New passphrase: ")
        if not passphrase or passphrase != getpass.getpass("Repeat passphrase: "):
            print("the passphrases are empty or do not match", file=sys.stderr)
            return 1
        result = encrypt_archive(data, passphrase)

    try:
        _write_private(args.outfile, result)
    except OSError as exc:
        print(f"cannot write {args.outfile}: {exc.strerror}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
