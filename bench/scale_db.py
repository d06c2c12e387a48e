"""The benchmark data set: made once by `seed-scale`, then reused by every page benchmark.

    python -m bench.scale_db          # make the data set unless it exists
    python -m bench.scale_db --url    # print its database URL (for CASEWORK_BENCH_DATABASE_URL)

BENCH_CASES (default 100000) sets the size. BENCH_DATABASE_URL picks the database
(default: the SQLite file bench/out/scale.db); a PostgreSQL database that does not exist
yet is created. The master key sits in bench/out/keys/, apart from the database.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
SECRET = "bench-secret-key-for-loopback-only-0123456789"


def cases_wanted() -> int:
    return int(os.environ.get("BENCH_CASES", "100000"))


def database_url() -> str:
    return os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{OUT / 'scale.db'}"


def dialect() -> str:
    return database_url().split(":", 1)[0].split("+", 1)[0]


def _tag() -> str:
    url = database_url()
    if url.startswith("sqlite"):
        return Path(url.split("///", 1)[1]).stem
    return "pg_" + url.rsplit("/", 1)[-1]


def key_file() -> Path:
    return OUT / "keys" / f"{_tag()}.key"


def _meta_file() -> Path:
    return OUT / f"{_tag()}.json"


def meta() -> dict:
    try:
        return json.loads(_meta_file().read_text())
    except (OSError, ValueError):
        return {}


def expected_workers() -> int:
    return int(meta().get("workers") or round(cases_wanted() * 1.2))


def env() -> dict:
    """The environment that serves the data set (seed, gunicorn, flask commands)."""
    return {
        **os.environ,
        "CASEWORK_ENV": "development",
        "CASEWORK_DATABASE_URL": database_url(),
        "CASEWORK_KEY_FILE": str(key_file()),
        "CASEWORK_EXPECTED_WORKERS": str(expected_workers()),
        "CASEWORK_SECRET_KEY": SECRET,
    }


def _case_count() -> int | None:
    from sqlalchemy import create_engine, inspect, text

    engine = create_engine(database_url())
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("cases"):
                return None
            return conn.execute(text("SELECT count(*) FROM cases")).scalar()
    finally:
        engine.dispose()


def _create_pg_database() -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(database_url())
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            found = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}
            ).scalar()
            if not found:
                conn.execute(text(f'CREATE DATABASE "{url.database}"'))
    finally:
        admin.dispose()


def ensure() -> dict:
    """Seed the data set unless a database with at least BENCH_CASES cases exists."""
    OUT.mkdir(exist_ok=True)
    (OUT / "keys").mkdir(mode=0o700, exist_ok=True)
    if dialect() == "postgresql":
        _create_pg_database()
    count = _case_count()
    info = meta()
    if count and count >= cases_wanted() and info.get("cases") == count:
        return info
    if count:
        raise SystemExit(
            f"{database_url()} holds {count:,} cases, not the {cases_wanted():,} wanted: "
            "remove it (or drop the database) and run again."
        )
    n = cases_wanted()
    workers = round(n * 1.2)
    _meta_file().write_text(json.dumps({"cases": 0, "workers": workers}))
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "flask",
            "--app",
            "wsgi",
            "casework",
            "seed-scale",
            "--cases",
            str(n),
        ],
        cwd=ROOT,
        env=env(),
        check=True,
    )
    info = {"cases": n, "workers": workers, "seed_s": round(time.perf_counter() - started, 1)}
    _meta_file().write_text(json.dumps(info))
    return info


def make_app():
    """The Casework app on the data set, as `flask run` would serve it."""
    os.environ.update({k: v for k, v in env().items() if k.startswith("CASEWORK_")})
    from casework import create_app

    return create_app(
        "development",
        SQLALCHEMY_DATABASE_URI=database_url(),
        CASEWORK_KEY_FILE=str(key_file()),
        CASEWORK_EXPECTED_WORKERS=expected_workers(),
        SECRET_KEY=SECRET,
        WTF_CSRF_ENABLED=False,
    )


def signed_in(app, role: str, email: str | None = None):
    """A test client signed in as the first active user with this role (or this email)."""
    from sqlalchemy import select

    from casework.extensions import db
    from casework.models.user import User

    with app.app_context():
        stmt = select(User).where(User.role == role, User.active.is_(True)).order_by(User.email)
        if email:
            stmt = select(User).where(User.email == email)
        user = db.session.scalars(stmt).first()
        identity, user_id = user.get_id(), user.id
        db.session.remove()
    client = app.test_client()
    now = int(time.time())
    with client.session_transaction() as session:
        session.update({"_user_id": identity, "_fresh": True, "_started": now, "_seen": now})
    client.user_id = user_id
    return client


def timed(fn, runs: int, warmup: int = 2) -> dict:
    """Median and p95 (nearest rank) of ``runs`` calls, in milliseconds, and median CPU."""
    for _ in range(warmup):
        fn()
    samples, cpu = [], []
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    out = summary(samples)
    # CPU time of this process (Python and, for SQLite, the SQL too): what the request
    # costs when the machine is shared with other work that inflates wall-clock time.
    out["cpu_median_ms"] = round(statistics.median(cpu), 2)
    return out


def summary(samples: list[float]) -> dict:
    samples = sorted(samples)
    p95 = samples[max(0, -(-len(samples) * 95 // 100) - 1)]
    return {
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(p95, 2),
        "runs": len(samples),
    }


if __name__ == "__main__":
    if "--url" in sys.argv:
        print(database_url())
    else:
        print(json.dumps(ensure()))
