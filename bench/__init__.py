"""Benchmarks: `make bench` (or `python -m bench`) runs every `bench/*_bench.py` module.

Each module has `run(results: dict) -> None` and stores its figures under its own key
(`results["crypto"] = {...}`). Figures are printed as a table and written to
`bench/results.json`. Benchmarks are not tests: they measure, they do not pass or fail.
"""
