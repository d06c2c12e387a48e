"""Sign-in, second factor, password and first-run forms."""

from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    EmailField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
)
from wtforms.validators import DataRequired, EqualTo, Length, ValidationError

from casework.forms import StrippedStringField

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def email_address(form, field) -> None:
    """A plausible email address (one @, a dot in the domain, no spaces).

    WTForms' Email() needs the email_validator package, which Casework does not ship.
    """
    if field.data and not _EMAIL.match(field.data.strip()):
        raise ValidationError(_l("Enter a valid email address."))


PASSWORD_HINT = _l(
    "At least 15 characters. A passphrase of several ordinary words is easy to remember "
    "and hard to guess."
)


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=128)])
    submit = SubmitField(_l("Sign in"))


class TotpForm(FlaskForm):
    code = StringField(
        _l("Six-digit code"),
        validators=[DataRequired(), Length(min=6, max=9)],
        description=_l("From the authenticator app on your phone."),
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric"},
    )
    submit = SubmitField(_l("Verify"))


class EnrollTotpForm(TotpForm):
    submit = SubmitField(_l("Turn on two-step sign-in"))


class SetupForm(FlaskForm):
    token = HiddenField()
    name = StrippedStringField(_l("Your name"), validators=[DataRequired(), Length(max=120)])
    email = EmailField(_l("Email"), validators=[DataRequired(), email_address, Length(max=254)])
    password = PasswordField(
        _l("Password"), validators=[DataRequired(), Length(max=128)], description=PASSWORD_HINT
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords do not match."))],
    )
    submit = SubmitField(_l("Create administrator account"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(), Length(max=128)]
    )
    new_password = PasswordField(
        _l("New password"), validators=[DataRequired(), Length(max=128)], description=PASSWORD_HINT
    )
    confirm = PasswordField(
        _l("New password again"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("The passwords do not match.")),
        ],
    )
    submit = SubmitField(_l("Change password"))


class FirstPasswordForm(FlaskForm):
    new_password = PasswordField(
        _l("Your new password"),
        validators=[DataRequired(), Length(max=128)],
        description=PASSWORD_HINT,
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Your new password again"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("The passwords do not match.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Set my password"))


class LanguageForm(FlaskForm):
    language = SelectField(
        _l("Language"), choices=[SelectChoice("en", "English"), SelectChoice("es", "Español")]
    )
    next = HiddenField()
    submit = SubmitField(_l("Change language"))
