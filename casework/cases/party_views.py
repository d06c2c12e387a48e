"""Worker and employer pages: adding them to a case, their own pages, editing shared records."""

from __future__ import annotations

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import select

from casework import authz
from casework.cases import existing, search, service
from casework.cases import forms as F
from casework.cases.refusals import MESSAGES
from casework.cases.views import bp
from casework.crypto.columns import readable
from casework.extensions import db
from casework.models.case import CaseEmployer
from casework.refusals import Refused
from casework.web import show_refusal


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
                existing_id=existing.chosen_id(form.match.data),
            )
            try:
                with db.session.begin_nested():
                    service.add_worker(case, data)
            except Refused as error:
                show_refusal(form, error, MESSAGES)
                if error.message == "match_not_offered":
                    existing.forget_matches(form)
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
                existing_id=existing.chosen_id(form.match.data),
            )
            try:
                with db.session.begin_nested():
                    service.add_employer(case, data)
            except Refused as error:
                show_refusal(form, error, MESSAGES)
                if error.message == "match_not_offered":
                    existing.forget_matches(form)
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
        data = {k: readable(v, "") for k, v in data.items()}
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
        data = {k: readable(v, "") for k, v in data.items()}
        form = F.EmployerForm(formdata=None, data=data)
    if form.validate_on_submit():
        service.update_employer(
            business, {name: getattr(form, name).data for name in service.EMPLOYER_FIELDS}, cases
        )
        db.session.commit()
        flash(_("Employer details saved."), "success")
        return redirect(url_for("cases.employer", employer_id=business.id), 303)
    return render_template("cases/employer_edit.html", employer=business, form=form)
