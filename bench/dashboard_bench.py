"""Supervisor dashboard speed on a national network's history: 100,000 cases.

`run(results)` seeds (or reuses) a SQLite file with case facts in bulk, then times each
dashboard query and the whole `/dashboard` page. Target: the page under 300 ms.
Run alone: `python -m bench.dashboard_bench` (CASEWORK_BENCH_CASES to change the size,
CASEWORK_BENCH_DATABASE_URL to run against a database already filled by seed-scale).
"""

from __future__ import annotations

import os
import random
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

CASES = int(os.environ.get("CASEWORK_BENCH_CASES", "100000"))
RUNS = 7
OUT = "/tmp/readme_performance_dashboard.md"


def _seed(db, n_cases: int) -> None:
    """Case facts only, in bulk: the dashboard reads no encrypted field."""
    from casework.crypto import passwords
    from casework.models import Case, CaseEmployer, Deadline, Employer, Letter, User, Worker
    from casework.models.judgment import Disbursement, Judgment, Payment

    rng = random.Random(8)
    today = date.today()
    now = datetime.now(UTC)
    pw = passwords.hash_password("bench password not used")
    users = [
        {
            "id": uuid.uuid4(),
            "email": f"adv{i}@bench.test",
            "name": f"Advocate {i:02d}",
            "role": "advocate",
            "password_hash": pw,
            "active": True,
            "totp_required": False,
            "totp_enrolled": False,
            "session_epoch": 1,
            "created_at": now,
        }
        for i in range(50)
    ]
    users.append(
        {
            **users[0],
            "id": uuid.uuid4(),
            "email": "sup@bench.test",
            "name": "Supervisor",
            "role": "supervisor",
        }
    )
    db.session.execute(User.__table__.insert(), users)
    employers = []
    for i in range(n_cases // 5):
        name = f"Business {i % (n_cases // 6)} LLC"
        employers.append(
            {
                "id": uuid.uuid4(),
                "business_name": name,
                "name_key": name.lower().replace(" llc", " llc"),
                "entity_type": "llc",
                "created_at": now,
            }
        )
    # Successor businesses: each takes over one predecessor's cases (unique names).
    successors = [
        {
            "id": uuid.uuid4(),
            "business_name": f"Successor {i} Corp",
            "name_key": f"successor {i} corp",
            "entity_type": "corporation",
            "created_at": now,
        }
        for i in range(max(1, n_cases // 100))
    ]
    db.session.execute(Employer.__table__.insert(), employers + successors)
    worker = {
        "id": uuid.uuid4(),
        "preferred_language": "en",
        "contact_ok_by": "phone",
        "created_at": now,
    }
    db.session.execute(Worker.__table__.insert(), [worker])
    statuses = [
        "intake",
        "open",
        "demand_sent",
        "negotiating",
        "filed",
        "judgment",
        "collecting",
        "closed",
        "closed",
        "closed",
    ]
    types = ["wage_theft", "wage_theft", "workers_comp", "retaliation"]
    batch: dict[str, list] = {k: [] for k in ("c", "ce", "d", "j", "p", "ds", "l")}

    def flush():
        for key, table in (
            ("c", Case),
            ("ce", CaseEmployer),
            ("d", Deadline),
            ("j", Judgment),
            ("p", Payment),
            ("ds", Disbursement),
            ("l", Letter),
        ):
            if batch[key]:
                db.session.execute(table.__table__.insert(), batch[key])
                batch[key].clear()

    for i in range(n_cases):
        cid = uuid.uuid4()
        opened = today - timedelta(days=rng.randint(0, 3650))
        status = rng.choice(statuses)
        claimed = Decimal(rng.randint(500, 50000))
        batch["c"].append(
            {
                "id": cid,
                "reference": f"CW-{i:07d}",
                "case_type": rng.choice(types),
                "status": status,
                "jurisdiction": "NY-NYC",
                "assigned_to_id": users[rng.randrange(50)]["id"] if rng.random() > 0.02 else None,
                "opened_on": opened,
                "closed_on": opened + timedelta(days=rng.randint(30, 700))
                if status == "closed"
                else None,
                "amount_claimed": claimed,
                "amount_demanded": claimed if rng.random() > 0.5 else None,
                "last_activity_at": now - timedelta(days=rng.randint(0, 120)),
                "created_at": now,
                "willful": False,
                "version": 1,
            }
        )
        batch["ce"].append(
            {
                "id": uuid.uuid4(),
                "case_id": cid,
                "role": "employer",
                "position": 0,
                "employer_id": employers[i % len(employers)]["id"],
            }
        )
        if rng.random() < 0.03:
            batch["ce"].append(
                {
                    "id": uuid.uuid4(),
                    "case_id": cid,
                    "role": "successor",
                    "position": 1,
                    "employer_id": successors[(i % len(employers)) % len(successors)]["id"],
                }
            )
        for _ in range(2):
            batch["d"].append(
                {
                    "id": uuid.uuid4(),
                    "case_id": cid,
                    "kind": rng.choice(["limitation", "hearing"]),
                    "label": "Deadline",
                    "due_on": today + timedelta(days=rng.randint(-60, 400)),
                    "computed": False,
                    "done": rng.random() < 0.5,
                    "created_at": now,
                }
            )
        if status in ("judgment", "collecting", "closed") and rng.random() < 0.6:
            jid = uuid.uuid4()
            entered = opened + timedelta(days=rng.randint(30, 300))
            batch["j"].append(
                {
                    "id": jid,
                    "case_id": cid,
                    "forum": "court",
                    "entered_on": entered,
                    "principal": claimed,
                    "interest_rate": Decimal("0.09"),
                    "compounding": "simple",
                    "wage_judgment": True,
                    "created_at": now,
                    "version": 1,
                }
            )
            for k in range(rng.randint(0, 6)):
                amount = Decimal(rng.randint(50, 2000))
                day = entered + timedelta(days=30 * (k + 1))
                batch["p"].append(
                    {
                        "id": uuid.uuid4(),
                        "judgment_id": jid,
                        "case_id": cid,
                        "received_on": day,
                        "amount": amount,
                        "method": "check",
                        "source": "employer",
                        "created_at": now,
                    }
                )
                batch["ds"].append(
                    {
                        "id": uuid.uuid4(),
                        "case_id": cid,
                        "judgment_id": jid,
                        "worker_id": worker["id"],
                        "paid_on": day + timedelta(days=7),
                        "amount": amount,
                        "method": "check",
                        "created_at": now,
                    }
                )
        if rng.random() < 0.002:
            batch["l"].append(
                {
                    "id": uuid.uuid4(),
                    "case_id": cid,
                    "kind": "demand",
                    "language": "en",
                    "status": "draft",
                    "letter_date": today,
                    "created_at": now,
                }
            )
        if len(batch["c"]) >= 5000:
            flush()
    flush()
    db.session.commit()


def _time(fn, runs: int = RUNS) -> dict:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return {"median_ms": statistics.median(samples), "max_ms": samples[-1]}


def run(results: dict) -> None:
    from sqlalchemy import func, select

    from casework import create_app
    from casework.dashboard import service
    from casework.extensions import db
    from casework.models import Case, User

    url = os.environ.get("CASEWORK_BENCH_DATABASE_URL")
    tmp = None
    if not url:
        tmp = tempfile.mkdtemp(prefix="cw-dash-")
        url = f"sqlite:///{tmp}/bench.db"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, CASEWORK_DASHBOARD_CACHE_SECONDS=120)
    out: dict = {}
    with app.app_context():
        db.create_all()
        count = db.session.scalar(select(func.count()).select_from(Case))
        if count == 0:  # a database filled by seed-scale is used as it is
            started = time.perf_counter()
            _seed(db, CASES)
            out["seed_s"] = time.perf_counter() - started
        if url.startswith("sqlite"):
            db.session.execute(db.text("ANALYZE"))
        out["cases"] = db.session.scalar(select(func.count()).select_from(Case))
        today = date.today()
        start = date(today.year - 1, today.month, 1)
        out["caseload"] = _time(lambda: service.caseload(today))
        out["deadline_board"] = _time(lambda: service.deadline_board(today))
        out["money_report_12_months"] = _time(lambda: service.money_report(start, today))
        out["opened_closed_by_month"] = _time(lambda: service.opened_closed_by_month(start, today))
        out["repeat_offenders"] = _time(lambda: service.repeat_offenders())
        out["letters_awaiting"] = _time(lambda: service.letters_awaiting())
        supervisor = db.session.scalar(select(User).where(User.role == "supervisor"))
        supervisor_id = supervisor.get_id()
        db.session.remove()
    client = app.test_client()
    now = int(time.time())
    with client.session_transaction() as session:
        session.update({"_user_id": supervisor_id, "_fresh": True, "_started": now, "_seen": now})

    def page(path="/dashboard"):
        response = client.get(path)
        assert response.status_code == 200, response.status_code

    page()  # warm templates and the figures
    out["dashboard_page_recomputed"] = _time(lambda: page("/dashboard?fresh=1"), runs=3)
    out["dashboard_page"] = _time(page)
    out["dashboard_page"]["target_ms"] = 300
    results["dashboard"] = out
    lines = [
        "| dashboard figure | median ms | max ms |",
        "| --- | ---: | ---: |",
    ]
    for key, value in out.items():
        if isinstance(value, dict):
            lines.append(f"| {key} | {value['median_ms']:.1f} | {value['max_ms']:.1f} |")
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(
            f"Dashboard on {out['cases']:,} cases ({url.split(':')[0]}), "
            f"`python -m bench dashboard`:\n\n" + "\n".join(lines) + "\n"
        )


if __name__ == "__main__":
    import json

    results: dict = {}
    run(results)
    print(json.dumps(results, indent=2, default=str))
