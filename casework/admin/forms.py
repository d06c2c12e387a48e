"""Account management forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired, Length

from casework.auth.forms import PASSWORD_HINT, email_address
from casework.forms import StrippedStringField

ROLE_CHOICES = [
    SelectChoice("intake", _l("Intake")),
    SelectChoice("advocate", _l("Advocate")),
    SelectChoice("supervisor", _l("Supervisor")),
    SelectChoice("admin", _l("Admin")),
]


class NewUserForm(FlaskForm):
    name = StrippedStringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), email_address, Length(max=254)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[DataRequired()])
    password = PasswordField(
        _l("Temporary password"),
        validators=[DataRequired(), Length(max=128)],
        description=PASSWORD_HINT,
    )
    submit = SubmitField(_l("Create account"))


class EditUserForm(FlaskForm):
    role = SelectField(_l("Role"), choices=ROLE_CHOICES, validators=[DataRequired()])
    active = BooleanField(_l("Account is active"))
    totp_required = BooleanField(
        _l("Require two-step sign-in"),
        description=_l("Always required for supervisors and admins."),
    )
    submit = SubmitField(_l("Save account"))


class ResetTotpForm(FlaskForm):
    submit = SubmitField(_l("Reset two-step sign-in"))


class ShredWorkerForm(FlaskForm):
    worker_id = StrippedStringField(
        _l("Worker record number"),
        validators=[DataRequired(), Length(max=40)],
        description=_l(
            "The long number at the end of the worker page's address, given to you by a supervisor."
        ),
    )
    confirm = StrippedStringField(
        _l("Type SHRED to confirm"), validators=[DataRequired(), Length(max=10)]
    )
    password = PasswordField(_l("Your password"), validators=[DataRequired(), Length(max=128)])
    submit = SubmitField(_l("Shred this worker's identifying data"))


class SettingsForm(FlaskForm):
    letters_self_approval = BooleanField(
        _l("A supervisor may approve a letter they generated themselves"),
        description=_l(
            "Only for an organization with one supervisor. The letter's history then says it "
            "was self-approved."
        ),
    )
    submit = SubmitField(_l("Save settings"))
