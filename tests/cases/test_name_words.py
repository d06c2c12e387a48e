"""Finding a worker by any of their name's words, through word blind indexes."""

from __future__ import annotations

from sqlalchemy import func, select

from casework.cases.commands import index_name_words
from casework.crypto.columns import Encrypted
from casework.models.party import WorkerNameWord
from casework.services.shredding import shred_worker


def _search(client, name: str) -> str:
    client.post("/cases/search", data={"worker_name": name})
    return client.get("/cases/", query_string={"search": 1}).get_data(as_text=True)


def _word_rows(db_session, worker) -> int:
    return db_session.scalar(
        select(func.count())
        .select_from(WorkerNameWord)
        .where(WorkerNameWord.worker_id == worker.id)
    )


def test_any_of_the_names_words_accents_and_case_ignored(make, login_as, db_session):
    maria_jose = make.worker(name="María José Núñez")
    plain = make.worker(name="MARIA NUNEZ")
    jose = make.worker(name="José Pérez")
    mariana = make.worker(name="Mariana Núñez Soto")
    make.case(workers=[maria_jose], reference="CW-W-1")
    make.case(workers=[plain], reference="CW-W-2")
    make.case(workers=[jose], reference="CW-W-3")
    make.case(workers=[mariana], reference="CW-W-4")
    db_session.flush()
    assert _word_rows(db_session, maria_jose) == 3
    client = login_as(make.user("supervisor"))

    def listed(name):
        html = _search(client, name)
        return {ref for ref in ("CW-W-1", "CW-W-2", "CW-W-3", "CW-W-4") if ref in html}

    assert listed("María Núñez") == {"CW-W-1", "CW-W-2"}
    assert listed("nunez  maria") == {"CW-W-1", "CW-W-2"}
    assert listed("José") == {"CW-W-1", "CW-W-3"}
    assert listed("Núñez") == {"CW-W-1", "CW-W-2", "CW-W-4"}
    assert listed("María José Núñez") == {"CW-W-1"}
    assert listed("Maria Lopez") == set()


def test_search_decrypts_only_the_candidates(make, login_as, db_session, monkeypatch):
    target = make.worker(name="María José Núñez")
    make.case(workers=[target], reference="CW-W-9")
    for n in range(40):
        make.case(workers=[make.worker(name=f"Otro Trabajador {n}")])
    db_session.flush()
    client = login_as(make.user("supervisor"))
    decrypted = []
    original = Encrypted._decrypt

    def counting(self, obj, blob):
        if obj.__tablename__ == "workers" and self.name == "name":
            decrypted.append(obj.id)
        return original(self, obj, blob)

    client.post("/cases/search", data={"worker_name": "María Núñez"})
    db_session.expire_all()
    monkeypatch.setattr(Encrypted, "_decrypt", counting)
    html = client.get("/cases/", query_string={"search": 1}).get_data(as_text=True)
    assert "CW-W-9" in html
    # The page shows the one matching case's worker; the search itself decrypted a handful.
    assert len(set(decrypted)) < 10


def test_renaming_a_worker_replaces_the_word_indexes(make, login_as, db_session):
    worker = make.worker(name="Ana Ruiz")
    make.case(workers=[worker], reference="CW-W-5")
    db_session.flush()
    client = login_as(make.user("supervisor"))
    response = client.post(
        f"/cases/workers/{worker.id}/edit",
        data={"name": "Ana Beatriz Ortega", "preferred_language": "es", "contact_ok_by": "phone"},
    )
    assert response.status_code == 303
    assert _word_rows(db_session, worker) == 3
    assert "CW-W-5" in _search(client, "Ortega Ana")
    assert "CW-W-5" not in _search(client, "Ruiz")


def test_existing_workers_get_word_indexes_and_shredding_removes_them(app, make, db_session):
    worker = make.worker(name="Lucía Fernández Gil")
    db_session.flush()
    db_session.execute(WorkerNameWord.__table__.delete())
    db_session.expire_all()
    assert _word_rows(db_session, worker) == 0
    assert index_name_words() >= 1
    assert _word_rows(db_session, worker) == 3
    assert index_name_words() == 0  # nothing left to do the second time

    shred_worker(worker.id, commit=False)
    assert _word_rows(db_session, worker) == 0
