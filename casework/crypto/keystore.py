"""Data keys in the database: create, unwrap (cached), rotate, shred.

SQLAlchemy only; no Flask. The master-key ring is held in memory and never written
to the database.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from casework.crypto.blind_index import (
    WORDS_PER_NAME,
    BlindIndexer,
    index_bits,
    normalize_name,
    normalize_phone,
)
from casework.crypto.envelope import Envelope, new_data_key
from casework.crypto.errors import DecryptionError
from casework.crypto.fields import FieldCipher
from casework.crypto.keyring import KeyRing
from casework.models.base import utcnow
from casework.models.keys import DataKey

NORMALIZERS = {"name": normalize_name, "phone": normalize_phone}


@dataclass(frozen=True)
class RotationReport:
    rewrapped: int
    remaining: int


class KeyStore:
    """Hands out a FieldCipher per subject, unwrapping each data key once per process."""

    def __init__(
        self,
        ring: KeyRing,
        *,
        index_bits_: int,
        word_bits: int | None = None,
        cache_size: int = 20_000,
    ):
        self.ring = ring
        self.envelope = Envelope(ring)
        self.indexer = BlindIndexer(ring.index_key, index_bits_)
        self.bits = index_bits_
        self.word_indexer = BlindIndexer(ring.index_key, word_bits or index_bits_)
        self._ciphers: OrderedDict[tuple, FieldCipher] = OrderedDict()
        self._cache_size = cache_size
        #: Called when a data key names a master-key version the ring lacks (the key file
        #: may have been rotated by another process); it may install a newer ring.
        self.on_unknown_version: Callable[[], None] | None = None

    def install_ring(self, ring: KeyRing) -> None:
        """Use a newer ring (a rotation): new wraps use its primary, unwraps its versions.

        Unwrapped data keys stay cached: rotation re-wraps them, it does not change them.
        """
        envelope = Envelope(ring)
        if ring.index_key != self.ring.index_key:
            self.indexer = BlindIndexer(ring.index_key, self.bits)
        self.envelope = envelope
        self.ring = ring

    @classmethod
    def for_workers(cls, ring: KeyRing, expected_workers: int, bits: int = 0) -> KeyStore:
        """A key store whose blind indexes fit the expected number of workers.

        Name words are sized by the same planner for the rows their table holds:
        a few words per worker.
        """
        return cls(
            ring,
            index_bits_=bits or index_bits(expected_workers),
            word_bits=bits or index_bits(expected_workers * WORDS_PER_NAME),
        )

    # -- data keys -------------------------------------------------------------
    def _pending(self, session: Session) -> dict:
        return session.info.setdefault("cw_new_data_keys", {})

    def cipher(
        self, session: Session, kind: str, subject_id: uuid.UUID, *, create: bool = False
    ) -> FieldCipher | None:
        """The cipher for a subject's data key; None when it has none (shredded)."""
        pending = self._pending(session).get(subject_id)
        if pending is not None:
            return pending
        preloaded = session.info.get("cw_preloaded")
        if preloaded is not None and subject_id in preloaded:
            row = preloaded[subject_id]  # None: looked for, and it has no key (shredded)
        else:
            row = session.get(DataKey, subject_id)
        if row is None:
            if not create:
                return None
            return self._create(session, kind, subject_id)
        if row.kind != kind:
            raise DecryptionError(f"data key {subject_id} belongs to a {row.kind}, not a {kind}")
        cache_key = (subject_id, row.kek_version, hashlib.sha256(row.wrapped).digest())
        cipher = self._ciphers.get(cache_key)
        if cipher is None:
            if row.kek_version not in self.ring.versions and self.on_unknown_version:
                self.on_unknown_version()
            dek = self.envelope.unwrap(row.wrapped, kind, subject_id, row.kek_version)
            cipher = FieldCipher(dek)
            self._remember(cache_key, cipher)
        else:
            self._ciphers.move_to_end(cache_key)
        return cipher

    def _create(self, session: Session, kind: str, subject_id: uuid.UUID) -> FieldCipher:
        dek = new_data_key()
        version, wrapped = self.envelope.wrap(dek, kind, subject_id)
        session.add(DataKey(subject_id=subject_id, kind=kind, kek_version=version, wrapped=wrapped))
        cipher = FieldCipher(dek)
        self._pending(session)[subject_id] = cipher
        self._remember((subject_id, version, hashlib.sha256(wrapped).digest()), cipher)
        return cipher

    def _remember(self, key: tuple, cipher: FieldCipher) -> None:
        self._ciphers[key] = cipher
        if len(self._ciphers) > self._cache_size:
            self._ciphers.popitem(last=False)

    def preload(self, session: Session, subject_ids: Iterable[uuid.UUID]) -> None:
        """Load many subjects' data keys in one query (lists, search results)."""
        ids = {i for i in subject_ids if i is not None}
        if not ids:
            return
        # Held in session.info: the identity map keeps objects only weakly, so rows
        # loaded and dropped here would be gone again by the time they are needed.
        found = session.info.setdefault("cw_preloaded", {})
        ids -= found.keys()
        chunk = sorted(ids, key=str)
        for start in range(0, len(chunk), 5_000):
            part = chunk[start : start + 5_000]
            found.update(dict.fromkeys(part))
            for row in session.scalars(select(DataKey).where(DataKey.subject_id.in_(part))):
                found[row.subject_id] = row

    def forget_session(self, session: Session) -> None:
        """Drop the record of keys created in a session (after commit or rollback)."""
        session.info.pop("cw_new_data_keys", None)

    # -- blind indexes ---------------------------------------------------------
    def blind_index(self, table: str, field: str, normalizer: str, value: str) -> int | None:
        """The truncated HMAC of a normalized value; None when nothing is left to index."""
        normalized = NORMALIZERS[normalizer](value)
        if not normalized:
            return None
        return self.indexer.compute(table, field, normalized)

    def name_word_indexes(self, table: str, field: str, value: str) -> list[int]:
        """One blind index per distinct word of a name (for "any of the name's words" search)."""
        return self.word_indexer.words(table, field, value)

    # -- rotation --------------------------------------------------------------
    def status(self, session: Session) -> dict[int, int]:
        """How many data keys are wrapped under each master-key version."""
        rows = session.execute(
            select(DataKey.kek_version, func.count()).group_by(DataKey.kek_version)
        ).all()
        return {version: count for version, count in rows}

    def rewrap_batch(self, session: Session, batch_size: int = 500) -> RotationReport:
        """Re-wrap up to batch_size data keys under the primary version and commit."""
        primary = self.ring.primary_version
        rows = session.scalars(
            select(DataKey).where(DataKey.kek_version != primary).limit(batch_size)
        ).all()
        for row in rows:
            row.kek_version, row.wrapped = self.envelope.rewrap(
                row.wrapped, row.kind, row.subject_id, row.kek_version
            )
            row.rewrapped_at = utcnow()
        session.commit()
        remaining = session.scalar(
            select(func.count()).select_from(DataKey).where(DataKey.kek_version != primary)
        )
        return RotationReport(rewrapped=len(rows), remaining=remaining or 0)

    # -- shredding -------------------------------------------------------------
    def shred(self, session: Session, subject_id: uuid.UUID) -> bool:
        """Delete a subject's data key; its fields can never be read again."""
        row = session.get(DataKey, subject_id)
        for key in [k for k in self._ciphers if k[0] == subject_id]:
            del self._ciphers[key]
        self._pending(session).pop(subject_id, None)
        session.info.get("cw_preloaded", {}).pop(subject_id, None)
        if row is None:
            return False
        session.delete(row)
        return True


def _forget_new_keys(session: Session, *args) -> None:
    # Once flushed (or rolled back), new data keys are found through the session itself.
    session.info.pop("cw_new_data_keys", None)
    # A key created since a preload is no longer "absent".
    preloaded = session.info.get("cw_preloaded")
    if preloaded:
        for subject_id in [k for k, v in preloaded.items() if v is None]:
            del preloaded[subject_id]


def _forget_preloaded(session: Session, *args) -> None:
    # After a commit or rollback, keys may have been rotated or shredded meanwhile.
    session.info.pop("cw_preloaded", None)


event.listen(Session, "after_flush_postexec", _forget_new_keys)
event.listen(Session, "after_soft_rollback", _forget_new_keys)
event.listen(Session, "after_commit", _forget_preloaded)
event.listen(Session, "after_soft_rollback", _forget_preloaded)
