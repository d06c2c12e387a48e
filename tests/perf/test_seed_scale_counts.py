"""seed-scale's notes and payments grow with the cases: at least ten per case together.

At --cases 100000 that is the million notes and payments the performance figures use.
"""

from __future__ import annotations

from sqlalchemy import func, select

from casework.extensions import db
from casework.keys import keystore
from casework.models.case import Note
from casework.models.judgment import Payment
from casework.scale.seed import seed_scale


def test_seed_scale_writes_ten_notes_and_payments_per_case(app, db_session):
    report = seed_scale(db.session, keystore(), 1000, seed=7, password_hash="x")
    notes = db.session.scalar(select(func.count()).select_from(Note))
    payments = db.session.scalar(select(func.count()).select_from(Payment))
    assert (report.notes, report.payments) == (notes, payments)
    assert notes + payments >= 10 * 1000
