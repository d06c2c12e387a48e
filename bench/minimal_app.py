"""The throughput baseline: a minimal Flask page that runs one query on the same database.

Served by gunicorn next to Casework in bench/throughput_bench.py
(`gunicorn bench.minimal_app:app`, CASEWORK_DATABASE_URL set).
"""

from __future__ import annotations

import os

from flask import Flask
from sqlalchemy import create_engine, text

engine = create_engine(os.environ["CASEWORK_DATABASE_URL"], pool_pre_ping=True)
app = Flask(__name__)


@app.get("/")
def one_query():
    with engine.connect() as conn:
        reference = conn.execute(text("SELECT reference FROM cases LIMIT 1")).scalar()
    return f"<!doctype html><title>one query</title><p>{reference}</p>"
