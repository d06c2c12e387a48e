"""Judgments, payments, enforcement, installment plans, disbursements, statements."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("judgments", __name__)
