"""Letters for many cases: selected on the caseload, made by the job, approved one by one,
printed as one PDF behind a cover sheet, addresses as CSV for a mail house."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from casework.extensions import db
from casework.models import BulkItem, BulkRun, Letter


@pytest.fixture
def login_as(login_as):
    def switch(user):
        from flask import g

        g.pop("_login_user", None)
        return login_as(user)

    return switch


@pytest.fixture
def caseload(make):
    advocate = make.user("advocate")
    other_advocate = make.user("advocate")
    supervisor = make.user("supervisor")
    mine = [
        make.case(
            workers=[make.worker(name=f"Worker Number{i}", address=f"{i} Oak Street\nQueens, NY")],
            assigned_to=advocate,
        )
        for i in range(3)
    ]
    comp = make.case(case_type="workers_comp", assigned_to=advocate)
    theirs = make.case(assigned_to=other_advocate, reference="CW-OTHER-0001")
    db.session.commit()
    return advocate, supervisor, mine, comp, theirs


def start(client, kind, cases):
    return client.post(
        "/letters/bulk",
        data={"bulk-kind": kind, "case": [str(c.id) for c in cases], "next": "/cases/"},
    )


def test_caseload_offers_checkboxes_and_the_letter_kinds(caseload, login_as, client):
    advocate, _supervisor, mine, _comp, _theirs = caseload
    page = login_as(advocate).get("/cases/").get_data(as_text=True)
    assert 'action="/letters/bulk"' in page
    for case in mine:
        assert f'name="case" value="{case.id}"' in page
    assert "Select all on this page" in page
    assert 'value="worker_case_opened"' in page and 'value="demand"' in page


def test_intake_staff_cannot_start_a_run(make, login_as, client):
    intake = make.user("intake")
    case = make.case(opened_by=intake, status="intake")
    response = start(login_as(intake), "worker_case_opened", [case])
    assert response.status_code == 403
    assert db.session.scalar(select(func.count()).select_from(BulkRun)) == 0


def test_advocate_run_makes_drafts_skips_with_why_and_leaves_others_cases_alone(
    caseload, login_as, client
):
    advocate, _supervisor, mine, comp, theirs = caseload
    client = login_as(advocate)
    response = start(client, "worker_calculation", [*mine, comp, theirs])
    assert response.status_code == 303
    run = db.session.scalars(select(BulkRun)).one()
    # The other advocate's case is not in the run at all.
    assert {item.case_id for item in run.items} == {c.id for c in [*mine, comp]}
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "CW-OTHER-0001" not in page
    # A workers' comp case does not take a wage calculation letter; the wage cases have
    # no calculation yet: every case is skipped, each with why.
    assert "That letter does not fit this type of case." in page
    assert "Complete the wage calculation for every worker" in page
    assert db.session.scalar(select(func.count()).select_from(Letter)) == 0
    assert run.status == "done" and run.done == run.total == 4


def test_case_opened_letters_for_each_case_wait_for_approval(caseload, login_as, client):
    advocate, _supervisor, mine, comp, theirs = caseload
    client = login_as(advocate)
    response = start(client, "worker_case_opened", [*mine, comp, theirs])
    run = db.session.scalars(select(BulkRun)).one()
    letters = db.session.scalars(select(Letter).where(Letter.bulk_run_id == run.id)).all()
    assert sorted(letter.case_id for letter in letters) == sorted(c.id for c in [*mine, comp])
    assert {letter.status for letter in letters} == {"draft"}
    assert {letter.generated_by_id for letter in letters} == {advocate.id}
    assert not any(letter.case_id == theirs.id for letter in letters)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "4 of 4 cases done" in page
    assert 'http-equiv="refresh"' not in page  # done: no more refreshing
    assert "4 letters awaiting approval" in page
    # The drafts are in the supervisor's queue like any other letter.
    pending = db.session.scalar(
        select(func.count()).select_from(Letter).where(Letter.status == "draft")
    )
    assert pending == 4


def test_a_run_still_going_shows_progress_and_refreshes(caseload, login_as, client):
    from casework.letters import bulk

    advocate, _supervisor, mine, _comp, _theirs = caseload
    run = bulk.create_run(advocate, "worker_case_opened", [str(c.id) for c in mine])
    item = run.items[0]
    assert bulk.make_item(item.id) == "made"
    db.session.commit()
    page = login_as(advocate).get(f"/letters/bulk/{run.id}").get_data(as_text=True)
    assert "1 of 3 cases done" in page
    assert '<meta http-equiv="refresh" content="3">' in page
    assert '<progress max="3" value="1"' in page


def test_another_advocate_cannot_open_the_run(caseload, make, login_as, client):
    advocate, supervisor, mine, _comp, _theirs = caseload
    start(login_as(advocate), "worker_case_opened", mine)
    run = db.session.scalars(select(BulkRun)).one()
    stranger = make.user("advocate")
    assert login_as(stranger).get(f"/letters/bulk/{run.id}").status_code == 404
    assert login_as(supervisor).get(f"/letters/bulk/{run.id}").status_code == 200


def test_nothing_selected_is_refused_with_a_message(caseload, login_as, client):
    advocate, *_ = caseload
    client = login_as(advocate)
    response = client.post(
        "/letters/bulk", data={"bulk-kind": "worker_case_opened", "next": "/cases/"}
    )
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Select at least one case." in page
    assert db.session.scalar(select(func.count()).select_from(BulkRun)) == 0


def _approve_all(client, run):
    for letter in db.session.scalars(
        select(Letter).where(Letter.bulk_run_id == run.id, Letter.copy_of_id.is_(None))
    ):
        assert client.post(f"/letters/{letter.id}/approve").status_code == 302


def test_approved_letters_print_behind_a_cover_sheet_that_lists_them(caseload, login_as, client):
    advocate, supervisor, mine, comp, _theirs = caseload
    start(login_as(advocate), "worker_case_opened", [*mine, comp])
    run = db.session.scalars(select(BulkRun)).one()
    client = login_as(supervisor)
    assert client.get(f"/letters/bulk/{run.id}/letters.pdf").status_code == 302  # none yet
    _approve_all(client, run)
    page = client.get(f"/letters/bulk/{run.id}").get_data(as_text=True)
    assert "4 letters approved, ready to send" in page
    response = client.get(f"/letters/bulk/{run.id}/letters.pdf")
    assert response.status_code == 200
    assert response.headers["X-Casework-Letters"] == "4"
    reader = PdfReader(io.BytesIO(response.data))
    cover = reader.pages[0].extract_text()
    assert "Cover sheet: 4 approved letters in this file" in cover
    for case in [*mine, comp]:
        assert case.reference in cover
    for i in range(3):
        assert f"Worker Number{i}" in cover
    # Each letter follows, on its own pages.
    rest = "\n".join(page.extract_text() for page in reader.pages[1:])
    assert all(f"Worker Number{i}" in rest for i in range(3))
    assert len(reader.pages) >= 5


def test_mail_house_csv_gives_each_address_and_escapes_formulas(caseload, make, login_as, client):
    advocate, supervisor, mine, _comp, _theirs = caseload
    hostile = make.case(
        workers=[make.worker(name='=HYPERLINK("http://x")', address="@SUM(1)\n-2+3 Main St")],
        assigned_to=advocate,
    )
    start(login_as(advocate), "worker_case_opened", [*mine, hostile])
    run = db.session.scalars(select(BulkRun)).one()
    client = login_as(supervisor)
    _approve_all(client, run)
    response = client.get(f"/letters/bulk/{run.id}/addresses.csv")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][:4] == ["Case", "Letter", "Language", "Name"]
    by_case = {row[0]: row for row in rows[1:]}
    assert by_case[mine[1].reference][3:6] == ["Worker Number1", "1 Oak Street", "Queens, NY"]
    assert by_case[hostile.reference][3] == '\'=HYPERLINK("http://x")'
    assert by_case[hostile.reference][4] == "'@SUM(1)"
    assert by_case[hostile.reference][5] == "'-2+3 Main St"


def test_advocates_may_not_print_or_download_addresses(caseload, login_as, client):
    advocate, *_ = caseload
    start(login_as(advocate), "worker_case_opened", caseload[2])
    run = db.session.scalars(select(BulkRun)).one()
    assert client.get(f"/letters/bulk/{run.id}/letters.pdf").status_code == 403
    assert client.get(f"/letters/bulk/{run.id}/addresses.csv").status_code == 403


def test_an_item_is_made_once_even_when_claimed_twice(caseload):
    from casework.letters import bulk

    advocate, _supervisor, mine, *_ = caseload
    run = bulk.create_run(advocate, "worker_case_opened", [str(mine[0].id)])
    item_id = run.items[0].id
    assert bulk.make_item(item_id) == "made"
    assert bulk.make_item(item_id) is None  # a second consumer finds it taken
    db.session.commit()
    made = db.session.scalar(
        select(func.count()).select_from(Letter).where(Letter.bulk_run_id == run.id)
    )
    assert made == 1
    assert db.session.get(BulkItem, item_id).letters == 1
