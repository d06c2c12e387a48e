"""What follows once a judgment's clock has run: said in words beside each date passed."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from casework.law.i18n import N_
from casework.models.case import Deadline

#: Rule key (as stored on the deadline) -> what it means now that the day has passed.
CONSEQUENCES = {
    "ny_fifteen_percent": N_(
        "The balance then unpaid rose by 15%; the increase is part of the total due."
    ),
    "ny_renewal_window_opens": N_("A renewal action may now be started."),
    "ny_lien_expires": N_("The lien on the debtor's real property has lapsed unless renewed."),
    "ny_judgment_expires": N_("The judgment can no longer be enforced."),
    "ca_judgment_expires": N_("The judgment can no longer be enforced unless it was renewed."),
    "ca_renewal_deadline": N_("The time to apply to renew the judgment has ended."),
    "ca_renewal_window_opens": N_("The judgment may now be renewed again."),
    "ca_lc238_bond": N_(
        "If the employer posted no bond, the Labor Commissioner can stop it from doing "
        "business in California until it does."
    ),
}
DEFAULT = N_("This date has passed.")
FOLLOW_UP = N_("Follow up: this was due on that day.")


def has_passed(deadline: Deadline, today: date | None = None) -> bool:
    return not deadline.done and deadline.due_on < (today or date.today())


def consequence(deadline: Deadline) -> str:
    """In the reader's language: what follows from this date having passed."""
    key = deadline.rule_key or ""
    if key in CONSEQUENCES:
        return _(CONSEQUENCES[key])
    if deadline.kind == "follow_up":
        return _(FOLLOW_UP)
    return _(DEFAULT)


def passed_text(deadline: Deadline, today: date | None = None) -> str:
    """ "Passed on 2 March 2026 (12 days ago): <what follows>." """
    from casework.i18n import day

    today = today or date.today()
    return ngettext(
        "Passed on %(day)s (%(num)s day ago). %(consequence)s",
        "Passed on %(day)s (%(num)s days ago). %(consequence)s",
        (today - deadline.due_on).days,
        day=day(deadline.due_on),
        consequence=consequence(deadline),
    )
