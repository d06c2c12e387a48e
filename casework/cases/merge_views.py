"""The supervisor's page for merging two records of the same worker."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice
from wtforms.validators import DataRequired, InputRequired

from casework import authz
from casework.cases import forms as F
from casework.cases import merge, search
from casework.extensions import db
from casework.refusals import Refused
from casework.web import show_refusal

bp = Blueprint("duplicates", __name__, url_prefix="/cases")

MESSAGES = {
    "same": _l("Choose a different record: a record cannot be merged with itself."),
    "shredded": _l("That record was shredded; there is nothing left to merge."),
    "same_case": _l(
        "Both records are on case %(reference)s. Remove one of them from that case first, "
        "then merge."
    ),
    "invalid": _l("Choose one of the records listed."),
}


class MergeForm(FlaskForm):
    other = RadioField(
        _l("The other record of this person"),
        choices=[],
        validators=[InputRequired(_l("Choose the other record."))],
    )
    keep = RadioField(
        _l("Which record to keep"),
        choices=[
            SelectChoice("this", _l("This record (the one this page is about)")),
            SelectChoice("other", _l("The other record")),
        ],
        default="this",
        validators=[InputRequired(_l("Choose which record to keep."))],
    )
    confirm = BooleanField(
        _l("I checked: these records are the same person, and the other record is shredded"),
        validators=[DataRequired(_l("Tick the box to confirm."))],
    )


def _page(worker, form, status=200):
    found = merge.candidates(worker)
    form.other.choices = [SelectChoice(str(w.id), w.name) for w in found]
    search.preload_keys([worker.id] + [w.id for w in found])
    cases = {w.id: authz.cases_of_worker(w) for w in [worker, *found]}
    return (
        render_template(
            "cases/merge_worker.html",
            worker=worker,
            found=found,
            cases=cases,
            form=form,
            labels=F,
        ),
        status,
    )


@bp.get("/workers/<worker_id>/merge")
@authz.requires("worker.merge")
def merge_worker(worker_id):
    worker = authz.worker_or_404(worker_id, "worker.merge")
    return _page(worker, MergeForm(formdata=None))


@bp.post("/workers/<worker_id>/merge")
@authz.requires("worker.merge")
def merge_worker_post(worker_id):
    worker = authz.worker_or_404(worker_id, "worker.merge")
    form = MergeForm()
    found = {str(w.id): w for w in merge.candidates(worker)}
    form.other.choices = [SelectChoice(k, w.name) for k, w in found.items()]
    if form.validate():
        other = found[form.other.data]
        keep, gone = (worker, other) if form.keep.data == "this" else (other, worker)
        try:
            merge.merge_workers(keep, gone)
        except Refused as refused:  # refused before anything changed
            show_refusal(form, refused, MESSAGES)
            return _page(worker, form, 422)
        kept_id = keep.id
        db.session.commit()
        flash(_("The two records were merged; the other one was shredded."), "success")
        return redirect(url_for("cases.worker", worker_id=kept_id), 303)
    return _page(worker, form, 422)
