"""A real job consumer on a file database, as `flask casework jobs consume` runs it.

Run by tests/jobs/test_bulk_consumer.py:
``python -m tests.jobs.consumer_process DB KEYFILE JOBSFILE [KILL_AT]``.
With KILL_AT, the process kills itself (SIGKILL) in the middle of making the letters of
the KILL_AT-th case it takes, before that case's transaction commits: a crash at the worst
moment, at a known place.
"""

from __future__ import annotations

import os
import signal
import sys


def main(db_file: str, key_file: str, jobs_file: str, kill_at: int | None) -> None:
    from casework import create_app
    from casework.jobs.commands import consume
    from casework.letters import service

    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}",
        CASEWORK_KEY_FILE=key_file,
        CASEWORK_JOBS_IMMEDIATE=False,
        CASEWORK_JOBS_URL=f"sqlite:///{jobs_file}",
    )
    if kill_at is not None:
        real = service.generate_letter
        calls = {"n": 0}

        def generate_then_die(*args, **kwargs):
            calls["n"] += 1
            letters = real(*args, **kwargs)
            if calls["n"] == kill_at:
                os.kill(os.getpid(), signal.SIGKILL)
            return letters

        service.generate_letter = generate_then_die
    consume(app, workers=1)


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0], args[1], args[2], int(args[3]) if len(args) > 3 else None)
