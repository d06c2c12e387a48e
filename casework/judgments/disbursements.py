"""Passing collected money on to the workers: each worker's account on a judgment."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_DOWN, Decimal

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from casework import audit
from casework.extensions import db
from casework.judgments.checks import CENT, ZERO, clean, lock, money
from casework.models.case import Case
from casework.models.judgment import Disbursement, Judgment
from casework.refusals import Refused
from casework.services.timeline import add_event

DISBURSEMENT_METHODS = ("check", "cash", "money_order", "direct_deposit", "other")


@dataclass(frozen=True)
class WorkerAccount:
    """One worker's money on one judgment: share, collected for them, passed on, held."""

    judgment: Judgment
    worker_id: uuid.UUID
    share: Decimal
    collected: Decimal
    disbursed: Decimal

    @property
    def held(self) -> Decimal:
        return self.collected - self.disbursed


def split_by_weight(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split `total` in proportion to `weights`, to the cent, the parts adding up exactly."""
    whole = sum(weights, ZERO)
    if whole == 0:
        return [ZERO for _w in weights]
    raw = [total * w / whole for w in weights]
    parts = [r.quantize(CENT, rounding=ROUND_DOWN) for r in raw]
    left = int((total - sum(parts, ZERO)) / CENT)
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[:left]:
        parts[i] += CENT
    return parts


def worker_accounts(judgment: Judgment, disbursements: Sequence[Disbursement] | None = None):
    """Each worker's collected share (collected × share / principal) and what was passed on."""
    if disbursements is None:
        disbursements = db.session.scalars(
            select(Disbursement).where(Disbursement.judgment_id == judgment.id)
        ).all()
    collected = sum((Decimal(p.amount) for p in judgment.payments), ZERO)
    shares = list(judgment.shares)
    parts = split_by_weight(collected, [Decimal(s.amount) for s in shares])
    accounts = []
    for share, part in zip(shares, parts, strict=True):
        paid = sum(
            (Decimal(d.amount) for d in disbursements if d.worker_id == share.worker_id), ZERO
        )
        accounts.append(WorkerAccount(judgment, share.worker_id, Decimal(share.amount), part, paid))
    return accounts


def record_disbursement(
    judgment: Judgment,
    *,
    worker_id: uuid.UUID,
    paid_on: date,
    amount: Decimal,
    method: str,
    reference: str | None = None,
    recorded_by_id: uuid.UUID | None = None,
    today: date | None = None,
) -> Disbursement:
    """Pass money on to one worker; never more than their collected, undisbursed share."""
    today = today or date.today()
    amount = money(amount, "amount")
    if amount <= 0:
        raise Refused("amount", "disbursement_amount")
    if method not in DISBURSEMENT_METHODS:
        raise Refused("method", "disbursement_method")
    if paid_on > today:
        raise Refused("paid_on", "paid_future")
    lock(judgment)
    account = next((a for a in worker_accounts(judgment) if a.worker_id == worker_id), None)
    if account is None:
        raise Refused("worker_id", "no_share")
    if amount > account.held:
        raise _refusal_over_held(account, amount)
    row = Disbursement(
        id=uuid.uuid4(),
        case_id=judgment.case_id,
        judgment_id=judgment.id,
        worker_id=worker_id,
        paid_on=paid_on,
        amount=amount,
        method=method,
        recorded_by_id=recorded_by_id,
    )
    row.reference = clean(reference)
    db.session.add(row)
    add_event(judgment.case, "disbursement", str(amount), ref_id=row.id)
    audit.record("disbursement.record", row, case_id=judgment.case_id, detail=str(amount))
    try:
        db.session.flush()
    except StaleDataError:
        # The caller's unit of work is spoilt: it rolls back and shows the refusal.
        raise Refused("amount", "judgment_race") from None
    return row


def _refusal_over_held(account: WorkerAccount, amount: Decimal) -> Refused:
    """Why a disbursement was refused, and what can be passed on instead."""
    if account.collected == 0:
        return Refused("amount", "nothing_collected", amount=amount, share=account.share)
    if account.held == 0:
        return Refused("amount", "all_passed_on", amount=amount, collected=account.collected)
    return Refused(
        "amount",
        "over_held",
        amount=amount,
        held=account.held,
        collected=account.collected,
        disbursed=account.disbursed,
    )


def case_disbursements(case: Case) -> list[Disbursement]:
    return list(
        db.session.scalars(
            select(Disbursement)
            .where(Disbursement.case_id == case.id)
            .order_by(Disbursement.paid_on, Disbursement.created_at)
        )
    )
