"""Crypto-shredding: destroy a subject's data key so its fields can never be read."""

from __future__ import annotations

import logging
import uuid

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from casework import audit
from casework.evidence import service as evidence
from casework.extensions import db
from casework.keys import keystore
from casework.models.base import utcnow
from casework.models.case import Case, CaseWorker
from casework.models.party import Worker, WorkerNameWord
from casework.services.timeline import add_event

log = logging.getLogger("casework.shredding")


def _secure_delete_on() -> None:
    """Make SQLite overwrite deleted content on the connection that does the deleting."""
    if db.session.get_bind().dialect.name == "sqlite":
        db.session.connection().exec_driver_sql("PRAGMA secure_delete=ON")


def checkpoint() -> None:
    """Flush SQLite's WAL into the main file so a deleted key lingers nowhere.

    Runs on the session's own connection (after the commit), so it works whether the
    session is bound to the engine or, in tests, to a single connection.
    """
    bind = db.session.get_bind()
    if bind.dialect.name != "sqlite":
        return
    if isinstance(bind, Connection):
        # Tests bind the session to one connection inside an enclosing transaction:
        # SQLite cannot checkpoint there.
        log.warning("WAL checkpoint after shredding skipped: a transaction is still open")
        return
    with bind.connect().execution_options(casework_autocommit=True) as conn:
        conn.exec_driver_sql("PRAGMA secure_delete=ON")
        busy = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
    if busy is not None and busy[0]:
        log.warning("WAL checkpoint after shredding was blocked by a reader; it runs again later")


def shred_worker(worker_id: uuid.UUID, *, commit: bool = True) -> bool:
    """Destroy a worker's data key and blind indexes; case facts stay, anonymous."""
    worker = db.session.get(Worker, worker_id)
    if worker is None or worker.shredded_at is not None:
        return False
    _secure_delete_on()
    evidence.remove_for_worker(worker.id)
    keystore().shred(db.session, worker.id)
    db.session.execute(
        update(Worker)
        .where(Worker.id == worker.id)
        .values(name_bidx=None, phone_bidx=None, shredded_at=utcnow())
    )
    db.session.execute(delete(WorkerNameWord).where(WorkerNameWord.worker_id == worker.id))
    audit.record("worker.shred", object_type="workers", object_id=worker.id)
    # The worker may be on several cases: each one's timeline says their data is gone.
    cases = db.session.scalars(
        select(Case)
        .join(CaseWorker, CaseWorker.case_id == Case.id)
        .where(CaseWorker.worker_id == worker.id)
    )
    for case in cases:
        add_event(case, "worker_shredded", ref_id=worker.id)
    db.session.flush()
    # Forget every value read so far: reloaded rows find no key and read as Unreadable.
    db.session.expire_all()
    if commit:
        db.session.commit()
        checkpoint()
    return True


def shred_case(case_id: uuid.UUID, *, commit: bool = True) -> bool:
    """Destroy a case's data key (narrative, notes, numbers); amounts and dates stay."""
    case = db.session.get(Case, case_id)
    if case is None or case.shredded_at is not None:
        return False
    _secure_delete_on()
    evidence.remove_for_case(case.id)
    keystore().shred(db.session, case.id)
    db.session.execute(update(Case).where(Case.id == case.id).values(shredded_at=utcnow()))
    audit.record("case.shred", object_type="cases", object_id=case.id, case_id=case.id)
    # Forget every value read so far: reloaded rows find no key and read as Unreadable.
    db.session.expire_all()
    if commit:
        db.session.commit()
        checkpoint()
    return True


__all__ = ["checkpoint", "shred_case", "shred_worker"]
