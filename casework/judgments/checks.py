"""Checks every collection service shares: amounts in cents, typed text, the judgment's lock."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import attributes

from casework.extensions import db
from casework.models.judgment import Judgment
from casework.refusals import Refused

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def clean(text: str | None) -> str | None:
    """Typed text without NUL bytes or surrounding space (the guard reads it when stored)."""
    return (text or "").replace("\x00", "").strip() or None


def money(value, field_name: str) -> Decimal:
    """An amount in whole cents, or a refusal naming the field."""
    try:
        amount = Decimal(value)
    except Exception:  # noqa: BLE001 - any unparsable input is a user error here
        raise Refused(field_name, "amount_format") from None
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise Refused(field_name, "cents")
    return amount.quantize(CENT)


def lock(judgment: Judgment) -> Judgment:
    """Lock the judgment row for this transaction and bump its version on flush.

    Two people recording payments at once cannot overdraw a judgment: the second
    writer waits for the lock, or fails on the version column, instead of writing on
    an old balance.
    """
    db.session.execute(select(Judgment.id).where(Judgment.id == judgment.id).with_for_update())
    # The case row is versioned too and the timeline touches it: read it fresh under the
    # lock (first: refreshing the case cascades to its judgments).
    db.session.refresh(judgment.case)
    db.session.refresh(judgment)
    attributes.flag_modified(judgment, "principal")
    return judgment
