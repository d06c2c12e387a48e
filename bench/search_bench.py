"""Worker search on the seed-scale data set: blind index against decrypting every worker.

Figures (under results["search"]):
- by name and by phone through the blind index (`casework.cases.search.find_workers`):
  median and p95 over names and phones of real seeded workers, warm (data keys already
  unwrapped in this process) and cold (the key cache emptied before each search);
- the caseload list page searched by a worker's name (session search, as staff use it);
- the baseline: load every worker, unwrap each data key, decrypt and compare (what a
  system without blind indexes must do), once per field; the ratios.

Targets: blind-index search under 10 ms and at least 100 times faster than the scan.
"""

from __future__ import annotations

import random
import time

from bench import scale_db

SEARCHES = 30


def _samples(app, count: int) -> list[tuple[str, str]]:
    from sqlalchemy import func, select

    from casework.extensions import db
    from casework.models.party import Worker

    with app.app_context():
        total = db.session.scalar(select(func.count()).select_from(Worker))
        rng = random.Random(5)
        picked = []
        for offset in rng.sample(range(total), min(count, total)):
            worker = db.session.scalars(select(Worker).order_by(Worker.id).offset(offset)).first()
            if worker.phone:
                picked.append((worker.name, worker.phone))
        db.session.remove()
    return picked


def _index_search(app, samples, field: str, cold: bool) -> dict:
    from casework.cases.search import find_workers
    from casework.extensions import db
    from casework.keys import keystore

    store = keystore(app)
    times = []
    candidates = []
    with app.app_context():
        for name, phone in samples:
            db.session.expunge_all()
            if cold:
                store._ciphers.clear()
            started = time.perf_counter()
            found = find_workers(name=name) if field == "name" else find_workers(phone=phone)
            times.append((time.perf_counter() - started) * 1000)
            assert found, "a seeded worker was not found"
            candidates.append(len(found))
        db.session.remove()
    out = scale_db.summary(times)
    out["matches_median"] = sorted(candidates)[len(candidates) // 2]
    return out


def _scan(app, value: str, field: str) -> float:
    """Every worker decrypted and compared: seconds."""
    from sqlalchemy import select

    from casework.crypto.blind_index import normalize_name, normalize_phone
    from casework.extensions import db
    from casework.keys import keystore
    from casework.models.party import Worker

    normalize = normalize_name if field == "name" else normalize_phone
    store = keystore(app)
    with app.app_context():
        store._ciphers.clear()
        started = time.perf_counter()
        wanted = normalize(value)
        found = 0
        for start in range(0, 10**9, 5000):
            rows = db.session.scalars(
                select(Worker).order_by(Worker.id).offset(start).limit(5000)
            ).all()
            if not rows:
                break
            store.preload(db.session, [w.id for w in rows])
            found += sum(1 for w in rows if normalize(getattr(w, field) or "") == wanted)
            db.session.expunge_all()
        elapsed = time.perf_counter() - started
        assert found >= 1
        db.session.remove()
    return elapsed


def _page_search(app, name: str) -> dict:
    client = scale_db.signed_in(app, "supervisor")
    client.post("/cases/search", data={"worker_name": name})

    def go():
        response = client.get("/cases/?search=1")
        assert response.status_code == 200

    return scale_db.timed(go, SEARCHES)


def run(results: dict) -> None:
    info = scale_db.ensure()
    app = scale_db.make_app()
    from casework.keys import keystore

    samples = _samples(app, SEARCHES)
    out: dict = {
        "database": scale_db.dialect(),
        "workers": info.get("workers"),
        "index_bits": keystore(app).bits,
    }
    for field in ("name", "phone"):
        warm = _index_search(app, samples, field, cold=False)
        warm = _index_search(app, samples, field, cold=False)
        cold = _index_search(app, samples, field, cold=True)
        value = samples[0][0] if field == "name" else samples[0][1]
        scan_s = _scan(app, value, field)
        out[f"by_{field}"] = {
            "blind_index_warm": warm,
            "blind_index_cold": cold,
            "decrypt_all_s": round(scan_s, 2),
            "ratio_vs_warm_median": round(scan_s * 1000 / warm["median_ms"]),
            "ratio_vs_cold_median": round(scan_s * 1000 / cold["median_ms"]),
        }
    out["caseload_page_searched_by_name"] = _page_search(app, samples[1][0])
    out["target_ms"] = 10
    out["target_ratio"] = 100
    results["search"] = out


if __name__ == "__main__":
    import json

    found: dict = {}
    run(found)
    print(json.dumps(found, indent=2))
