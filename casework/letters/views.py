"""Letters: generate, preview, approve, mark sent, mail day."""

from __future__ import annotations

from flask import Blueprint, abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.routing import BuildError
from wtforms.fields.choices import SelectChoice

from casework import audit
from casework.authz import can, can_on_case, case_or_404, require, requires
from casework.extensions import db
from casework.keys import keystore
from casework.letters import service
from casework.letters.forms import (
    ERRORS,
    KIND_LABELS,
    METHOD_LABELS,
    STATUS_BADGES,
    STATUS_LABELS,
    ApproveForm,
    GenerateForm,
    ReturnForm,
    SentForm,
    language_name,
)

bp = Blueprint("letters", __name__)


def case_href(case) -> str:
    """The case page (or the case list while that page is not available)."""
    try:
        return url_for("cases.show", case_id=case.id)
    except BuildError:
        return url_for("cases.index")


def _translation_unreviewed(lang: str | None) -> bool:
    """Whether no fluent reader has reviewed the letters' translation into lang yet."""
    from casework.letters import catalogs

    return bool(lang) and lang != "en" and not catalogs.review(lang).reviewed


@bp.app_context_processor
def letter_helpers():
    return {
        "letter_kind_label": lambda kind: str(KIND_LABELS.get(kind, kind)),
        "letter_status_label": lambda status: str(STATUS_LABELS.get(status, status)),
        "letter_status_badge": lambda status: STATUS_BADGES.get(status, "status"),
        "letter_method_label": lambda method: str(METHOD_LABELS.get(method, method or "")),
        "letter_language_label": language_name,
        "letter_translation_unreviewed": _translation_unreviewed,
        "letter_case_href": case_href,
        "letter_generate_form": _generate_form,
    }


def _generate_form(case):
    form = GenerateForm(prefix="letter")
    form.kind.choices = [SelectChoice("", _("Choose a letter"))] + [
        SelectChoice(kind, str(KIND_LABELS[kind])) for kind in service.kinds_for(case)
    ]
    form.recipient.choices = [SelectChoice("", _("Choose a recipient"))] + [
        SelectChoice(value, label) for value, label in service.recipients(case)
    ]
    return form


def _letter_or_404(letter_id, action: str = "view"):
    letter = service.get_letter(letter_id)
    if letter is None:
        abort(404)
    case_or_404(letter.case_id, action)
    return letter


def _error(exc: service.LetterError) -> str:
    message = ERRORS.get(exc.message)
    return str(message) if message else exc.message


@bp.route("/cases/<case_id>/letters/new", methods=["GET", "POST"])
def generate(case_id):
    """Generate a draft letter from a case (the case panel posts here)."""
    case = case_or_404(case_id, "letter")
    form = _generate_form(case)
    if form.is_submitted():
        if form.validate():
            try:
                letters = service.generate_letter(
                    case, form.kind.data, form.recipient.data, user=current_user
                )
            except service.LetterError as exc:
                field = form.recipient if exc.field == "recipient" else form.kind
                field.errors = [*field.errors, _error(exc)]
            else:
                db.session.commit()
                flash(
                    _(
                        "Draft letter created. Check the preview: the letter now waits for a "
                        "supervisor's approval, under “Letters awaiting approval”."
                    ),
                    "success",
                )
                return redirect(url_for("letters.show", letter_id=letters[0].id))
    return render_template("letters/new.html", case=case, form=form), (422 if form.errors else 200)


def _copy_rows(letter, case) -> list[tuple]:
    """Each worker's copy with the name of the worker it is for."""
    names = {w.id: w.name for w in case.workers}
    rows = []
    for copy in service.copies_of(letter):
        name = names.get(copy.worker_id)
        readable = name is not None and type(name).__name__ != "Unreadable"
        rows.append((copy, str(name) if readable else _("This record cannot be decrypted")))
    return rows


@bp.get("/letters/<letter_id>")
def show(letter_id):
    letter = _letter_or_404(letter_id)
    case = letter.case
    keystore().preload(db.session, [case.id, *[w.id for w in case.workers]])
    try:
        _pdf, matches = service.letter_pdf(letter)
    except service.LetterError:
        matches = None
    copies = _copy_rows(letter, case)
    original = service.get_letter(letter.copy_of_id) if letter.copy_of_id else None
    response = make_response(
        render_template(
            "letters/show.html",
            letter=letter,
            case=case,
            matches=matches,
            copies=copies,
            original=original,
            approve_form=ApproveForm(prefix="approve"),
            return_form=ReturnForm(prefix="return"),
            sent_form=SentForm(prefix="sent"),
            may_approve=can("letter.approve") and letter.status == "draft" and not original,
            may_send=can_on_case(case, "letter") and letter.status == "approved" and not original,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/letters/<letter_id>/pdf")
def pdf(letter_id):
    """The letter as PDF, rebuilt from its stored content and checked against its hash."""
    letter = _letter_or_404(letter_id)
    try:
        data, matches = service.letter_pdf(letter)
    except service.LetterError:
        abort(410)
    audit.record("letter.view", letter, detail="pdf" if matches else "pdf:hash_mismatch")
    db.session.commit()
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = (
        f'inline; filename="letter-{letter.case.reference}-{letter.kind}.pdf"'
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Casework-Hash-Check"] = "ok" if matches else "mismatch"
    return response


def _rerender_show(letter, error=None, **forms):
    case = letter.case
    return render_template(
        "letters/show.html",
        error=error,
        letter=letter,
        case=case,
        matches=service.letter_pdf(letter)[1],
        copies=_copy_rows(letter, case),
        original=None,
        approve_form=forms.get("approve_form") or ApproveForm(prefix="approve"),
        return_form=forms.get("return_form") or ReturnForm(prefix="return"),
        sent_form=forms.get("sent_form") or SentForm(prefix="sent"),
        may_approve=can("letter.approve") and letter.status == "draft",
        may_send=can_on_case(case, "letter") and letter.status == "approved",
    ), 422


@bp.post("/letters/<letter_id>/approve")
@requires("letter.approve")
def approve(letter_id):
    letter = _letter_or_404(letter_id)
    form = ApproveForm(prefix="approve")
    if not form.validate():
        abort(400)
    try:
        service.approve_letter(letter, user=current_user)
    except service.LetterError as exc:
        flash(_error(exc), "error")
        return redirect(url_for("letters.show", letter_id=letter.id))
    db.session.commit()
    flash(_("Letter approved. It is ready to print and send."), "success")
    return redirect(url_for("letters.show", letter_id=letter.id))


@bp.post("/letters/<letter_id>/return")
@requires("letter.approve")
def return_letter(letter_id):
    letter = _letter_or_404(letter_id)
    form = ReturnForm(prefix="return")
    if not form.validate():
        return _rerender_show(letter, return_form=form)
    try:
        service.return_letter(letter, user=current_user, comment=form.comment.data)
    except service.LetterError as exc:
        form.comment.errors = [*form.comment.errors, _error(exc)]
        return _rerender_show(letter, return_form=form)
    db.session.commit()
    flash(_("Letter returned to the advocate with your comment."), "success")
    return redirect(url_for("letters.show", letter_id=letter.id))


@bp.post("/letters/<letter_id>/sent")
def mark_sent(letter_id):
    letter = _letter_or_404(letter_id, "letter")
    form = SentForm(prefix="sent")
    if not form.validate():
        return _rerender_show(letter, sent_form=form)
    try:
        service.mark_sent(
            letter, user=current_user, sent_on=form.sent_on.data, method=form.method.data
        )
    except service.LetterError as exc:
        if exc.field == "status":
            return _rerender_show(letter, error=_error(exc), sent_form=form)
        field = form.method if exc.field == "method" else form.sent_on
        field.errors = [*field.errors, _error(exc)]
        return _rerender_show(letter, sent_form=form)
    db.session.commit()
    flash(_("Letter marked sent."), "success")
    return redirect(url_for("letters.show", letter_id=letter.id))


@bp.get("/letters/pending")
@requires("letter.approve")
def index():
    """Supervisors: letters awaiting approval, and approved letters waiting for mail day."""
    pending = service.awaiting_approval()
    ready = [row for row in service.approved_unsent() if row.copy_of_id is None]
    from casework.letters import bulk

    response = make_response(
        render_template("letters/index.html", pending=pending, ready=ready, runs=bulk.recent_runs())
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/letters/mail-day.pdf")
def mail_day():
    """Every approved, unsent letter (with the workers' copies) in one PDF for printing."""
    require("letter.mail_day")
    data, count = service.mail_day_pdf()
    if data is None:
        flash(_("No approved letters are waiting to be sent."), "info")
        return redirect(url_for("letters.index"))
    db.session.commit()
    response = make_response(data)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = 'inline; filename="mail-day.pdf"'
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Casework-Letters"] = str(count)
    return response


# Bulk letters add their routes to this blueprint (casework/letters/bulk_views.py).
from casework.letters import bulk_views  # noqa: E402,F401
