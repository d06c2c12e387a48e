"""Dashboard forms: the reporting period, and the full export's confirmation."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length, Optional, ValidationError

from casework.forms import FreeTextField


class PeriodForm(FlaskForm):
    """A date range in the query string (dates identify nobody)."""

    class Meta:
        csrf = False

    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field):
        if self.date_from.data and field.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must be on or after the start date."))


class FullExportForm(FlaskForm):
    references = FreeTextField(
        _l("Case references"),
        description=_l("One per line, or separated by commas. At most 500 cases."),
        validators=[DataRequired(message=_l("Enter at least one case reference."))],
    )
    passphrase = PasswordField(
        _l("Archive passphrase"),
        description=_l(
            "At least 12 characters. Give it to the recipient separately from the file; "
            "without it the archive cannot be opened."
        ),
        validators=[
            DataRequired(message=_l("Choose a passphrase.")),
            Length(min=12, message=_l("Choose a passphrase of at least 12 characters.")),
        ],
    )
    passphrase_again = PasswordField(
        _l("Passphrase again"),
        validators=[EqualTo("passphrase", message=_l("The two passphrases differ."))],
    )
    password = PasswordField(
        _l("Your password"),
        description=_l("A full export holds identifying data: confirm it is you."),
        validators=[DataRequired(message=_l("Enter your password."))],
    )
