"""Computed texts are stored as message keys and shown in the reader's language.

Recording a New York wage judgment adds "Unpaid judgment rises by 15%": the case
page, the deadlines page and the dashboard must still open. A typed-in label with
"%" in it is shown as typed and stored encrypted with the case's key.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from casework import messages
from casework.cases import service
from casework.cases.deadlines import recompute
from casework.extensions import db
from casework.models.case import CaseEvent, Deadline


def _record_ny_wage_judgment(client, case):
    return client.post(
        f"/cases/{case.id}/judgments/new",
        data={
            "forum": "court",
            "entered_on": (date.today() - timedelta(days=200)).isoformat(),
            "principal": "10000.00",
            "docket_number": "Index No. 123/2025",
            "wage_judgment": "y",
            "shares-0-worker_id": str(case.workers[0].id),
            "shares-0-amount": "10000.00",
        },
    )


@pytest.mark.parametrize(
    "locale, label",
    [("en", "Unpaid judgment rises by 15%"), ("es", "La sentencia no pagada aumenta un 15%")],
)
def test_a_ny_wage_judgment_leaves_every_page_open(make, login_as, locale, label):
    advocate = make.user("advocate", locale=locale)
    case = make.case(assigned_to=advocate, status="judgment", jurisdiction="NY-NYC")
    client = login_as(advocate)
    assert _record_ny_wage_judgment(client, case).status_code == 302
    row = next(d for d in case.deadlines if d.rule_key == "ny_fifteen_percent")
    assert row.label_key == "deadline.ny_fifteen_percent.label"
    assert row.rule_text_key == "deadline.ny_fifteen_percent.rule"

    page = client.get(f"/cases/{case.id}")
    assert page.status_code == 200 and label in page.get_data(as_text=True)
    board = client.get("/cases/deadlines")
    assert board.status_code == 200 and label in board.get_data(as_text=True)

    supervisor = make.user("supervisor", locale=locale)
    dashboard = login_as(supervisor).get("/dashboard?fresh=1")
    assert dashboard.status_code == 200
    assert label in dashboard.get_data(as_text=True)


def test_a_typed_label_is_shown_as_typed_and_stored_encrypted(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate)
    client = login_as(advocate)
    typed = "Ask for 100% of the tips %(name)s %s"
    response = client.post(
        f"/cases/{case.id}/deadlines",
        data={
            "label": typed,
            "due_on": (date.today() + timedelta(days=3)).isoformat(),
            "kind": "follow_up",
        },
    )
    assert response.status_code == 303
    db.session.expire_all()
    row = db.session.scalars(select(Deadline).where(Deadline.case_id == case.id)).one()
    assert row.typed_label == typed and row.label == "" and not row.computed
    assert typed.encode() not in row.typed_label_ciphertext
    for url in (f"/cases/{case.id}", "/cases/deadlines"):
        page = client.get(url)
        assert page.status_code == 200
        assert "Ask for 100% of the tips %(name)s %s" in page.get_data(as_text=True)


@pytest.mark.parametrize(
    "locale, shown",
    [("en", "Unpaid judgment rises by 15%"), ("es", "La sentencia no pagada aumenta un 15%")],
)
def test_rows_stored_as_plain_text_before_keys_still_show(make, login_as, locale, shown):
    advocate = make.user("advocate", locale=locale)
    case = make.case(assigned_to=advocate)
    due = date.today() + timedelta(days=10)
    db.session.add_all(
        [
            # What this release stored before message keys: English words, no key.
            Deadline(
                case_id=case.id,
                rule_key="ny_fifteen_percent",
                computed=True,
                kind="collection",
                label="Unpaid judgment rises by 15%",
                rule="90 days after entry or after the time to appeal ends, whichever is later",
                source="NY LL 198(4)",
                due_on=due,
            ),
            Deadline(case_id=case.id, computed=False, label="Call 50% back", due_on=due),
        ]
    )
    db.session.flush()
    client = login_as(advocate)
    for url in (f"/cases/{case.id}", "/cases/deadlines"):
        page = client.get(url)
        assert page.status_code == 200
        html = page.get_data(as_text=True)
        assert shown in html and "Call 50% back" in html


def test_timeline_events_are_keys_with_values(make, login_as):
    advocate = make.user("advocate", locale="es", name="Alex Advocate")
    case = make.case(assigned_to=advocate, status="intake")
    from casework.cases.workflow import change_status

    change_status(case, "open")
    db.session.flush()
    event = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id, CaseEvent.kind == "status_changed")
    ).one()
    assert event.params == {"old": "intake", "new": "open"}
    html = login_as(advocate).get(f"/cases/{case.id}").get_data(as_text=True)
    assert "cambió el estado de Admisión a Abierto" in html


@pytest.mark.parametrize("locale", ["en", "es"])
def test_every_registered_message_fills_in_both_languages(app, locale):
    sample = {"who": "Sam", "old": "open", "new": "closed", "number": "2", "count": "6"}
    sample["due_on"] = "2026-01-15"
    with app.test_request_context(headers={"Accept-Language": locale}):
        for key, message in messages.registry().items():
            shown = messages.text(key, sample)
            assert shown and "%(" not in shown, key
            if locale == "es" and not message.params:
                assert shown != message.msgid or key.startswith("line."), key
    assert "deadline.ny_fifteen_percent.label" in messages.registry()
    assert "line.spread_of_hours" in messages.registry()


def test_notice_to_the_employer_recorded_means_the_deadline_is_met(make, login_as):
    advocate = make.user("advocate")
    case = make.case(assigned_to=advocate, case_type="workers_comp")
    injured = date.today() - timedelta(days=60)
    case.comp_claim.injury_date = injured
    recompute(case)
    db.session.flush()
    notice = next(d for d in case.deadlines if d.rule_key == "wc_notice_to_employer")
    assert not notice.done  # not told yet: 30 days passed, it is overdue
    client = login_as(advocate)
    assert "Tell the employer about the injury" in client.get("/cases/deadlines").get_data(
        as_text=True
    )

    service.update_facts(case, {"notice_to_employer_on": injured + timedelta(days=3)}, case.version)
    db.session.flush()
    notice = next(d for d in case.deadlines if d.rule_key == "wc_notice_to_employer")
    assert notice.done and notice.done_at is not None
    board = client.get("/cases/deadlines").get_data(as_text=True)
    assert "Tell the employer about the injury" not in board
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "Tell the employer about the injury" not in page
    assert "File the C-3 claim" in page
