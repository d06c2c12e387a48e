"""Retention: how long closed cases keep identifying data, and shredding what is due."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("retention", __name__, url_prefix="/admin/retention")
