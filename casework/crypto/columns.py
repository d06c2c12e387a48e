"""Encrypted model attributes: one line per field, ciphertext bound to its row.

``name = Encrypted("worker")`` on a model adds a binary column ``name`` that
holds ``version ‖ nonce ‖ ciphertext ‖ tag`` and a Python attribute ``name``
that reads and writes plain text. Values are encrypted at flush time (so the
row's own id and its subject's id are known), with the subject's data key and
the associated data ``casework:field:v1|<table>|<column>|<row uuid>``.

SQLAlchemy only; no Flask.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import BigInteger, LargeBinary, event
from sqlalchemy.orm import Session, mapped_column, object_session

from casework.crypto.errors import DecryptionError

log = logging.getLogger("casework.crypto")

# Written into the ciphertext column until the flush encrypts the real value.
_PENDING = b"\x00pending"

_keystore = None


def install_keystore(store) -> None:
    """Make ``store`` (a KeyStore) the one the encrypted attributes use."""
    global _keystore
    _keystore = store


def keystore():
    """The installed KeyStore; fails loudly when the app did not install one."""
    if _keystore is None:
        raise RuntimeError("no key store installed: create_app() installs it from the key ring")
    return _keystore


class Unreadable(str):
    """A value that cannot be decrypted (shredded, moved or tampered with).

    It behaves as an empty string in code and renders as a clear notice in pages.
    """

    DEFAULT_LABEL = "This record cannot be decrypted"
    label: Callable[[], str] = staticmethod(lambda: Unreadable.DEFAULT_LABEL)

    @staticmethod
    def text() -> str:
        """The notice in the current language; English outside a request (CLI, jobs)."""
        try:
            return str(Unreadable.label())
        except RuntimeError:
            return Unreadable.DEFAULT_LABEL

    def __new__(cls):
        return super().__new__(cls, "")

    def __html__(self) -> str:
        from markupsafe import escape

        return f'<span class="unreadable">{escape(Unreadable.text())}</span>'

    def __str__(self) -> str:
        return Unreadable.text()

    def __bool__(self) -> bool:
        return False


def readable(value, empty=None):
    """A decrypted text as it was stored, or ``empty`` when there is none or it cannot be read.

    Forms take ``readable(value, "")``; code that tells "no value" apart takes the default.
    """
    if value is None or isinstance(value, Unreadable):
        return empty
    return value


class Encrypted:
    """A model attribute stored encrypted with a subject's data key.

    ``kind`` names the subject ("worker", "case", "employer", "user"). The subject
    is the row itself unless ``subject`` names the attribute holding the subject's
    id (``"case_id"``) and ``via`` the relationship to fall back on before flush.
    ``index`` ("name" or "phone") also keeps a blind index in ``<field>_bidx``.
    """

    def __init__(
        self,
        kind: str,
        *,
        subject: str = "id",
        via: str | None = None,
        index: str | None = None,
    ):
        self.kind = kind
        self.subject = subject
        self.via = via
        self.index = index

    def __set_name__(self, owner, name: str) -> None:
        self.name = name
        self.ct_attr = f"{name}_ciphertext"
        self.bidx_attr = f"{name}_bidx"
        setattr(owner, self.ct_attr, mapped_column(name, LargeBinary, nullable=True))
        if self.index:
            setattr(
                owner,
                self.bidx_attr,
                mapped_column(f"{name}_bidx", BigInteger, nullable=True, index=True),
            )
        fields = dict(getattr(owner, "__encrypted_fields__", {}))
        fields[name] = self
        owner.__encrypted_fields__ = fields

    # -- reading ---------------------------------------------------------------
    def subject_id(self, obj) -> uuid.UUID | None:
        value = getattr(obj, self.subject)
        if value is None and self.via:
            related = getattr(obj, self.via)
            value = related.id if related is not None else None
        return value

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        pending = obj.__dict__.get("_cw_pending")
        if pending and self.name in pending:
            return pending[self.name]
        blob = getattr(obj, self.ct_attr)
        if blob is None:
            return None
        cache = obj.__dict__.setdefault("_cw_plain", {})
        hit = cache.get(self.name)
        if hit is not None and hit[0] is blob:
            return hit[1]
        value = self._decrypt(obj, blob)
        cache[self.name] = (blob, value)
        return value

    def _decrypt(self, obj, blob: bytes):
        table = obj.__tablename__
        session = object_session(obj)
        subject_id = self.subject_id(obj)
        cipher = None
        try:
            if session is not None and subject_id is not None:
                cipher = keystore().cipher(session, self.kind, subject_id)
            if cipher is None:
                log.warning("no data key for %s.%s row %s", table, self.name, obj.id)
                return Unreadable()
            return cipher.decrypt(blob, table=table, column=self.name, row_id=obj.id)
        except DecryptionError:
            # A value moved from another row, column or subject, a damaged data key, or a
            # retired master key: say where, never what (the error text holds no value).
            log.error("cannot decrypt %s.%s row %s", table, self.name, obj.id)
            return Unreadable()

    # -- writing ---------------------------------------------------------------
    def __set__(self, obj, value: Any) -> None:
        if isinstance(value, Unreadable):
            return  # never write the placeholder back over the ciphertext
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{self.name} takes text, not {type(value).__name__}")
        obj.__dict__.setdefault("_cw_pending", {})[self.name] = value
        obj.__dict__.pop("_cw_plain", None)
        # Mark the row changed; the flush replaces this with the real ciphertext.
        setattr(obj, self.ct_attr, None if value is None else _PENDING)

    def seal(self, session: Session, obj) -> None:
        """Encrypt the pending value (called at flush)."""
        value = obj.__dict__["_cw_pending"].pop(self.name)
        if value is None:
            setattr(obj, self.ct_attr, None)
            if self.index:
                setattr(obj, self.bidx_attr, None)
            return
        store = keystore()
        subject_id = self.subject_id(obj)
        if subject_id is None:
            raise ValueError(f"{obj.__tablename__}.{self.name}: the subject is not set")
        cipher = store.cipher(session, self.kind, subject_id, create=True)
        blob = cipher.encrypt(value, table=obj.__tablename__, column=self.name, row_id=obj.id)
        setattr(obj, self.ct_attr, blob)
        obj.__dict__.setdefault("_cw_plain", {})[self.name] = (blob, value)
        if self.index:
            setattr(
                obj,
                self.bidx_attr,
                store.blind_index(obj.__tablename__, self.name, self.index, value),
            )


@event.listens_for(Session, "before_flush")
def _seal_pending_fields(session: Session, flush_context, instances) -> None:
    """Encrypt every value set since the last flush."""
    for obj in list(session.new) + list(session.dirty):
        pending = obj.__dict__.get("_cw_pending")
        if not pending:
            continue
        fields = type(obj).__encrypted_fields__
        for name in list(pending):
            fields[name].seal(session, obj)


def encrypted_fields(model) -> dict[str, Encrypted]:
    """The encrypted attributes of a model class."""
    return dict(getattr(model, "__encrypted_fields__", {}))
