"""Demo judgments and collection: every forum, payments, plans, disbursements, enforcement.

- a New York wage judgment past its 15% clock, with a plan paid on time, a disbursement
  and enforcement steps served and succeeded;
- a California wage judgment past its bond deadline, with a plan paid late and then
  missed (its follow-up is flagged), and a failed levy;
- a federal judgment, a labor department award, a compensation board award and a
  settlement paid in part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from casework.demo.cases import open_case, walk_to
from casework.extensions import db
from casework.models.case import Case
from casework.models.judgment import Judgment
from casework.models.user import User

D = Decimal


@dataclass
class Collections:
    ny: Judgment
    ca: Judgment
    federal: Judgment
    settlement: Judgment
    cases: list[Case]


def _judgment(case: Case, today: date, *, days_ago: int, principal: str, **kw) -> Judgment:
    from casework.judgments import service

    walk_to(case, "filed", today)
    db.session.flush()
    share = (D(principal) / len(case.workers)).quantize(D("0.01"))
    shares = [service.ShareInput(w.id, share) for w in case.workers]
    entered = today - timedelta(days=days_ago)
    kw.setdefault("docket_number", f"Index No. {100 + days_ago}/{entered.year} (demo)")
    judgment = service.record_judgment(
        case,
        entered_on=entered,
        principal=D(principal),
        shares=shares,
        appeal_deadline=entered + timedelta(days=30),
        today=today,
        **kw,
    )
    db.session.flush()
    return judgment


def _pay(judgment: Judgment, on: date, amount: str, user: User, source: str = "employer") -> None:
    from casework.judgments import service

    service.record_payments(
        judgment,
        [service.PaymentInput(on, D(amount), "check", source)],
        recorded_by_id=user.id,
        today=max(on, date.today()),
    )
    db.session.flush()


def build(staff: list[User], today: date, first_n: int) -> Collections:
    from casework.judgments import installments, service

    advocate = next(u for u in staff if u.role == "advocate")
    n = first_n

    def case(case_type: str, region: str, **kw) -> Case:
        nonlocal n
        made = open_case(n, case_type, region, advocate, today, **kw)
        made.assigned_to_id = advocate.id
        n += 1
        return made

    # New York: past the 15% clock, plan paid on time, money passed on, enforcement.
    ny_case = case("wage_theft", "NY-NYC", workers=2)
    ny = _judgment(ny_case, today, days_ago=200, principal="12000.00", forum="court")
    walk_to(ny_case, "collecting", today)
    plan_start = ny.entered_on + timedelta(days=40)
    service.add_installment_plan(
        ny, amount=D("1000.00"), every="month", first_due_on=plan_start, count=8
    )
    for i in range(4):
        _pay(ny, installments.due_date(ny.installment_plans[0], i), "1000.00", advocate)
    service.record_disbursement(
        ny,
        worker_id=ny_case.workers[0].id,
        paid_on=today - timedelta(days=20),
        amount=D("1500.00"),
        method="check",
        reference="Check 1001 (demo)",
        recorded_by_id=advocate.id,
        today=today,
    )
    service.record_enforcement(
        ny,
        kind="restraining_notice",
        taken_on=today - timedelta(days=90),
        status="served",
        recorded_by_id=advocate.id,
    )
    levy = service.record_enforcement(
        ny,
        kind="bank_levy",
        taken_on=today - timedelta(days=60),
        status="planned",
        recorded_by_id=advocate.id,
    )
    service.update_enforcement(levy, status="succeeded", result="Bank released $2,000 (demo).")

    # California: past the Labor Code 238 bond deadline, plan paid late then missed.
    ca_case = case("wage_theft", "CA")
    ca = _judgment(ca_case, today, days_ago=120, principal="8000.00", forum="labor_commissioner")
    walk_to(ca_case, "collecting", today)
    plan = service.add_installment_plan(
        ca, amount=D("500.00"), every="week", first_due_on=today - timedelta(weeks=6), count=10
    )
    for i in range(2):
        _pay(ca, installments.due_date(plan, i) + timedelta(days=2), "500.00", advocate)
    service.flag_missed_installments(ca_case, today=today)
    service.record_enforcement(
        ca,
        kind="stop_work_order",
        taken_on=today - timedelta(days=30),
        status="failed",
        result="Employer moved the business (demo).",
        recorded_by_id=advocate.id,
    )

    # Federal court (the federal rate is typed in), and a labor department award.
    us_case = case("wage_theft", "US")
    federal = _judgment(
        us_case,
        today,
        days_ago=400,
        principal="5000.00",
        forum="court",
        federal=True,
        interest_rate=D("0.0425"),
        rate_override_reason="The 1-year Treasury yield the week before entry (demo).",
    )
    _pay(federal, today - timedelta(days=100), "750.00", advocate, source="bank_levy")
    dol_case = case("wage_theft", "NY-REST")
    _judgment(dol_case, today, days_ago=30, principal="3000.00", forum="labor_department")

    # Workers' compensation board award, and a settlement before judgment, paid in part.
    wc_case = case("workers_comp", "NY-LI-WESTCHESTER")
    _judgment(
        wc_case,
        today,
        days_ago=60,
        principal="4000.00",
        forum="workers_comp_board",
        wage_judgment=False,
    )
    deal_case = case("retaliation", "NY-NYC")
    settlement = _judgment(
        deal_case, today, days_ago=45, principal="6000.00", forum="settlement", wage_judgment=False
    )
    _pay(settlement, today - timedelta(days=10), "2000.00", advocate)
    db.session.flush()
    return Collections(
        ny, ca, federal, settlement, [ny_case, ca_case, us_case, dol_case, wc_case, deal_case]
    )
