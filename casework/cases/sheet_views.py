"""The printed intake sheet, for outreach events: GET /cases/intake-sheet.pdf?language=xx."""

from __future__ import annotations

from flask import Blueprint, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _

from casework import authz
from casework.cases import forms as F
from casework.letters.content import letterhead
from casework.letters.intake_sheet import sheet_language, sheet_pdf

bp = Blueprint("intake_sheet", __name__, url_prefix="/cases")


@bp.get("/intake-sheet.pdf")
@authz.requires("case.create")
def pdf():
    """A blank intake sheet in the worker's language, to fill in by hand and type in later."""
    form = F.IntakeSheetForm(request.args)
    if not form.validate():
        flash(_("Choose a language from the list to print an intake sheet."), "error")
        return redirect(url_for("cases.new"), 303)
    language = form.language.data
    data = sheet_pdf(language, letterhead().name, pages=2 if form.both_sides.data else 1)
    printed, _interpreter = sheet_language(language)
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="intake-sheet-{printed}.pdf"'
    response.headers["Cache-Control"] = "no-store"
    return response
