"""The time form: when, how long, on what, and an optional note."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, SelectChoice, SelectField
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from casework.forms import FreeTextField
from casework.models.time_entry import ACTIVITIES

ACTIVITY_LABELS = {
    "intake": _l("Intake"),
    "advice": _l("Advice and counseling"),
    "investigation": _l("Investigation and evidence"),
    "calculation": _l("Calculating what is owed"),
    "correspondence": _l("Letters, calls and emails"),
    "negotiation": _l("Negotiation"),
    "hearing": _l("Hearing, court or agency"),
    "collection": _l("Collecting a judgment"),
    "other": _l("Other"),
}


class TimeForm(FlaskForm):
    worked_on = DateField(_l("Date"), validators=[InputRequired(_l("Enter the date."))])
    hours = IntegerField(
        _l("Hours"),
        default=0,
        validators=[Optional(), NumberRange(0, 24, _l("Enter between 0 and 24 hours."))],
    )
    minutes = IntegerField(
        _l("Minutes"),
        default=0,
        validators=[Optional(), NumberRange(0, 59, _l("Enter between 0 and 59 minutes."))],
    )
    activity = SelectField(
        _l("Activity"),
        choices=[SelectChoice(k, ACTIVITY_LABELS[k]) for k in ACTIVITIES],
        default="advice",
    )
    note = FreeTextField(
        _l("Note (optional)"),
        validators=[Optional(), Length(max=500)],
        description=_l("What was done, in a few words. Names are not needed."),
    )

    def total_minutes(self) -> int:
        return (self.hours.data or 0) * 60 + (self.minutes.data or 0)
