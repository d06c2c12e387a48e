"""Bulk letters: the same kind of letter for many cases, made by the job runner.

``create_run`` records the selection (each case an item; cases the user may not act on, or
that the kind does not fit, are skipped at once with why). The job (casework/jobs/tasks.py)
then calls ``make_item`` for each pending item, one transaction per item, which makes the
case's letters through ``service.generate_letter`` exactly as one letter is made: drafts
that wait for a supervisor's approval. An item is claimed by the same statement that marks
it done, so two consumers, or a consumer restarted after a crash, never make a case's
letters twice. Services flush; the job commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update

from casework import audit
from casework.authz import can_on_case, visible_cases_clause
from casework.extensions import db
from casework.letters import content, service
from casework.models import Case, Letter, User
from casework.models.base import utcnow
from casework.models.bulk import BulkItem, BulkRun
from casework.models.text_guard import StatusRefused
from casework.refusals import Refused

#: The kinds that may be made in bulk: every kind staff generate from a case.
BULK_KINDS = tuple(service.GENERATED_KINDS)

#: The most cases one run takes (a caseload page holds far fewer).
MAX_CASES = 1000

#: A run still "running" with no finished item for this long has lost its consumer.
STALLED_AFTER = timedelta(minutes=2)


def recipients_for(case: Case, kind: str) -> list[str]:
    """One letter per employer for an employer kind, per worker for a worker kind."""
    if kind in content.EMPLOYER_KINDS:
        return [f"employer:{employer.id}" for employer in case.employers]
    return [f"worker:{worker.id}" for worker in case.workers]


def _case_ids(values: Iterable[str]) -> list[uuid.UUID]:
    """The selected ids in order, once each; anything that is not an id is ignored."""
    seen: dict[uuid.UUID, None] = {}
    for value in values:
        try:
            seen.setdefault(uuid.UUID(str(value)), None)
        except ValueError:
            continue
    return list(seen)


def create_run(user: User, kind: str, case_ids: Iterable[str]) -> BulkRun:
    """Record a bulk run of ``kind`` over the selected cases the user may see.

    Cases the user may not see are left out altogether (they cannot have been offered);
    cases the user may see but not write letters on, or that the kind does not fit, are
    items skipped at once, with why. Refuses ``kind``/``kind_unknown``,
    ``cases``/``none_selected`` and ``cases``/``too_many`` (with ``most``).
    """
    if kind not in BULK_KINDS:
        raise Refused("kind", "kind_unknown")
    ids = _case_ids(case_ids)
    if not ids:
        raise Refused("cases", "none_selected")
    if len(ids) > MAX_CASES:
        raise Refused("cases", "too_many", most=MAX_CASES)
    query = select(Case).where(Case.id.in_(ids))
    clause = visible_cases_clause(user)
    if clause is not None:
        query = query.where(clause)
    found = {case.id: case for case in db.session.scalars(query)}
    cases = [found[key] for key in ids if key in found]
    if not cases:
        raise Refused("cases", "none_selected")
    run = BulkRun(kind=kind, status="queued", user_id=user.id, total=len(cases), done=0)
    db.session.add(run)
    skipped = 0
    for position, case in enumerate(cases):
        reason = _reason_to_skip(case, kind, user)
        skipped += reason is not None
        db.session.add(
            BulkItem(
                run_id=run.id,
                case_id=case.id,
                position=position,
                status="pending" if reason is None else "skipped",
                reason=reason,
                done_at=None if reason is None else utcnow(),
            )
        )
    run.done = skipped
    if skipped == len(cases):
        run.status = "done"
        run.finished_at = utcnow()
    db.session.flush()
    audit.record(
        "letter.bulk_start",
        run,
        object_type="bulk_letter_runs",
        detail=f"{kind}:{len(cases)} cases:{skipped} skipped",
        user_id=user.id,
    )
    return run


def _reason_to_skip(case: Case, kind: str, user: User) -> str | None:
    if not user.active or not can_on_case(case, "letter", user):
        return "not_allowed"
    if case.case_type not in service.GENERATED_KINDS[kind]:
        return "kind_case_type"
    if not recipients_for(case, kind):
        return "recipient_unknown"
    return None


def pending_items(run_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        db.session.scalars(
            select(BulkItem.id)
            .where(BulkItem.run_id == run_id, BulkItem.status == "pending")
            .order_by(BulkItem.position)
        )
    )


def start(run_id: uuid.UUID) -> BulkRun | None:
    """Mark a run running (the first time a consumer takes it); None when it is gone."""
    run = db.session.get(BulkRun, run_id)
    if run is None:
        return None
    if run.status == "queued":
        run.status = "running"
        run.started_at = run.started_at or utcnow()
        run.touched_at = utcnow()
    return run


def make_item(item_id: uuid.UUID) -> str | None:
    """Make one pending item's letters; returns its new status, or None if another took it.

    The claim (pending to made) and the letters are in the caller's one transaction: if
    the process dies before it commits, the item is still pending and nothing of it stays.
    """
    now = utcnow()
    claimed = db.session.execute(
        update(BulkItem)
        .where(BulkItem.id == item_id, BulkItem.status == "pending")
        .values(status="made", done_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:
        return None
    item = db.session.get(BulkItem, item_id)
    db.session.refresh(item)
    run = item.run
    user = db.session.get(User, run.user_id)
    case = item.case
    reason = _reason_to_skip(case, run.kind, user) if user is not None else "not_allowed"
    letters: list[Letter] = []
    if reason is None:
        try:
            with db.session.begin_nested():
                for recipient in recipients_for(case, run.kind):
                    letters += service.generate_letter(case, run.kind, recipient, user=user)
                for letter in letters:
                    letter.bulk_run_id = run.id
                db.session.flush()
        except service.LetterError as exc:
            reason, letters = exc.message, []
        except StatusRefused:
            reason, letters = "status_disclosure", []
    if reason is None:
        item.letters = len(letters)
        item.letter_id = letters[0].id
        audit.record(
            "letter.bulk_item",
            object_type="bulk_letter_runs",
            object_id=run.id,
            case_id=case.id,
            detail=f"{run.kind}:{len(letters)} letters",
            user_id=run.user_id,
        )
    else:
        item.status = "skipped"
        item.reason = reason
    _count_done(run.id)
    return item.status


def skip_failed(item_id: uuid.UUID) -> None:
    """Record an item that could not be made for a reason of the machine's (after rollback)."""
    changed = db.session.execute(
        update(BulkItem)
        .where(BulkItem.id == item_id, BulkItem.status == "pending")
        .values(status="skipped", reason="failed", done_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount == 1:
        run_id = db.session.scalar(select(BulkItem.run_id).where(BulkItem.id == item_id))
        _count_done(run_id)


def _count_done(run_id: uuid.UUID) -> None:
    db.session.execute(
        update(BulkRun)
        .where(BulkRun.id == run_id)
        .values(done=BulkRun.done + 1, touched_at=utcnow())
        .execution_options(synchronize_session=False)
    )


def finish(run_id: uuid.UUID) -> BulkRun | None:
    """Mark the run done once no item is pending."""
    run = db.session.get(BulkRun, run_id)
    if run is None:
        return None
    db.session.refresh(run)
    if run.status != "done" and not pending_items(run_id):
        run.status = "done"
        run.finished_at = utcnow()
        run.done = run.total
    return run


def unfinished(stalled_only: bool = False) -> list[uuid.UUID]:
    """Runs not done (or, with stalled_only, queued or running with no progress lately)."""
    query = select(BulkRun.id).where(BulkRun.status != "done").order_by(BulkRun.created_at)
    if stalled_only:
        cutoff = utcnow() - STALLED_AFTER
        query = query.where(func.coalesce(BulkRun.touched_at, BulkRun.created_at) < cutoff)
    return list(db.session.scalars(query))


# -- reading ----------------------------------------------------------------------


def get_run(run_id) -> BulkRun | None:
    try:
        key = run_id if isinstance(run_id, uuid.UUID) else uuid.UUID(str(run_id))
    except ValueError:
        return None
    return db.session.get(BulkRun, key)


def may_view(run: BulkRun, user: User) -> bool:
    """The person who started a run sees it; supervisors see every run."""
    return run.user_id == user.id or user.role == "supervisor"


@dataclass(frozen=True)
class RunCounts:
    made: int
    skipped: int
    pending: int
    letters: int
    drafts: int
    approved: int


def counts(run: BulkRun) -> RunCounts:
    by_status = dict(
        db.session.execute(
            select(BulkItem.status, func.count())
            .where(BulkItem.run_id == run.id)
            .group_by(BulkItem.status)
        ).all()
    )
    letters = dict(
        db.session.execute(
            select(Letter.status, func.count())
            .where(Letter.bulk_run_id == run.id, Letter.copy_of_id.is_(None))
            .group_by(Letter.status)
        ).all()
    )
    return RunCounts(
        made=by_status.get("made", 0),
        skipped=by_status.get("skipped", 0),
        pending=by_status.get("pending", 0),
        letters=sum(letters.values()),
        drafts=letters.get("draft", 0),
        approved=letters.get("approved", 0),
    )


def recent_runs(limit: int = 10) -> list[BulkRun]:
    return list(
        db.session.scalars(select(BulkRun).order_by(BulkRun.created_at.desc()).limit(limit))
    )


def approved_letters(run: BulkRun) -> list[Letter]:
    """The run's approved, unsent letters (workers' copies included), in the run's order."""
    return list(
        db.session.scalars(
            select(Letter)
            .join(
                BulkItem,
                (BulkItem.run_id == Letter.bulk_run_id) & (BulkItem.case_id == Letter.case_id),
            )
            .where(Letter.bulk_run_id == run.id, Letter.status == "approved")
            .order_by(
                BulkItem.position,
                func.coalesce(Letter.copy_of_id, Letter.id),
                Letter.copy_of_id.is_not(None),
                Letter.created_at,
            )
        )
    )
