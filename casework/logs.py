"""Logging that never carries identifying data.

Every log record is scrubbed when it is created (a record factory), so no handler,
whenever it is added (gunicorn's, a test's, an operator's), sees query strings, form
bodies, identifying numbers or status disclosures. The filter on the known handlers
stays as a second line for records made before ``configure`` ran.
"""

from __future__ import annotations

import logging

from flask import Flask

from casework.privacy.logscrub import ScrubFilter

_scrub = ScrubFilter()


def _scrubbing_factory(inner):
    def factory(*args, **kwargs) -> logging.LogRecord:
        record = inner(*args, **kwargs)
        try:
            _scrub.filter(record)
        except Exception:  # a record whose arguments do not format: keep none of it
            record.msg = "[log message dropped: it could not be scrubbed]"
            record.args = None
        return record

    factory.casework_scrubs = True  # type: ignore[attr-defined]
    return factory


def install_record_factory() -> None:
    """Scrub every record the process creates (idempotent)."""
    current = logging.getLogRecordFactory()
    if not getattr(current, "casework_scrubs", False):
        logging.setLogRecordFactory(_scrubbing_factory(current))


def configure(app: Flask) -> None:
    """Scrub every record, attach the filter to existing handlers, log to standard error."""
    install_record_factory()
    casework_logger = logging.getLogger("casework")
    if not casework_logger.handlers and not app.testing:
        # Standard error reaches gunicorn's error log or the terminal of `make run`.
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(_scrub)
        casework_logger.addHandler(handler)
        casework_logger.setLevel(logging.INFO)
    for name in ("", "casework", "werkzeug", "gunicorn.access", "gunicorn.error", app.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ScrubFilter) for f in logger.filters):
            logger.addFilter(_scrub)
        for handler in logger.handlers:
            if not any(isinstance(f, ScrubFilter) for f in handler.filters):
                handler.addFilter(_scrub)
