"""Time pages: a case's time (list and form) and the supervisors' report for funders."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import InputRequired

from casework import authz, csvfile
from casework.extensions import db
from casework.refusals import Refused
from casework.timekeeping import service
from casework.timekeeping.forms import ACTIVITY_LABELS, TimeForm
from casework.web import show_refusal

bp = Blueprint("timekeeping", __name__)

MESSAGES = {
    "future": _l("The date cannot be later than today."),
    "too_old": _l("Record time from the last %(days)s days only."),
    "range": _l("Enter the time spent: more than zero and at most %(most)s hours."),
    "invalid": _l("Choose a value from the list."),
}
GROUPS = ("case", "person", "activity")


def _case_page(case, form: TimeForm, status: int = 200):
    entries = service.entries_for(case)
    return (
        render_template(
            "timekeeping/case.html",
            case=case,
            form=form if authz.can_on_case(case, "note") else None,
            entries=entries,
            total=sum(e.minutes for e in entries),
            activity_labels=ACTIVITY_LABELS,
        ),
        status,
    )


@bp.get("/cases/<case_id>/time")
def case_time(case_id):
    case = authz.case_or_404(case_id, "view")
    return _case_page(case, TimeForm(formdata=None, worked_on=date.today()))


@bp.post("/cases/<case_id>/time")
def record_time(case_id):
    case = authz.case_or_404(case_id, "note")
    form = TimeForm()
    if form.validate():
        try:
            service.record(
                case,
                current_user,
                worked_on=form.worked_on.data,
                minutes=form.total_minutes(),
                activity=form.activity.data,
                note=form.note.data,
            )
        except Refused as refused:  # refused before anything was added
            show_refusal(form, refused, MESSAGES)
        else:
            db.session.commit()
            flash(_("Time recorded."), "success")
            return redirect(url_for("timekeeping.case_time", case_id=case.id), 303)
    case = authz.case_or_404(case_id, "note")
    return _case_page(case, form, 422)


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False  # a GET form: it only chooses what to show

    date_from = DateField(_l("From"), validators=[InputRequired(_l("Enter the first day."))])
    date_to = DateField(_l("To"), validators=[InputRequired(_l("Enter the last day."))])

    def validate_date_to(self, field):
        if self.date_from.data and field.data and field.data < self.date_from.data:
            from wtforms.validators import ValidationError

            raise ValidationError(_("The last day cannot be before the first day."))


def _period() -> tuple[PeriodForm, bool]:
    today = date.today()
    if "date_from" not in request.args and "date_to" not in request.args:
        form = PeriodForm(formdata=None, date_from=today.replace(day=1), date_to=today)
        return form, True
    form = PeriodForm(request.args)
    return form, form.validate()


@bp.get("/reports/time")
@authz.requires("time.report")
def report():
    form, valid = _period()
    result = service.report(form.date_from.data, form.date_to.data) if valid else None
    return (
        render_template(
            "timekeeping/report.html",
            form=form,
            report=result,
            activity_labels=ACTIVITY_LABELS,
            groups=GROUPS,
        ),
        200 if valid else 422,
    )


@bp.get("/reports/time.csv")
@authz.requires("time.report")
def report_csv():
    form, valid = _period()
    group = request.args.get("by", "case")
    if not valid or group not in GROUPS:
        abort(404)
    result = service.report(form.date_from.data, form.date_to.data)
    rows = {"case": result.by_case, "person": result.by_person, "activity": result.by_activity}
    heading = {"case": _("Case"), "person": _("Staff member"), "activity": _("Activity")}[group]
    lines: list[list] = [[heading, _("Minutes"), _("Hours"), _("Entries")]]
    for row in rows[group]:
        key = str(ACTIVITY_LABELS.get(row.key, row.key)) if group == "activity" else row.key
        lines.append([key, row.minutes, f"{row.minutes / 60:.2f}", row.entries])
    lines.append(
        [
            _("Total"),
            result.total_minutes,
            f"{result.total_minutes / 60:.2f}",
            result.total_entries,
        ]
    )
    name = f"time-by-{group}-{result.date_from.isoformat()}-{result.date_to.isoformat()}.csv"
    return csvfile.response(lines, name)
