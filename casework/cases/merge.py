"""Merging two records of the same worker: one is kept, the other moves onto it and is shredded.

The intake's duplicate check finds workers by name or phone; when two records turn out
to be the same person, a supervisor merges them. Every case, claim, judgment share,
disbursement, letter and file of the other record moves to the kept one (files about the
worker are re-sealed with the kept record's key); contact details the kept record lacks
are taken from the other; then the other record is shredded. Each case the merge touches
says so in its timeline, and the audit log records it.

Two records on the same case are not merged: that case would hold the person twice, with
two claims. The refusal names the case so the duplicate can be removed from it first.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update

from casework import audit
from casework.crypto.columns import readable
from casework.evidence import service as evidence
from casework.extensions import db
from casework.models.case import Case, CaseWorker
from casework.models.evidence import Attachment
from casework.models.judgment import Disbursement, JudgmentShare
from casework.models.letter import Letter
from casework.models.party import Worker, set_name_words
from casework.refusals import Refused
from casework.services import shredding
from casework.services.timeline import add_event

#: Contact details taken from the other record when the kept one has none.
FILLED = ("phone", "email", "address")


def candidates(worker: Worker) -> list[Worker]:
    """Other workers the duplicate check would offer for this one (same name or phone)."""
    from casework.cases import search

    found = search.find_workers(readable(worker.name), readable(worker.phone))
    return [w for w in found if w.id != worker.id and w.shredded_at is None]


def merge_workers(keep: Worker, other: Worker) -> list[Case]:
    """Move everything of ``other`` onto ``keep`` and shred ``other``; returns the cases touched."""
    if keep.id == other.id:
        raise Refused("other", "same")
    if keep.shredded_at is not None or other.shredded_at is not None:
        raise Refused("other", "shredded")
    keep_cases = set(
        db.session.scalars(select(CaseWorker.case_id).where(CaseWorker.worker_id == keep.id))
    )
    moving = list(db.session.scalars(select(CaseWorker).where(CaseWorker.worker_id == other.id)))
    both = [link.case for link in moving if link.case_id in keep_cases]
    if both:
        raise Refused("other", "same_case", reference=both[0].reference)

    for name in FILLED:
        if not readable(getattr(keep, name)):
            value = readable(getattr(other, name))
            if value:
                setattr(keep, name, value)
    if not readable(keep.name) and readable(other.name):
        keep.name = other.name
        set_name_words(keep, keep.name)

    # Files about the worker are sealed with their record's key: open, move, seal again.
    for attachment in db.session.scalars(
        select(Attachment).where(Attachment.worker_id == other.id)
    ).all():
        evidence.move_to_worker(attachment, keep.id)
    for link in moving:
        link.worker_id = keep.id
    for model in (JudgmentShare, Disbursement, Letter):
        db.session.execute(
            update(model).where(model.worker_id == other.id).values(worker_id=keep.id)
        )
    db.session.flush()

    touched = sorted({link.case for link in moving}, key=lambda c: c.reference)
    touched += [
        case
        for case in db.session.scalars(select(Case).where(Case.id.in_(keep_cases)))
        if case not in touched
    ]
    for case in touched:
        add_event(case, "worker_merged", ref_id=keep.id)
    audit.record(
        "worker.merge",
        object_type="workers",
        object_id=keep.id,
        detail=f"merged:{uuid.UUID(str(other.id)).hex}",
    )
    shredding.shred_worker(other.id, commit=False)
    return touched
