"""Case-page throughput under gunicorn (2 workers) beside a one-query Flask page, same server.

Both are served in turn by `gunicorn --workers 2` on loopback, against the seed-scale data
set, and loaded by a bounded generator: THREADS client threads (http.client, one request at
a time each) for BENCH_SECONDS seconds (default 10) per target; the servers are stopped
after. Figures (under results["throughput"]): requests per second, latency median and p95
seen by the clients, errors, and the ratio of the baseline to the case page.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from bench import scale_db

THREADS = 4
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(target: str, port: int) -> subprocess.Popen:
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    proc = subprocess.Popen(
        [
            gunicorn,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--log-level",
            "warning",
            target,
        ],
        cwd=scale_db.ROOT,
        env=scale_db.env(),
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"gunicorn {target} exited with {proc.returncode}") from None
            time.sleep(0.2)
    _stop(proc)
    raise RuntimeError(f"gunicorn {target} did not start")


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _load(port: int, path: str, headers: dict, seconds: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = [0.0]

    def client():
        mine, bad = [], 0
        while time.monotonic() < stop_at[0]:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    bad += 1
                else:
                    mine.append((time.perf_counter() - started) * 1000)
            except OSError:
                bad += 1
            finally:
                conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    # Warm up each worker (templates, key cache) before measuring.
    for _ in range(6):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", path, headers=headers)
        conn.getresponse().read()
        conn.close()
    started = time.monotonic()
    stop_at[0] = started + seconds
    threads = [threading.Thread(target=client) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    out = scale_db.summary(latencies) if latencies else {}
    out["requests_per_s"] = round(len(latencies) / elapsed, 1)
    out["errors"] = errors[0]
    out["seconds"] = round(elapsed, 1)
    return out


def run(results: dict) -> None:
    from bench.pages_bench import _heavy_case

    scale_db.ensure()
    app = scale_db.make_app()
    case_id, _notes = _heavy_case(app)
    client = scale_db.signed_in(app, "supervisor")
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    headers = {"Cookie": f"{cookie.key}={cookie.value}"}
    out: dict = {"database": scale_db.dialect(), "threads": THREADS, "gunicorn_workers": 2}
    for name, target, path, hdrs in (
        ("case_page", "wsgi:app", f"/cases/{case_id}", headers),
        ("one_query_page", "bench.minimal_app:app", "/", {}),
    ):
        port = _free_port()
        proc = _serve(target, port)
        try:
            out[name] = _load(port, path, hdrs, SECONDS)
        finally:
            _stop(proc)
    base = out["one_query_page"]["requests_per_s"]
    out["ratio_one_query_vs_case_page"] = round(
        base / max(out["case_page"]["requests_per_s"], 0.1), 1
    )
    results["throughput"] = out


if __name__ == "__main__":
    import json

    found: dict = {}
    run(found)
    print(json.dumps(found, indent=2))
