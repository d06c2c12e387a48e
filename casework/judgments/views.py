"""Judgments, payments, enforcement, installment plans, disbursements, statements."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    abort,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from casework import authz
from casework.cases.forms import STATUS_LABELS
from casework.extensions import db
from casework.judgments import clocks, forms, installments, service, statements
from casework.judgments.refusals import FORMATS, MESSAGES
from casework.keys import keystore
from casework.models.judgment import EnforcementAction
from casework.refusals import Refused
from casework.web import show_refusal

bp = Blueprint("judgments", __name__)


def case_href(case) -> str:
    """The case page."""
    return url_for("cases.show", case_id=case.id)


def judgments_summary(case):
    """For the case page's panel: what the judgments are worth (reads only, never writes)."""
    _preload(case)
    return service.case_summary(case)


bp.add_app_template_filter(forms.rate_percent, "percent")


@bp.app_context_processor
def _helpers():
    return {
        "case_href": case_href,
        "judgment_labels": forms.LABELS,
        "judgments_summary": judgments_summary,
        "clock_passed": clocks.passed_text,
        "can_record_judgment": service.can_record_judgment,
        # Stored law labels are msgids that may hold a literal "%": no formatting.
        "law_label": _,
    }


def _as_of() -> date:
    raw = request.args.get("as_of", "")
    try:
        return date.fromisoformat(raw) if raw else date.today()
    except ValueError:
        return date.today()


def _preload(case) -> None:
    ids = [case.id] + [w.id for w in case.workers]
    keystore().preload(db.session, ids)


def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/cases/<case_id>/judgments")
def index(case_id):
    case = authz.case_or_404(case_id, "judgment")
    _preload(case)
    summary = service.case_summary(case)
    return _no_store(
        make_response(render_template("judgments/index.html", case=case, summary=summary))
    )


@bp.route("/cases/<case_id>/judgments/new", methods=["GET", "POST"])
def new(case_id):
    case = authz.case_or_404(case_id, "judgment")
    _preload(case)
    form = forms.JudgmentForm()
    workers = case.workers
    if request.method == "GET":
        for worker in workers:
            form.shares.append_entry({"worker_id": str(worker.id), "amount": None})
    names = {str(w.id): w.name for w in workers}
    default_rate, _compounding = service.default_terms(case)
    allowed = service.can_record_judgment(case)
    if allowed and form.validate_on_submit():
        shares = []
        for entry in form.shares:
            try:
                worker_id = next(w.id for w in workers if str(w.id) == entry.worker_id.data)
            except StopIteration:
                abort(400)
            if entry.amount.data is not None:
                shares.append(service.ShareInput(worker_id, entry.amount.data))
        try:
            with db.session.begin_nested():
                judgment = service.record_judgment(
                    case,
                    forum=form.forum.data,
                    entered_on=form.entered_on.data,
                    principal=form.principal.data,
                    interest_rate=forms.percent_to_rate(form.interest_rate.data),
                    rate_override_reason=form.rate_override_reason.data,
                    federal=form.federal.data,
                    docket_number=form.docket_number.data,
                    appeal_deadline=form.appeal_deadline.data,
                    wage_judgment=form.wage_judgment.data,
                    shares=shares,
                )
        except Refused as error:
            show_refusal(form, error, MESSAGES, FORMATS)
        else:
            db.session.commit()
            flash(_("Judgment recorded."), "success")
            return redirect(url_for(".show", case_id=case.id, judgment_id=judgment.id))
    return render_template(
        "judgments/new.html",
        case=case,
        form=form,
        names=names,
        default_rate=default_rate,
        allowed=allowed,
        status_label=STATUS_LABELS.get(case.status, case.status),
    )


@bp.route("/cases/<case_id>/judgments/<judgment_id>")
def show(case_id, judgment_id):
    case = authz.case_or_404(case_id, "judgment")
    judgment = service.judgment_or_404(case, judgment_id)
    _preload(case)
    as_of = _as_of()
    standing = service.standing(judgment, as_of)
    plans = [(plan, service.schedule(plan)) for plan in judgment.installment_plans]
    accounts = service.worker_accounts(judgment)
    names = {w.id: w.name for w in case.workers}
    deadlines = [d for d in case.deadlines if d.judgment_id == judgment.id]
    return _no_store(
        make_response(
            render_template(
                "judgments/show.html",
                case=case,
                judgment=judgment,
                standing=standing,
                as_of=as_of,
                plans=plans,
                accounts=accounts,
                names=names,
                deadlines=deadlines,
                grace_days=installments.grace_days(),
                today=date.today(),
                check_form=forms.CheckPlansForm(),
            )
        )
    )


@bp.route("/cases/<case_id>/judgments/<judgment_id>/payments/new", methods=["GET", "POST"])
def payments(case_id, judgment_id):
    case = authz.case_or_404(case_id, "payment")
    judgment = service.judgment_or_404(case, judgment_id)
    form = forms.PaymentsForm()
    if request.method == "GET":
        rows = max(1, min(int(request.args.get("rows", "1") or 1), 20))
        form.rows.pop_entry()
        for _i in range(rows):
            form.rows.append_entry({"received_on": date.today()})
    if form.validate_on_submit():
        entries = []
        for row in form.rows:
            if row.form.is_blank():
                continue
            if row.form.received_on.data is None:
                row.form.received_on.errors = [_("Enter the date the payment was received.")]
                break
            entries.append(
                service.PaymentInput(
                    row.form.received_on.data,
                    row.form.amount.data,
                    row.form.method.data,
                    row.form.source.data,
                )
            )
        else:
            try:
                with db.session.begin_nested():
                    service.record_payments(judgment, entries, recorded_by_id=current_user.id)
            except Refused as error:
                show_refusal(form, error, MESSAGES, FORMATS)
            else:
                db.session.commit()
                flash(
                    _("Payment recorded.")
                    if len(entries) == 1
                    else _("%(n)s payments recorded.", n=len(entries)),
                    "success",
                )
                return redirect(url_for(".show", case_id=case.id, judgment_id=judgment.id))
    _preload(case)
    standing = service.standing(judgment)
    return render_template(
        "judgments/payments.html", case=case, judgment=judgment, form=form, standing=standing
    )


@bp.route("/cases/<case_id>/judgments/<judgment_id>/plans/new", methods=["GET", "POST"])
def new_plan(case_id, judgment_id):
    case = authz.case_or_404(case_id, "payment")
    judgment = service.judgment_or_404(case, judgment_id)
    form = forms.PlanForm()
    if form.validate_on_submit():
        try:
            with db.session.begin_nested():
                service.add_installment_plan(
                    judgment,
                    amount=form.amount.data,
                    every=form.every.data,
                    first_due_on=form.first_due_on.data,
                    count=form.count.data,
                )
        except Refused as error:
            show_refusal(form, error, MESSAGES, FORMATS)
        else:
            db.session.commit()
            flash(_("Installment plan saved."), "success")
            return redirect(url_for(".show", case_id=case.id, judgment_id=judgment.id))
    _preload(case)
    return render_template("judgments/plan.html", case=case, judgment=judgment, form=form)


@bp.post("/cases/<case_id>/judgments/<judgment_id>/plans/check")
def check_plans(case_id, judgment_id):
    """Check the case's plans now: a follow-up for a missed installment, once."""
    case = authz.case_or_404(case_id, "payment")
    judgment = service.judgment_or_404(case, judgment_id)
    if not forms.CheckPlansForm().validate_on_submit():
        abort(400)
    flagged = service.flag_missed_installments(case)
    db.session.commit()
    if flagged:
        flash(_("A missed installment was found: a follow-up deadline was added."), "warning")
    else:
        flash(_("No new missed installment: no follow-up added."), "info")
    return redirect(url_for(".show", case_id=case.id, judgment_id=judgment.id))


@bp.route("/cases/<case_id>/judgments/<judgment_id>/enforcement/new", methods=["GET", "POST"])
def new_enforcement(case_id, judgment_id):
    case = authz.case_or_404(case_id, "judgment")
    judgment = service.judgment_or_404(case, judgment_id)
    form = forms.EnforcementForm()
    if request.method == "GET":
        form.taken_on.data = date.today()
    if form.validate_on_submit():
        try:
            with db.session.begin_nested():
                service.record_enforcement(
                    judgment,
                    kind=form.kind.data,
                    taken_on=form.taken_on.data,
                    status=form.status.data,
                    result=form.result.data,
                    recorded_by_id=current_user.id,
                )
        except Refused as error:
            show_refusal(form, error, MESSAGES, FORMATS)
        else:
            db.session.commit()
            flash(_("Enforcement step recorded."), "success")
            return redirect(url_for(".show", case_id=case.id, judgment_id=judgment.id))
    _preload(case)
    return render_template(
        "judgments/enforcement.html", case=case, judgment=judgment, form=form, action=None
    )


@bp.route(
    "/cases/<case_id>/judgments/<judgment_id>/enforcement/<action_id>",
    methods=["GET", "POST"],
)
def edit_enforcement(case_id, judgment_id, action_id):
    case = authz.case_or_404(case_id, "judgment")
    judgment = service.judgment_or_404(case, judgment_id)
    action = next((a for a in judgment.enforcement_actions if str(a.id) == action_id), None)
    if not isinstance(action, EnforcementAction):
        abort(404)
    _preload(case)
    form = forms.EnforcementForm(obj=action if request.method == "GET" else None)
    if request.method == "GET" and not isinstance(action.result, str):
        form.result.data = ""
    if form.validate_on_submit():
        try:
            with db.session.begin_nested():
                service.update_enforcement(action, status=form.status.data, result=form.result.data)
        except Refused as error:
            show_refusal(form, error, MESSAGES, FORMATS)
        else:
            db.session.commit()
            flash(_("Enforcement step updated."), "success")
            return redirect(url_for(".show", case_id=case.id, judgment_id=judgment.id))
    return render_template(
        "judgments/enforcement.html", case=case, judgment=judgment, form=form, action=action
    )


@bp.route("/cases/<case_id>/judgments/<judgment_id>/disbursements/new", methods=["GET", "POST"])
def new_disbursement(case_id, judgment_id):
    case = authz.case_or_404(case_id, "payment")
    judgment = service.judgment_or_404(case, judgment_id)
    _preload(case)
    names = {w.id: w.name for w in case.workers}
    accounts = service.worker_accounts(judgment)
    form = forms.DisbursementForm()
    form.worker_id.choices = [
        SelectChoice(str(a.worker_id), str(names.get(a.worker_id, ""))) for a in accounts
    ]
    if request.method == "GET":
        form.paid_on.data = date.today()
        chosen = request.args.get("worker")
        if chosen:
            form.worker_id.data = chosen
    if form.validate_on_submit():
        worker_id = next(a.worker_id for a in accounts if str(a.worker_id) == form.worker_id.data)
        try:
            with db.session.begin_nested():
                service.record_disbursement(
                    judgment,
                    worker_id=worker_id,
                    paid_on=form.paid_on.data,
                    amount=form.amount.data,
                    method=form.method.data,
                    reference=form.reference.data,
                    recorded_by_id=current_user.id,
                )
        except Refused as error:
            show_refusal(form, error, MESSAGES, FORMATS)
        else:
            db.session.commit()
            flash(_("Disbursement recorded."), "success")
            return redirect(url_for(".show", case_id=case.id, judgment_id=judgment.id))
    return render_template(
        "judgments/disbursement.html",
        case=case,
        judgment=judgment,
        form=form,
        accounts=accounts,
        names=names,
    )


def _pdf(data: bytes, filename: str):
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{filename}"'
    return _no_store(response)


@bp.route("/cases/<case_id>/judgments/statement.pdf")
def statement(case_id):
    case = authz.case_or_404(case_id, "judgment")
    if not case.judgments:
        abort(404)
    _preload(case)
    return _pdf(statements.case_statement_pdf(case, _as_of()), f"{case.reference}-statement.pdf")


@bp.route("/cases/<case_id>/judgments/statement/<worker_id>.pdf")
def worker_statement(case_id, worker_id):
    case = authz.case_or_404(case_id, "judgment")
    worker = next((w for w in case.workers if str(w.id) == worker_id), None)
    if worker is None or not case.judgments:
        abort(404)
    _preload(case)
    return _pdf(
        statements.worker_statement_pdf(case, worker, _as_of()),
        f"{case.reference}-worker-statement.pdf",
    )
