"""Oversized requests get a 413 page with the security headers; the limit is a setting."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import func, select

from casework import ROOT
from casework.extensions import db
from tests.security.conftest import sign_in

HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "X-Frame-Options")


def test_a_body_over_the_limit_is_refused_with_413(app, client, seed):
    from casework.models import Note

    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit == 1024 * 1024
    for user, path in (
        (None, "/login"),
        (seed.users["supervisor"], f"/cases/{seed.case.id}/notes"),
        (seed.users["supervisor"], "/cases/new"),
    ):
        sign_in(client, user)
        response = client.post(
            path,
            data=b"body=" + b"x" * limit,
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 413, path
        page = response.get_data(as_text=True)
        assert "larger than Casework accepts" in page
        assert "<h1" in page
        for header in HEADERS:
            assert response.headers.get(header), (path, header)

    count = db.session.scalar(select(func.count(Note.id)).where(Note.case_id == seed.case.id))
    assert count == 1  # the seeded note only


def test_the_limit_follows_the_setting(app, client, seed):
    old = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 2000
    try:
        sign_in(client, seed.users["supervisor"])
        small = client.post(f"/cases/{seed.case.id}/notes", data={"body": "x" * 100})
        assert small.status_code == 303
        big = client.post(f"/cases/{seed.case.id}/notes", data={"body": "x" * 3000})
        assert big.status_code == 413
    finally:
        app.config["MAX_CONTENT_LENGTH"] = old


def test_casework_max_content_length_sets_the_limit():
    code = (
        "from casework import create_app; print(create_app('testing').config['MAX_CONTENT_LENGTH'])"
    )
    env = dict(os.environ, CASEWORK_MAX_CONTENT_LENGTH="4096")
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip().splitlines()[-1] == "4096"
