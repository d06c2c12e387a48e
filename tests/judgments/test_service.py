"""Judgment services: balances, payments, installment plans, disbursements, deadlines."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest

from casework.judgments import service
from casework.judgments.service import PaymentInput, ShareInput
from casework.models import Deadline, Disbursement, StatusRefused
from casework.refusals import Refused

D = Decimal


def _case(make, **kw):
    advocate = make.user("advocate")
    kw.setdefault("status", "judgment")
    return make.case(assigned_to=advocate, **kw), advocate


def _judgment(case, **kw):
    fields = dict(forum="court", entered_on=date(2025, 1, 15), principal=D("10000.00"))
    fields.update(kw)
    return service.record_judgment(case, today=date(2026, 6, 1), **fields)


def pay(judgment, day, amount, today=date(2026, 6, 1)):
    return service.record_payments(
        judgment, [PaymentInput(day, D(amount), "check", "employer")], today=today
    )


def test_record_judgment_fills_the_rate_and_creates_deadlines(app, make, ctx):
    case, _ = _case(make, jurisdiction="NY-NYC", last_day_worked=date(2024, 12, 1))
    judgment = _judgment(case, docket_number="Index No. 1/2025")
    assert judgment.interest_rate == D("0.09") and judgment.compounding == "simple"
    assert judgment.expires_on == date(2045, 1, 15)
    keys = {d.rule_key for d in case.deadlines}
    assert {"ny_renewal_window_opens", "ny_judgment_expires", "ny_fifteen_percent"} <= keys
    assert "ny_owner_liability_notice" in keys  # the employer is an LLC
    owner = next(d for d in case.deadlines if d.rule_key == "ny_owner_liability_notice")
    assert owner.due_on == date(2024, 12, 1) + timedelta(days=180)
    assert judgment.shares[0].amount == D("10000.00")


def test_federal_judgment_needs_a_rate_and_compounds(app, make, ctx):
    case, _ = _case(make, jurisdiction="US")
    with pytest.raises(Refused) as info:
        _judgment(case)
    assert info.value.field == "interest_rate"
    judgment = _judgment(case, interest_rate=D("0.05"))
    assert judgment.compounding == "annual"


def test_rate_override_needs_a_reason(app, make, ctx):
    case, _ = _case(make, jurisdiction="CA")
    with pytest.raises(Refused) as info:
        _judgment(case, interest_rate=D("0.05"))
    assert info.value.field == "rate_override_reason"
    judgment = _judgment(case, interest_rate=D("0.05"), rate_override_reason="Stipulated rate")
    assert judgment.interest_rate == D("0.05")
    keys = {d.rule_key for d in case.deadlines}
    assert {"ca_judgment_expires", "ca_renewal_deadline", "ca_lc238_bond"} <= keys
    bond = next(d for d in case.deadlines if d.rule_key == "ca_lc238_bond")
    assert bond.due_on == date(2025, 1, 15) + timedelta(days=60)


def test_shares_must_sum_to_the_principal(app, make, ctx):
    a, b = make.worker(), make.worker()
    case, _ = _case(make, workers=[a, b])
    with pytest.raises(Refused) as info:
        _judgment(case, shares=[ShareInput(a.id, D("6000")), ShareInput(b.id, D("3000"))])
    assert info.value.field == "shares"
    with pytest.raises(Refused):
        _judgment(case, shares=[ShareInput(uuid.uuid4(), D("10000"))])
    judgment = _judgment(case, shares=[ShareInput(a.id, D("6000")), ShareInput(b.id, D("4000"))])
    assert sorted(s.amount for s in judgment.shares) == [D("4000.00"), D("6000.00")]


def test_case_before_filing_cannot_hold_a_judgment(app, make, ctx):
    case, _ = _case(make, status="open")
    with pytest.raises(Refused):
        _judgment(case)


def test_filed_case_moves_to_judgment(app, make, ctx):
    case, _ = _case(make, status="filed")
    _judgment(case)
    assert case.status == "judgment"


def test_overpayment_refused_and_exact_payment_clears(app, make, ctx):
    case, _ = _case(make, jurisdiction="CA")
    judgment = _judgment(case, entered_on=date(2025, 1, 1), wage_judgment=False)
    # 10,000 at 10% for 100 days: 273.97 interest; 10,273.97 due on day 100.
    day = date(2025, 4, 11)
    with pytest.raises(Refused) as info:
        pay(judgment, day, "10273.98")
    assert info.value.code == "overpayment"
    assert info.value.params["due"] == Decimal("10273.97")
    assert judgment.payments == []
    pay(judgment, day, "10273.97")
    assert service.standing(judgment, day).total_due == 0
    assert judgment.satisfied_on == day
    assert case.status == "collecting"


def test_future_and_pre_entry_payments_refused(app, make, ctx):
    case, _ = _case(make)
    judgment = _judgment(case)
    with pytest.raises(Refused):
        pay(judgment, date(2026, 6, 2), "10")
    with pytest.raises(Refused):
        pay(judgment, date(2025, 1, 14), "10")


def test_payment_writes_event_and_audit(app, make, ctx):
    from casework.extensions import db
    from casework.models import AuditEvent, CaseEvent

    case, _ = _case(make)
    judgment = _judgment(case)
    [payment] = pay(judgment, date(2025, 2, 1), "500")
    kinds = [e.kind for e in db.session.query(CaseEvent).filter_by(case_id=case.id)]
    assert "payment_recorded" in kinds
    assert (
        db.session.query(AuditEvent)
        .filter_by(action="payment.record", object_id=str(payment.id))
        .count()
        == 1
    )


def test_two_hundred_payments_no_drift(app, make, ctx):
    case, _ = _case(make, jurisdiction="CA")
    judgment = _judgment(case, entered_on=date(2020, 1, 1), wage_judgment=False)
    entries = [
        PaymentInput(date(2020, 1, 1) + timedelta(days=7 * i), D("37.13"), "check", "employer")
        for i in range(200)
    ]
    service.record_payments(judgment, entries, today=date(2026, 6, 1))
    s = service.standing(judgment, date(2024, 1, 1))
    assert len(s.lines) == 200
    assert s.collected == D("7426.00")
    assert s.interest_paid + s.principal_paid == s.collected
    assert s.principal_remaining == D("10000.00") - s.principal_paid
    assert s.total_due == s.principal_remaining + s.interest_accrued - s.interest_paid
    for value in (s.total_due, s.interest_accrued, s.principal_paid):
        assert isinstance(value, Decimal) and value == value.quantize(D("0.01"))
    assert sum(line.to_interest + line.to_principal for line in s.lines) == s.collected


def test_ny_fifteen_percent_on_the_unpaid_balance(app, make, ctx):
    case, _ = _case(make, jurisdiction="NY-NYC")
    judgment = _judgment(case, entered_on=date(2025, 1, 1))
    # Appeal time ends Jan 31; the increase applies 90 days later, May 1, 2025.
    assert service.increase_date(judgment) == date(2025, 5, 1)
    before = service.standing(judgment, date(2025, 4, 30))
    assert before.increase == 0
    pay(judgment, date(2025, 3, 1), "1000")
    on = service.standing(judgment, date(2025, 5, 1))
    # 9% on 10,000 for 59 days = 145.48; payment 1,000 -> 145.48 interest, 854.52 principal.
    # Principal 9,145.48; 61 days to May 1 at 9% = 137.56. Unpaid 9,283.04; 15% = 1,392.46.
    assert on.principal_remaining == D("9145.48")
    assert on.increase == D("1392.46")
    assert on.total_due == D("9145.48") + D("137.56") + D("1392.46")


def test_payments_after_the_increase_pay_it_last(app, make, ctx):
    case, _ = _case(make, jurisdiction="NY-NYC")
    judgment = _judgment(case, entered_on=date(2025, 1, 1))
    due = service.standing(judgment, date(2025, 6, 1)).total_due
    with pytest.raises(Refused):
        pay(judgment, date(2025, 6, 1), str(due + D("0.01")))
    pay(judgment, date(2025, 6, 1), str(due))
    s = service.standing(judgment, date(2025, 6, 1))
    assert s.total_due == 0
    assert s.lines[0].to_increase == s.increase > 0


def test_installment_missed_flagged_once(app, make, ctx):
    case, _ = _case(make)
    judgment = _judgment(case, entered_on=date(2025, 1, 1))
    service.add_installment_plan(
        judgment, amount=D("500"), every="month", first_due_on=date(2025, 2, 1), count=6
    )
    pay(judgment, date(2025, 1, 30), "500")
    rows = service.schedule(judgment.installment_plans[0], today=date(2025, 3, 15))
    assert [r.status for r in rows[:3]] == ["paid", "missed", "upcoming"]
    created = service.flag_missed_installments(case, date(2025, 3, 15))
    assert len(created) == 1 and created[0].judgment_id == judgment.id
    assert service.flag_missed_installments(case, date(2025, 3, 16)) == []
    # A second missed installment while the follow-up is open makes no copy of it.
    assert service.flag_missed_installments(case, date(2025, 4, 20)) == []
    missed = [d for d in case.deadlines if (d.rule_key or "").startswith("installment_missed")]
    assert len(missed) == 1 and all(isinstance(d, Deadline) for d in missed)
    # Once staff mark it done, a later missed installment makes a new one.
    missed[0].done = True
    later = service.flag_missed_installments(case, date(2025, 4, 20))
    assert len(later) == 1 and "installment 3 of 6" in later[0].rule
    assert service.flag_missed_installments(case, date(2025, 4, 21)) == []


def test_installment_paid_a_few_days_late_is_not_missed(app, make, ctx):
    case, _ = _case(make)
    judgment = _judgment(case, entered_on=date(2025, 1, 1))
    service.add_installment_plan(
        judgment, amount=D("500"), every="month", first_due_on=date(2025, 2, 1), count=4
    )
    pay(judgment, date(2025, 2, 3), "500")  # two days late
    pay(judgment, date(2025, 3, 2), "500")  # one day late
    rows = service.schedule(judgment.installment_plans[0], today=date(2025, 4, 5))
    assert [r.status for r in rows] == ["paid_late", "paid_late", "due", "upcoming"]
    assert [r.paid_on for r in rows[:2]] == [date(2025, 2, 3), date(2025, 3, 2)]
    assert service.flag_missed_installments(case, date(2025, 4, 5)) == []
    # Installment 3 (April 1) is missed once its ten days of grace have run out.
    rows = service.schedule(judgment.installment_plans[0], today=date(2025, 4, 12))
    assert rows[2].status == "missed"
    assert len(service.flag_missed_installments(case, date(2025, 4, 12))) == 1


def test_grace_period_is_configurable(app, make, ctx):
    case, _ = _case(make)
    judgment = _judgment(case, entered_on=date(2025, 1, 1))
    service.add_installment_plan(
        judgment, amount=D("500"), every="week", first_due_on=date(2025, 2, 3), count=2
    )
    app.config["CASEWORK_INSTALLMENT_GRACE_DAYS"] = 2
    try:
        rows = service.schedule(judgment.installment_plans[0], today=date(2025, 2, 6))
    finally:
        app.config["CASEWORK_INSTALLMENT_GRACE_DAYS"] = 10
    assert rows[0].status == "missed"
    rows = service.schedule(judgment.installment_plans[0], today=date(2025, 2, 6))
    assert rows[0].status == "due"


def test_a_payment_counts_toward_the_installment_it_pays(app, make, ctx):
    case, _ = _case(make)
    judgment = _judgment(case, entered_on=date(2025, 1, 1))
    service.add_installment_plan(
        judgment, amount=D("500"), every="month", first_due_on=date(2025, 2, 1), count=3
    )
    pay(judgment, date(2025, 2, 1), "500")
    pay(judgment, date(2025, 3, 20), "1000")  # installment 2, late, and installment 3 early
    rows = service.schedule(judgment.installment_plans[0], today=date(2025, 4, 15))
    assert [r.status for r in rows] == ["paid", "paid_late", "paid"]


def test_disbursement_over_share_refused(app, make, ctx):
    a, b = make.worker(), make.worker()
    case, _ = _case(make, workers=[a, b])
    judgment = _judgment(
        case,
        entered_on=date(2025, 1, 1),
        shares=[ShareInput(a.id, D("7500")), ShareInput(b.id, D("2500"))],
    )
    pay(judgment, date(2025, 1, 1), "1000.00")
    accounts = {x.worker_id: x for x in service.worker_accounts(judgment)}
    assert accounts[a.id].collected == D("750.00") and accounts[b.id].collected == D("250.00")
    with pytest.raises(Refused) as info:
        service.record_disbursement(
            judgment,
            worker_id=b.id,
            paid_on=date(2025, 1, 2),
            amount=D("250.01"),
            method="check",
            today=date(2026, 1, 1),
        )
    assert info.value.field == "amount"
    row = service.record_disbursement(
        judgment,
        worker_id=b.id,
        paid_on=date(2025, 1, 2),
        amount=D("250.00"),
        method="check",
        reference="Check 1042",
        today=date(2026, 1, 1),
    )
    assert isinstance(row, Disbursement) and row.reference == "Check 1042"
    accounts = {x.worker_id: x for x in service.worker_accounts(judgment)}
    assert accounts[b.id].held == 0 and accounts[a.id].held == D("750.00")


def test_split_adds_up_to_the_cent():
    parts = service.split_by_weight(D("100.00"), [D("1"), D("1"), D("1")])
    assert sum(parts) == D("100.00") and sorted(parts) == [D("33.33"), D("33.33"), D("33.34")]


def test_enforcement_result_is_guarded_and_on_the_timeline(app, make, ctx):
    from casework.extensions import db
    from casework.models import CaseEvent

    case, _ = _case(make)
    judgment = _judgment(case)
    action = service.record_enforcement(
        judgment,
        kind="bank_levy",
        taken_on=date(2025, 3, 1),
        status="served",
        result="Levy served on the bank.",
    )
    assert action.result == "Levy served on the bank."
    assert db.session.query(CaseEvent).filter_by(case_id=case.id, kind="enforcement").count() == 1
    with pytest.raises(StatusRefused) as info:
        service.update_enforcement(action, status="failed", result="The worker is undocumented.")
        db.session.flush()
    assert info.value.field == "result"
