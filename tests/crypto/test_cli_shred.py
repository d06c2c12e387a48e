"""`flask casework shred-worker UUID` on the test database."""

from __future__ import annotations

import uuid
from decimal import Decimal

from casework.crypto.columns import Unreadable
from casework.crypto.search import find_by_index
from casework.extensions import db
from casework.models import Worker
from casework.models.audit import AuditEvent
from casework.models.case import Case
from casework.models.keys import DataKey


def _cli(app, *args, input=None):
    return app.test_cli_runner().invoke(args=["casework", *args], input=input)


def test_shred_worker_leaves_others_and_case_facts(app, make):
    gone = make.worker(name="Shred Me Please", phone="(555) 201-4444")
    kept = make.worker(name="Keep Me Here", phone="(555) 201-5555")
    case = make.case(workers=[gone, kept], narrative="Case story stays")
    judgment = make.judgment(case, principal=Decimal("1234.56"))
    gone_id, kept_id, case_id, judgment_id = gone.id, kept.id, case.id, judgment.id
    db.session.commit()

    result = _cli(app, "shred-worker", str(gone_id), "--yes")
    assert result.exit_code == 0, result.output
    assert "Shredded" in result.output
    assert "Shred Me" not in result.output

    db.session.expunge_all()
    assert db.session.get(DataKey, gone_id) is None
    shredded = db.session.get(Worker, gone_id)
    assert shredded.shredded_at is not None
    assert shredded.name_bidx is None and shredded.phone_bidx is None
    for field in ("name", "phone", "email", "address"):
        assert isinstance(getattr(shredded, field), Unreadable)
    assert find_by_index(db.session, Worker, "name", "Shred Me Please") == []
    assert find_by_index(db.session, Worker, "phone", "555 201 4444") == []

    other = db.session.get(Worker, kept_id)
    assert other.name == "Keep Me Here"
    assert [w.id for w in find_by_index(db.session, Worker, "name", "keep me here")] == [kept_id]
    facts = db.session.get(Case, case_id)
    assert facts.narrative == "Case story stays"
    from casework.models import Judgment

    assert db.session.get(Judgment, judgment_id).principal == Decimal("1234.56")
    assert db.session.query(AuditEvent).filter_by(action="worker.shred").count() >= 1


def test_shred_asks_for_confirmation(app, make):
    worker = make.worker(name="Still Here")
    db.session.commit()
    result = _cli(app, "shred-worker", str(worker.id), input="n\n")
    assert result.exit_code != 0
    db.session.expunge_all()
    assert db.session.get(Worker, worker.id).name == "Still Here"


def test_shred_twice_or_unknown_or_malformed(app, make):
    worker = make.worker()
    db.session.commit()
    assert _cli(app, "shred-worker", str(worker.id), "--yes").exit_code == 0
    again = _cli(app, "shred-worker", str(worker.id), "--yes")
    assert again.exit_code != 0 and "already shredded" in again.output
    unknown = _cli(app, "shred-worker", str(uuid.uuid4()), "--yes")
    assert unknown.exit_code != 0 and "No such worker" in unknown.output
    bad = _cli(app, "shred-worker", "not-a-uuid", "--yes")
    assert bad.exit_code != 0 and "not a worker id" in bad.output
