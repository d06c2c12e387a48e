"""Cases: intake, caseload, case pages, workers, employers, notes, deadlines."""

from __future__ import annotations

import uuid
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
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice

from casework import authz
from casework.auth.session import forget, keep, kept, time_left
from casework.cases import forms as F
from casework.cases import page as case_page_data
from casework.cases import search, service, stale
from casework.cases.workflow import WorkflowError, allowed_next, change_status
from casework.crypto.columns import Unreadable
from casework.evidence import service as evidence_service
from casework.extensions import db
from casework.models.case import Case, CaseEmployer
from casework.models.user import User
from casework.refusals import Refused

bp = Blueprint("cases", __name__, url_prefix="/cases")

#: Tries of a case view whose audit write meets a busy SQLite database.
VIEW_ATTEMPTS = 3

ERROR_MESSAGES = {
    "status_disclosure": _l(
        "Casework never records immigration status. Remove those words; the rest is kept."
    ),
    "stale": _l(
        "Somebody else saved this case while you were editing it. Nothing of yours was saved: "
        "your changes are kept below. Check the case and save again."
    ),
    "not_allowed": _l("A case cannot move to that status from its current one."),
    "unknown_status": _l("Choose a status from the list."),
    "outcome_required": _l("Closing a case needs an outcome."),
    "amount_required": _l("Closing a case needs the amount recovered (0 if nothing)."),
    "already_on_case": _l("That record is already on this case."),
    "invalid": _l("Choose a value from the list."),
    "required": _l("This is required."),
    "not_found": _l("That deadline is not on this case."),
    "reference_busy": _l("Casework could not number the case; please save again."),
    "match_not_offered": _l(
        "That existing record does not match the name or phone typed here. Nothing was "
        "saved: check what you typed, save again and choose from the records Casework finds."
    ),
}


def _message(key: str) -> str:
    return str(ERROR_MESSAGES.get(key, key))


def _field_error(form, error) -> None:
    target = getattr(form, error.field, None)
    message = _message(error.message)
    if target is not None and hasattr(target, "errors"):
        target.errors = list(target.errors) + [message]
    else:
        flash(message, "error")


def _forget_matches(*subforms) -> None:
    """After a refused choice of an existing record, the next save looks for matches again."""
    for sub in subforms:
        sub.match.data = ""


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None


def _readable(value) -> str:
    """A stored text for a form, or "" when it is missing or cannot be decrypted."""
    return value if isinstance(value, str) and not isinstance(value, Unreadable) else ""


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
            existing_id=_uuid_or_none(row.form.match.data),
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
            existing_id=_uuid_or_none(row.form.match.data),
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
            except (service.CaseError, Refused) as error:
                _field_error(form, error)
                if error.message == "match_not_offered":
                    _forget_matches(*(row.form for row in (*form.workers, *form.employers)))
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
        "narrative": _readable(case.narrative),
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
                data[name] = "" if value is None or isinstance(value, Unreadable) else value
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
            except service.CaseError as error:
                if isinstance(error, service.StaleCase):
                    flash(_message("stale"), "error")
                else:
                    _field_error(form, error)
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
        except service.CaseError as error:
            _field_error(form, error)
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
        except WorkflowError as error:
            _field_error(form, error)
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
        except service.CaseError as error:
            _field_error(form, error)
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
    except service.CaseError:
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
        except (service.CaseError, WorkflowError) as error:
            flash(_message(error.message), "error")
        else:
            db.session.commit()
            flash(_("Assignment saved."), "success")
    else:
        flash(_("Choose people from the lists."), "error")
    return redirect(url_for("cases.show", case_id=case_id), 303)


@bp.route("/<case_id>/workers/add", methods=["GET", "POST"])
def add_worker(case_id):
    """Add one more worker to a case: the way to build a group claim without JavaScript."""
    case = authz.case_or_404(case_id, "edit")
    form = F.WorkerForm()
    matches = []
    if form.validate_on_submit():
        if not form.match.data:
            matches = search.find_workers(form.name.data, form.phone.data)
        if not matches:
            data = service.WorkerInput(
                name=form.name.data,
                phone=form.phone.data or None,
                email=form.email.data or None,
                address=form.address.data or None,
                preferred_language=form.preferred_language.data,
                contact_ok_by=form.contact_ok_by.data,
                existing_id=_uuid_or_none(form.match.data),
            )
            try:
                with db.session.begin_nested():
                    service.add_worker(case, data)
            except (service.CaseError, Refused) as error:
                _field_error(form, error)
                if error.message == "match_not_offered":
                    _forget_matches(form)
            else:
                db.session.commit()
                flash(_("Worker added to the case."), "success")
                return redirect(url_for("cases.show", case_id=case.id), 303)
    open_cases = authz.visible_case_lists(search.open_cases_of_workers([w.id for w in matches]))
    return render_template(
        "cases/add_worker.html",
        case=case,
        form=form,
        matches=matches,
        open_cases=open_cases,
        labels=F,
    )


@bp.route("/<case_id>/employers/add", methods=["GET", "POST"])
def add_employer(case_id):
    case = authz.case_or_404(case_id, "edit")
    form = F.EmployerForm()
    matches = []
    if form.validate_on_submit():
        if not form.match.data:
            matches = search.find_employers(form.business_name.data, limit=10)
        if not matches:
            data = service.EmployerInput(
                business_name=form.business_name.data,
                role=form.role.data,
                address=form.address.data or None,
                owner_names=form.owner_names.data or None,
                industry=form.industry.data or None,
                ein=form.ein.data or None,
                entity_type=form.entity_type.data,
                existing_id=_uuid_or_none(form.match.data),
            )
            try:
                with db.session.begin_nested():
                    service.add_employer(case, data)
            except (service.CaseError, Refused) as error:
                _field_error(form, error)
                if error.message == "match_not_offered":
                    _forget_matches(form)
            else:
                db.session.commit()
                flash(_("Employer added to the case."), "success")
                return redirect(url_for("cases.show", case_id=case.id), 303)
    open_cases = authz.visible_case_lists(search.open_cases_of_employers([e.id for e in matches]))
    return render_template(
        "cases/add_employer.html",
        case=case,
        form=form,
        matches=matches,
        open_cases=open_cases,
        labels=F,
    )


# -- workers and employers ------------------------------------------------------------


@bp.get("/workers/<worker_id>")
def worker(worker_id):
    person = authz.worker_or_404(worker_id)
    cases = authz.shared_record_cases(authz.cases_of_worker(person), "worker.edit")
    search.preload_keys([person.id])
    audit_view(person)
    db.session.commit()
    return render_template("cases/worker.html", worker=person, cases=cases, labels=F)


def audit_view(obj) -> None:
    from casework import audit

    audit.record(f"{obj.__tablename__[:-1]}.view", obj)


@bp.route("/workers/<worker_id>/edit", methods=["GET", "POST"])
def edit_worker(worker_id):
    person = authz.worker_or_404(worker_id, "worker.edit")
    cases = authz.edit_every_case_or_403(person, authz.cases_of_worker(person))
    if request.method == "POST":
        form = F.WorkerForm()
    else:
        data = {name: getattr(person, name) for name in service.WORKER_FIELDS}
        data = {k: _readable(v) for k, v in data.items()}
        form = F.WorkerForm(formdata=None, data=data)
    if form.validate_on_submit():
        service.update_worker(
            person, {name: getattr(form, name).data for name in service.WORKER_FIELDS}, cases
        )
        db.session.commit()
        flash(_("Worker details saved."), "success")
        return redirect(url_for("cases.worker", worker_id=person.id), 303)
    return render_template("cases/worker_edit.html", worker=person, form=form)


@bp.get("/employers/<employer_id>")
def employer(employer_id):
    business = authz.employer_or_404(employer_id)
    cases = authz.shared_record_cases(authz.cases_of_employer(business), "employer.edit")
    links = db.session.scalars(select(CaseEmployer).where(CaseEmployer.employer_id == business.id))
    roles = {link.case_id: link.role for link in links}
    audit_view(business)
    db.session.commit()
    return render_template(
        "cases/employer.html",
        employer=business,
        cases=cases,
        roles=roles,
        totals=service.employer_totals(cases.visible),
        labels=F,
    )


@bp.route("/employers/<employer_id>/edit", methods=["GET", "POST"])
def edit_employer(employer_id):
    business = authz.employer_or_404(employer_id, "employer.edit")
    cases = authz.edit_every_case_or_403(business, authz.cases_of_employer(business))
    if request.method == "POST":
        form = F.EmployerForm()
    else:
        data = {name: getattr(business, name) for name in service.EMPLOYER_FIELDS}
        data = {k: _readable(v) for k, v in data.items()}
        form = F.EmployerForm(formdata=None, data=data)
    if form.validate_on_submit():
        service.update_employer(
            business, {name: getattr(form, name).data for name in service.EMPLOYER_FIELDS}, cases
        )
        db.session.commit()
        flash(_("Employer details saved."), "success")
        return redirect(url_for("cases.employer", employer_id=business.id), 303)
    return render_template("cases/employer_edit.html", employer=business, form=form)
