"""The wage calculator screens on a wage-theft case."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from werkzeug.datastructures import MultiDict

from casework import authz
from casework.cases import calculator
from casework.cases.calculator_csv import breakdown_rows as _breakdown_rows
from casework.cases.calculator_csv import csv_response as _csv_response
from casework.cases.calculator_forms import (
    GIVEN_VALUES,
    MAX_PERIODS,
    AsOfForm,
    PeriodForm,
    WageClaimForm,
    set_local_choices,
)
from casework.cases.calculator_text import (
    CHOSEN_LABELS,
    INPUT_LABELS,
    claim_message,
    input_value,
)
from casework.extensions import db
from casework.i18n import money
from casework.keys import keystore
from casework.law.errors import ClaimError
from casework.models.case import Case, CaseWorker

bp = Blueprint("calculator", __name__, url_prefix="/cases")

ROW_FIELDS = (
    "start",
    "end",
    "hours_per_week",
    "days_per_week",
    "hourly_rate",
    "pay_per_week",
    "long_days_per_week",
    "hours_per_day",
    "live_in",
    "missed_meal_days_per_week",
    "missed_rest_days_per_week",
    "tipped",
    "tips_per_week",
    "untipped_days_per_week",
    "short_days_per_week",
    "short_day_hours",
    "short_day_scheduled_hours",
    "split_shift_days_per_week",
    "paid_per_week",
    "salary_hours",
    "fluctuating_workweek",
)


@bp.context_processor
def _labels():
    return {
        "input_labels": {k: str(v) for k, v in INPUT_LABELS.items()},
        "chosen_labels": {k: str(v) for k, v in CHOSEN_LABELS.items()},
        "input_value": input_value,
    }


def case_href(case: Case) -> str:
    """The case page."""
    return url_for("cases.show", case_id=case.id)


def _wage_case(case_id) -> Case:
    case = authz.case_or_404(case_id, "calculate")
    if case.case_type != "wage_theft":
        abort(404)
    return case


def _case_worker(case: Case, case_worker_id) -> CaseWorker:
    try:
        key = uuid.UUID(str(case_worker_id))
    except ValueError:
        abort(404)
    for link in case.worker_links:
        if link.id == key:
            return link
    abort(404)


def _as_of() -> tuple[date, AsOfForm]:
    form = AsOfForm(request.args)
    form.validate()
    return (form.as_of.data or date.today()), form


def _apply_claim_error(form: WageClaimForm, error: ClaimError) -> list[str]:
    """Put a law-package error next to its field; return it when no field matches."""
    message = claim_message(error)
    name = error.field
    if name.startswith("periods[") and "]." in name:
        index_text, _dot, attribute = name[len("periods[") :].partition("].")
        try:
            index = int(index_text)
        except ValueError:
            index = -1
        if 0 <= index < len(form.periods.entries) and attribute in ROW_FIELDS:
            getattr(form.periods.entries[index].form, attribute).errors.append(message)
            return []
    field = getattr(form, name, None)
    if field is not None and name != "periods":
        field.errors = [*field.errors, message]
        return []
    return [message]


def _facts(form: WageClaimForm) -> calculator.ClaimFacts:
    periods = []
    for entry in form.periods:
        p = entry.form
        periods.append(
            calculator.PeriodFacts(
                start=p.start.data,
                end=p.end.data,
                hours_per_week=p.hours_per_week.data,
                days_per_week=p.days_per_week.data,
                hourly_rate=p.hourly_rate.data,
                pay_per_week=p.pay_per_week.data,
                long_days_per_week=p.long_days_per_week.data or 0,
                hours_per_day=p.hours_per_day.data,
                live_in=bool(p.live_in.data),
                missed_meal_days_per_week=p.missed_meal_days_per_week.data or 0,
                missed_rest_days_per_week=p.missed_rest_days_per_week.data or 0,
                tipped=bool(p.tipped.data),
                tips_per_week=p.tips_per_week.data if p.tipped.data else None,
                untipped_days_per_week=(p.untipped_days_per_week.data or 0) if p.tipped.data else 0,
                short_days_per_week=p.short_days_per_week.data or 0,
                short_day_hours=p.short_day_hours.data if p.short_days_per_week.data else None,
                short_day_scheduled_hours=(
                    p.short_day_scheduled_hours.data if p.short_days_per_week.data else None
                ),
                split_shift_days_per_week=p.split_shift_days_per_week.data or 0,
                paid_per_week=p.paid_per_week.data,
                salary_hours=p.salary_hours.data if p.pay_per_week.data is not None else None,
                fluctuating_workweek=(
                    bool(p.fluctuating_workweek.data) and p.pay_per_week.data is not None
                ),
            )
        )
    return calculator.ClaimFacts(
        periods=periods,
        unpaid_final_pay=form.unpaid_final_pay.data or Decimal(0),
        deductions=form.deductions.data or Decimal(0),
        tips_withheld=form.tips_withheld.data or Decimal(0),
        wage_notice_given=GIVEN_VALUES.get(form.wage_notice_given.data),
        wage_statements_given=GIVEN_VALUES.get(form.wage_statements_given.data),
        willful=bool(form.willful.data),
        hospitality=bool(form.hospitality.data),
        final_pay_days_late=form.final_pay_days_late.data or 0,
        tip_credit_notice_given=(
            GIVEN_VALUES.get(form.tip_credit_notice_given.data) if form.any_tipped else None
        ),
        work_city=form.work_city.data or None,
        wage_industry=form.wage_industry.data or None,
        manual_worker=bool(form.manual_worker.data),
        paid_every=form.paid_every.data or "weekly",
        prior_late_pay_finding=bool(form.prior_late_pay_finding.data),
    )


def _given(value: bool | None) -> str:
    return "unknown" if value is None else ("yes" if value else "no")


def _hospitality_industry(case: Case) -> bool:
    words = ("restaurant", "hotel", "hospitality", "food", "restaurante")
    return any(
        any(word in (employer.industry or "").lower() for word in words)
        for employer in case.employers
    )


def _form_for(claim, case: Case) -> WageClaimForm:
    """The form filled from a stored claim, or from what the case knows (GET)."""
    if claim is not None and claim.periods:
        data = {
            "unpaid_final_pay": claim.unpaid_final_pay,
            "deductions": claim.deductions,
            "tips_withheld": claim.tips_withheld,
            "wage_notice_given": _given(claim.wage_notice_given),
            "wage_statements_given": _given(claim.wage_statements_given),
            "willful": bool(claim.willful),
            "hospitality": bool(claim.hospitality),
            "final_pay_days_late": claim.final_pay_days_late,
            "tip_credit_notice_given": (
                _given(claim.tip_credit_notice_given)
                if any(p.tipped for p in claim.periods)
                else None
            ),
            "work_city": claim.work_city or "",
            "manual_worker": bool(claim.manual_worker),
            "paid_every": claim.paid_every or "weekly",
            "prior_late_pay_finding": bool(claim.prior_late_pay_finding),
            "wage_industry": claim.wage_industry or "",
            "periods": [{name: getattr(p, name) for name in ROW_FIELDS} for p in claim.periods],
        }
    else:
        # A new claim starts from the case: its dates worked, willfulness and industry;
        # the notice and pay-stub questions are left for the advocate to answer.
        data = {
            "unpaid_final_pay": Decimal(0),
            "deductions": Decimal(0),
            "tips_withheld": Decimal(0),
            "willful": bool(case.willful),
            "hospitality": _hospitality_industry(case),
            "final_pay_days_late": 0,
            "periods": [],
        }
    if not data["periods"]:
        first = {"long_days_per_week": 0}
        if case.first_day_worked:
            first["start"] = case.first_day_worked
        if case.last_day_worked:
            first["end"] = case.last_day_worked
        data["periods"] = [first]
    form = WageClaimForm(formdata=None, data=data)
    set_local_choices(form, case.jurisdiction)
    return form


def _rows_without(formdata: MultiDict, remove: int) -> MultiDict:
    """The posted form with one period row removed and the rest renumbered."""
    rows: dict[int, list[tuple[str, str]]] = {}
    kept = MultiDict()
    for key, value in formdata.items(multi=True):
        if key.startswith("periods-"):
            index_text, _dash, rest = key[len("periods-") :].partition("-")
            if index_text.isdigit():
                rows.setdefault(int(index_text), []).append((rest, value))
                continue
        kept.add(key, value)
    for new_index, old_index in enumerate(i for i in sorted(rows) if i != remove):
        for rest, value in rows[old_index]:
            kept.add(f"periods-{new_index}-{rest}", value)
    return kept


@bp.route("/<case_id>/workers/<case_worker_id>/wages", methods=["GET", "POST"])
def wage_claim(case_id, case_worker_id):
    case = _wage_case(case_id)
    link = _case_worker(case, case_worker_id)
    general_errors: list[str] = []
    if request.method == "GET":
        form = _form_for(link.wage_claim, case)
        return _render_form(case, link, form, general_errors)

    formdata = request.form
    remove = formdata.get("remove_period")
    if remove is not None and remove.isdigit():
        form = WageClaimForm(formdata=_rows_without(formdata, int(remove)))
        set_local_choices(form, case.jurisdiction)
        if not form.periods.entries:
            form.periods.append_entry()
        return _render_form(case, link, form, general_errors)
    form = WageClaimForm()
    set_local_choices(form, case.jurisdiction)
    form.asks_tip_notice = case.jurisdiction.split("-")[0] != "CA"
    if "add_period" in formdata:
        if len(form.periods.entries) < MAX_PERIODS:
            form.periods.append_entry()
        return _render_form(case, link, form, general_errors)
    if form.validate_on_submit():
        try:
            breakdown = calculator.save_claim(link, _facts(form))
        except ClaimError as error:  # raised before anything changes
            general_errors = _apply_claim_error(form, error)
        else:
            db.session.commit()
            flash(
                _("Calculated: %(total)s owed.", total=money(breakdown.total)),
                "success",
            )
            return redirect(url_for("calculator.result", case_id=case.id, case_worker_id=link.id))
    return _render_form(case, link, form, general_errors, status=422)


def _render_form(case, link, form, general_errors, status=200):
    keystore().preload(db.session, [link.worker_id])
    return (
        render_template(
            "cases/calculator_form.html",
            case=case,
            link=link,
            worker=link.worker,
            form=form,
            general_errors=general_errors,
            case_href=case_href(case),
            state=case.jurisdiction.split("-")[0],
            blank_period=PeriodForm(formdata=None, prefix="periods-__index__-"),
        ),
        status,
    )


def _breakdown_or_error(link: CaseWorker, as_of: date):
    claim = link.wage_claim
    if claim is None:
        return None, ClaimError("periods", "at least one work period is needed")
    try:
        return calculator.compute(claim, as_of=as_of), None
    except ClaimError as error:
        return None, error


@bp.get("/<case_id>/workers/<case_worker_id>/wages/result")
def result(case_id, case_worker_id):
    case = _wage_case(case_id)
    link = _case_worker(case, case_worker_id)
    as_of, as_of_form = _as_of()
    breakdown, error = _breakdown_or_error(link, as_of)
    keystore().preload(db.session, [link.worker_id])
    return render_template(
        "cases/calculator_result.html",
        case=case,
        link=link,
        worker=link.worker,
        claim=link.wage_claim,
        breakdown=breakdown,
        error=claim_message(error) if error else None,
        as_of=as_of,
        as_of_form=as_of_form,
        case_href=case_href(case),
    )


@bp.get("/<case_id>/workers/<case_worker_id>/wages/print")
def result_print(case_id, case_worker_id):
    case = _wage_case(case_id)
    link = _case_worker(case, case_worker_id)
    as_of, _form = _as_of()
    breakdown, error = _breakdown_or_error(link, as_of)
    keystore().preload(db.session, [link.worker_id])
    return render_template(
        "cases/calculator_print.html",
        case=case,
        results=[(link, breakdown, claim_message(error) if error else None)],
        total=breakdown.total if breakdown else Decimal(0),
        as_of=as_of,
        back=url_for("calculator.result", case_id=case.id, case_worker_id=link.id),
    )


@bp.get("/<case_id>/workers/<case_worker_id>/wages.csv")
def result_csv(case_id, case_worker_id):
    case = _wage_case(case_id)
    link = _case_worker(case, case_worker_id)
    as_of, _form = _as_of()
    breakdown, error = _breakdown_or_error(link, as_of)
    if breakdown is None:
        abort(404)
    worker_number = case.worker_links.index(link) + 1
    rows = [
        [_("Case"), case.reference, ""],
        [_("Worker on the case"), str(worker_number), ""],
        [_("Computed as of"), as_of.isoformat(), ""],
        [_("Rule set"), breakdown.ruleset, ""],
        [_("Line"), _("Amount"), _("Citation")],
        *_breakdown_rows(breakdown),
    ]
    return _csv_response(rows, f"{case.reference}-worker{worker_number}-wages.csv")


@bp.get("/<case_id>/wages")
def case_summary(case_id):
    case = _wage_case(case_id)
    as_of, as_of_form = _as_of()
    summary = calculator.compute_case(case, as_of=as_of)
    keystore().preload(db.session, [link.worker_id for link in case.worker_links])
    return render_template(
        "cases/calculator_case.html",
        case=case,
        summary=summary,
        as_of=as_of,
        as_of_form=as_of_form,
        claim_message=claim_message,
        case_href=case_href(case),
    )


@bp.get("/<case_id>/wages/print")
def case_print(case_id):
    case = _wage_case(case_id)
    as_of, _form = _as_of()
    summary = calculator.compute_case(case, as_of=as_of)
    keystore().preload(db.session, [link.worker_id for link in case.worker_links])
    return render_template(
        "cases/calculator_print.html",
        case=case,
        results=[
            (w.case_worker, w.breakdown, claim_message(w.error) if w.error else None)
            for w in summary.workers
        ],
        total=summary.total,
        as_of=as_of,
        back=url_for("calculator.case_summary", case_id=case.id),
    )


@bp.get("/<case_id>/wages.csv")
def case_csv(case_id):
    case = _wage_case(case_id)
    as_of, _form = _as_of()
    summary = calculator.compute_case(case, as_of=as_of)
    rows = [
        [_("Case"), case.reference, "", ""],
        [_("Computed as of"), as_of.isoformat(), "", ""],
        [_("Worker on the case"), _("Line"), _("Amount"), _("Citation")],
    ]
    for number, item in enumerate(summary.workers, start=1):
        if item.breakdown is not None:
            rows.extend(_breakdown_rows(item.breakdown, str(number)))
    rows.append([_("Case total"), "", str(summary.total), ""])
    return _csv_response(rows, f"{case.reference}-wages.csv")
