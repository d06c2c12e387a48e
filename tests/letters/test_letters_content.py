"""What generated letters say: names, amounts, dates, language, escaping, determinism."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from pypdf import PdfReader

from casework.cases.calculator import compute
from casework.extensions import db
from casework.letters import content, service
from casework.models import Letter, RetaliationClaim, StatusRefused

TODAY = date(2026, 2, 18)  # pay-by is 14 days later: March 4, 2026


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(text.split())


def letter_text(letter: Letter) -> str:
    data, matches = service.letter_pdf(letter)
    assert matches
    return pdf_text(data)


def dollars(value: Decimal) -> str:
    return f"${value:,.2f}"


@pytest.fixture
def wage_case(make):
    advocate = make.user("advocate", name="Dana Advocate")
    worker = make.worker(name="María José Núñez", preferred_language="es")
    employer = make.employer(
        business_name="Sunrise Diner LLC", address="12 Commerce St, Brooklyn, NY 11201"
    )
    case = make.case(workers=[worker], employers=[employer], assigned_to=advocate)
    make.period(case.worker_links[0].wage_claim)
    return case


def generate(case, kind, recipient, user=None):
    letters = service.generate_letter(case, kind, recipient, user=user, today=TODAY)
    db.session.flush()
    return letters


def test_demand_letter_names_amounts_total_and_pay_by(wage_case):
    employer = wage_case.employers[0]
    letters = generate(wage_case, "demand", f"employer:{employer.id}")
    demand, copy = letters
    assert demand.kind == "demand" and demand.language == "en" and demand.status == "draft"
    assert copy.kind == "worker_copy" and copy.copy_of_id == demand.id and copy.language == "es"
    assert demand.pay_by == date(2026, 3, 4)
    text = letter_text(demand)
    breakdown = compute(wage_case.worker_links[0].wage_claim, as_of=TODAY)
    assert "María José Núñez" in text
    assert "Sunrise Diner LLC" in text
    for line in breakdown.lines:
        if line.amount:
            assert dollars(line.amount) in text, line.key
    assert dollars(breakdown.total) in text
    assert demand.amount == str(breakdown.total)
    assert "March 4, 2026" in text
    # The legal basis and consequences for New York.
    for cite in ("29 U.S.C. 216(b)", "198(4)", "Limited Liability Company Law 609(c)"):
        assert cite in text
    # The employer is a limited liability company: the corporation law does not apply.
    assert "Business Corporation Law 630" not in text
    assert "fifteen percent" in text
    assert "[K" not in text  # research source keys never reach the page
    assert "immigration" not in text.lower()


def test_worker_copy_is_in_spanish_with_spanish_dates(wage_case):
    employer = wage_case.employers[0]
    _, copy = generate(wage_case, "demand", f"employer:{employer.id}")
    text = letter_text(copy)
    assert "María José Núñez" in text
    # Babel formats dates for the worker's locale without the catalog.
    assert "4 de marzo de 2026" in text
    assert "18 de febrero de 2026" in text
    # The wording comes from the Spanish catalog.
    assert "Usted no tiene que hacer nada. Guarde esta copia con sus documentos." in text
    assert "You do not need to do anything" not in text


def test_group_case_has_a_table_per_worker_and_a_total(make):
    workers = [make.worker(name="Ana Ruiz"), make.worker(name="Luis Ortega")]
    case = make.case(workers=workers, assigned_to=make.user("advocate"))
    make.period(case.worker_links[0].wage_claim)
    make.period(case.worker_links[1].wage_claim, hours_per_week=Decimal("50"))
    employer = case.employers[0]
    letters = generate(case, "demand", f"employer:{employer.id}")
    assert [row.kind for row in letters] == ["demand", "worker_copy", "worker_copy"]
    text = letter_text(letters[0])
    totals = [compute(link.wage_claim, as_of=TODAY).total for link in case.worker_links]
    for name, total in zip(("Ana Ruiz", "Luis Ortega"), totals, strict=True):
        assert name in text
        assert dollars(total) in text
    assert dollars(sum(totals)) in text
    # Each worker's copy shows only that worker's amounts.
    copy_text = letter_text(letters[1])
    assert dollars(totals[0]) in copy_text
    assert dollars(totals[1]) not in copy_text


def test_markup_in_names_prints_literally(make):
    worker = make.worker(name="Jo <b>& Co</b>")
    employer = make.employer(business_name="A&B <i>Foods</i> Inc")
    case = make.case(workers=[worker], employers=[employer], assigned_to=make.user("advocate"))
    make.period(case.worker_links[0].wage_claim)
    demand = generate(case, "demand", f"employer:{employer.id}")[0]
    text = letter_text(demand)
    assert "Jo <b>& Co</b>" in text
    assert "A&B <i>Foods</i> Inc" in text


def test_two_renders_are_byte_identical(wage_case):
    demand = generate(wage_case, "demand", f"employer:{wage_case.employers[0].id}")[0]
    first, ok1 = service.letter_pdf(demand)
    second, ok2 = service.letter_pdf(demand)
    assert ok1 and ok2 and first == second


def test_stored_content_is_encrypted_and_round_trips(wage_case):
    demand = generate(wage_case, "demand", f"employer:{wage_case.employers[0].id}")[0]
    doc = service.document(demand)
    assert content.from_json(content.to_json(doc)) == doc
    raw = db.session.execute(
        db.text("SELECT content FROM letters WHERE id = :id"),
        {"id": demand.id.hex} if db.engine.dialect.name == "sqlite" else {"id": demand.id},
    ).scalar_one()
    assert b"Sunrise" not in bytes(raw)


def test_hash_mismatch_is_reported(wage_case):
    demand = generate(wage_case, "demand", f"employer:{wage_case.employers[0].id}")[0]
    demand.pdf_sha256 = "0" * 64
    _, matches = service.letter_pdf(demand)
    assert matches is False


def test_worker_letters_in_spanish_and_large_type(wage_case):
    worker = wage_case.workers[0]
    for kind in ("worker_case_opened", "worker_calculation"):
        (letter,) = generate(wage_case, kind, f"worker:{worker.id}")
        assert letter.language == "es"
        doc = service.document(letter)
        assert doc.body_font_size >= 12
        text = letter_text(letter)
        assert "María José Núñez" in text
        assert "de 2026" in text  # Spanish long date
        if kind == "worker_case_opened":
            assert "Su caso está abierto" in text
    calc = service.document(letter)
    total = compute(wage_case.worker_links[0].wage_claim, as_of=TODAY).total
    assert any(total_text in content.document_text(calc) for total_text in (dollars(total),))


def test_worker_letter_refused_when_not_applicable(wage_case):
    worker = wage_case.workers[0]
    with pytest.raises(service.LetterError) as err:
        generate(wage_case, "worker_case_closed", f"worker:{worker.id}")
    assert err.value.message == "case_not_closed"
    with pytest.raises(service.LetterError) as err:
        generate(wage_case, "worker_payment_received", f"worker:{worker.id}")
    assert err.value.message == "no_payment"
    with pytest.raises(service.LetterError) as err:
        generate(wage_case, "demand", f"worker:{worker.id}")
    assert err.value.message == "recipient_kind"
    assert db.session.query(Letter).count() == 0


def test_demand_refused_without_a_calculation(make):
    case = make.case(assigned_to=make.user("advocate"))
    with pytest.raises(service.LetterError) as err:
        generate(case, "demand", f"employer:{case.employers[0].id}")
    assert err.value.message == "calculation_missing"


def test_retaliation_letter_names_the_threat_as_the_employers_conduct(make):
    case = make.case(case_type="retaliation", assigned_to=make.user("advocate"))
    claim = db.session.query(RetaliationClaim).filter_by(case_id=case.id).one()
    claim.threatened_immigration_report = True
    db.session.flush()
    letters = generate(case, "retaliation_demand", f"employer:{case.employers[0].id}")
    text = letter_text(letters[0])
    assert "Labor Law 215" in text and "215(a)(3)" in text
    assert "Threatening to report a worker to immigration authorities is itself unlawful" in text
    assert "Complained to the manager about unpaid overtime." in text


@pytest.mark.parametrize("language", ["en", "es"])
def test_california_retaliation_letter_with_a_threat_is_generated(make, language):
    worker = make.worker(preferred_language=language)
    case = make.case(
        case_type="retaliation",
        jurisdiction="CA",
        workers=[worker],
        assigned_to=make.user("advocate"),
    )
    claim = db.session.query(RetaliationClaim).filter_by(case_id=case.id).one()
    claim.threatened_immigration_report = True
    db.session.flush()
    letters = generate(case, "retaliation_demand", f"employer:{case.employers[0].id}")
    assert "Labor Code 1019" in letter_text(letters[0])
    assert len(letters) == 2  # the letter and the worker's copy, in the worker's language
    assert letters[1].language == language


def test_status_disclosure_in_case_text_is_never_stored(make):
    case = make.case(case_type="retaliation", assigned_to=make.user("advocate"))
    claim = db.session.query(RetaliationClaim).filter_by(case_id=case.id).one()
    # Written straight through the model, around every form: the flush refuses it.
    claim.adverse_action = "Fired her because she is undocumented."
    with pytest.raises(StatusRefused) as err:
        db.session.flush()
    assert err.value.field == "adverse_action"
