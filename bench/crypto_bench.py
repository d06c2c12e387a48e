"""Field encryption speed and blind-index search against a full decrypting scan.

Figures (under results["crypto"]):
- encrypt/decrypt operations per second for a typical 40-byte field (AES-256-GCM, with
  the table/column/row associated data);
- for 10,000 and 100,000 workers inserted through the real encryption path into a
  temporary SQLite file: insert time, blind-index search time (cold: no data key
  unwrapped yet; warm: keys cached), and the time of decrypting every row to search.

CASEWORK_BENCH_WORKERS=1000,5000 changes the sizes (quick runs).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path

FIELD = "María José Núñez, (555) 201-9876 ext"  # 40 bytes in UTF-8
BATCH = 2_000


def _ops_per_second(fn, seconds: float = 1.0) -> float:
    count, started = 0, time.perf_counter()
    deadline = started + seconds
    while True:
        for _ in range(500):
            fn()
        count += 500
        now = time.perf_counter()
        if now >= deadline:
            return count / (now - started)


def field_speed() -> dict:
    from casework.crypto.fields import FieldCipher

    assert len(FIELD.encode()) == 40
    cipher = FieldCipher(os.urandom(32))
    row = uuid.uuid4()
    blob = cipher.encrypt(FIELD, table="workers", column="name", row_id=row)
    where = {"table": "workers", "column": "name", "row_id": row}
    return {
        "field_bytes": 40,
        "encrypt_ops_per_s": round(_ops_per_second(lambda: cipher.encrypt(FIELD, **where))),
        "decrypt_ops_per_s": round(_ops_per_second(lambda: cipher.decrypt(blob, **where))),
    }


def _names(n: int) -> list[str]:
    first = ["Ana", "José", "María", "Luis", "Rosa", "Juan", "Carmen", "Pedro", "Lucía", "Jorge"]
    last = ["Núñez", "García", "López", "Quispe", "Mamani", "Pérez", "Ruiz", "Díaz", "Cruz", "Soto"]
    return [f"{first[i % 10]} {last[(i // 10) % 10]} {i:06d}" for i in range(n)]


def search_speed(n: int, workdir: Path) -> dict:
    from casework import create_app
    from casework.crypto import columns
    from casework.crypto.blind_index import normalize_name
    from casework.crypto.search import find_by_index
    from casework.extensions import db
    from casework.keys import keystore
    from casework.models import Worker

    saved = columns._keystore
    db_file = workdir / f"bench_{n}.db"
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{db_file}",
        CASEWORK_KEY_FILE=str(workdir / f"bench_{n}.key"),
        CASEWORK_EXPECTED_WORKERS=n,
    )
    out: dict = {}
    try:
        with app.app_context():
            db.create_all()
            names = _names(n)
            started = time.perf_counter()
            for start in range(0, n, BATCH):
                db.session.add_all(
                    Worker(name=name, phone=f"(555) {200 + (i // 10000) % 800:03d}-{i % 10000:04d}")
                    for i, name in enumerate(names[start : start + BATCH], start)
                )
                db.session.commit()
                db.session.expunge_all()
            out["insert_s"] = round(time.perf_counter() - started, 2)
            out["index_bits"] = keystore().bits
            store = keystore()
            target = names[n // 2]

            def search() -> list:
                db.session.expunge_all()
                return find_by_index(db.session, Worker, "name", target.upper())

            store._ciphers.clear()
            started = time.perf_counter()
            found = search()
            out["index_search_cold_ms"] = round((time.perf_counter() - started) * 1000, 2)
            assert len(found) == 1 and found[0].name == target
            timings = []
            for _ in range(20):
                started = time.perf_counter()
                search()
                timings.append(time.perf_counter() - started)
            out["index_search_warm_ms"] = round(statistics.median(timings) * 1000, 2)

            def scan() -> list:
                db.session.expunge_all()
                wanted = normalize_name(target)
                rows = db.session.scalars(db.select(Worker)).all()
                store.preload(db.session, [w.id for w in rows])
                return [w for w in rows if normalize_name(w.name) == wanted]

            store._ciphers.clear()
            started = time.perf_counter()
            found = scan()
            out["full_scan_decrypt_s"] = round(time.perf_counter() - started, 3)
            assert len(found) == 1
            out["scan_vs_index_cold"] = round(
                out["full_scan_decrypt_s"] * 1000 / max(out["index_search_cold_ms"], 0.001)
            )
            db.session.remove()
            db.engine.dispose()
    finally:
        columns.install_keystore(saved)
    return out


def run(results: dict) -> None:
    sizes = [
        int(s) for s in os.environ.get("CASEWORK_BENCH_WORKERS", "10000,100000").split(",") if s
    ]
    crypto = {"field": field_speed()}
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as tmp:
        for n in sizes:
            crypto[f"search_{n}_workers"] = search_speed(n, Path(tmp))
    results["crypto"] = crypto
