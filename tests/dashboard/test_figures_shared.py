"""The dashboard's figures live in the database: shared by every process, dropped by writes."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from casework.dashboard import cache, service
from casework.judgments import service as judgments
from casework.models import Letter

T = date.today()


@pytest.fixture
def cached(app):
    app.config["CASEWORK_DASHBOARD_CACHE_SECONDS"] = 120
    yield
    app.config["CASEWORK_DASHBOARD_CACHE_SECONDS"] = 0


def _stored(db_session) -> int:
    return db_session.scalar(select(func.count()).select_from(cache.DashboardFigures))


def _collected(page: str) -> str:
    return page.split('data-figure="collected">', 1)[1].split("</", 1)[0]


def test_figures_are_stored_and_read_back_by_another_process(make, db_session):
    case = make.case(status="collecting", opened_on=T - timedelta(days=20))
    make.judgment(case, entered_on=T - timedelta(days=10), principal=Decimal("2500.00"))
    first = service.dashboard(T, T - timedelta(days=365), T, cache_seconds=120)
    assert _stored(db_session) == 1
    row = db_session.scalar(select(cache.DashboardFigures))
    # Another process has nothing in memory: it decodes the stored row.
    other = cache.loads(row.payload)
    assert other.report.total.judgments == first.report.total.judgments == Decimal("2500.00")
    assert other.computed_at == first.computed_at
    assert other.references == first.references and other.board == first.board
    assert [vars(x) for x in other.loads] == [vars(x) for x in first.loads]


def test_a_payment_drops_the_stored_figures_so_the_page_shows_it(
    make, login_as, db_session, app, cached
):
    supervisor = make.user("supervisor")
    case = make.case(status="judgment", opened_on=T - timedelta(days=20))
    judgment = make.judgment(case, entered_on=T - timedelta(days=10), principal=Decimal("2500.00"))
    client = login_as(supervisor)
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Figures computed" in page and "UTC" not in page.split("Figures computed", 1)[1][:80]
    assert "$0.00" in _collected(page)
    assert _stored(db_session) == 1
    with app.test_request_context():
        judgments.record_payments(
            judgment,
            [judgments.PaymentInput(T, Decimal("400.00"), "check", "employer")],
        )
    db_session.flush()
    assert _stored(db_session) == 0
    page = client.get("/dashboard").get_data(as_text=True)
    assert "$400.00" in _collected(page)


def test_a_letter_marked_sent_drops_the_stored_figures(make, db_session, cached):
    case = make.case(status="open")
    letter = Letter(case_id=case.id, kind="demand", language="en", status="approved", letter_date=T)
    db_session.add(letter)
    db_session.flush()
    service.dashboard(T, T - timedelta(days=30), T, cache_seconds=120)
    assert _stored(db_session) == 1
    letter.status = "sent"
    db_session.flush()
    assert _stored(db_session) == 0


def test_an_unrelated_write_keeps_them(make, db_session, cached):
    service.dashboard(T, T - timedelta(days=30), T, cache_seconds=120)
    make.worker()
    assert _stored(db_session) == 1


def test_dashboard_opens_with_the_figures_a_supervisor_acts_on(make, login_as, db_session):
    from casework.models import Deadline

    supervisor = make.user("supervisor")
    advocate = make.user("advocate", name="Ana Advocate")
    case = make.case(assigned_to=advocate, status="open", opened_on=T - timedelta(days=3))
    db_session.add(
        Deadline(case_id=case.id, kind="follow_up", label="Call", due_on=T - timedelta(days=1))
    )
    db_session.flush()
    page = login_as(supervisor).get("/dashboard").get_data(as_text=True)
    content = page.split("<main", 1)[1]
    strip = content.index('data-testid="key-figures"')
    # The key figures come before every long table and chart.
    for later in ('id="caseload"', 'id="money-totals"', "<svg", 'id="deadlines-heading"'):
        assert strip < content.index(later), later
    figures = content[strip : content.index("</ul>", strip)]
    assert 'data-key-figure="overdue">1<' in figures
    assert "Letters awaiting approval" in figures and "Collected in the period" in figures
    # Sections of their own, reachable from the top.
    nav = content[content.index('class="section-nav"') :]
    nav = nav[: nav.index("</nav>")]
    for anchor in ("#deadlines-heading", "#caseload-heading", "#offenders-heading"):
        assert anchor in nav
    charts = content[content.index('id="charts-heading"') : content.index('id="offenders-heading"')]
    # Readable charts: titled axes, no text under 12 px, a table beside each.
    assert charts.count("<svg") == 3 and charts.count("<table") == 3
    assert ">Month</text>" in charts and ">Cases</text>" in charts
    assert 'font-size="11"' not in charts and 'font-size="10"' not in charts
    assert ">Ana Advocate</text>" in charts


def test_a_label_typed_by_staff_is_shown_but_never_stored_in_the_figures(
    make, login_as, db_session, cached
):
    from casework.cases.deadlines import add_deadline

    supervisor = make.user("supervisor")
    case = make.case(status="open", opened_on=T - timedelta(days=5))
    add_deadline(case, "Call Rosa Fictitia back about her pay stubs", T + timedelta(days=2))
    db_session.flush()
    client = login_as(supervisor)
    first = client.get("/dashboard").get_data(as_text=True)
    assert "Call Rosa Fictitia back about her pay stubs" in first
    payload = db_session.scalar(select(cache.DashboardFigures.payload))
    assert payload and "Rosa Fictitia" not in payload
    # Read back from the stored figures, the label is read from its (encrypted) deadline.
    again = client.get("/dashboard").get_data(as_text=True)
    assert "Call Rosa Fictitia back about her pay stubs" in again
    assert _stored(db_session) == 1
