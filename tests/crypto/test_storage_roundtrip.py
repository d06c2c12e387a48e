"""Encrypted attributes through the models: round trip, and moved ciphertext never reads."""

from __future__ import annotations

import logging
import uuid
from datetime import date
from decimal import Decimal

import pytest
from flask import render_template_string
from sqlalchemy import select, text

from casework.crypto.columns import Unreadable, encrypted_fields
from casework.extensions import db
from casework.models import (
    CompClaim,
    Disbursement,
    Employer,
    EnforcementAction,
    Judgment,
    Letter,
    Note,
    RetaliationClaim,
    User,
    Worker,
)
from casework.models.case import Case

LONG = "Ñandú 漢字 🙂 ゆき ŝ\u0301 " * 12_000  # about 260 kB of mixed scripts and combining marks
SAMPLES = ["", "x", "María José Núñez", LONG]


def _graph(make):
    """One row of every model with encrypted attributes, all flushed."""
    user = make.user("advocate")
    worker = make.worker()
    employer = make.employer()
    comp_case = make.case(workers=[worker], employers=[employer], case_type="workers_comp")
    ret_case = make.case(case_type="retaliation")
    note = make.note(comp_case)
    judgment = make.judgment(comp_case)
    disbursement = Disbursement(
        case_id=comp_case.id,
        judgment_id=judgment.id,
        worker_id=worker.id,
        paid_on=date(2026, 3, 1),
        amount=Decimal("10.00"),
        method="check",
        reference="Check 1001",
    )
    action = EnforcementAction(
        judgment_id=judgment.id,
        case_id=comp_case.id,
        kind="other",
        taken_on=date(2026, 3, 1),
        result="Levy served",
    )
    letter = Letter(case=comp_case, kind="worker_copy", language="en", letter_date=date(2026, 3, 1))
    db.session.add_all([disbursement, action, letter])
    db.session.flush()
    comp = db.session.scalars(select(CompClaim).where(CompClaim.case_id == comp_case.id)).one()
    ret = db.session.scalars(
        select(RetaliationClaim).where(RetaliationClaim.case_id == ret_case.id)
    ).one()
    return {
        Worker: worker,
        Employer: employer,
        Case: comp_case,
        Note: note,
        CompClaim: comp,
        RetaliationClaim: ret,
        Judgment: judgment,
        Disbursement: disbursement,
        EnforcementAction: action,
        Letter: letter,
        User: user,
    }


def _reload(model, row_id):
    db.session.expunge_all()
    return db.session.get(model, row_id)


def _raw(model, column, row_id):
    table = model.__tablename__
    return db.session.execute(
        text(f"SELECT {column} FROM {table} WHERE id = :id"), {"id": _key(row_id)}
    ).scalar()


def _key(row_id):
    # SQLite stores the UUID as 32 hex digits; PostgreSQL as a native uuid.
    return row_id.hex if db.engine.dialect.name == "sqlite" else row_id


def _set_raw(model, column, row_id, value):
    db.session.execute(
        text(f"UPDATE {model.__tablename__} SET {column} = :v WHERE id = :id"),
        {"v": value, "id": _key(row_id)},
    )


EXPECTED = {
    Worker: {"name", "phone", "email", "address"},
    Employer: {"owner_names"},
    Case: {"narrative"},
    Note: {"body"},
    CompClaim: {"body_parts", "board_case_number"},
    RetaliationClaim: {"protected_activity", "adverse_action", "remedy_sought"},
    Judgment: {"docket_number"},
    Disbursement: {"reference"},
    EnforcementAction: {"result"},
    Letter: {"content", "return_comment"},
    User: {"totp_secret"},
}


def test_every_identifying_attribute_is_encrypted():
    for model, names in EXPECTED.items():
        assert names <= set(encrypted_fields(model)), model.__name__


@pytest.mark.parametrize("value", SAMPLES, ids=["empty", "one", "accented", "long-unicode"])
def test_round_trip_every_encrypted_attribute(app, make, value):
    rows = _graph(make)
    for model, row in rows.items():
        for name in EXPECTED[model]:
            setattr(row, name, value)
    db.session.flush()
    ids = {model: row.id for model, row in rows.items()}
    for model, row_id in ids.items():
        for name in EXPECTED[model]:
            stored = bytes(_raw(model, name, row_id))
            if len(value) >= 4:
                assert value.encode() not in stored
                assert value[:8].encode() not in stored
            fresh = _reload(model, row_id)
            got = getattr(fresh, name)
            assert got == value and not isinstance(got, Unreadable), (model.__name__, name)


def test_none_stays_none(app, make):
    worker = make.worker(email=None)
    worker_id = worker.id
    assert _raw(Worker, "email", worker_id) is None
    assert _reload(Worker, worker_id).email is None


def test_each_write_uses_a_fresh_nonce(app, make):
    one, two = make.worker(name="Same Name"), make.worker(name="Same Name")
    assert bytes(_raw(Worker, "name", one.id)) != bytes(_raw(Worker, "name", two.id))


@pytest.fixture
def crypto_log(caplog):
    caplog.set_level(logging.WARNING, logger="casework.crypto")
    return caplog


def _assert_unreadable(value, caplog, *secrets):
    assert isinstance(value, Unreadable)
    assert str(value) == "This record cannot be decrypted"
    assert "cannot decrypt" in caplog.text or "no data key" in caplog.text
    for secret in secrets:
        assert secret not in caplog.text


def test_swapped_between_rows(app, make, crypto_log):
    a = make.worker(name="Alpha Canary Person")
    b = make.worker(name="Bravo Other Person")
    a_id, b_id = a.id, b.id
    _set_raw(Worker, "name", b_id, bytes(_raw(Worker, "name", a_id)))
    value = _reload(Worker, b_id).name
    _assert_unreadable(value, crypto_log, "Alpha Canary", "Bravo Other")
    assert _reload(Worker, a_id).name == "Alpha Canary Person"


def test_swapped_between_columns(app, make, crypto_log):
    w = make.worker(name="Column Canary", email="column@example.test")
    w_id = w.id
    _set_raw(Worker, "email", w_id, bytes(_raw(Worker, "name", w_id)))
    fresh = _reload(Worker, w_id)
    _assert_unreadable(fresh.email, crypto_log, "Column Canary")
    assert fresh.name == "Column Canary"


def test_note_moved_to_another_case(app, make, crypto_log):
    case_a, case_b = make.case(), make.case()
    note_a = make.note(case_a, body="Secret story of case A")
    note_b = make.note(case_b, body="Story of case B")
    a_id, b_id, case_b_id = note_a.id, note_b.id, case_b.id
    # The ciphertext moved into another case's note...
    _set_raw(Note, "body", b_id, bytes(_raw(Note, "body", a_id)))
    _assert_unreadable(_reload(Note, b_id).body, crypto_log, "Secret story")
    # ...and the whole note re-parented under another case (its key no longer fits).
    db.session.execute(
        text("UPDATE notes SET case_id = :c WHERE id = :id"),
        {"c": _key(case_b_id), "id": _key(a_id)},
    )
    _assert_unreadable(_reload(Note, a_id).body, crypto_log, "Secret story")


def test_data_key_swapped_between_subjects(app, make, crypto_log):
    a = make.worker(name="Key Owner A")
    b = make.worker(name="Key Owner B")
    a_id, b_id = a.id, b.id
    wrapped = db.session.execute(
        text("SELECT wrapped FROM data_keys WHERE subject_id = :s"), {"s": _key(a_id)}
    ).scalar()
    db.session.execute(
        text("UPDATE data_keys SET wrapped = :w WHERE subject_id = :s"),
        {"w": bytes(wrapped), "s": _key(b_id)},
    )
    _assert_unreadable(_reload(Worker, b_id).name, crypto_log, "Key Owner")
    assert _reload(Worker, a_id).name == "Key Owner A"


def test_data_key_of_another_kind(app, make, crypto_log):
    case = make.case(narrative="Narrative canary")
    case_id = case.id
    db.session.execute(
        text("UPDATE data_keys SET kind = 'worker' WHERE subject_id = :s"), {"s": _key(case_id)}
    )
    _assert_unreadable(_reload(Case, case_id).narrative, crypto_log, "Narrative canary")


def test_damaged_ciphertext(app, make, crypto_log):
    w = make.worker(phone="(555) 201-0000")
    w_id = w.id
    blob = bytearray(_raw(Worker, "phone", w_id))
    blob[-1] ^= 1
    _set_raw(Worker, "phone", w_id, bytes(blob))
    _assert_unreadable(_reload(Worker, w_id).phone, crypto_log)
    _set_raw(Worker, "phone", w_id, b"\x01short")
    _assert_unreadable(_reload(Worker, w_id).phone, crypto_log)


def test_unreadable_renders_as_notice_and_is_never_written_back(app, make, crypto_log):
    a, b = make.worker(name="Render Canary"), make.worker()
    _set_raw(Worker, "name", b.id, bytes(_raw(Worker, "name", a.id)))
    b_id = b.id
    fresh = _reload(Worker, b_id)
    with app.test_request_context("/"):
        html = render_template_string("<p>{{ w.name }}</p>", w=fresh)
    assert "This record cannot be decrypted" in html
    assert "Render Canary" not in html
    before = bytes(_raw(Worker, "name", b_id))
    fresh.name = fresh.name  # a form re-saving what it showed
    db.session.flush()
    assert bytes(_raw(Worker, "name", b_id)) == before


def test_unknown_row_has_no_key(app, make, crypto_log):
    from casework.keys import keystore

    assert keystore().cipher(db.session, "worker", uuid.uuid4()) is None


def test_worker_page_shows_notice_for_moved_ciphertext(app, make, login_as, crypto_log):
    advocate = make.user("advocate")
    a = make.worker(name="Page Canary Alpha")
    b = make.worker(name="Page Other Bravo")
    make.case(workers=[b], assigned_to=advocate)
    _set_raw(Worker, "name", b.id, bytes(_raw(Worker, "name", a.id)))
    b_id = b.id
    db.session.expunge_all()
    response = login_as(advocate).get(f"/cases/workers/{b_id}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "This record cannot be decrypted" in html
    assert "Page Canary Alpha" not in html and "Page Other Bravo" not in html
    assert "Page Canary" not in crypto_log.text
