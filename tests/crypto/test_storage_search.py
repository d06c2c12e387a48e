"""Blind-index search: exact matches after normalization, without decrypting the table."""

from __future__ import annotations

import pytest

from casework.crypto import fields
from casework.crypto.search import find_by_index
from casework.extensions import db
from casework.models import Employer, Worker


@pytest.fixture
def count_decryptions(monkeypatch):
    calls = {"n": 0}
    original = fields.FieldCipher.decrypt

    def counting(self, *args, **kwargs):
        calls["n"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(fields.FieldCipher, "decrypt", counting)
    return calls


def _fresh(session):
    session.expire_all()
    for obj in list(session.identity_map.values()):
        obj.__dict__.pop("_cw_plain", None)


def test_name_matches_without_accents_or_case(app, make):
    target = make.worker(name="jose nunez")
    make.worker(name="José Nuñes")
    make.worker(name="Maria Lopez")
    found = find_by_index(db.session, Worker, "name", "José Núñez")
    assert [w.id for w in found] == [target.id]
    assert find_by_index(db.session, Worker, "name", "  JOSÉ   NÚÑEZ ") == found


def test_phone_matches_across_formats(app, make):
    target = make.worker(phone="(555) 201-9876")
    make.worker(phone="(555) 201-9877")
    found = find_by_index(db.session, Worker, "phone", "+1 555-201-9876")
    assert [w.id for w in found] == [target.id]
    assert find_by_index(db.session, Worker, "phone", "555.201.9876") == found


def test_no_match_and_empty_query(app, make):
    make.worker(name="Ana Ruiz")
    assert find_by_index(db.session, Worker, "name", "Nobody Here") == []
    assert find_by_index(db.session, Worker, "name", "   ") == []
    assert find_by_index(db.session, Worker, "phone", "12") == []


def test_unindexed_field_is_refused(app, make):
    with pytest.raises(ValueError):
        find_by_index(db.session, Worker, "email", "a@example.test")
    with pytest.raises(ValueError):
        find_by_index(db.session, Employer, "owner_names", "x")


def test_search_decrypts_only_candidates(app, make, count_decryptions):
    for i in range(40):
        make.worker(name=f"Filler Person {i}")
    target = make.worker(name="Rosa Quispe Mamani")
    db.session.flush()
    _fresh(db.session)
    count_decryptions["n"] = 0
    found = find_by_index(db.session, Worker, "name", "rosa quispe mamani")
    assert [w.id for w in found] == [target.id]
    # The index narrows 41 workers to the target and a few collisions, never all of them.
    assert 1 <= count_decryptions["n"] < 41


def test_shredded_worker_never_matches(app, make):
    from casework.keys import keystore

    worker = make.worker(name="Gone Person")
    keystore().shred(db.session, worker.id)
    db.session.flush()
    _fresh(db.session)
    assert find_by_index(db.session, Worker, "name", "Gone Person") == []


def test_preload_reads_every_key_in_one_query(app, make):
    from sqlalchemy import event, select

    from casework.keys import keystore

    ids = [make.worker().id for _ in range(25)]
    db.session.commit()
    db.session.expunge_all()
    keystore()._ciphers.clear()
    rows = db.session.scalars(select(Worker).where(Worker.id.in_(ids))).all()
    queries = []
    listener = lambda *args, **kwargs: queries.append(1)  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        keystore().preload(db.session, ids)
        names = [w.name for w in rows]
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(queries) == 1
    assert all(names)
