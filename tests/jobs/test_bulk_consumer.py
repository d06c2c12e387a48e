"""A bulk run of 200 letters through a real consumer, killed in the middle and restarted.

The consumer (tests/jobs/consumer_process.py, the code `flask casework jobs consume` runs)
works on a migrated SQLite file with the queue in a second SQLite file, as `make run` does.
It is killed (SIGKILL) while making the letters of the 81st case; the first 80 cases' letters
are kept, the 81st left nothing behind, and the progress page says 80 of 200. A second
consumer carries on: at the end there are 200 letters, one per case, none twice.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casework.crypto import columns
from casework.extensions import db
from tests.conftest import login
from tests.factories import Factories

pytestmark = pytest.mark.pure  # builds its own app on a file database

ROOT = Path(__file__).resolve().parents[2]
CASES = 200
KILL_AT = 81


@pytest.fixture(autouse=True)
def restore_globals():
    from casework.jobs import runner

    before = columns._keystore, runner.huey.storage, runner.huey._immediate, dict(runner._bound)
    yield
    columns.install_keystore(before[0])
    runner.huey.storage, runner.huey._immediate = before[1], before[2]
    runner._bound.clear()
    runner._bound.update(before[3])


def seeded(tmp_path):
    from flask_migrate import upgrade

    from casework import create_app
    from casework.letters import bulk

    (tmp_path / "keys").mkdir(mode=0o700)
    db_file = tmp_path / "casework.db"
    key_file = tmp_path / "keys" / "master.key"
    jobs_file = tmp_path / "casework-jobs.db"
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}",
        CASEWORK_KEY_FILE=str(key_file),
        CASEWORK_JOBS_IMMEDIATE=False,
        CASEWORK_JOBS_URL=f"sqlite:///{jobs_file}",
    )
    with app.app_context():
        upgrade()
        make = Factories(app)
        advocate = make.user("advocate")
        cases = [make.case(assigned_to=advocate) for _ in range(CASES)]
        run = bulk.create_run(advocate, "worker_case_opened", [str(c.id) for c in cases])
        ids = run.id, advocate.id
        db.session.commit()
        db.session.remove()
    return app, db_file, key_file, jobs_file, ids


def consumer(db_file, key_file, jobs_file, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "tests.jobs.consumer_process"]
        + [str(db_file), str(key_file), str(jobs_file), *map(str, extra)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "CASEWORK_JOBS_SCHEDULE": "off"},
    )


def figures(db_file, run_id):
    conn = sqlite3.connect(db_file)
    try:
        done, status = conn.execute(
            "SELECT done, status FROM bulk_letter_runs WHERE id = ?", (run_id.hex,)
        ).fetchone()
        letters, cases = conn.execute(
            "SELECT count(*), count(DISTINCT case_id) FROM letters WHERE bulk_run_id = ?",
            (run_id.hex,),
        ).fetchone()
        made = conn.execute(
            "SELECT count(*) FROM bulk_letter_items WHERE run_id = ? AND status = 'made'",
            (run_id.hex,),
        ).fetchone()[0]
    finally:
        conn.close()
    return {"done": done, "status": status, "letters": letters, "cases": cases, "made": made}


def test_two_hundred_letters_survive_a_consumer_killed_in_the_middle(tmp_path):
    from casework.jobs import tasks

    app, db_file, key_file, jobs_file, (run_id, advocate_id) = seeded(tmp_path)
    with app.app_context():
        tasks.enqueue_run(run_id)  # into the SQLite queue; nothing runs in this process
        db.session.remove()

    first = consumer(db_file, key_file, jobs_file, KILL_AT)
    try:
        output, _ = first.communicate(timeout=300)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == -signal.SIGKILL, output.decode(errors="replace")
    middle = figures(db_file, run_id)
    assert middle == {
        "done": KILL_AT - 1,
        "status": "running",
        "letters": KILL_AT - 1,
        "cases": KILL_AT - 1,
        "made": KILL_AT - 1,
    }

    # The progress page, served by the web app, shows where the run stands.
    from casework.models import User

    with app.app_context():
        client = app.test_client()
        login(client, db.session.get(User, advocate_id))
        page = client.get(f"/letters/bulk/{run_id}").get_data(as_text=True)
        db.session.remove()
    assert f"{KILL_AT - 1} of {CASES} cases done" in page
    assert 'http-equiv="refresh"' in page

    second = consumer(db_file, key_file, jobs_file)
    try:
        deadline = time.monotonic() + 300
        while figures(db_file, run_id)["status"] != "done" and time.monotonic() < deadline:
            assert second.poll() is None, second.stdout.read().decode(errors="replace")
            time.sleep(0.2)
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            second.wait(timeout=30)
        except subprocess.TimeoutExpired:
            second.kill()
    end = figures(db_file, run_id)
    assert end == {
        "done": CASES,
        "status": "done",
        "letters": CASES,
        "cases": CASES,
        "made": CASES,
    }
    conn = sqlite3.connect(db_file)
    try:
        twice = conn.execute(
            "SELECT case_id, worker_id, count(*) FROM letters GROUP BY case_id, worker_id "
            "HAVING count(*) > 1"
        ).fetchall()
    finally:
        conn.close()
    assert twice == []
