"""In a real browser: a supervisor reviews the dashboard, follows a count, approves, exports."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.browser_fixtures import browser_login, create_user

pytestmark = pytest.mark.browser


def _seed(live_server, advocate_email):
    from casework.auth import service as auth
    from casework.extensions import db
    from casework.letters import service as letters
    from casework.models import Deadline
    from tests.factories import Factories

    with live_server.app.app_context():
        make = Factories(live_server.app)
        advocate = auth.find_user(advocate_email)
        late = make.case(
            assigned_to=advocate,
            reference="CW-B-00001",
            opened_on=date.today() - timedelta(60),
            workers=[make.worker(name="MARKERNAME Browser")],
        )
        make.case(assigned_to=advocate, reference="CW-B-00002")
        db.session.add(
            Deadline(case_id=late.id, label="Call back", due_on=date.today() - timedelta(3))
        )
        drafts = letters.generate_letter(
            late, "worker_case_opened", f"worker:{late.workers[0].id}", user=advocate
        )
        db.session.commit()
        letter_id = str(drafts[0].id)
        db.session.remove()
    return letter_id


def test_supervisor_reviews_the_center(live_server, page):
    advocate_email, _ = create_user(live_server, "advocate", name="Ana Advocate")
    letter_id = _seed(live_server, advocate_email)
    email, password = create_user(live_server, "supervisor", name="Sam Supervisor")
    browser_login(page, live_server, email, password)

    page.goto(f"{live_server.url}/dashboard")
    assert page.locator("h1").inner_text() == "Dashboard"
    row = page.locator("#caseload tbody tr", has_text="Ana Advocate")
    overdue = row.locator("[data-overdue-count]")
    assert overdue.inner_text() == "1"
    overdue.click()
    page.wait_for_load_state()
    assert "/cases/" in page.url and "overdue=1" in page.url
    body = page.locator("main").inner_text()
    assert "CW-B-00001" in body and "CW-B-00002" not in body

    page.goto(f"{live_server.url}/dashboard")
    awaiting = page.locator("#letters-awaiting tbody tr")
    assert awaiting.count() == 1
    awaiting.locator("button", has_text="Approve letter").click()
    page.wait_for_load_state()
    assert f"/letters/{letter_id}" in page.url
    assert "Letter approved" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/dashboard")
    assert page.locator("#letters-awaiting").count() == 0

    with page.expect_download() as info:
        page.click("#export-csv")
    path = info.value.path()
    text = open(path, encoding="utf-8").read()
    assert text.startswith("reference,case_type,status")
    assert "CW-B-00001" in text and "MARKERNAME" not in text
