"""Demo cases: every case type in every status, across every region the law package knows."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from casework.crypto.blind_index import normalize_name
from casework.extensions import db
from casework.law.rates import REGIONS
from casework.models.case import CASE_TYPES, OUTCOMES, STATUSES, Case
from casework.models.claims import WorkPeriod
from casework.models.party import Employer
from casework.models.user import User

WORKERS = [
    "Ana Ejemplo",
    "Bruno Ficticio",
    "Carmen Muestra",
    "Diego Prueba",
    "Elena Demo",
    "Fausto Ejemplar",
    "Gloria Inventada",
    "Héctor Supuesto",
    "Irene Modelo",
    "Julio Ensayo",
    "Karla Borrador",
    "Luis Figurado",
    "María José Núñez (demo)",
    "Nora Imaginaria",
    "Óscar Hipotético",
    "Paula Simulada",
    "Quique Ficción",
    "Rosa Fictitia",
]
EMPLOYERS = [
    ("Example Tacos LLC (demo)", "restaurant", "llc"),
    ("Sample Cleaning Corp (demo)", "cleaning", "corporation"),
    ("Fictional Builders Inc (demo)", "construction", "corporation"),
    ("Demo Car Wash (demo)", "car wash", "sole_proprietor"),
    ("Placeholder Garments LLC (demo)", "garment", "llc"),
    ("Pretend Deli (demo)", "restaurant", "partnership"),
]
NOTES = [
    "Met the worker at the center; reviewed pay stubs and a calendar of hours.",
    "Called the employer's office; the manager asked us to send everything in writing.",
    "Worker brought two coworkers who were paid the same way.",
    "Left a voicemail for the worker about the next meeting.",
]


def walk_to(case: Case, target: str, today: date, outcome: str = "recovered") -> None:
    """Move a case step by step through the workflow to ``target``."""
    from casework.cases.workflow import change_status

    for status in STATUSES[STATUSES.index(case.status) + 1 : STATUSES.index(target) + 1]:
        if status == "closed":
            recovered = (
                Decimal(0) if outcome in ("not_recovered", "withdrawn", "referred") else None
            )
            change_status(
                case,
                "closed",
                outcome=outcome,
                amount_recovered=recovered
                if recovered is not None
                else Decimal(random.randrange(100000, 900000)) / 100,
                closed_on=today - timedelta(days=random.randrange(1, 60)),
            )
        else:
            change_status(case, status)


def open_case(
    n: int,
    case_type: str,
    region: str,
    opener: User,
    today: date,
    *,
    workers: int = 1,
    languages: tuple[str, ...] = ("es", "en"),
    first: date | None = None,
) -> Case:
    """Open one case through intake: ``workers`` workers, one employer with an owner."""
    from casework.cases import service

    business, industry, entity = EMPLOYERS[n % len(EMPLOYERS)]
    first = first or today - timedelta(days=random.randrange(300, 900))
    last = first + timedelta(days=random.randrange(90, 200))
    facts = {
        "first_day_worked": first,
        "last_day_worked": last,
        "willful": n % 3 == 0,
        "narrative": "Fictitious demo story: worked long weeks and was paid a flat amount "
        "in cash, with no overtime and no pay stubs.",
    }
    if case_type == "workers_comp":
        facts.update(
            injury_date=last - timedelta(days=10),
            # Every other injury has the notice to the employer recorded (done), the rest not.
            notice_to_employer_on=last - timedelta(days=5) if n % 2 else None,
            body_parts="Lower back (demo)",
            carrier="Example Mutual Insurance (demo)",
        )
    if case_type == "retaliation":
        facts.update(
            protected_activity="Asked the manager for unpaid overtime (demo).",
            protected_activity_on=last - timedelta(days=14),
            adverse_action="Hours cut, then fired (demo).",
            adverse_action_on=last,
            threatened_immigration_report=n % 2 == 0,
            forum="state_labor_department",
        )
    people = [
        service.WorkerInput(
            name=WORKERS[(n + i * 7) % len(WORKERS)],
            phone=f"(555) 01{n % 10}-{1000 + i * 37 + n:04d}",
            address=f"{100 + n} Example Street\nApt {i + 1}\nQueens, NY 11368",
            preferred_language=languages[i % len(languages)],
            contact_ok_by=["phone", "text", "mail", "in_person"][(n + i) % 4],
        )
        for i in range(workers)
    ]
    employer = service.EmployerInput(
        business_name=business,
        industry=industry,
        entity_type=entity,
        address=f"{n + 1} Commerce Avenue (demo)\nBrooklyn, NY 11201",
        owner_names="Owner Fictional (demo)",
    )
    employer.existing_id = db.session.scalar(
        select(Employer.id).where(Employer.name_key == normalize_name(business))
    )
    case = service.open_case(
        service.Intake(case_type, region, people, [employer], facts),
        opener,
        today=today - timedelta(days=random.randrange(5, 150)),
    )
    if case_type == "wage_theft":
        add_periods(case, first, last)
    return case


def add_periods(case: Case, first: date, last: date) -> None:
    db.session.flush()
    middle = first + (last - first) / 2
    for link in case.worker_links:
        db.session.add_all(
            [
                WorkPeriod(
                    claim=link.wage_claim,
                    start=first,
                    end=middle,
                    hours_per_week=Decimal("60"),
                    days_per_week=6,
                    pay_per_week=Decimal("600.00"),
                ),
                WorkPeriod(
                    claim=link.wage_claim,
                    start=middle + timedelta(days=1),
                    end=last,
                    hours_per_week=Decimal("50"),
                    days_per_week=5,
                    hourly_rate=Decimal("12.00"),
                ),
            ]
        )
    db.session.flush()


def grid(staff: list[User], today: date) -> list[Case]:
    """Every case type in every status; each type meets every region on the way.

    Closed cases take each outcome in turn; some cases have a team and a group claim.
    """
    from casework.cases import service
    from casework.cases.deadlines import add_deadline

    advocates = [u for u in staff if u.role == "advocate"]
    intake_user = next(u for u in staff if u.role == "intake")
    cases = []
    n = 0
    for t, case_type in enumerate(CASE_TYPES):
        for s, status in enumerate(STATUSES):
            region = REGIONS[(s + t) % len(REGIONS)]
            opener = intake_user if status == "intake" else advocates[n % len(advocates)]
            case = open_case(n, case_type, region, opener, today, workers=2 if n % 5 == 0 else 1)
            if status != "intake":
                case.assigned_to_id = advocates[n % len(advocates)].id
                if n % 4 == 0:
                    case.team.append(advocates[(n + 1) % len(advocates)])
                walk_to(case, status, today, outcome=OUTCOMES[t % len(OUTCOMES)])
            for i in range(n % 4 + 1):
                service.add_note(case, NOTES[(n + i) % len(NOTES)], advocates[n % len(advocates)])
            if status != "closed":
                add_deadline(
                    case,
                    "Follow-up call with the worker (50% of the hours on paper)",
                    today + timedelta(days=random.randrange(-5, 20)),
                    kind="follow_up",
                )
            cases.append(case)
            db.session.flush()
            n += 1
    # The outcomes the grid's three closed cases did not take.
    for k, outcome in enumerate(OUTCOMES[len(CASE_TYPES) :]):
        case = open_case(n + k, "wage_theft", "NY-NYC", advocates[k], today)
        case.assigned_to_id = advocates[k].id
        walk_to(case, "closed", today, outcome=outcome)
        cases.append(case)
    db.session.flush()
    return cases


def compute_wages(cases: list[Case]) -> None:
    """Run the calculator on the demo wage claims."""
    from casework.cases import calculator

    for case in cases:
        if case.case_type != "wage_theft":
            continue
        for link in case.worker_links:
            db.session.refresh(link.wage_claim)
            breakdown = calculator.compute(link.wage_claim)
            calculator.save_result(link.wage_claim, breakdown)
