"""The master-key ring: versioned key-encryption keys plus the blind-index key, and its file.

Key file format (JSON, UTF-8, mode 0600)::

    {"format": "casework-keyring-v1",
     "primary": 2,
     "keys": {"1": "<base64 of 32 bytes>", "2": "<base64 of 32 bytes>"},
     "index_key": "<base64 of 32 bytes>"}

``keys`` holds the master keys (KEKs) by version; ``primary`` is the version new
data keys are wrapped under. ``index_key`` keys the blind indexes and never
changes on rotation, because every stored index would otherwise have to be
recomputed from plaintext.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
import stat
from collections.abc import Mapping
from types import MappingProxyType

from casework.crypto.errors import KeyFileError, UnknownKeyVersion

KEY_FILE_FORMAT = "casework-keyring-v1"
KEY_BYTES = 32

StrPath = str | os.PathLike[str]


class KeyRing:
    """Immutable set of versioned master keys, the primary version and the blind-index key."""

    __slots__ = ("_keys", "_primary", "_index_key")
    _keys: Mapping[int, bytes]
    _primary: int
    _index_key: bytes

    def __init__(self, keys: Mapping[int, bytes], primary: int, index_key: bytes) -> None:
        checked: dict[int, bytes] = {}
        for version, key in keys.items():
            if isinstance(version, bool) or not isinstance(version, int) or version < 1:
                raise KeyFileError(f"key version {version!r} is not a positive integer")
            checked[version] = _checked_key(key, f"master key version {version}")
        if not checked:
            raise KeyFileError("the key ring holds no master keys")
        if primary not in checked:
            raise KeyFileError(f"primary version {primary!r} is not in the key ring")
        object.__setattr__(self, "_keys", MappingProxyType(dict(sorted(checked.items()))))
        object.__setattr__(self, "_primary", primary)
        object.__setattr__(self, "_index_key", _checked_key(index_key, "index key"))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("KeyRing is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError("KeyRing is immutable")

    def __repr__(self) -> str:
        # Versions only: a repr can end up in a log or a traceback.
        return f"KeyRing(versions={self.versions}, primary={self._primary})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, KeyRing):
            return NotImplemented
        return (
            self._primary == other._primary
            and dict(self._keys) == dict(other._keys)
            and secrets.compare_digest(self._index_key, other._index_key)
        )

    __hash__ = None  # type: ignore[assignment]

    @property
    def primary_version(self) -> int:
        """Version new data keys are wrapped under."""
        return self._primary

    @property
    def versions(self) -> tuple[int, ...]:
        """All master-key versions held, ascending."""
        return tuple(self._keys)

    @property
    def index_key(self) -> bytes:
        """The 32-byte blind-index key (unchanged by rotation)."""
        return self._index_key

    def key(self, version: int) -> bytes:
        """Return the master key of ``version`` or raise UnknownKeyVersion."""
        try:
            return self._keys[version]
        except (KeyError, TypeError):
            raise UnknownKeyVersion(f"master key version {version!r} is not loaded") from None

    def with_new_version(self) -> KeyRing:
        """Return a ring with a fresh random key at version max+1, made primary."""
        version = max(self._keys) + 1
        keys = {**self._keys, version: secrets.token_bytes(KEY_BYTES)}
        return KeyRing(keys, version, self._index_key)

    def without_version(self, version: int) -> KeyRing:
        """Return a ring without ``version`` (a retired key); the primary cannot be dropped."""
        if version == self._primary:
            raise KeyFileError(f"version {version} is the primary key and cannot be retired")
        self.key(version)
        keys = {v: k for v, k in self._keys.items() if v != version}
        return KeyRing(keys, self._primary, self._index_key)


def new_key_ring() -> KeyRing:
    """Return a ring with one random master key (version 1) and a random index key."""
    return KeyRing({1: secrets.token_bytes(KEY_BYTES)}, 1, secrets.token_bytes(KEY_BYTES))


def _checked_key(key: object, label: str) -> bytes:
    if not isinstance(key, bytes | bytearray):
        raise KeyFileError(f"{label} is not bytes")
    if len(key) != KEY_BYTES:
        raise KeyFileError(f"{label} is {len(key)} bytes; expected {KEY_BYTES}")
    return bytes(key)


def _b64decode(text: object, label: str) -> bytes:
    if not isinstance(text, str):
        raise KeyFileError(f"{label} is not a base64 string")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise KeyFileError(f"{label} is not valid base64") from None


def _ring_from_document(document: object) -> KeyRing:
    if not isinstance(document, dict):
        raise KeyFileError("key file is not a JSON object")
    if document.get("format") != KEY_FILE_FORMAT:
        raise KeyFileError(f"key file format is not {KEY_FILE_FORMAT!r}")
    primary = document.get("primary")
    if isinstance(primary, bool) or not isinstance(primary, int):
        raise KeyFileError("key file 'primary' is not an integer")
    raw_keys = document.get("keys")
    if not isinstance(raw_keys, dict) or not raw_keys:
        raise KeyFileError("key file 'keys' is not a non-empty object")
    keys: dict[int, bytes] = {}
    for name, value in raw_keys.items():
        if not (isinstance(name, str) and name.isascii() and name.isdigit()):
            raise KeyFileError(f"key file version {name!r} is not a number")
        keys[int(name)] = _b64decode(value, f"master key version {name}")
    index_key = _b64decode(document.get("index_key"), "index key")
    return KeyRing(keys, primary, index_key)


def _parse_json(text: str | bytes) -> KeyRing:
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError):
        # Say only where parsing failed; the exception text could quote key material.
        raise KeyFileError("key file is not valid JSON") from None
    return _ring_from_document(document)


def key_file_text(ring: KeyRing) -> str:
    """Serialize ``ring`` in the key-file JSON format."""
    document = {
        "format": KEY_FILE_FORMAT,
        "primary": ring.primary_version,
        "keys": {str(v): base64.b64encode(ring.key(v)).decode("ascii") for v in ring.versions},
        "index_key": base64.b64encode(ring.index_key).decode("ascii"),
    }
    return json.dumps(document, indent=2) + "\n"


def load_key_file(path: StrPath) -> KeyRing:
    """Read and parse a key file (use key_file_problems to check its safety)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise KeyFileError(f"key file {os.fspath(path)} does not exist") from None
    except IsADirectoryError:
        raise KeyFileError(f"key file {os.fspath(path)} is not a regular file") from None
    except OSError as exc:
        raise KeyFileError(f"key file {os.fspath(path)} cannot be read: {exc.strerror}") from None
    return _parse_json(data)


def _write_new_file(path: str, data: bytes) -> None:
    # O_EXCL with mode 0600: the file is never readable by others, not even briefly.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _temp_path(path: str) -> str:
    directory, name = os.path.split(path)
    return os.path.join(directory, f".{name}.{secrets.token_hex(8)}.tmp")


def _sync_directory(path: str) -> None:
    try:
        fd = os.open(os.path.dirname(path) or ".", os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_key_file(path: StrPath, ring: KeyRing) -> None:
    """Write ``ring`` to ``path`` atomically (temp file + rename), mode 0600."""
    target = os.fspath(path)
    temp = _temp_path(target)
    try:
        _write_new_file(temp, key_file_text(ring).encode("ascii"))
        os.replace(temp, target)
    except OSError as exc:
        _remove_quietly(temp)
        raise KeyFileError(f"cannot write key file {target}: {exc.strerror}") from None
    _sync_directory(target)


def generate_key_file(path: StrPath) -> KeyRing:
    """Create a new key file with fresh keys; refuses to overwrite an existing file."""
    target = os.fspath(path)
    if os.path.lexists(target):
        raise KeyFileError(f"key file {target} already exists; refusing to overwrite it")
    ring = new_key_ring()
    temp = _temp_path(target)
    try:
        _write_new_file(temp, key_file_text(ring).encode("ascii"))
        # link() fails if the target appeared meanwhile, where rename would replace it.
        os.link(temp, target)
    except FileExistsError:
        raise KeyFileError(f"key file {target} already exists; refusing to overwrite it") from None
    except OSError as exc:
        raise KeyFileError(f"cannot write key file {target}: {exc.strerror}") from None
    finally:
        _remove_quietly(temp)
    _sync_directory(target)
    return ring


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def keyring_from_env(value: str) -> KeyRing:
    """Parse a key ring from an environment variable: the key-file JSON, or base64 of it."""
    text = value.strip()
    if not text:
        raise KeyFileError("the key ring environment variable is empty")
    if text.startswith("{"):
        return _parse_json(text)
    try:
        decoded = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        try:
            decoded = base64.urlsafe_b64decode(text)
        except (binascii.Error, ValueError):
            raise KeyFileError("the key ring variable is neither JSON nor base64") from None
    return _parse_json(decoded)


def _is_within(path: str, directory: str) -> bool:
    path_real = os.path.realpath(path)
    dir_real = os.path.realpath(directory)
    return os.path.commonpath([path_real, dir_real]) == dir_real


def key_file_problems(path: StrPath, database_dir: StrPath | None = None) -> list[str]:
    """List human-readable reasons the key file is unusable or unsafe; empty when it is fine."""
    target = os.fspath(path)
    try:
        info = os.stat(target)
    except FileNotFoundError:
        return [f"key file {target} does not exist"]
    except OSError as exc:
        return [f"key file {target} cannot be examined: {exc.strerror}"]
    if not stat.S_ISREG(info.st_mode):
        return [f"key file {target} is not a regular file"]

    problems: list[str] = []
    mode = stat.S_IMODE(info.st_mode)
    if mode & 0o077:
        problems.append(
            f"key file {target} is accessible to group or others (mode {mode:04o}); "
            f"run: chmod 600 {target}"
        )
    if database_dir is not None and _is_within(target, os.fspath(database_dir)):
        problems.append(
            f"key file {target} is stored inside the database directory "
            f"{os.fspath(database_dir)}; a copy of the database would carry its key"
        )
    try:
        load_key_file(target)
    except KeyFileError as exc:
        problems.append(str(exc))
    return problems
