"""Run every benchmark module, print a table, write bench/results.json.

python -m bench              # every bench/*_bench.py
python -m bench crypto       # only bench/crypto_bench.py
"""

from __future__ import annotations

import importlib
import json
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"


def modules(only: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("*_bench.py"))
    if only:
        names = [n for n in names if n.removesuffix("_bench") in only or n in only]
    return names


def _rows(prefix: str, value, out: list[tuple[str, str]]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _rows(f"{prefix}.{key}" if prefix else str(key), inner, out)
    elif isinstance(value, float):
        out.append((prefix, f"{value:,.4f}" if value < 10 else f"{value:,.1f}"))
    elif isinstance(value, int) and not isinstance(value, bool):
        out.append((prefix, f"{value:,}"))
    else:
        out.append((prefix, str(value)))


def table(results: dict) -> str:
    rows: list[tuple[str, str]] = []
    _rows("", results, rows)
    width = max((len(k) for k, _ in rows), default=10)
    return "\n".join(f"{k.ljust(width)}  {v.rjust(16)}" for k, v in rows)


def main(argv: list[str]) -> int:
    root = str(HERE.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    results: dict = {}
    for name in modules(argv):
        module = importlib.import_module(f"bench.{name}")
        started = time.perf_counter()
        print(f"running {name} ...", flush=True)
        module.run(results)
        print(f"  {name} done in {time.perf_counter() - started:.1f} s", flush=True)
    results["_meta"] = {
        "finished_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": f"{platform.system()} {platform.machine()}",
        "processor": platform.processor() or "unknown",
    }
    previous = {}
    if RESULTS.exists() and argv:
        try:
            previous = json.loads(RESULTS.read_text())
        except ValueError:
            previous = {}
    previous.update(results)
    RESULTS.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")
    print()
    print(table(results))
    print(f"\nwritten to {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
