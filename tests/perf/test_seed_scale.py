"""seed-scale: proportions, and every encrypted field readable through the app's own path."""

from __future__ import annotations

from sqlalchemy import func, select

from casework.cases.search import find_workers
from casework.crypto.columns import Unreadable
from casework.extensions import db
from casework.keys import keystore
from casework.models.case import Case, Note
from casework.models.judgment import Judgment, Payment
from casework.models.keys import DataKey
from casework.models.party import Employer, Worker
from casework.models.user import User
from casework.scale.seed import HEAVY_NOTES, HEAVY_PAYMENTS, SCALE_DOMAIN, seed_scale


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_seed_scale_writes_proportional_readable_data(app):
    report = seed_scale(db.session, keystore(), 50, seed=7, password_hash="x")
    assert report.cases == 50 and _count(Case) >= 50
    assert report.workers == 60 and report.employers == 10
    assert _count(User, User.email.like(f"%@{SCALE_DOMAIN}")) == report.users
    # Every worker and case has its own data key; every identifying field decrypts.
    assert _count(DataKey, DataKey.kind == "worker") >= 60
    workers = db.session.scalars(
        select(Worker).where(Worker.id.in_(select(DataKey.subject_id)))
    ).all()
    names = [w.name for w in workers]
    assert all(isinstance(n, str) and n and not isinstance(n, Unreadable) for n in names)
    notes = db.session.scalars(select(Note).limit(20)).all()
    assert notes and all(n.body and not isinstance(n.body, Unreadable) for n in notes)
    employer = db.session.scalars(
        select(Employer).where(Employer.owner_names_ciphertext.isnot(None))
    ).first()
    assert employer.owner_names and not isinstance(employer.owner_names, Unreadable)
    # Blind indexes: the app's own search finds a seeded worker by name and by phone.
    sample = next(w for w in workers if w.phone)
    assert sample.id in {w.id for w in find_workers(name=sample.name.upper())}
    assert sample.id in {w.id for w in find_workers(phone=sample.phone)}
    # The heavy case has 50 notes and a judgment with 20 payments.
    heavy = report.heavy_case_ids[0]
    assert _count(Note, Note.case_id == heavy) == HEAVY_NOTES
    assert _count(Payment, Payment.case_id == heavy) == HEAVY_PAYMENTS
    assert _count(Judgment, Judgment.case_id == heavy) == 1
    assert report.notes + report.payments >= 50 * 5
