"""Bulk letters: making 1,000 case-opened letters as the job does, then printing them.

`run(results)` adds its figures to `results`. Run alone: `python -m bench.bulk_letters_bench`
(CASEWORK_BENCH_BULK_LETTERS for another count). On an in-memory SQLite database:

- ``bulk.make_s``: the job's work for every case (claim, letter through the letter service,
  its PDF fingerprint, the audit events, one commit per case);
- ``bulk.print_s``: the approved letters decrypted, rebuilt and rendered into one PDF
  behind the cover sheet (``bulk_print.run_pdf``, what the print button serves);
- ``bulk.csv_s``: the mail-house CSV of the same letters.

Wall-clock seconds (``_s``) and this process's CPU seconds (``_cpu_s``), which a busy
machine inflates less.
"""

from __future__ import annotations

import io
import os
import time

COUNT = int(os.environ.get("CASEWORK_BENCH_BULK_LETTERS", "1000"))


def run(results: dict) -> dict:
    from pypdf import PdfReader
    from sqlalchemy import update

    from casework import create_app
    from casework.extensions import db
    from casework.jobs.tasks import make_run
    from casework.letters import bulk, bulk_print
    from casework.models import Letter
    from tests.factories import Factories

    app = create_app("testing", SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context(), app.test_request_context():
        db.create_all()
        make = Factories(app)
        advocate = make.user("advocate")
        cases = [make.case(assigned_to=advocate) for _ in range(COUNT)]
        run_row = bulk.create_run(advocate, "worker_case_opened", [str(c.id) for c in cases])
        db.session.commit()
        start, cpu = time.perf_counter(), time.process_time()
        make_run(run_row.id)
        made_s, made_cpu_s = time.perf_counter() - start, time.process_time() - cpu
        db.session.execute(
            update(Letter).where(Letter.bulk_run_id == run_row.id).values(status="approved")
        )
        db.session.commit()
        db.session.expire_all()
        start, cpu = time.perf_counter(), time.process_time()
        pdf, count = bulk_print.run_pdf(run_row)
        print_s, print_cpu_s = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        rows = bulk_print.address_rows(run_row)
        csv_s = time.perf_counter() - start
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
    figures = {
        "bulk.letters": count,
        "bulk.make_s": round(made_s, 1),
        "bulk.make_cpu_s": round(made_cpu_s, 1),
        "bulk.make_per_letter_ms": round(made_s * 1000 / COUNT, 1),
        "bulk.print_s": round(print_s, 2),
        "bulk.print_cpu_s": round(print_cpu_s, 2),
        "bulk.print_pages": pages,
        "bulk.print_mb": round(len(pdf) / 1e6, 2),
        "bulk.csv_s": round(csv_s, 2),
        "bulk.csv_rows": len(rows) - 1,
    }
    results.update(figures)
    return figures


if __name__ == "__main__":
    for key, value in run({}).items():
        print(f"{key}: {value}")
