"""Crypto-shredding: destroy a subject's data key so its fields can never be read."""

from __future__ import annotations

import uuid

from sqlalchemy import update

from casework import audit
from casework.extensions import db
from casework.keys import keystore
from casework.models.base import utcnow
from casework.models.case import Case
from casework.models.party import Worker


def checkpoint() -> None:
    """Flush SQLite's WAL into the main file so a deleted key lingers nowhere."""
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA secure_delete=ON")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def shred_worker(worker_id: uuid.UUID, *, commit: bool = True) -> bool:
    """Destroy a worker's data key and blind indexes; case facts stay, anonymous."""
    worker = db.session.get(Worker, worker_id)
    if worker is None or worker.shredded_at is not None:
        return False
    keystore().shred(db.session, worker.id)
    db.session.execute(
        update(Worker)
        .where(Worker.id == worker.id)
        .values(name_bidx=None, phone_bidx=None, shredded_at=utcnow())
    )
    audit.record("worker.shred", object_type="workers", object_id=worker.id)
    if commit:
        db.session.commit()
        db.session.expire_all()
        checkpoint()
    return True


def shred_case(case_id: uuid.UUID, *, commit: bool = True) -> bool:
    """Destroy a case's data key (narrative, notes, numbers); amounts and dates stay."""
    case = db.session.get(Case, case_id)
    if case is None or case.shredded_at is not None:
        return False
    keystore().shred(db.session, case.id)
    db.session.execute(update(Case).where(Case.id == case.id).values(shredded_at=utcnow()))
    audit.record("case.shred", object_type="cases", object_id=case.id, case_id=case.id)
    if commit:
        db.session.commit()
        db.session.expire_all()
        checkpoint()
    return True


__all__ = ["checkpoint", "shred_case", "shred_worker"]
