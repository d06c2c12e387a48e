"""Logging that never carries identifying data."""

from __future__ import annotations

import logging

from flask import Flask

from casework.privacy.logscrub import ScrubFilter


def configure(app: Flask) -> None:
    """Attach the scrubbing filter to every handler Casework and the servers log through."""
    scrub = ScrubFilter()
    for name in ("", "casework", "werkzeug", "gunicorn.access", "gunicorn.error", app.logger.name):
        logger = logging.getLogger(name)
        if not any(isinstance(f, ScrubFilter) for f in logger.filters):
            logger.addFilter(scrub)
        for handler in logger.handlers:
            if not any(isinstance(f, ScrubFilter) for f in handler.filters):
                handler.addFilter(scrub)
