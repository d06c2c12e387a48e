"""The wage calculator screens on a wage-theft case."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("calculator", __name__, url_prefix="/cases")
