"""The admin's confirmation page for shredding one worker."""

from __future__ import annotations

from casework.crypto.columns import Unreadable
from casework.models import Worker
from tests.factories import PASSWORD


def _post(client, **data):
    return client.post("/admin/shred-worker", data=data, follow_redirects=True)


def test_admin_shreds_a_worker_after_confirming(make, login_as, db_session):
    gone = make.worker(name="Canary Shredme Person")
    kept = make.worker(name="Kept Worker Person")
    db_session.commit()
    client = login_as(make.user("admin"))

    page = _post(client, worker_id=str(gone.id), confirm="shred", password=PASSWORD)
    assert "Type SHRED in capital letters" in page.get_data(as_text=True)
    page = _post(client, worker_id=str(gone.id), confirm="SHRED", password="wrong password here")
    assert "That is not your password." in page.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Worker, gone.id).name == "Canary Shredme Person"

    page = _post(client, worker_id=str(gone.id), confirm="SHRED", password=PASSWORD)
    assert "Shredded." in page.get_data(as_text=True)
    db_session.expire_all()
    assert isinstance(db_session.get(Worker, gone.id).name, Unreadable)
    assert db_session.get(Worker, kept.id).name == "Kept Worker Person"

    again = _post(client, worker_id=str(gone.id), confirm="SHRED", password=PASSWORD)
    assert "already shredded" in again.get_data(as_text=True)


def test_only_admins_reach_the_page(make, login_as):
    for role in ("intake", "advocate", "supervisor"):
        assert login_as(make.user(role)).get("/admin/shred-worker").status_code == 403
