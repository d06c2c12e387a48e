"""Retention: how long closed cases keep identifying data, and shredding what is due."""

from __future__ import annotations

import uuid
from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField
from wtforms.validators import DataRequired, InputRequired, NumberRange

from casework.admin import retention
from casework.authz import can, require, requires

bp = Blueprint("retention", __name__, url_prefix="/admin/retention")


class RetentionSettingForm(FlaskForm):
    years = IntegerField(
        _l("Years after closing"),
        description=_l("Closed cases keep identifying data this long, then it is shredded."),
        validators=[
            InputRequired(message=_l("Enter a number of years.")),
            NumberRange(
                min=retention.MIN_YEARS,
                max=retention.MAX_YEARS,
                message=_l("Enter a whole number of years from 1 to 50."),
            ),
        ],
    )


class ShredForm(FlaskForm):
    confirm = BooleanField(
        _l("I understand that the chosen cases' identifying data will be destroyed for good"),
        validators=[DataRequired(message=_l("Tick the box to confirm."))],
    )


def _labels() -> dict[str, str]:
    return {
        "wage_theft": _("Wage theft"),
        "workers_comp": _("Workers' comp"),
        "retaliation": _("Retaliation"),
        "recovered": _("Recovered"),
        "partially_recovered": _("Partially recovered"),
        "not_recovered": _("Not recovered"),
        "withdrawn": _("Withdrawn"),
        "referred": _("Referred"),
    }


def today() -> date:
    return date.today()


def _page(setting_form=None, shred_form=None, status=200):
    day = today()
    due = retention.cases_due(day, limit=500)
    return (
        render_template(
            "admin/retention.html",
            due=due,
            years=retention.retention_years(),
            cutoff=retention.cutoff(day),
            setting_form=setting_form or RetentionSettingForm(years=retention.retention_years()),
            shred_form=shred_form or ShredForm(),
            can_shred=can("retention.shred"),
            can_configure=can("settings.manage"),
            labels=_labels(),
        ),
        status,
    )


@bp.get("")
@requires("retention.view")
def index():
    return _page()


@bp.post("/settings")
@requires("settings.manage")
def save_setting():
    form = RetentionSettingForm()
    if not form.validate_on_submit():
        return _page(setting_form=form, status=400)
    from casework.extensions import db

    retention.set_retention_years(form.years.data)
    db.session.commit()
    flash(_("Retention saved: %(years)s years after closing.", years=form.years.data), "success")
    return redirect(url_for("retention.index"))


@bp.post("/shred")
@requires("retention.shred")
def shred():
    require("retention.view")
    form = ShredForm()
    if not form.validate_on_submit():
        return _page(shred_form=form, status=400)
    chosen = []
    for value in request.form.getlist("case_id"):
        try:
            chosen.append(uuid.UUID(value))
        except ValueError:
            continue
    if not chosen:
        form.confirm.errors = [_("Choose at least one case.")]
        return _page(shred_form=form, status=400)
    report = retention.shred_due(today(), chosen)
    flash(
        _(
            "Shredded %(cases)s cases and %(workers)s workers' details. "
            "%(kept)s workers with another current case keep theirs.",
            cases=len(report.cases),
            workers=report.workers,
            kept=report.workers_kept,
        ),
        "success",
    )
    return redirect(url_for("retention.index"))
