"""Casework: case management for worker centers."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the pure libraries under casework/ must be importable without Flask
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config_name: str | None = None, **overrides) -> Flask:
    """Build the application: configuration, keys, extensions, blueprints, CLI, errors."""
    from flask import Flask

    from config import config_for

    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
        instance_relative_config=False,
    )
    config_class = config_for(config_name)
    app.config.from_object(config_class)
    app.config.update(overrides)
    app.config["ENV_NAME"] = config_class.ENV_NAME
    problems = config_class.problems() if not overrides else _problems_with(app, config_class)
    if problems:
        raise SystemExit("Casework will not start:\n  - " + "\n  - ".join(problems))

    from casework import logs

    logs.configure(app)

    from casework import keys

    keys.init_app(app)

    from casework.extensions import babel, csrf, db, limiter, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    from casework.auth import throttle  # noqa: F401 - the casework+db:// store

    limiter.init_app(app)

    from casework import i18n, messages

    babel.init_app(app, locale_selector=i18n.select_locale, timezone_selector=i18n.select_timezone)
    i18n.init_app(app)
    messages.init_app(app)

    from casework import templating

    templating.init_app(app)

    from casework import database

    database.init_app(app)

    from casework.auth import session as auth_session

    auth_session.init_app(app, login_manager)

    from casework import security

    security.init_app(app)

    from casework.admin.audit_views import bp as audit_bp
    from casework.admin.language_views import bp as languages_bp
    from casework.admin.retention_views import bp as retention_bp
    from casework.admin.views import bp as admin_bp
    from casework.api.token_views import bp as api_tokens_bp
    from casework.auth.views import bp as auth_bp
    from casework.calendar.views import bp as calendar_bp
    from casework.cases.calculator_views import bp as calculator_bp
    from casework.cases.merge_views import bp as duplicates_bp
    from casework.cases.sheet_views import bp as intake_sheet_bp
    from casework.cases.views import bp as cases_bp
    from casework.dashboard.views import bp as dashboard_bp
    from casework.evidence.views import bp as evidence_bp
    from casework.judgments.views import bp as judgments_bp
    from casework.letters.views import bp as letters_bp
    from casework.timekeeping.views import bp as timekeeping_bp

    for blueprint in (
        auth_bp,
        cases_bp,
        calculator_bp,
        judgments_bp,
        letters_bp,
        evidence_bp,
        dashboard_bp,
        admin_bp,
        audit_bp,
        retention_bp,
        languages_bp,
        calendar_bp,
        timekeeping_bp,
        duplicates_bp,
        intake_sheet_bp,
        api_tokens_bp,
    ):
        app.register_blueprint(blueprint)

    from casework import api

    api.init_app(app)

    from casework import errors

    errors.init_app(app)

    from casework.cases import stale

    stale.init_app(app)

    from casework import audit

    # The audit chain's anchor in the server log once a day, to check a later chain against.
    app.before_request(lambda: audit.log_anchor_daily(app))

    from casework.jobs import runner, tasks  # noqa: F401 - tasks register on the queue

    runner.init_app(app)

    from casework.cli import casework_cli

    app.cli.add_command(casework_cli)

    if app.config["ENV_NAME"] != "testing":
        # Everything loaded so far lives as long as the process: move it out of the cyclic
        # collector's sight, so that collections during requests walk only the request's
        # own objects (a quarter of a caseload page's CPU time otherwise).
        import gc

        gc.collect()
        gc.freeze()
    return app


def _problems_with(app: Flask, config_class) -> list[str]:
    """Re-check production settings after keyword overrides (used by tests)."""
    if config_class.ENV_NAME != "production":
        return []

    class Effective(config_class):
        pass

    for key in ("SECRET_KEY", "CASEWORK_MASTER_KEYS", "CASEWORK_KEY_FILE", "DEBUG"):
        setattr(Effective, key, app.config.get(key))
    return Effective.problems()
