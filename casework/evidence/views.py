"""Evidence pages: the list of a case's files, upload, download, removal."""

from __future__ import annotations

import unicodedata
import uuid
from dataclasses import dataclass
from urllib.parse import quote

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.utils import secure_filename

from casework import authz
from casework.evidence import service
from casework.evidence.forms import DeleteForm, UploadForm
from casework.extensions import db
from casework.models.case import Case
from casework.models.evidence import Attachment

bp = Blueprint("evidence", __name__, url_prefix="/cases")

#: Room for the form's other fields around the file itself.
FORM_OVERHEAD = 1024 * 1024

MESSAGES = {
    "required": _l("Choose a file to attach."),
    "empty": _l("This file is empty. Choose another file."),
    "type": _l(
        "Casework keeps photos (JPEG, PNG, HEIC), PDFs and plain text only. This file is "
        "none of these, whatever its name says."
    ),
    "damaged": _l("This file could not be read: it may be damaged. Choose another file."),
    "pixels": _l("This picture has too many pixels to store. Attach a smaller photo or scan."),
    "too_large": _l("This file is larger than %(megabytes)s MB, the most Casework accepts."),
    "too_many": _l("This case already holds %(count)s files, the most it may. Remove one first."),
    "too_long": _l("Use at most %(count)s characters."),
    "status_disclosure": _l(
        "Casework never records immigration status. Remove those words; the rest is kept."
    ),
    "invalid": _l("Choose a value from the list."),
}
KIND_LABELS = {
    "jpeg": _l("Photo (JPEG)"),
    "png": _l("Image (PNG)"),
    "pdf": _l("PDF document"),
    "text": _l("Plain text"),
}


@dataclass
class Row:
    """One file as the evidence page shows it."""

    attachment: Attachment
    kind: str
    size: str
    about: str
    delete_form: DeleteForm | None


def _limits() -> service.Limits:
    config = current_app.config
    return service.Limits(
        max_bytes=config["CASEWORK_EVIDENCE_MAX_BYTES"],
        max_files=config["CASEWORK_EVIDENCE_MAX_FILES"],
    )


@bp.url_value_preprocessor
def _upload_size_limit(endpoint, values) -> None:
    # Runs before the CSRF check reads the form: an upload may be larger than other forms.
    if endpoint == "evidence.upload":
        request.max_content_length = 2 * _limits().max_bytes + FORM_OVERHEAD


def _message(error: service.EvidenceRefused) -> str:
    message = MESSAGES.get(error.code)
    return str(message) % error.params if message is not None else error.code


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return _("%(number)s KB", number=format_decimal(max(1, round(size / 1024))))
    return _("%(number)s MB", number=format_decimal(round(size / (1024 * 1024), 1)))


def _about_choices(case: Case) -> list[tuple[str, str]]:
    choices = [("case", _("The whole case"))]
    choices += [(f"worker:{link.worker_id}", str(link.worker.name)) for link in case.worker_links]
    from casework.i18n import day

    for note in case.notes:
        author = note.author.name if note.author else "—"
        label = _("Note of %(date)s by %(name)s", date=day(note.created_at), name=author)
        choices.append((f"note:{note.id}", label))
    return choices


def _about_label(attachment: Attachment, choices: dict[str, str]) -> str:
    if attachment.worker_id:
        return choices.get(f"worker:{attachment.worker_id}", _("A worker"))
    if attachment.note_id:
        return choices.get(f"note:{attachment.note_id}", _("A note"))
    return _("The whole case")


def _delete_prefix(attachment_id: uuid.UUID) -> str:
    return f"remove-{attachment_id}"


def _page(case: Case, *, form=None, failed_delete=None, code=200):
    can_edit = authz.can_on_case(case, "edit")
    choices = _about_choices(case)
    if form is None:
        form = UploadForm(formdata=None)
    form.about.choices = choices
    labels = dict(choices)
    rows = []
    for attachment in service.list_for_case(case):
        delete_form = None
        if can_edit:
            if failed_delete is not None and failed_delete[0] == attachment.id:
                delete_form = failed_delete[1]
            else:
                delete_form = DeleteForm(formdata=None, prefix=_delete_prefix(attachment.id))
        rows.append(
            Row(
                attachment=attachment,
                kind=str(KIND_LABELS.get(attachment.kind, attachment.kind)),
                size=_size(attachment.size),
                about=_about_label(attachment, labels),
                delete_form=delete_form,
            )
        )
    limits = _limits()
    return (
        render_template(
            "evidence/index.html",
            case=case,
            rows=rows,
            form=form if can_edit else None,
            max_megabytes=limits.max_bytes // (1024 * 1024),
            max_files=limits.max_files,
        ),
        code,
    )


@bp.get("/<case_id>/evidence")
def index(case_id):
    case = authz.case_or_404(case_id, "view")
    return _page(case)


@bp.post("/<case_id>/evidence")
def upload(case_id):
    case = authz.case_or_404(case_id, "edit")
    limits = _limits()
    try:
        form = UploadForm()
    except RequestEntityTooLarge:
        form = UploadForm(formdata=None)
        form.file.errors = [
            _message(
                service.EvidenceRefused(
                    "file", "too_large", megabytes=limits.max_bytes // (1024 * 1024)
                )
            )
        ]
        return _page(case, form=form, code=413)
    form.about.choices = _about_choices(case)
    valid = form.validate()
    upload_file = form.file.data
    if not upload_file or not getattr(upload_file, "filename", ""):
        form.file.errors = list(form.file.errors) + [str(MESSAGES["required"])]
        valid = False
    if valid:
        try:
            with db.session.begin_nested():
                attachment = service.add_attachment(
                    case,
                    current_user,
                    data=upload_file.read(limits.max_bytes + 1),
                    file_name=upload_file.filename,
                    description=form.description.data,
                    about=form.about.data,
                    limits=limits,
                )
        except service.EvidenceRefused as error:
            target = getattr(form, error.field, form.file)
            target.errors = list(target.errors) + [_message(error)]
        else:
            db.session.commit()
            flash(_("File attached: %(name)s.", name=service.download_name(attachment)), "success")
            return redirect(url_for("evidence.index", case_id=case.id), 303)
    return _page(case, form=form, code=422)


def _content_disposition(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    fallback = secure_filename(ascii_name) or "evidence"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


@bp.get("/<case_id>/evidence/<attachment_id>/download")
def download(case_id, attachment_id):
    case = authz.case_or_404(case_id, "view")
    attachment = service.attachment_on_case(case, attachment_id)
    if attachment is None:
        abort(404)
    try:
        data = service.read_content(attachment)
    except service.FileUnreadable:
        flash(_("This file cannot be decrypted: its key was destroyed."), "error")
        return redirect(url_for("evidence.index", case_id=case.id), 303)
    service.record_download(attachment)
    db.session.commit()
    response = Response(data, content_type=attachment.content_type)
    response.headers["Content-Disposition"] = _content_disposition(
        service.download_name(attachment)
    )
    response.headers["Cache-Control"] = "no-store"
    response.headers["Pragma"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, a file runs nothing and loads nothing.
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@bp.post("/<case_id>/evidence/<attachment_id>/delete")
def delete(case_id, attachment_id):
    case = authz.case_or_404(case_id, "edit")
    attachment = service.attachment_on_case(case, attachment_id)
    if attachment is None:
        abort(404)
    form = DeleteForm(prefix=_delete_prefix(attachment.id))
    if form.validate():
        name = service.download_name(attachment)
        service.delete_attachment(attachment)
        db.session.commit()
        flash(_("File removed: %(name)s.", name=name), "success")
        return redirect(url_for("evidence.index", case_id=case.id), 303)
    return _page(case, failed_delete=(attachment.id, form), code=422)
