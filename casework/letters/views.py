"""Letters: generate, preview, approve, mark sent, mail day."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("letters", __name__)
