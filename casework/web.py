"""Showing a refusal to the person who asked: next to its field, in their language.

Services raise ``casework.refusals.Refused(field, code, **params)``; each area keeps a
mapping from codes to lazy messages (``%(name)s`` placeholders for the params). These
two helpers are the one place a refusal becomes words on a page.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import flash

from casework.refusals import Refused

#: Shown when an area has no message for a code (a defect, but never a 500).
FALLBACK = "invalid"


def refusal_message(refused: Refused, messages: Mapping[str, object]) -> str:
    """The refusal in words: the area's message for its code, filled with its params."""
    template = messages.get(refused.code) or messages.get(FALLBACK)
    if template is None:
        from flask_babel import gettext

        return gettext("This could not be saved. Check the form and try again.")
    text = str(template)
    if refused.params:
        try:
            return text % refused.params
        except (KeyError, TypeError, ValueError):
            return text
    return text


def show_refusal(form, refused: Refused, messages: Mapping[str, object]) -> None:
    """Put the message next to its field on the form, or above the form if it has none."""
    message = refusal_message(refused, messages)
    field = getattr(form, refused.field, None) if form is not None else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*list(field.errors or []), message]
    else:
        flash(message, "error")
