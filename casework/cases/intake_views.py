"""The intake: a new case with its workers and employers, after the duplicate check."""

from __future__ import annotations

from flask import (
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from casework import authz
from casework.cases import existing, search, service
from casework.cases import forms as F
from casework.cases.refusals import MESSAGES
from casework.cases.views import bp, facts_from
from casework.extensions import db
from casework.refusals import Refused
from casework.web import show_refusal


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
    facts = facts_from(form)
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
