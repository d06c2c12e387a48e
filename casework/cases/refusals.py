"""The cases area's refusals in words: one message per code its services raise."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

MESSAGES = {
    "status_disclosure": _l(
        "Casework never records immigration status. Remove those words; the rest is kept."
    ),
    "stale": _l(
        "Somebody else saved this case while you were editing it. Nothing of yours was saved: "
        "your changes are kept below. Check the case and save again."
    ),
    "not_allowed": _l("A case cannot move to that status from its current one."),
    "unknown_status": _l("Choose a status from the list."),
    "outcome_required": _l("Closing a case needs an outcome."),
    "amount_required": _l("Closing a case needs the amount recovered (0 if nothing)."),
    "already_on_case": _l("That record is already on this case."),
    "invalid": _l("Choose a value from the list."),
    "required": _l("This is required."),
    "not_found": _l("That deadline is not on this case."),
    "reference_busy": _l("Casework could not number the case; please save again."),
    "match_not_offered": _l(
        "That existing record does not match the name or phone typed here. Nothing was "
        "saved: check what you typed, save again and choose from the records Casework finds."
    ),
}
