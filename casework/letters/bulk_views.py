"""Bulk letters: start a run from the caseload, follow its progress, print what was approved."""

from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casework import csvfile
from casework.authz import can_on_case, require
from casework.extensions import db
from casework.letters import bulk, bulk_print
from casework.letters.forms import ERRORS, KIND_LABELS, bulk_form
from casework.letters.views import bp
from casework.refusals import Refused
from casework.web import refusal_message

#: Why a case was left out of a run (BulkItem.reason), and the start form's refusals.
SKIP_REASONS = {
    **ERRORS,
    "not_allowed": _l("You may not write letters on this case."),
    "failed": _l("The letter could not be made. Try this case on its own page."),
    "none_selected": _l("Select at least one case."),
    "too_many": _l("Select at most %(most)d cases at once."),
}


def _back_to_caseload():
    target = request.form.get("next", "")
    if not target.startswith("/cases/") or "//" in target:
        target = url_for("cases.index")
    return redirect(target, 303)


@bp.post("/letters/bulk")
def bulk_start():
    """Start a run over the cases ticked on the caseload; the job makes the letters."""
    require("letter.bulk")
    form = bulk_form()
    if not form.validate():
        flash(_("Choose which letter to write."), "error")
        return _back_to_caseload()
    try:
        run = bulk.create_run(current_user, form.kind.data, request.form.getlist("case"))
    except Refused as refused:
        flash(refusal_message(refused, SKIP_REASONS), "error")
        return _back_to_caseload()
    db.session.commit()
    from casework.jobs.tasks import enqueue_run

    enqueue_run(run.id)
    flash(
        _(
            "The letters are being made. Each one waits for a supervisor's approval, under "
            "“Letters awaiting approval”."
        ),
        "success",
    )
    return redirect(url_for("letters.bulk_show", run_id=run.id), 303)


def _run_or_404(run_id):
    require("letter.bulk")
    run = bulk.get_run(run_id)
    if run is None or not bulk.may_view(run, current_user):
        abort(404)
    return run


def _rows(run):
    """Each item with its case reference, when the reader may still see the case."""
    rows = []
    for item in run.items:
        visible = can_on_case(item.case, "view")
        reason = SKIP_REASONS.get(item.reason or "", item.reason or "")
        rows.append(
            {
                "item": item,
                "reference": item.case.reference if visible else None,
                "reason": str(reason) if item.status == "skipped" else "",
            }
        )
    return rows


@bp.get("/letters/bulk/<run_id>")
def bulk_show(run_id):
    """A run's progress (refreshing itself until it is done), its letters and what was skipped."""
    run = _run_or_404(run_id)
    db.session.refresh(run)
    response = make_response(
        render_template(
            "letters/bulk.html",
            run=run,
            counts=bulk.counts(run),
            rows=_rows(run),
            kind_label=str(KIND_LABELS.get(run.kind, run.kind)),
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/letters/bulk/<run_id>/letters.pdf")
def bulk_pdf(run_id):
    """The run's approved letters in one PDF, behind a cover sheet listing them."""
    require("letter.mail_day")
    run = _run_or_404(run_id)
    data, count = bulk_print.run_pdf(run)
    if data is None:
        flash(_("None of these letters is approved and waiting to be sent."), "info")
        return redirect(url_for("letters.bulk_show", run_id=run.id))
    db.session.commit()
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="bulk-letters.pdf"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Casework-Letters"] = str(count)
    return response


@bp.get("/letters/bulk/<run_id>/addresses.csv")
def bulk_addresses(run_id):
    """The approved letters' addresses for a mail house (mail merge), one row per letter."""
    require("letter.mail_day")
    run = _run_or_404(run_id)
    rows = bulk_print.address_rows(run)
    db.session.commit()
    return csvfile.response(rows, "bulk-letters-addresses.csv")
