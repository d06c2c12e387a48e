"""Fill a database with a national network's worth of fictitious cases, fast.

Rows are written with bulk INSERTs in batches, but every identifying field goes
through the real encryption path: each worker, case and employer gets its own data
key, wrapped under the primary master key (``Envelope.wrap``), and each value is
sealed with ``FieldCipher`` and the associated data the ``Encrypted`` descriptor
uses (table, column, row id), with blind indexes from the running key store. The
app reads everything back exactly as if it had been typed in.

Proportions for ``cases`` = N: 1.2 N workers, 0.2 N employers, about 11 N notes
and payments together, N / 2,000 advocates (at least 2), one supervisor, one intake
volunteer, one administrator. One case in every 2,000 (the first included) is a
"heavy" case with 50 notes and a judgment with 20 payments, for page benchmarks.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from casework.crypto.blind_index import normalize_name
from casework.crypto.envelope import new_data_key
from casework.crypto.fields import FieldCipher
from casework.crypto.keystore import KeyStore
from casework.models.case import (
    Case,
    CaseEmployer,
    CaseEvent,
    CaseWorker,
    Deadline,
    Note,
    case_team,
)
from casework.models.claims import WageClaim, WorkPeriod
from casework.models.judgment import Disbursement, Judgment, Payment
from casework.models.keys import DataKey
from casework.models.party import Employer, Worker
from casework.models.user import User

SCALE_DOMAIN = "scale.casework.test"
HEAVY_EVERY = 2000
HEAVY_NOTES = 50
HEAVY_PAYMENTS = 20
BATCH_CASES = 2000

FIRST = (
    "Ana Bruno Carmen Diego Elena Fausto Gloria Héctor Irene Julio Karla Luis María Nora "
    "Óscar Paula Rosa Sofía Tomás Úrsula Víctor Ximena Yolanda Zoe Andrés Beatriz Camila "
    "Daniel Esteban Fernanda Gabriel Hilda Ignacio Josefina Lorena Mateo Noemí Pablo Raúl Silvia"
).split()
LAST = (
    "Álvarez Borja Castillo Delgado Espinoza Flores Guzmán Herrera Ibarra Juárez León "
    "Mendoza Núñez Ortega Paredes Quintero Ramírez Salazar Torres Urbina Vargas Zamora "
    "Acosta Benítez Cabrera Duarte Escobar Fuentes Gallardo Hidalgo Lozano Medina Navarro "
    "Orozco Pacheco Quiroga Rivas Sandoval Tapia Villalobos"
).split()
STREETS = ("Roosevelt Ave", "Broadway", "Main St", "Atlantic Ave", "5th Ave", "Fulton St")
BUSINESS_WORDS = (
    "Sunrise Golden Empire Royal Liberty Metro Harbor Garden Star Union Eagle Valley Prime "
    "Sample Example Placeholder Pretend Fictional"
).split()
BUSINESS_KINDS = (
    ("Diner", "restaurant"),
    ("Tacos", "restaurant"),
    ("Bakery", "restaurant"),
    ("Cleaning", "cleaning"),
    ("Builders", "construction"),
    ("Car Wash", "car wash"),
    ("Garments", "garment"),
    ("Deli", "restaurant"),
    ("Landscaping", "landscaping"),
    ("Nail Salon", "personal care"),
)
ENTITY = ("llc", "llc", "corporation", "sole_proprietor", "partnership", "unknown")
SUFFIX = {"llc": " LLC", "corporation": " Inc", "partnership": " & Partners"}
NOTES = (
    "Met the worker at the center; reviewed pay stubs and a calendar of hours.",
    "Called the employer's office; the manager asked us to send everything in writing.",
    "Worker brought text messages showing the schedule for the last three months.",
    "Left a voicemail for the owner; no answer yet.",
    "Coworker confirmed the hours and the cash payments on Fridays.",
    "Employer's lawyer called to talk about a settlement; asked for the calculation.",
    "Reviewed the wage statements: no overtime rate shown at all.",
    "Worker reports the restaurant changed its name last month.",
    "Payment received by check; told the worker it will clear in a week.",
    "Prepared the complaint for filing; worker signed the verification.",
    "Hearing postponed by the court; new date to be set.",
    "Sent the worker a copy of the demand letter in Spanish.",
)
NARRATIVES = (
    "Worked six days a week, ten hours a day, paid a flat weekly amount in cash.",
    "Final two weeks were never paid after the worker left the job.",
    "Tips were kept by the manager; no wage notice was ever given.",
    "Injured lifting boxes; the employer refused to report the injury to its carrier.",
    "Fired two days after complaining to the owner about unpaid overtime.",
)
STATUSES = (
    ("intake", 5),
    ("open", 20),
    ("demand_sent", 10),
    ("negotiating", 10),
    ("filed", 8),
    ("judgment", 7),
    ("collecting", 10),
    ("closed", 30),
)
TYPES = (("wage_theft", 70), ("workers_comp", 15), ("retaliation", 15))
REGIONS = (
    ("NY-NYC", 40),
    ("NY-NYC-SMALL", 10),
    ("NY-LI-WESTCHESTER", 8),
    ("NY-REST", 7),
    ("CA", 20),
    ("CA-SMALL", 5),
    ("US", 10),
)
OUTCOMES = ("recovered", "partially_recovered", "not_recovered", "withdrawn", "referred")


def _weighted(pairs) -> tuple[list, list]:
    return [p[0] for p in pairs], [p[1] for p in pairs]


@dataclass
class SeedReport:
    cases: int = 0
    workers: int = 0
    employers: int = 0
    users: int = 0
    notes: int = 0
    payments: int = 0
    judgments: int = 0
    data_keys: int = 0
    heavy_case_ids: list[uuid.UUID] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"{self.cases:,} cases, {self.workers:,} workers, {self.employers:,} employers, "
            f"{self.users:,} staff, {self.notes:,} notes, {self.judgments:,} judgments, "
            f"{self.payments:,} payments, {self.data_keys:,} data keys"
        )


class _Sealer:
    """Data keys and field ciphertext exactly as the Encrypted descriptor makes them."""

    def __init__(self, store: KeyStore):
        self.store = store
        self.keys: list[dict] = []
        self.now = datetime.now(UTC)

    def new_key(self, kind: str, subject_id: uuid.UUID) -> FieldCipher:
        dek = new_data_key()
        version, wrapped = self.store.envelope.wrap(dek, kind, subject_id)
        self.keys.append(
            {
                "subject_id": subject_id,
                "kind": kind,
                "kek_version": version,
                "wrapped": wrapped,
                "created_at": self.now,
            }
        )
        return FieldCipher(dek)

    @staticmethod
    def seal(cipher: FieldCipher, value: str | None, table: str, column: str, row_id):
        if value is None:
            return None
        return cipher.encrypt(value, table=table, column=column, row_id=row_id)

    def index(self, table: str, column: str, kind: str, value: str | None):
        return None if value is None else self.store.blind_index(table, column, kind, value)


def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour % 24, 0), tzinfo=UTC)


def seed_scale(
    session: Session,
    store: KeyStore,
    cases: int,
    *,
    seed: int = 2026,
    password_hash: str,
    progress: Callable[[str], None] | None = None,
    today: date | None = None,
) -> SeedReport:
    """Write ``cases`` fictitious cases and everything around them; commit per batch."""
    if cases < 1:
        raise ValueError("cases must be at least 1")
    rng = random.Random(seed)
    today = today or date.today()
    now = datetime.now(UTC)
    sealer = _Sealer(store)
    report = SeedReport()
    say = progress or (lambda _msg: None)
    status_names, status_weights = _weighted(STATUSES)
    type_names, type_weights = _weighted(TYPES)
    region_names, region_weights = _weighted(REGIONS)

    def flush(rows_by_table: dict) -> None:
        for table, rows in rows_by_table.items():
            if rows:
                session.execute(insert(table), rows)
                rows.clear()

    # -- staff -------------------------------------------------------------------
    n_advocates = max(2, round(50 * cases / 100_000))
    staff = []
    for i in range(n_advocates):
        staff.append(("advocate", f"{FIRST[i % 40]} {LAST[(i * 7) % 40]}", f"advocate{i + 1}"))
    staff += [
        ("supervisor", "Sam Supervisor", "supervisor"),
        ("intake", "Dana Intake", "intake"),
        ("admin", "Alex Admin", "admin"),
    ]
    user_rows = [
        {
            "id": uuid.uuid4(),
            "email": f"{local}@{SCALE_DOMAIN}",
            "name": name,
            "role": role,
            "password_hash": password_hash,
            "totp_enrolled": False,
            "totp_required": False,
            "active": True,
            "session_epoch": 1,
            "created_at": now,
            "locale": "en",
        }
        for role, name, local in staff
    ]
    session.execute(insert(User.__table__), user_rows)
    advocates = [u["id"] for u in user_rows if u["role"] == "advocate"]
    intake_id = next(u["id"] for u in user_rows if u["role"] == "intake")
    report.users = len(user_rows)

    # -- employers ---------------------------------------------------------------
    n_employers = max(1, cases // 5)
    employers: list[uuid.UUID] = []
    rows: list[dict] = []
    for i in range(n_employers):
        eid = uuid.uuid4()
        word, (kind, industry) = (
            BUSINESS_WORDS[i % len(BUSINESS_WORDS)],
            BUSINESS_KINDS[(i // len(BUSINESS_WORDS)) % len(BUSINESS_KINDS)],
        )
        entity = ENTITY[i % len(ENTITY)]
        name = f"{word} {kind} {i // 180 + 1}{SUFFIX.get(entity, '')}"
        owners = f"{rng.choice(FIRST)} {rng.choice(LAST)}" if i % 2 == 0 else None
        cipher = sealer.new_key("employer", eid) if owners else None
        rows.append(
            {
                "id": eid,
                "business_name": name,
                "name_key": normalize_name(name)[:200],
                "address": f"{rng.randint(1, 999)} {rng.choice(STREETS)}, New York, NY",
                "owner_names": sealer.seal(cipher, owners, "employers", "owner_names", eid)
                if cipher
                else None,
                "industry": industry,
                "entity_type": entity,
                "created_at": now,
            }
        )
        employers.append(eid)
        if len(rows) >= 5000:
            flush({Employer.__table__: rows, DataKey.__table__: sealer.keys})
    flush({Employer.__table__: rows, DataKey.__table__: sealer.keys})
    report.employers = n_employers
    session.commit()
    say(f"  {n_employers:,} employers, {len(user_rows)} staff")

    # -- cases, batch by batch ----------------------------------------------------
    tables = {
        t: []
        for t in (
            Worker.__table__,
            Case.__table__,
            CaseWorker.__table__,
            CaseEmployer.__table__,
            case_team,
            WageClaim.__table__,
            WorkPeriod.__table__,
            Deadline.__table__,
            CaseEvent.__table__,
            Note.__table__,
            Judgment.__table__,
            Payment.__table__,
            Disbursement.__table__,
        )
    }
    T = {t.name: rows for t, rows in tables.items()}
    year_refs: dict[int, int] = {}
    phone_seq = rng.randrange(10_000_000)

    def new_worker() -> uuid.UUID:
        nonlocal phone_seq
        wid = uuid.uuid4()
        cipher = sealer.new_key("worker", wid)
        first = rng.choice(FIRST)
        name = f"{first} {rng.choice(LAST)}"
        if rng.random() < 0.6:
            name += f" {rng.choice(LAST)}"
        phone_seq = (phone_seq + 7919) % 10_000_000
        digits = f"{phone_seq:07d}"
        phone = f"(555) {digits[:3]}-{digits[3:]}" if rng.random() < 0.95 else None
        ascii_first = normalize_name(first).replace(" ", "")
        email = f"{ascii_first}{phone_seq % 1000}@example.net" if rng.random() < 0.3 else None
        address = (
            f"{rng.randint(1, 200)}-{rng.randint(1, 99)} {rng.choice(STREETS)}, Apt "
            f"{rng.randint(1, 40)}, Queens, NY 113{rng.randint(10, 99)}"
            if rng.random() < 0.7
            else None
        )
        T["workers"].append(
            {
                "id": wid,
                "name": sealer.seal(cipher, name, "workers", "name", wid),
                "name_bidx": sealer.index("workers", "name", "name", name),
                "phone": sealer.seal(cipher, phone, "workers", "phone", wid),
                "phone_bidx": sealer.index("workers", "phone", "phone", phone),
                "email": sealer.seal(cipher, email, "workers", "email", wid),
                "address": sealer.seal(cipher, address, "workers", "address", wid),
                "preferred_language": "es" if rng.random() < 0.6 else "en",
                "contact_ok_by": rng.choice(("phone", "text", "mail", "in_person")),
                "created_at": now,
            }
        )
        report.workers += 1
        return wid

    def event(case_id, at, kind, detail, user_id, ref_id=None) -> None:
        T["case_events"].append(
            {
                "id": uuid.uuid4(),
                "case_id": case_id,
                "at": at,
                "kind": kind,
                "detail": detail,
                "user_id": user_id,
                "ref_id": ref_id,
            }
        )

    for i in range(cases):
        cid = uuid.uuid4()
        heavy = i % HEAVY_EVERY == 0
        case_cipher = sealer.new_key("case", cid)
        status = rng.choices(status_names, status_weights)[0]
        if heavy:
            status = "collecting"
        case_type = "wage_theft" if heavy else rng.choices(type_names, type_weights)[0]
        opened = today - timedelta(days=rng.randint(0, 3650 if status == "closed" else 900))
        year_refs[opened.year] = year_refs.get(opened.year, 0) + 1
        reference = f"CW-{opened.year}-{year_refs[opened.year]:05d}"
        assigned = rng.choice(advocates) if status != "intake" or rng.random() < 0.3 else None
        first_day = opened - timedelta(days=rng.randint(60, 1200))
        last_day = opened - timedelta(days=rng.randint(0, 50))
        claimed = Decimal(rng.randint(800, 60000)) + Decimal(rng.randint(0, 99)) / 100
        closed_on = (
            min(today, opened + timedelta(days=rng.randint(20, 900)))
            if status == "closed"
            else None
        )
        outcome = rng.choice(OUTCOMES) if closed_on else None
        recovered = None
        if outcome in ("recovered", "partially_recovered"):
            share = Decimal(1) if outcome == "recovered" else Decimal(rng.randint(10, 90)) / 100
            recovered = (claimed * share).quantize(Decimal("0.01"))
        elif outcome:
            recovered = Decimal("0.00")

        # deadlines
        due_dates = []
        for k in range(2):
            due = opened + timedelta(days=rng.randint(20, 1100))
            done = closed_on is not None or due < today - timedelta(days=rng.randint(0, 40))
            T["deadlines"].append(
                {
                    "id": uuid.uuid4(),
                    "case_id": cid,
                    "rule_key": "flsa_limitations" if k == 0 else None,
                    "kind": "limitation" if k == 0 else "follow_up",
                    "label": "Federal limitations period" if k == 0 else "Call the employer back",
                    "due_on": due,
                    "computed": k == 0,
                    "done": done,
                    "done_at": _at(due) if done else None,
                    "created_at": _at(opened),
                }
            )
            if not done:
                due_dates.append(due)
        last_activity = _at(min(today, opened + timedelta(days=rng.randint(0, 120))), 15)
        T["cases"].append(
            {
                "id": cid,
                "reference": reference,
                "case_type": case_type,
                "status": status,
                "jurisdiction": rng.choices(region_names, region_weights)[0],
                "assigned_to_id": assigned,
                "opened_by_id": intake_id,
                "opened_on": opened,
                "closed_on": closed_on,
                "outcome": outcome,
                "amount_recovered": recovered,
                "narrative": sealer.seal(
                    case_cipher, rng.choice(NARRATIVES), "cases", "narrative", cid
                ),
                "first_day_worked": first_day,
                "last_day_worked": last_day,
                "willful": rng.random() < 0.2,
                "amount_claimed": claimed,
                "amount_demanded": claimed if status not in ("intake", "open") else None,
                "next_deadline_on": min(due_dates) if due_dates else None,
                "last_activity_at": last_activity,
                "created_at": _at(opened),
                "version": 1,
            }
        )
        report.cases += 1
        if heavy:
            report.heavy_case_ids.append(cid)
        if assigned and rng.random() < 0.05:
            other = rng.choice(advocates)
            if other != assigned:
                T["case_team"].append({"case_id": cid, "user_id": other})

        # workers (the first worker of every case; a second on one case in five)
        n_workers = 2 if i % 5 == 0 else 1
        for position in range(n_workers):
            wid = new_worker()
            link = uuid.uuid4()
            T["case_workers"].append(
                {"id": link, "case_id": cid, "worker_id": wid, "position": position}
            )
            if case_type == "wage_theft":
                claim_id = uuid.uuid4()
                total = (claimed / n_workers).quantize(Decimal("0.01"))
                T["wage_claims"].append(
                    {
                        "id": claim_id,
                        "case_worker_id": link,
                        "unpaid_final_pay": Decimal("0"),
                        "deductions": Decimal("0"),
                        "tips_withheld": Decimal("0"),
                        "wage_notice_given": rng.random() < 0.3,
                        "wage_statements_given": rng.random() < 0.3,
                        "willful": False,
                        "hospitality": rng.random() < 0.4,
                        "final_pay_days_late": 0,
                        "computed_total": total,
                        "computed_unpaid_wages": (total / 2).quantize(Decimal("0.01")),
                        "computed_on": opened,
                        "computed_as_of": opened,
                        "ruleset_version": "2026.1",
                        "updated_at": _at(opened),
                    }
                )
                T["work_periods"].append(
                    {
                        "id": uuid.uuid4(),
                        "wage_claim_id": claim_id,
                        "start": first_day,
                        "end": last_day,
                        "hours_per_week": Decimal(rng.choice((40, 48, 55, 60, 66))),
                        "days_per_week": rng.choice((5, 6)),
                        "hourly_rate": None,
                        "pay_per_week": Decimal(rng.choice((450, 500, 600, 650, 700))),
                        "long_days_per_week": 0,
                        "live_in": False,
                    }
                )

        # employers: skewed, so that some businesses are repeat offenders
        employer = employers[int(len(employers) * rng.random() ** 2)]
        T["case_employers"].append(
            {"id": uuid.uuid4(), "case_id": cid, "employer_id": employer, "role": "employer"}
        )

        # timeline
        event(cid, _at(opened, 9), "opened", case_type, intake_id)
        if status != "intake":
            event(cid, _at(opened, 11), "status_changed", f"intake>{status}", assigned)

        # notes, encrypted with the case's key
        n_notes = HEAVY_NOTES if heavy else rng.randint(1, 13)
        authors = [assigned or intake_id]
        for k in range(n_notes):
            nid = uuid.uuid4()
            T["notes"].append(
                {
                    "id": nid,
                    "case_id": cid,
                    "author_id": authors[0],
                    "created_at": _at(opened + timedelta(days=k * 3 + rng.randint(0, 2)), 10 + k),
                    "body": sealer.seal(case_cipher, rng.choice(NOTES), "notes", "body", nid),
                }
            )
        report.notes += n_notes

        # a judgment and payments on cases that reached one
        if heavy or (status in ("judgment", "collecting", "closed") and rng.random() < 0.85):
            jid = uuid.uuid4()
            entered = opened + timedelta(days=rng.randint(30, 200))
            if entered > today:
                entered = today
            principal = claimed
            T["judgments"].append(
                {
                    "id": jid,
                    "case_id": cid,
                    "forum": rng.choice(("court", "labor_department", "settlement")),
                    "entered_on": entered,
                    "principal": principal,
                    "interest_rate": Decimal("0.09000"),
                    "compounding": "simple",
                    "wage_judgment": True,
                    "docket_number": sealer.seal(
                        case_cipher,
                        f"{rng.randint(10000, 99999)}/{entered.year}",
                        "judgments",
                        "docket_number",
                        jid,
                    ),
                    "created_at": _at(entered),
                    "version": 1,
                }
            )
            event(cid, _at(entered, 12), "judgment_recorded", f"court {principal}", assigned, jid)
            report.judgments += 1
            n_payments = HEAVY_PAYMENTS if heavy else rng.randint(2, 18)
            paid = Decimal(0)
            step = (principal / (n_payments + 2)).quantize(Decimal("0.01"))
            for k in range(n_payments):
                received = min(today, entered + timedelta(days=14 * (k + 1)))
                pid = uuid.uuid4()
                T["payments"].append(
                    {
                        "id": pid,
                        "judgment_id": jid,
                        "case_id": cid,
                        "received_on": received,
                        "amount": step,
                        "method": rng.choice(("check", "money_order", "wire")),
                        "source": "employer",
                        "recorded_by_id": assigned,
                        "created_at": _at(received, 14),
                    }
                )
                if heavy:
                    event(
                        cid,
                        _at(received, 14),
                        "payment_recorded",
                        f"{step} employer",
                        assigned,
                        pid,
                    )
                paid += step
            report.payments += n_payments
            if paid:
                T["disbursements"].append(
                    {
                        "id": uuid.uuid4(),
                        "case_id": cid,
                        "judgment_id": jid,
                        "worker_id": T["case_workers"][-1]["worker_id"],
                        "paid_on": min(today, entered + timedelta(days=14 * n_payments + 7)),
                        "amount": paid,
                        "method": "check",
                        "recorded_by_id": assigned,
                        "created_at": now,
                    }
                )

        if (i + 1) % BATCH_CASES == 0 or i + 1 == cases:
            flush({DataKey.__table__: sealer.keys})
            flush(tables)
            session.commit()
            if (i + 1) % (BATCH_CASES * 10) == 0 or i + 1 == cases:
                say(f"  {i + 1:,} cases")
    report.data_keys = session.scalar(select(func.count()).select_from(DataKey)) or 0
    return report
