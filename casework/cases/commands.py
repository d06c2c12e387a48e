"""`flask casework seed-demo`: fill an empty development database with fictitious cases."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

import click
from flask import current_app
from sqlalchemy import func, select

from casework.crypto.blind_index import normalize_name
from casework.extensions import db
from casework.models.case import STATUSES, Case
from casework.models.claims import WorkPeriod
from casework.models.party import Employer
from casework.models.user import User

DEMO_PASSWORD = "demo only: worker center 2026"

STAFF = [
    ("supervisor", "Sam Supervisor (demo)", "supervisor@demo.casework.test"),
    ("advocate", "Alex Advocate (demo)", "advocate1@demo.casework.test"),
    ("advocate", "Blanca Advocate (demo)", "advocate2@demo.casework.test"),
    ("advocate", "Chris Advocate (demo)", "advocate3@demo.casework.test"),
    ("intake", "Dana Intake (demo)", "intake@demo.casework.test"),
]

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
    ("Example Tacos LLC (demo)", "restaurant", "llc", "NY-NYC"),
    ("Sample Cleaning Corp (demo)", "cleaning", "corporation", "NY-NYC"),
    ("Fictional Builders Inc (demo)", "construction", "corporation", "NY-LI-WESTCHESTER"),
    ("Demo Car Wash (demo)", "car wash", "sole_proprietor", "CA"),
    ("Placeholder Garments LLC (demo)", "garment", "llc", "CA"),
    ("Pretend Deli (demo)", "restaurant", "partnership", "NY-REST"),
]
NOTES = [
    "Met the worker at the center; reviewed pay stubs and a calendar of hours.",
    "Called the employer's office; the manager asked us to send everything in writing.",
    "Worker brought two coworkers who were paid the same way.",
    "Left a voicemail for the worker about the next meeting.",
]


def _walk_to(case: Case, target: str, today: date) -> None:
    from casework.cases.workflow import change_status

    path = STATUSES[: STATUSES.index(target) + 1]
    for status in path[1:]:
        if status == "closed":
            change_status(
                case,
                "closed",
                outcome=random.choice(["recovered", "partially_recovered", "not_recovered"]),
                amount_recovered=Decimal(random.randrange(0, 900000)) / 100,
                closed_on=today - timedelta(days=random.randrange(1, 60)),
            )
        else:
            change_status(case, status)


def seed(today: date | None = None, rng_seed: int = 2026) -> tuple[list[User], list[Case]]:
    """Create the demo staff and about two dozen cases of every type and status."""
    from casework.auth import service as accounts
    from casework.cases import service
    from casework.cases.deadlines import add_deadline

    random.seed(rng_seed)
    today = today or date.today()
    staff = []
    for role, name, email in STAFF:
        user = accounts.find_user(email) or accounts.create_user(email, name, role, DEMO_PASSWORD)
        if role in ("intake", "advocate"):
            user.totp_required = False
        staff.append(user)
    db.session.flush()
    advocates, intake_user = staff[1:4], staff[4]
    cases = []
    combos = [(t, s) for s in STATUSES for t in ("wage_theft", "workers_comp", "retaliation")]
    for n, (case_type, status) in enumerate(combos):
        business, industry, entity, region = EMPLOYERS[n % len(EMPLOYERS)]
        first = today - timedelta(days=random.randrange(200, 900))
        last = first + timedelta(days=random.randrange(60, 180))
        facts = {
            "first_day_worked": first,
            "last_day_worked": last,
            "narrative": "Fictitious demo story: worked long weeks and was paid a flat amount "
            "in cash, with no overtime and no pay stubs.",
        }
        if case_type == "workers_comp":
            facts.update(
                injury_date=last - timedelta(days=10),
                notice_to_employer_on=last - timedelta(days=5),
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
        names = [WORKERS[n % len(WORKERS)]]
        if n % 5 == 0:
            names.append(WORKERS[(n + 7) % len(WORKERS)])  # a group claim
        workers = [
            service.WorkerInput(
                name=name,
                phone=f"(555) 01{n % 10}-{1000 + i * 37 + n:04d}",
                address=f"{100 + n} Example Street, Apt {i + 1}",
                preferred_language="es" if (n + i) % 3 else "en",
                contact_ok_by=["phone", "text", "mail", "in_person"][(n + i) % 4],
            )
            for i, name in enumerate(names)
        ]
        employer_rows = [
            service.EmployerInput(
                business_name=business,
                industry=industry,
                entity_type=entity,
                address=f"{n + 1} Commerce Avenue (demo)",
                owner_names="Owner Fictional (demo)",
            )
        ]
        known = db.session.scalar(
            select(Employer.id).where(Employer.name_key == normalize_name(business))
        )
        employer_rows[0].existing_id = known  # employers are shared records
        opener = intake_user if status == "intake" else advocates[n % 3]
        case = service.open_case(
            service.Intake(case_type, region, workers, employer_rows, facts),
            opener,
            today=today - timedelta(days=random.randrange(5, 150)),
        )
        if status != "intake":
            case.assigned_to_id = advocates[n % 3].id
            if n % 4 == 0:
                case.team.append(advocates[(n + 1) % 3])
            _walk_to(case, status, today)
        if case_type == "wage_theft":
            for link in case.worker_links:
                db.session.flush()
                middle = first + (last - first) / 2
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
        for i in range(n % 4 + 1):
            service.add_note(case, NOTES[(n + i) % len(NOTES)], advocates[n % 3])
        if status not in ("closed",):
            add_deadline(
                case,
                "Follow-up call with the worker",
                today + timedelta(days=random.randrange(-5, 20)),
                kind="follow_up",
            )
        cases.append(case)
        db.session.flush()
    _compute_wages(cases)
    return staff, cases


def _compute_wages(cases: list[Case]) -> None:
    """Run the calculator on the demo wage claims, when it is installed."""
    try:
        from casework.cases import calculator
    except ImportError:  # pragma: no cover - the calculator ships with the app
        return
    for case in cases:
        if case.case_type != "wage_theft":
            continue
        for link in case.worker_links:
            db.session.refresh(link.wage_claim)
            try:
                breakdown = calculator.compute(link.wage_claim)
                calculator.save_result(link.wage_claim, breakdown)
            except Exception:  # noqa: BLE001 - the demo data stays useful without totals
                continue


def index_name_words(batch_size: int = 500) -> int:
    """Give every readable worker without word indexes their name's word indexes."""
    from casework.models.party import Worker, WorkerNameWord, set_name_words

    done = 0
    last = None
    while True:
        stmt = (
            select(Worker)
            .where(
                Worker.shredded_at.is_(None),
                Worker.name_ciphertext.is_not(None),
                ~Worker.id.in_(select(WorkerNameWord.worker_id)),
            )
            .order_by(Worker.id)
            .limit(batch_size)
        )
        if last is not None:
            stmt = stmt.where(Worker.id > last)
        workers = list(db.session.scalars(stmt))
        if not workers:
            return done
        keystore_ = current_app.extensions["casework_keystore"]
        keystore_.preload(db.session, [w.id for w in workers])
        for worker in workers:
            name = worker.name
            if name:  # an unreadable name is falsy: nothing to index
                set_name_words(worker, name)
                done += 1
        last = workers[-1].id
        db.session.commit()


def register(group) -> None:
    @group.command("index-name-words")
    def index_name_words_command() -> None:
        """Add the word indexes that let a search find a worker by any of their name's words."""
        count = index_name_words()
        if count:
            click.echo(f"Indexed the name words of {count} workers.")

    @group.command("seed-demo")
    def seed_demo() -> None:
        """Fill an EMPTY development database with fictitious demo cases and staff."""
        if current_app.config.get("ENV_NAME") == "production":
            raise click.ClickException("seed-demo is refused in production.")
        if db.session.scalar(select(func.count()).select_from(Case)):
            raise click.ClickException("seed-demo only fills an empty database: cases exist.")
        staff, cases = seed()
        db.session.commit()
        click.echo(f"Created {len(cases)} fictitious cases of every type and status.")
        click.echo("Demo accounts (shared password below; supervisors set up TOTP at sign-in):")
        for user in staff:
            click.echo(f"  {user.role:<10} {user.email}")
        click.echo(f"Password: {DEMO_PASSWORD}")
