"""Evidence forms: upload a file, remove one."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired, Length, Optional

from casework.forms import FreeTextField


class UploadForm(FlaskForm):
    """One file, what it is about, and a few words on it."""

    file = FileField(
        _l("File"),
        description=_l(
            "A photo (JPEG, PNG or iPhone HEIC), a PDF or plain text. Location and camera "
            "details are removed before the file is stored."
        ),
    )
    about = SelectField(_l("About"), choices=[], validate_choice=False)
    description = FreeTextField(
        _l("Description (optional)"),
        validators=[Optional(), Length(max=500)],
        description=_l("What the file shows, for example “pay stub for the week of March 3”."),
    )


class DeleteForm(FlaskForm):
    """Removing a file asks for a confirmation: it cannot be undone."""

    confirm = BooleanField(
        _l("Remove this file for good"),
        validators=[DataRequired(message=_l("Tick the box to confirm the file is removed."))],
    )
