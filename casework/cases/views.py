"""Cases: intake, caseload, case pages, workers, employers, notes, deadlines."""

from __future__ import annotations

from datetime import date, timedelta

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
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice

from casework import authz
from casework.auth.session import forget, keep, kept, time_left
from casework.cases import existing, search, service, stale
from casework.cases import forms as F
from casework.cases import page as case_page_data
from casework.cases.refusals import MESSAGES
from casework.cases.workflow import allowed_next, change_status
from casework.crypto.columns import readable
from casework.evidence import service as evidence_service
from casework.extensions import db
from casework.models.case import Case
from casework.models.user import User
from casework.refusals import Refused
from casework.web import refusal_message, show_refusal

bp = Blueprint("cases", __name__, url_prefix="/cases")

#: Tries of a case view whose audit write meets a busy SQLite database.
VIEW_ATTEMPTS = 3


def _message(key: str) -> str:
    return str(MESSAGES.get(key, key))


def _facts(form) -> dict:
    names = ("jurisdiction", "narrative", "first_day_worked", "last_day_worked", "willful")
    names += service.COMP_FACTS + service.RETALIATION_FACTS
    return {name: getattr(form, name).data for name in names}


# -- caseload ---------------------------------------------------------------------


def _advocates():
    return list(
        db.session.scalars(
            select(User)
            .where(User.role.in_(("advocate", "supervisor")), User.active.is_(True))
            .order_by(User.name)
        )
    )


def _bulk_form():
    from casework.letters.forms import bulk_form

    return bulk_form()


@bp.get("/")
@authz.requires("case.list")
def index():
    filters = F.ListFilterForm(request.args)
    advocates = _advocates() if authz.can("case.assign") else []
    filters.advocate.choices = [
        SelectChoice("", _("Anyone")),
        SelectChoice("none", _("Not assigned")),
    ] + [SelectChoice(str(u.id), u.name) for u in advocates]
    searched = request.args.get("search") == "1"
    terms = (kept("search", current_user.id) or {}) if searched else {}
    try:
        page_number = int(request.args.get("page", "1"))
    except ValueError:
        page_number = 1
    sort = request.args.get("sort", "opened")
    direction = "asc" if request.args.get("dir") == "asc" else "desc"
    query = search.CaseQuery(
        status=filters.status.data if filters.status.data in F.STATUS_LABELS else "",
        case_type=filters.case_type.data if filters.case_type.data in F.CASE_TYPE_LABELS else "",
        jurisdiction=filters.jurisdiction.data
        if filters.jurisdiction.data in F.REGION_LABELS
        else "",
        advocate=filters.advocate.data or "",
        overdue=bool(filters.overdue.data),
        open_only=bool(filters.open.data),
        stale=bool(filters.stale.data),
        due_within=int(filters.due_within.data)
        if filters.due_within.data in {"7", "14", "30"}
        else None,
        sort=sort if sort in search.SORTS else "opened",
        direction=direction,
        page=page_number,
        worker_name=terms.get("worker_name", ""),
        phone=terms.get("phone", ""),
        employer=terms.get("employer", ""),
    )
    result = search.list_cases(current_user, query)
    search_form = F.SearchForm(data=terms)
    args = {k: v for k, v in request.args.items() if k not in ("page", "sort", "dir")}
    return render_template(
        "cases/index.html",
        result=result,
        query=query,
        filters=filters,
        bulk_form=_bulk_form() if authz.can("letter.bulk") else None,
        search_form=search_form,
        searched=searched and any(terms.values()),
        args=args,
        labels=F,
        today=date.today(),
        stale_hint=_(
            "Open cases with no open deadline, or with no note, status change or other "
            "activity for %(days)d days.",
            days=stale.days(),
        ),
    )


@bp.post("/search")
@authz.requires("case.list")
def search_cases():
    """Keep the search terms server side, encrypted, so that no name or phone ever appears
    in a URL or in the session cookie (which holds only the kept row's random id)."""
    form = F.SearchForm()
    if request.form.get("clear") or not form.validate():
        forget("search")
        db.session.commit()
        return redirect(url_for("cases.index"), 303)
    terms = {
        "worker_name": form.worker_name.data or "",
        "phone": form.phone.data or "",
        "employer": form.employer.data or "",
    }
    keep("search", current_user.id, terms, time_left())
    db.session.commit()
    return redirect(url_for("cases.index", search=1), 303)


@bp.get("/deadlines")
@authz.requires("deadline.list")
def deadlines():
    today = date.today()
    rows = search.user_deadlines(current_user, today)
    week_end = today + timedelta(days=7)
    groups = {
        "overdue": [d for d in rows if d.due_on < today],
        "week": [d for d in rows if today <= d.due_on <= week_end],
        "later": [d for d in rows if d.due_on > week_end],
    }
    return render_template("cases/deadlines.html", groups=groups, today=today, labels=F)


# -- intake -----------------------------------------------------------------------


def _intake_from_form(form) -> service.Intake:
    workers = [
        service.WorkerInput(
            name=row.form.name.data,
            phone=row.form.phone.data or None,
            email=row.form.email.data or None,
            address=row.form.address.data or None,
            preferred_language=row.form.preferred_language.data,
            contact_ok_by=row.form.contact_ok_by.data,
            existing_id=existing.chosen_id(row.form.match.data),
        )
        for row in form.workers
        if not row.form.is_blank
    ]
    employers = [
        service.EmployerInput(
            business_name=row.form.business_name.data,
            role=row.form.role.data,
            address=row.form.address.data or None,
            owner_names=row.form.owner_names.data or None,
            industry=row.form.industry.data or None,
            ein=row.form.ein.data or None,
            entity_type=row.form.entity_type.data,
            existing_id=existing.chosen_id(row.form.match.data),
        )
        for row in form.employers
        if not row.form.is_blank
    ]
    facts = _facts(form)
    if form.case_type.data != "wage_theft":
        facts["willful"] = False
    return service.Intake(
        case_type=form.case_type.data,
        jurisdiction=form.jurisdiction.data,
        workers=workers,
        employers=employers,
        facts=facts,
    )


def _duplicates(form) -> tuple[dict, dict]:
    """Existing workers and employers that may be the ones typed in, for rows not yet decided."""
    worker_matches: dict[int, list] = {}
    for i, row in enumerate(form.workers):
        sub = row.form
        if sub.is_blank or sub.match.data:
            continue
        found = search.find_workers(sub.name.data, sub.phone.data)
        if found:
            worker_matches[i] = found
    employer_matches: dict[int, list] = {}
    for i, row in enumerate(form.employers):
        sub = row.form
        if sub.is_blank or sub.match.data:
            continue
        found = search.find_employers(sub.business_name.data, limit=10)
        if found:
            employer_matches[i] = found
    return worker_matches, employer_matches


@bp.route("/new", methods=["GET", "POST"])
@authz.requires("case.create")
def new():
    form = F.IntakeForm()
    worker_matches: dict = {}
    employer_matches: dict = {}
    open_cases: dict = {}
    if form.validate_on_submit():
        worker_matches, employer_matches = _duplicates(form)
        if not worker_matches and not employer_matches:
            try:
                with db.session.begin_nested():
                    case = service.open_case(_intake_from_form(form), current_user)
            except Refused as error:
                show_refusal(form, error, MESSAGES)
                if error.message == "match_not_offered":
                    existing.forget_matches(*(row.form for row in (*form.workers, *form.employers)))
            else:
                db.session.commit()
                flash(_("Intake saved as %(ref)s.", ref=case.reference), "success")
                return redirect(url_for("cases.show", case_id=case.id), 303)
        else:
            ids = [w.id for ws in worker_matches.values() for w in ws]
            open_cases = search.open_cases_of_workers(ids)
            open_cases.update(
                search.open_cases_of_employers(
                    [e.id for es in employer_matches.values() for e in es]
                )
            )
            flash(
                _(
                    "Casework found records that may be the same people or businesses. "
                    "For each, choose the existing record or a new one, then save again."
                ),
                "warning",
            )
    elif request.method == "POST":
        flash(_("The intake was not saved: correct the fields marked below."), "error")
    return render_template(
        "cases/new.html",
        form=form,
        worker_matches=worker_matches,
        employer_matches=employer_matches,
        open_cases=authz.visible_case_lists(open_cases),
        labels=F,
        worker_template=F.WorkerFields(prefix="workers-__index__-"),
        sheet_form=F.IntakeSheetForm(),
        employer_template=F.EmployerFields(prefix="employers-__index__-"),
    ), (422 if request.method == "POST" and not worker_matches and not employer_matches else 200)


# -- one case ---------------------------------------------------------------------


def _load_case_page(case: Case) -> None:
    case_page_data.load_case(case)


def _case_page(case: Case, *, note_form=None, deadline_form=None, code=200):
    page = case_page_data.case_page(
        case, current_user, note_form=note_form, deadline_form=deadline_form
    )
    return (
        render_template(
            "cases/show.html",
            page=page,
            case=case,
            labels=F,
            evidence_count=evidence_service.count_for_case(case.id),
        ),
        code,
    )


@bp.get("/<case_id>")
def show(case_id):
    for attempt in range(VIEW_ATTEMPTS):
        case = authz.case_or_404(case_id, "view")
        try:
            service.record_view(case)
            db.session.commit()
            break
        except OperationalError:
            # SQLite under several gunicorn workers: another worker wrote since this
            # request's first read, so its snapshot cannot write. Start again, holding
            # the write lock from the first statement.
            db.session.rollback()
            if attempt == VIEW_ATTEMPTS - 1 or db.engine.dialect.name != "sqlite":
                raise
            db.session.connection(execution_options={"casework_immediate": True})
    return _case_page(case)


def _edit_form(case: Case, formdata=None) -> F.CaseEditForm:
    data = {
        "jurisdiction": case.jurisdiction,
        "narrative": readable(case.narrative, ""),
        "first_day_worked": case.first_day_worked,
        "last_day_worked": case.last_day_worked,
        "willful": case.willful,
        "version": case.version,
    }
    for claim, names in (
        (case.comp_claim, service.COMP_FACTS),
        (case.retaliation_claim, service.RETALIATION_FACTS),
    ):
        if claim is not None:
            for name in names:
                value = getattr(claim, name)
                data[name] = readable(value, "")
    form = F.CaseEditForm(formdata=formdata, data=data)
    form._case_type = case.case_type
    return form


@bp.route("/<case_id>/edit", methods=["GET", "POST"])
def edit(case_id):
    case = authz.case_or_404(case_id, "edit")
    _load_case_page(case)
    form = _edit_form(case, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST":
        if form.validate():
            try:
                with db.session.begin_nested():
                    service.update_facts(case, _facts(form), form.version.data)
            except Refused as error:
                if isinstance(error, service.StaleCase):
                    flash(_message("stale"), "error")
                else:
                    show_refusal(form, error, MESSAGES)
            except StaleDataError:
                flash(_message("stale"), "error")
            else:
                db.session.commit()
                flash(_("Case facts saved. Deadlines were recomputed."), "success")
                return redirect(url_for("cases.show", case_id=case.id), 303)
        case = authz.case_or_404(case_id, "edit")
        return render_template("cases/edit.html", case=case, form=form), 422
    return render_template("cases/edit.html", case=case, form=form)


@bp.post("/<case_id>/notes")
def add_note(case_id):
    case = authz.case_or_404(case_id, "note")
    form = F.NoteForm()
    if form.validate():
        try:
            with db.session.begin_nested():
                service.add_note(case, form.body.data, current_user)
        except Refused as error:
            show_refusal(form, error, MESSAGES)
        else:
            db.session.commit()
            flash(_("Note added."), "success")
            return redirect(url_for("cases.show", case_id=case.id, _anchor="notes"), 303)
    case = authz.case_or_404(case_id, "note")
    return _case_page(case, note_form=form, code=422)


def _status_page(case: Case, form, code: int = 200):
    return render_template("cases/status.html", case=case, form=form, labels=F), code


@bp.route("/<case_id>/status", methods=["GET", "POST"])
def status(case_id):
    case = authz.case_or_404(case_id, "status")
    if request.method == "GET":
        form = F.StatusForm(formdata=None)
        form.set_choices(allowed_next(case.status))
        return _status_page(case, form)
    form = F.StatusForm()
    form.set_choices(allowed_next(case.status))
    if form.validate():
        try:
            with db.session.begin_nested():
                change_status(
                    case,
                    form.status.data,
                    outcome=form.outcome.data or None,
                    amount_recovered=form.amount_recovered.data,
                    closed_on=form.closed_on.data,
                )
        except Refused as error:
            show_refusal(form, error, MESSAGES)
        else:
            db.session.commit()
            flash(_("Status changed."), "success")
            return redirect(url_for("cases.show", case_id=case.id), 303)
    case = authz.case_or_404(case_id, "status")
    return _status_page(case, form, 422)


@bp.post("/<case_id>/deadlines")
def add_deadline(case_id):
    case = authz.case_or_404(case_id, "edit")
    form = F.DeadlineForm()
    if form.validate():
        try:
            with db.session.begin_nested():
                service.add_typed_deadline(
                    case, form.label.data, form.due_on.data, form.kind.data, current_user
                )
        except Refused as error:
            show_refusal(form, error, MESSAGES)
        else:
            db.session.commit()
            flash(_("Deadline added."), "success")
            return redirect(url_for("cases.show", case_id=case.id, _anchor="deadlines"), 303)
    case = authz.case_or_404(case_id, "edit")
    return _case_page(case, deadline_form=form, code=422)


@bp.post("/<case_id>/deadlines/<deadline_id>/done")
def complete_deadline(case_id, deadline_id):
    case = authz.case_or_404(case_id, "edit")
    try:
        with db.session.begin_nested():
            service.complete_deadline(case, deadline_id)
    except Refused:
        abort(404)
    db.session.commit()
    flash(_("Deadline marked done."), "success")
    return redirect(url_for("cases.show", case_id=case.id, _anchor="deadlines"), 303)


def _assign_form(case: Case, formdata=None) -> F.AssignForm:
    staff = _advocates()
    form = F.AssignForm(
        formdata=formdata,
        data={
            "assigned_to": str(case.assigned_to_id or ""),
            "team": [str(u.id) for u in case.team],
        },
    )
    form.assigned_to.choices = [SelectChoice("", _("Not assigned"))] + [
        SelectChoice(str(u.id), u.name) for u in staff
    ]
    form.team.choices = [SelectChoice(str(u.id), u.name) for u in staff]
    return form


@bp.route("/<case_id>/assign", methods=["GET", "POST"])
@authz.requires("case.assign")
def assign(case_id):
    case = authz.case_or_404(case_id, "view")
    if request.method == "GET":
        form = _assign_form(case)
        return render_template("cases/assign.html", case=case, form=form)
    form = _assign_form(case, formdata=request.form)
    if form.validate():
        staff = {str(u.id): u for u in _advocates()}
        assignee = staff.get(form.assigned_to.data or "")
        team = [staff[i] for i in form.team.data or [] if i in staff]
        try:
            with db.session.begin_nested():
                service.assign_case(case, assignee, team)
        except Refused as error:
            flash(refusal_message(error, MESSAGES), "error")
        else:
            db.session.commit()
            flash(_("Assignment saved."), "success")
    else:
        flash(_("Choose people from the lists."), "error")
    return redirect(url_for("cases.show", case_id=case_id), 303)


# Worker and employer pages are routes of this blueprint too (a module of their own).
from casework.cases import party_views  # noqa: E402, F401
