"""Showing a refusal to the person who asked: next to its field, in their language.

Services raise ``casework.refusals.Refused(field, code, **params)``; each area keeps a
mapping from codes to lazy messages (``%(name)s`` placeholders for the params). These
two helpers are the one place a refusal becomes words on a page.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal

from flask import flash

from casework.refusals import Refused

#: Shown when an area has no message for a code (a defect, but never a 500).
FALLBACK = "invalid"


def _shown(name: str, value, formats: Mapping[str, Callable] | None) -> object:
    from casework.i18n import day, money

    if formats and name in formats:
        return formats[name](value)
    if isinstance(value, Decimal):
        return money(value)
    if isinstance(value, date):
        return day(value)
    return value


def refusal_message(
    refused: Refused, messages: Mapping[str, object], formats: Mapping[str, Callable] | None = None
) -> str:
    """The refusal in words: the area's message for its code, filled with its params.

    Amounts (Decimal) show as dollars and dates as dates in the reader's language;
    ``formats`` names a function for any other value (a rate as a percentage).
    """
    template = messages.get(refused.code) or messages.get(FALLBACK)
    if template is None:
        from flask_babel import gettext

        return gettext("This could not be saved. Check the form and try again.")
    text = str(template)
    if refused.params:
        shown = {k: _shown(k, v, formats) for k, v in refused.params.items()}
        try:
            return text % shown
        except (KeyError, TypeError, ValueError):
            return text
    return text


def show_refusal(
    form,
    refused: Refused,
    messages: Mapping[str, object],
    formats: Mapping[str, Callable] | None = None,
) -> None:
    """Put the message next to its field on the form, or above the page when it has none."""
    message = refusal_message(refused, messages, formats)
    field = getattr(form, refused.field, None) if form is not None else None
    if field is not None and hasattr(field, "errors"):
        if isinstance(field.errors, list):
            field.errors.append(message)
        else:
            field.errors = [*list(field.errors or []), message]
    else:
        flash(message, "error")
