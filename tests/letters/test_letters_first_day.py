"""What a new team notices on its first letters: punctuation, addresses, owners, shares."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from casework.extensions import db
from casework.letters import service
from casework.models import CaseEmployer
from tests.letters.test_letters_content import generate, letter_text

TODAY = date(2026, 2, 18)


@pytest.fixture
def group_case(make):
    """A New York City group case against a corporation and its personally liable owner."""
    advocate = make.user("advocate", name="Dana Advocate")
    ana = make.worker(name="Ana Ruiz", address="45-12 Roosevelt Ave, Apt 3B, Queens, NY 11377")
    maria = make.worker(
        name="María José Núñez",
        preferred_language="es",
        address="88 Broadway, Apt 2\nFloor 3\nBrooklyn, NY 11211",
    )
    corp = make.employer(
        business_name="Sabor Latino Restaurant Corp.",
        entity_type="corporation",
        address="12 Commerce St, Suite 4, Brooklyn, NY 11201",
        owner_names="Carlos Ramírez",
    )
    owner = make.employer(
        business_name="Carlos Ramírez",
        entity_type="individual",
        address="9 Elm St, Yonkers, NY 10701",
        owner_names=None,
    )
    case = make.case(workers=[ana, maria], employers=[corp], assigned_to=advocate)
    db.session.add(CaseEmployer(case=case, employer=owner, role="owner_officer", position=1))
    db.session.flush()
    db.session.refresh(case)
    make.period(case.worker_links[0].wage_claim)
    make.period(case.worker_links[1].wage_claim, hours_per_week=Decimal("55"))
    return case


def _employer(case, name):
    return next(e for e in case.employers if e.business_name == name)


def test_a_name_ending_in_a_period_closes_the_sentence_once(group_case):
    corp = _employer(group_case, "Sabor Latino Restaurant Corp.")
    demand, *copies = generate(group_case, "demand", f"employer:{corp.id}")
    english = letter_text(demand)
    assert "Ana Ruiz worked for Sabor Latino Restaurant Corp. " in english
    spanish = letter_text(next(c for c in copies if c.language == "es"))
    assert "Sabor Latino Restaurant Corp." in spanish
    for text in (english, spanish, *(letter_text(c) for c in copies)):
        assert "Corp.." not in text


def test_addresses_print_as_the_lines_typed(group_case):
    corp = _employer(group_case, "Sabor Latino Restaurant Corp.")
    demand, *copies = generate(group_case, "demand", f"employer:{corp.id}")
    doc = service.document(demand)
    assert doc.recipient_lines[-1] == "12 Commerce St, Suite 4, Brooklyn, NY 11201"
    maria = next(c for c in copies if c.language == "es")
    assert service.document(maria).recipient_lines == (
        "María José Núñez",
        "88 Broadway, Apt 2",
        "Floor 3",
        "Brooklyn, NY 11211",
    )
    ana = group_case.workers[0]
    (opened,) = generate(group_case, "worker_case_opened", f"worker:{ana.id}")
    lines = service.document(opened).recipient_lines
    assert lines == ("Ana Ruiz", "45-12 Roosevelt Ave, Apt 3B, Queens, NY 11377")
    assert "45-12 Roosevelt Ave, Apt 3B, Queens, NY 11377" in letter_text(opened)


def _judgment_with_shares(make, case, payments=1):
    from casework.models import JudgmentShare, Payment

    ana, maria = case.workers
    judgment = make.judgment(case, principal=Decimal("20000.00"))
    judgment.shares.append(JudgmentShare(worker_id=ana.id, amount=Decimal("8000.00")))
    judgment.shares.append(JudgmentShare(worker_id=maria.id, amount=Decimal("12000.00")))
    for n in range(payments):
        db.session.add(
            Payment(
                judgment=judgment,
                case_id=case.id,
                received_on=date(2026, 1, 10 + n),
                amount=Decimal("1000.00") if payments > 1 else Decimal("5000.00"),
                method="check",
                source="employer",
            )
        )
    db.session.flush()
    return judgment


@pytest.mark.parametrize("payments", [1, 4, 12])
def test_the_workers_statement_opens_with_their_share(make, group_case, payments):
    from casework.judgments import statements
    from tests.letters.test_pdf import pages_text

    _judgment_with_shares(make, group_case, payments)
    maria = group_case.workers[1]
    pages = pages_text(statements.worker_statement_pdf(group_case, maria, TODAY))
    first = pages[0]
    assert "Su parte" in first and "Su parte de la sentencia" in first and "$12,000.00" in first
    # No page holds only the running header and footer.
    for page in pages[1:]:
        assert "Concepto" in page or "Fecha" in page


def test_a_demand_to_the_owner_is_addressed_to_the_business_and_states_the_basis(group_case):
    owner = _employer(group_case, "Carlos Ramírez")
    demand, *copies = generate(group_case, "demand", f"employer:{owner.id}")
    assert demand.employer_id == owner.id
    doc = service.document(demand)
    assert doc.recipient_lines == (
        "Sabor Latino Restaurant Corp.",
        "Attention: Carlos Ramírez",
        "12 Commerce St, Suite 4, Brooklyn, NY 11201",
    )
    text = letter_text(demand)
    assert "who worked for Sabor Latino Restaurant Corp. and were not paid" in text
    assert "worked for Carlos Ramírez" not in text and "worked for you" not in text
    assert "Personal liability" in text
    assert "This case names Carlos Ramírez as an owner or officer of Sabor Latino" in text
    assert "(New York Business Corporation Law 630)" in text
    assert "609(c)" not in text  # a corporation, not a limited liability company
    spanish = letter_text(next(c for c in copies if c.language == "es"))
    assert "Responsabilidad personal" in spanish and "Business Corporation Law 630" in spanish


def test_the_demand_to_the_business_names_the_owners_liability(group_case):
    corp = _employer(group_case, "Sabor Latino Restaurant Corp.")
    demand = generate(group_case, "demand", f"employer:{corp.id}")[0]
    text = letter_text(demand)
    assert "who worked for you" in text
    assert "This case names Carlos Ramírez as an owner or officer" in text
    assert text.count("Business Corporation Law 630") == 1  # stated once, not again in next steps


@pytest.mark.parametrize(
    ("jurisdiction", "entity", "cited", "absent"),
    [
        ("NY-NYC", "llc", "Limited Liability Company Law 609(c)", "Corporation Law 630"),
        ("CA", "corporation", "California Labor Code 558.1", "Corporation Law 630"),
        ("CA", "unknown", "California Labor Code 558.1", "609(c)"),
        ("NY-NYC", "partnership", None, "Personal liability"),
        ("NY-NYC", "unknown", None, "Personal liability"),
        ("US", "corporation", None, "Personal liability"),
    ],
)
def test_the_basis_is_stated_only_where_the_facts_support_it(
    make, jurisdiction, entity, cited, absent
):
    business = make.employer(business_name="Luna Bakery", entity_type=entity)
    owner = make.employer(business_name="Rita Luna", entity_type="individual")
    case = make.case(employers=[business], jurisdiction=jurisdiction)
    db.session.add(CaseEmployer(case=case, employer=owner, role="owner_officer", position=1))
    db.session.flush()
    db.session.refresh(case)
    make.period(case.worker_links[0].wage_claim)
    text = letter_text(generate(case, "demand", f"employer:{owner.id}")[0])
    assert "Attention: Rita Luna" in text and "worked for Luna Bakery" in text
    if cited:
        assert cited in text and "Rita Luna" in text.split("Personal liability", 1)[1]
    assert absent not in text
    if entity == "partnership":
        assert "Business Corporation Law" not in text and "609(c)" not in text


def test_a_business_without_an_owner_on_the_case_gets_no_personal_liability_section(make):
    business = make.employer(business_name="Luna Bakery", entity_type="corporation")
    case = make.case(employers=[business])
    make.period(case.worker_links[0].wage_claim)
    text = letter_text(generate(case, "demand", f"employer:{business.id}")[0])
    assert "Personal liability" not in text
    assert "ten largest shareholders of the corporation" in text  # still a next step


def test_a_retaliation_letter_to_the_owner_is_addressed_to_the_business(make):
    business = make.employer(business_name="Luna Bakery", address="1 Main St\nAlbany, NY 12207")
    owner = make.employer(business_name="Rita Luna", entity_type="individual")
    case = make.case(case_type="retaliation", employers=[business])
    db.session.add(CaseEmployer(case=case, employer=owner, role="owner_officer", position=1))
    db.session.flush()
    db.session.refresh(case)
    letter = generate(case, "retaliation_demand", f"employer:{owner.id}")[0]
    assert service.document(letter).recipient_lines == (
        "Luna Bakery",
        "Attention: Rita Luna",
        "1 Main St",
        "Albany, NY 12207",
    )


def test_the_payment_letter_states_each_workers_own_share(make, group_case):
    _judgment_with_shares(make, group_case)  # $5,000 paid on shares of $8,000 and $12,000
    ana, maria = group_case.workers
    (to_ana,) = generate(group_case, "worker_payment_received", f"worker:{ana.id}")
    text = letter_text(to_ana)
    assert "we received a payment of $5,000.00 for your case" in text
    assert "Your share of this payment is $2,000.00." in text
    assert "divided among the 2 workers in your case" in text
    (to_maria,) = generate(group_case, "worker_payment_received", f"worker:{maria.id}")
    spanish = letter_text(to_maria)
    assert "$3,000.00" in spanish and "Su parte de este pago es de $3,000.00." in spanish


def test_a_single_workers_payment_letter_needs_no_split(make):
    from casework.models import Payment

    case = make.case()
    judgment = make.judgment(case)
    db.session.add(
        Payment(
            judgment=judgment,
            case_id=case.id,
            received_on=date(2026, 2, 1),
            amount=Decimal("750.00"),
            method="check",
            source="employer",
        )
    )
    db.session.flush()
    (letter,) = generate(case, "worker_payment_received", f"worker:{case.workers[0].id}")
    text = letter_text(letter)
    assert "$750.00" in text and "Your share of this payment" not in text


def test_without_recorded_owner_names_the_owner_on_the_case_is_the_attention_line(make):
    business = make.employer(business_name="Luna Bakery", owner_names=None, address="1 Main St")
    owner = make.employer(business_name="Rita Luna", entity_type="individual")
    case = make.case(employers=[business])
    db.session.add(CaseEmployer(case=case, employer=owner, role="owner_officer", position=1))
    db.session.flush()
    db.session.refresh(case)
    make.period(case.worker_links[0].wage_claim)
    letter = generate(case, "demand", f"employer:{business.id}")[0]
    assert service.document(letter).recipient_lines == (
        "Luna Bakery",
        "Attention: Rita Luna",
        "1 Main St",
    )
