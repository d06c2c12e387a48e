"""Exact search on encrypted fields through their blind indexes.

The blind index narrows the table to a few candidates (the index is short on
purpose, so unrelated values share it); only those candidates are decrypted and
their normalized values compared with the normalized query. Nothing decrypts the
whole table.

SQLAlchemy only; no Flask.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.crypto.columns import Encrypted, Unreadable, encrypted_fields, keystore
from casework.crypto.keystore import NORMALIZERS


def _indexed_field(model, field: str) -> Encrypted:
    descriptor = encrypted_fields(model).get(field)
    if descriptor is None or not descriptor.index:
        raise ValueError(f"{model.__name__}.{field} has no blind index")
    return descriptor


def candidates_query(model, field: str, value: str):
    """The SELECT narrowing ``model`` by the blind index of ``value``; None if nothing to index.

    Callers may add their own filters (for example, cases the user may see) before
    passing the rows to :func:`matching`.
    """
    descriptor = _indexed_field(model, field)
    index = keystore().blind_index(model.__tablename__, field, descriptor.index, value)
    if index is None:
        return None
    return select(model).where(getattr(model, descriptor.bidx_attr) == index)


def matching(session: Session, model, field: str, value: str, rows: list[Any]) -> list[Any]:
    """Keep the rows whose decrypted ``field`` normalizes to the same text as ``value``."""
    descriptor = _indexed_field(model, field)
    normalize = NORMALIZERS[descriptor.index]
    wanted = normalize(value)
    if not wanted or not rows:
        return []
    keystore().preload(session, [descriptor.subject_id(row) for row in rows])
    found = []
    for row in rows:
        plain = getattr(row, field)
        if plain is None or isinstance(plain, Unreadable):
            continue
        if normalize(plain) == wanted:
            found.append(row)
    return found


def find_by_index(session: Session, model, field: str, value: str) -> list[Any]:
    """Rows of ``model`` whose encrypted ``field`` equals ``value`` once normalized.

    ``find_by_index(db.session, Worker, "name", "José Núñez")`` finds a worker
    stored as "jose nunez"; ``find_by_index(db.session, Worker, "phone",
    "+1 555-201-9876")`` finds "(555) 201-9876". Shredded or unreadable rows never
    match. Raises ValueError when the field has no blind index.
    """
    query = candidates_query(model, field, value)
    if query is None:
        return []
    rows = list(session.scalars(query).all())
    return matching(session, model, field, value, rows)
