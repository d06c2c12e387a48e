"""The backup manifest: what it records, and its authentication.

The manifest is authenticated with an HMAC-SHA256 keyed from the primary master key
(``HMAC(kek, "casework:backup-manifest:v1")``) over its canonical JSON, so neither the
table digests nor the dump's checksum can be recomputed by someone holding only the
backup. It also records the audit chain's length and head hash, an anchor that
``casework audit verify --anchor <folder>`` checks the live chain against.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from pathlib import Path

MANIFEST = "manifest.json"
FORMAT = "casework-backup-v1"
MAC_LABEL = b"casework:backup-manifest:v1"


class BackupError(Exception):
    """A backup or restore that was refused or failed; the message says why."""


def _mac_key(ring, version: int) -> bytes:
    return hmac.new(ring.key(version), MAC_LABEL, hashlib.sha256).digest()


def _manifest_mac(manifest: dict, ring, version: int) -> str:
    body = {k: v for k, v in manifest.items() if k != "mac"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":")).encode()
    return hmac.new(_mac_key(ring, version), canonical, hashlib.sha256).hexdigest()


def sign_manifest(manifest: dict, ring) -> dict:
    """Authenticate the manifest with a key derived from the primary master key."""
    signed = {k: v for k, v in manifest.items() if k != "mac"}
    signed["mac_key_version"] = ring.primary_version
    signed["mac"] = _manifest_mac(signed, ring, ring.primary_version)
    return signed


def verify_manifest(manifest: dict, ring) -> None:
    """Refuse a manifest that was not written, unchanged, by a holder of the key ring."""
    version = manifest.get("mac_key_version")
    mac = manifest.get("mac")
    if not isinstance(mac, str) or not isinstance(version, int):
        raise BackupError(
            "Check failed: manifest authentication. The manifest carries no authentication "
            "code, so it cannot be trusted. Nothing was restored."
        )
    if version not in ring.versions:
        raise BackupError(
            f"Check failed: manifest authentication. The manifest was signed with master-key "
            f"version {version}, which the loaded key ring lacks: restore the key file from "
            "its own backup first. Nothing was restored."
        )
    if not hmac.compare_digest(mac, _manifest_mac(manifest, ring, version)):
        raise BackupError(
            "Check failed: manifest authentication. The manifest was altered or was not "
            "written with this key ring. Nothing was restored."
        )


def compare_tables(found: dict[str, dict], expected: dict[str, dict]) -> list[str]:
    """The tables whose rows or digest differ from the manifest (or are extra or missing)."""
    names = sorted(set(found) | set(expected))
    return [name for name in names if found.get(name) != expected.get(name)]


def read_manifest(source: str | os.PathLike) -> tuple[Path, dict]:
    source = Path(source)
    path = source / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except FileNotFoundError:
        raise BackupError(f"No {MANIFEST} in {source}: this is not a Casework backup.") from None
    except (OSError, ValueError) as exc:
        raise BackupError(f"{path} cannot be read: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"{path} is not a {FORMAT} manifest.")
    return source, manifest


def audit_anchor_of(source: str | os.PathLike, ring):
    """The audit anchor an authenticated backup manifest records."""
    from casework.audit import Anchor

    _source, manifest = read_manifest(source)
    verify_manifest(manifest, ring)
    audit = manifest.get("audit")
    if not isinstance(audit, dict):
        raise BackupError("This backup's manifest records no audit chain anchor.")
    return Anchor(int(audit["length"]), str(audit["head"]), f"of the backup {source}")
