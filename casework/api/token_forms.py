"""Forms of the token pages: make a token on the account page, revoke one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectChoice, SelectField, SubmitField
from wtforms.validators import DataRequired, Length

from casework.forms import StrippedStringField

SCOPE_CHOICES = [
    SelectChoice("read", _l("Read only")),
    SelectChoice("write", _l("Read and write")),
]
EXPIRY_CHOICES = [
    SelectChoice("7", _l("7 days")),
    SelectChoice("30", _l("30 days")),
    SelectChoice("90", _l("90 days")),
    SelectChoice("365", _l("1 year")),
]


class NewTokenForm(FlaskForm):
    name = StrippedStringField(
        _l("Name"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("What the token is for, such as “intake interview” or “mail house”."),
    )
    scopes = RadioField(_l("Access"), choices=SCOPE_CHOICES, default="read")
    days = SelectField(_l("Expires after"), choices=EXPIRY_CHOICES, default="90")
    submit = SubmitField(_l("Create token"))


class RevokeTokenForm(FlaskForm):
    submit = SubmitField(_l("Revoke"))
