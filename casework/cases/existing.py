"""Which existing worker or employer a case may take on instead of a new record.

The duplicate check offers the records that match what was typed (a worker's exact name
or phone, an employer's name). Choosing one links it to the case, and so makes it
visible through that case; the choice must therefore be one that was offered, or a record
the user may already see. Any other identifier (guessed, copied from an old page, or of a
destroyed record) is refused the same way, as if it did not exist.
"""

from __future__ import annotations

import uuid

from casework import authz
from casework.cases import search
from casework.extensions import db
from casework.models.party import Employer, Worker
from casework.models.user import User
from casework.refusals import Refused


def _seen(cases, user: User | None) -> bool:
    return any(authz.can_on_case(case, "view", user) for case in cases)


def existing_worker(
    existing_id: uuid.UUID | None, name: str | None, phone: str | None, user: User | None = None
) -> Worker | None:
    """The chosen existing worker, or None for a new one; Refused for one not offered."""
    if existing_id is None:
        return None
    worker = db.session.get(Worker, existing_id)
    if worker is not None and worker.shredded_at is None:
        offered = {w.id for w in search.find_workers(name or None, phone or None)}
        if worker.id in offered or _seen(authz.cases_of_worker(worker), user):
            return worker
    raise Refused("name", "match_not_offered")


def existing_employer(
    existing_id: uuid.UUID | None, business_name: str | None, user: User | None = None
) -> Employer | None:
    """The chosen existing employer, or None for a new one; Refused for one not offered."""
    if existing_id is None:
        return None
    employer = db.session.get(Employer, existing_id)
    if employer is not None:
        offered = {e.id for e in search.find_employers(business_name or "", limit=10)}
        if employer.id in offered or _seen(authz.cases_of_employer(employer), user):
            return employer
    raise Refused("business_name", "match_not_offered")


def forget_matches(*subforms) -> None:
    """After a refused choice of an existing record, the next save looks for matches again."""
    for sub in subforms:
        sub.match.data = ""


def chosen_id(value: str | None) -> uuid.UUID | None:
    """The id of the existing record chosen on a form, or None for a new one."""
    try:
        return uuid.UUID(value) if value else None
    except ValueError:
        return None
