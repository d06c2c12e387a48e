"""Forms for generating, returning and sending letters."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, RadioField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, ValidationError

from casework.forms import FreeTextField

KIND_LABELS = {
    "demand": _l("Demand letter to the employer (wage theft)"),
    "retaliation_demand": _l("Retaliation letter to the employer"),
    "worker_case_opened": _l("To the worker: your case is open"),
    "worker_calculation": _l("To the worker: what you are owed"),
    "worker_payment_received": _l("To the worker: we received a payment"),
    "worker_case_closed": _l("To the worker: your case is closed"),
    "worker_copy": _l("Worker's copy of an employer letter"),
    "collection_statement": _l("Collection statement"),
    "worker_statement": _l("Statement for the worker"),
}

STATUS_LABELS = {
    "draft": _l("Draft: awaiting approval"),
    "approved": _l("Approved: ready to send"),
    "sent": _l("Sent"),
    "returned": _l("Returned for changes"),
}

STATUS_BADGES = {"draft": "warning", "approved": "info", "sent": "success", "returned": "error"}

METHOD_LABELS = {
    "mail": _l("Mail"),
    "certified_mail": _l("Certified mail"),
    "hand_delivery": _l("Hand delivery"),
    "email": _l("Email"),
}

#: Messages for the service's refusals (LetterError.message keys).
ERRORS = {
    "kind_unknown": _l("Choose which letter to write."),
    "kind_case_type": _l("That letter does not fit this type of case."),
    "recipient_unknown": _l("Choose who the letter is for."),
    "recipient_kind": _l(
        "Employer letters go to an employer and worker letters to a worker: choose a matching "
        "recipient."
    ),
    "calculation_missing": _l(
        "Complete the wage calculation for every worker on the case before writing this letter."
    ),
    "retaliation_missing": _l(
        "Record the retaliation facts on the case before writing this letter."
    ),
    "no_payment": _l("No payment is recorded on this case yet."),
    "case_not_closed": _l("Close the case before writing the case-closed letter."),
    "status_disclosure": _l(
        "The letter's text mentions a person's immigration status, which Casework never "
        "prints. Edit the case's text and try again."
    ),
    "not_draft": _l("Only a draft can be approved or returned."),
    "own_letter": _l(
        "You generated this letter, so another supervisor must approve it. An organization "
        "with one supervisor can allow self-approval in Admin, Settings."
    ),
    "not_approved": _l("Only an approved letter can be marked sent."),
    "copy_follows_original": _l("A worker's copy follows its original letter."),
    "comment_required": _l("Say what should change."),
    "method_unknown": _l("Choose how the letter was sent."),
    "sent_on_range": _l("Enter a date between the letter's date and today."),
    "unreadable": _l("This record cannot be decrypted"),
}


def language_name(code: str | None) -> str:
    """A letter's language by name in the reader's interface language ("Spanish", "Español")."""
    from babel import Locale, UnknownLocaleError
    from flask_babel import get_locale

    try:
        name = Locale.parse(code or "en").get_display_name(get_locale() or "en") or ""
    except (UnknownLocaleError, ValueError, TypeError):
        return code or ""
    return name[:1].upper() + name[1:]


class GenerateForm(FlaskForm):
    kind = SelectField(
        _l("Letter"), validators=[InputRequired(_l("Choose which letter to write."))]
    )
    recipient = SelectField(
        _l("Recipient"),
        description=_l(
            "An employer letter also makes a copy for each worker, in the worker's language."
        ),
        validators=[InputRequired(_l("Choose who the letter is for."))],
    )


class ReturnForm(FlaskForm):
    comment = FreeTextField(
        _l("What should change"),
        description=_l("The advocate sees this and generates a corrected letter."),
        validators=[InputRequired(_l("Say what should change."))],
    )


class SentForm(FlaskForm):
    sent_on = DateField(
        _l("Date sent"),
        default=date.today,
        validators=[InputRequired(_l("Enter the date the letter went out."))],
    )
    method = RadioField(
        _l("How it was sent"),
        choices=[SelectChoice(k, v) for k, v in METHOD_LABELS.items()],
        validators=[InputRequired(_l("Choose how the letter was sent."))],
    )

    def validate_sent_on(self, field):
        if field.data and field.data > date.today():
            raise ValidationError(_("The date cannot be in the future."))


class ApproveForm(FlaskForm):
    """Only the CSRF token."""


class BulkForm(FlaskForm):
    kind = SelectField(
        _l("Letter for each selected case"),
        description=_l(
            "Worker letters go to each worker on the case, employer letters to each "
            "employer (with a copy for each worker). Each letter waits for a supervisor's "
            "approval, as one letter does."
        ),
    )


def bulk_form() -> BulkForm:
    """The caseload's bulk-letter form, with every kind that may be made in bulk."""
    form = BulkForm(prefix="bulk")
    from casework.letters.bulk import BULK_KINDS

    form.kind.choices = [SelectChoice("", _("Choose a letter"))] + [
        SelectChoice(kind, str(KIND_LABELS[kind])) for kind in BULK_KINDS
    ]
    return form
