"""The storage boundary: every text a person's words can reach is checked when it is flushed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from casework.extensions import db
from casework.forms import NoStatusDisclosure
from casework.models import Base, Employer, Note, StatusRefused, Worker
from casework.models.text_guard import EXEMPT, check, guarded_attributes, text_attributes

DISCLOSURE = "The worker is undocumented."


def _models():
    return sorted((m.class_ for m in Base.registry.mappers), key=lambda c: c.__name__)


def test_every_text_column_is_guarded_or_listed_as_exempt():
    seen = set()
    guarded = 0
    for model in _models():
        names = text_attributes(model)
        for name in names:
            seen.add(f"{model.__name__}.{name}")
        guarded += len(guarded_attributes(model))
    # Every exemption names a text column that exists, so the list cannot go stale.
    assert sorted(set(EXEMPT) - seen) == []
    # Worker name and address, employer details, claim facts, judgment and letter texts...
    assert guarded >= 25


@pytest.mark.parametrize(
    ("model", "name"),
    [(m, n) for m in _models() for n in guarded_attributes(m)],
    ids=lambda v: v if isinstance(v, str) else v.__name__,
)
def test_every_guarded_attribute_refuses_a_disclosure(app, model, name):
    with app.app_context():
        obj = model()
        setattr(obj, name, DISCLOSURE)
        with pytest.raises(StatusRefused) as refused:
            check(obj, new=True)
        assert refused.value.field == name
        assert "undocumented" not in str(refused.value)
        fine = model()
        setattr(fine, name, "Main Street Bakery")
        check(fine, new=True)


def test_the_attributes_the_forms_missed_are_guarded():
    for model, name in [
        (Worker, "name"),
        (Worker, "address"),
        (Employer, "business_name"),
        (Employer, "address"),
        (Employer, "owner_names"),
        (Employer, "industry"),
    ]:
        assert name in guarded_attributes(model)


def test_written_straight_through_the_models_nothing_is_stored(make):
    case = make.case(assigned_to=make.user("advocate"))
    db.session.commit()
    employer, worker, case_id = case.employers[0], case.workers[0], case.id
    before = employer.industry
    employer.industry = "worker is undocumented"
    with pytest.raises(StatusRefused) as refused:
        db.session.flush()
    assert (refused.value.model, refused.value.field) == ("Employer", "industry")
    db.session.rollback()
    assert db.session.get(Employer, employer.id).industry == before
    worker = db.session.get(Worker, worker.id)
    worker.address = "12 Elm St; she has no papers"
    with pytest.raises(StatusRefused):
        db.session.flush()
    db.session.rollback()
    # An employer's conduct and a business name pass.
    worker = db.session.get(Worker, worker.id)
    worker.address = "12 Elm St, above the Citizens Bank branch"
    case = db.session.get(type(case), case_id)
    case.narrative = "The boss threatened to call immigration on the whole crew."
    db.session.flush()


def test_a_refusal_at_flush_is_a_clear_message_not_a_500(make, login_as, monkeypatch):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    db.session.commit()
    case_id = case.id
    client = login_as(advocate)
    # Around the form's early check, as a future path might be: the flush still refuses.
    monkeypatch.setattr(NoStatusDisclosure, "__call__", lambda self, form, field: None)
    page = f"http://localhost/cases/{case_id}"
    response = client.post(
        f"/cases/{case_id}/notes",
        data={"body": "Told me she is undocumented."},
        headers={"Referer": page},
    )
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "never records immigration status" in html
    assert "Nothing was saved" in html
    assert "undocumented" not in html
    bodies = db.session.execute(select(Note.__table__.c.id).where(Note.case_id == case_id))
    assert bodies.all() == []
