"""The supervisors' dashboard: caseloads, deadlines, money, repeat offenders."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    current_app,
    g,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casework.authz import requires
from casework.dashboard import cache as _figures_table  # noqa: F401 - its table and listeners
from casework.dashboard import charts, exports, service
from casework.dashboard.forms import FullExportForm, PeriodForm
from casework.extensions import db
from casework.i18n import money
from casework.models.case import CASE_TYPES, STATUSES
from casework.refusals import Refused
from casework.web import show_refusal

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")


def _labels() -> tuple[dict[str, str], dict[str, str]]:
    types = {
        "wage_theft": _("Wage theft"),
        "workers_comp": _("Workers' comp"),
        "retaliation": _("Retaliation"),
    }
    statuses = {
        "intake": _("Intake"),
        "open": _("Open"),
        "demand_sent": _("Demand sent"),
        "negotiating": _("Negotiating"),
        "filed": _("Filed"),
        "judgment": _("Judgment"),
        "collecting": _("Collecting"),
        "closed": _("Closed"),
    }
    return types, statuses


def today() -> date:
    return date.today()


def _period() -> tuple[PeriodForm, date, date]:
    """The chosen period, or the last twelve months."""
    form = PeriodForm(request.args)
    end = today()
    start = date(end.year - 1, end.month, 1)
    start = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    if request.args and form.validate():
        start = form.date_from.data or start
        end = form.date_to.data or end
    return form, start, end


def case_url(case_id) -> str:
    """The case page (its address built once per request)."""
    pattern = g.get("dashboard_case_url")
    if pattern is None:
        pattern = url_for("cases.show", case_id="CASEID")
        g.dashboard_case_url = pattern
    return pattern.replace("CASEID", str(case_id))


def cases_url(**filters) -> str:
    """The filtered case list (parameters agreed with the cases area)."""
    base = g.get("dashboard_cases_url")
    if base is None:
        base = g.dashboard_cases_url = url_for("cases.index")
    query = urlencode({k: v for k, v in filters.items() if v is not None})
    return f"{base}?{query}" if query else base


@bp.context_processor
def _helpers():
    return {"case_url": case_url, "cases_url": cases_url}


@bp.get("")
@requires("dashboard.view")
def index():
    form, start, end = _period()
    day = today()
    cache_seconds = current_app.config.get("CASEWORK_DASHBOARD_CACHE_SECONDS", 120)
    figures = service.dashboard(
        day, start, end, cache_seconds=cache_seconds, fresh=request.args.get("fresh") == "1"
    )
    db.session.commit()  # the figures computed, kept for every process
    letters = service.letters_awaiting()
    opened_closed, collected, loads = figures.opened_closed, figures.collected, figures.loads
    type_labels, status_labels = _labels()
    month_label = [m.strftime("%Y-%m") for m, _o, _c in opened_closed]
    chart_cases = charts.column_chart(
        "chart-cases",
        _("Cases opened and closed per month"),
        month_label,
        [
            charts.Series(_("Opened"), [o for _m, o, _c in opened_closed], "bar"),
            charts.Series(_("Closed"), [c for _m, _o, c in opened_closed], "bar--alt"),
        ],
        x_title=_("Month"),
        y_title=_("Cases"),
    )
    chart_money = charts.column_chart(
        "chart-money",
        _("Money collected per month"),
        [m.strftime("%Y-%m") for m, _v in collected],
        [charts.Series(_("Collected"), [v for _m, v in collected], "bar")],
        value_label=money,
        x_title=_("Month"),
        y_title=_("Collected (US dollars)"),
    )
    named = [row for row in loads if row.user_id is not None]
    chart_load = charts.bar_chart(
        "chart-load",
        _("Open cases per advocate"),
        [row.name for row in named],
        [row.open_cases for row in named],
    )
    return render_template(
        "dashboard/index.html",
        form=form,
        date_from=start,
        date_to=end,
        today=day,
        figures=figures,
        cache_minutes=max(1, round(cache_seconds / 60)) if cache_seconds else 0,
        loads=loads,
        totals=figures.totals,
        board=figures.board,
        report=figures.report,
        offenders=figures.offenders,
        references=figures.references,
        letters=letters,
        chart_cases=chart_cases,
        chart_money=chart_money,
        chart_load=chart_load,
        opened_closed=opened_closed,
        collected=collected,
        case_types=CASE_TYPES,
        open_statuses=[s for s in STATUSES if s != "closed"],
        type_labels=type_labels,
        status_labels=status_labels,
    )


@bp.get("/export.csv")
@requires("dashboard.view")
def export_csv():
    _form, start, end = _period()
    name = f"casework-cases-{start.isoformat()}-{end.isoformat()}.csv"
    body = stream_with_context(exports.aggregate_csv(start, end))
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


EXPORT_MESSAGES = {
    "password": _l("That password is not right."),
    "references_none": _l("Enter at least one case reference."),
    "references_many": _l("Export at most %(most)s cases at a time."),
    "references_unknown": _l("No case with these references: %(refs)s"),
    "passphrase": _l("Choose a passphrase of at least 12 characters."),
}


@bp.route("/export/full", methods=["GET", "POST"])
@requires("export.cases")
def export_full():
    form = FullExportForm()
    if form.validate_on_submit():
        refs = exports.parse_references(form.references.data)
        try:
            blob = exports.full_export(current_user, form.password.data, refs, form.passphrase.data)
        except Refused as error:  # refused before anything was written
            show_refusal(form, error, EXPORT_MESSAGES)
        else:
            db.session.commit()
            name = f"casework-export-{today().isoformat()}.cwarc"
            return Response(
                blob,
                mimetype="application/octet-stream",
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
    return render_template("dashboard/export_full.html", form=form)
