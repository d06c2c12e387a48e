"""Caseload list and case page on the seed-scale data set, server time through the test client.

Figures (under results["pages"]):
- caseload list, filtered and paginated, as a supervisor (every case) and as an advocate
  (their own): median and p95 of each URL;
- the case page of a case with 50 notes and a judgment with 20 payments, as a supervisor:
  with field encryption, and without it. "Without" is the same page with the encrypted
  descriptor's decrypt replaced by a pass-through that returns the plaintext from a dict
  filled by one real run, and with the data-key preload switched off: what is left is the
  page without any key lookup, unwrap or AES-GCM. Runs alternate between the two so that
  both see the same machine. The time spent inside decrypt during the encrypted runs is
  also measured (its share of the page).

Targets: p95 under 50 ms for both pages; encryption overhead under 15%.
"""

from __future__ import annotations

import statistics
import time

from bench import scale_db

RUNS = 40
TARGET_MS = 50


def _get(client, url: str):
    def go():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return go


def _heavy_case(app):
    from sqlalchemy import func, select

    from casework.extensions import db
    from casework.models.case import Case, Note

    with app.app_context():
        row = db.session.execute(
            select(Case.id, func.count(Note.id))
            .join(Note, Note.case_id == Case.id)
            .group_by(Case.id)
            .order_by(func.count(Note.id).desc())
            .limit(1)
        ).first()
        db.session.remove()
    return row[0], row[1]


def caseload(app) -> dict:
    supervisor = scale_db.signed_in(app, "supervisor")
    advocate = scale_db.signed_in(app, "advocate")
    urls = {
        "supervisor_open_page3": (supervisor, "/cases/?status=open&page=3"),
        "supervisor_wage_nyc_by_deadline_page2": (
            supervisor,
            "/cases/?case_type=wage_theft&jurisdiction=NY-NYC&sort=deadline&dir=asc&page=2",
        ),
        "supervisor_overdue": (supervisor, "/cases/?overdue=y"),
        "supervisor_all_last_page": (supervisor, "/cases/?page=2000"),
        "advocate_mine_page2": (advocate, "/cases/?page=2"),
        "advocate_collecting": (advocate, "/cases/?status=collecting"),
    }
    out = {}
    for name, (client, url) in urls.items():
        out[name] = scale_db.timed(_get(client, url), RUNS)
        out[name]["url"] = url
    out["worst_p95_ms"] = max(v["p95_ms"] for v in out.values())
    out["target_p95_ms"] = TARGET_MS
    return out


def case_page(app) -> dict:
    from casework.crypto import columns
    from casework.models.judgment import Payment

    case_id, notes = _heavy_case(app)
    client = scale_db.signed_in(app, "supervisor")
    url = f"/cases/{case_id}"
    with app.app_context():
        from casework.extensions import db

        payments = db.session.query(Payment).filter(Payment.case_id == case_id).count()
        db.session.remove()

    real_decrypt = columns.Encrypted._decrypt
    plain: dict = {}
    spent = [0.0]

    def recording(self, obj, blob):
        value = real_decrypt(self, obj, blob)
        plain[(obj.__tablename__, self.name, obj.id)] = value
        return value

    def timing(self, obj, blob):
        started = time.perf_counter()
        try:
            return real_decrypt(self, obj, blob)
        finally:
            spent[0] += time.perf_counter() - started

    def passthrough(self, obj, blob):
        return plain[(obj.__tablename__, self.name, obj.id)]

    import casework.cases.search as search

    real_preload = search.preload_keys
    page = _get(client, url)
    try:
        columns.Encrypted._decrypt = recording
        page()
        with_enc, without_enc, with_cpu, without_cpu = [], [], [], []
        decrypt_ms = []
        for _ in range(2):  # warm both variants
            columns.Encrypted._decrypt = timing
            page()
        for i in range(RUNS * 2):
            encrypted = i % 2 == 0
            if encrypted:
                columns.Encrypted._decrypt = timing
                search.preload_keys = real_preload
                spent[0] = 0.0
            else:
                columns.Encrypted._decrypt = passthrough
                search.preload_keys = lambda ids: None
            started, cpu_started = time.perf_counter(), time.process_time()
            page()
            elapsed = (time.perf_counter() - started) * 1000
            cpu = (time.process_time() - cpu_started) * 1000
            if encrypted:
                with_enc.append(elapsed)
                with_cpu.append(cpu)
                decrypt_ms.append(spent[0] * 1000)
            else:
                without_enc.append(elapsed)
                without_cpu.append(cpu)
    finally:
        columns.Encrypted._decrypt = real_decrypt
        search.preload_keys = real_preload
    out = {
        "notes": notes,
        "payments": payments,
        "decrypted_fields_per_page": len(plain),
        "with_encryption": scale_db.summary(with_enc),
        "without_encryption": scale_db.summary(without_enc),
    }
    w, wo = out["with_encryption"]["median_ms"], out["without_encryption"]["median_ms"]
    out["overhead_pct"] = round((w / wo - 1) * 100, 1)
    out["with_encryption"]["cpu_median_ms"] = round(statistics.median(with_cpu), 2)
    out["without_encryption"]["cpu_median_ms"] = round(statistics.median(without_cpu), 2)
    out["overhead_cpu_pct"] = round(
        (statistics.median(with_cpu) / statistics.median(without_cpu) - 1) * 100, 1
    )
    share = sorted(decrypt_ms)[len(decrypt_ms) // 2]
    out["decrypt_median_ms"] = round(share, 2)
    out["decrypt_share_pct"] = round(share / w * 100, 1)
    out["target_p95_ms"] = TARGET_MS
    out["target_overhead_pct"] = 15
    return out


def run(results: dict) -> None:
    info = scale_db.ensure()
    app = scale_db.make_app()
    results["pages"] = {
        "database": scale_db.dialect(),
        "cases": info.get("cases"),
        "caseload_list": caseload(app),
        "case_page": case_page(app),
    }


if __name__ == "__main__":
    import json

    found: dict = {}
    run(found)
    print(json.dumps(found, indent=2))
