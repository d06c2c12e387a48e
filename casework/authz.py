"""The one place that decides who may do what. Views ask here; they never check roles."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import wraps

from flask import abort
from flask_login import current_user
from sqlalchemy import or_, select

from casework.extensions import db
from casework.models.case import Case, case_team
from casework.models.user import User

#: Actions that depend only on the role.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "case.create": frozenset({"intake", "advocate", "supervisor"}),
    "case.list": frozenset({"intake", "advocate", "supervisor"}),
    "case.assign": frozenset({"supervisor"}),
    "worker.view": frozenset({"intake", "advocate", "supervisor"}),
    "employer.view": frozenset({"intake", "advocate", "supervisor"}),
    "worker.edit": frozenset({"intake", "advocate", "supervisor"}),
    "employer.edit": frozenset({"advocate", "supervisor"}),
    "deadline.list": frozenset({"intake", "advocate", "supervisor"}),
    "letter.approve": frozenset({"supervisor"}),
    "letter.mail_day": frozenset({"supervisor"}),
    # Start a bulk letter run from the caseload (each case is still checked on its own).
    "letter.bulk": frozenset({"advocate", "supervisor"}),
    "dashboard.view": frozenset({"supervisor"}),
    "export.cases": frozenset({"supervisor"}),
    "time.report": frozenset({"supervisor"}),
    "audit.view": frozenset({"supervisor", "admin"}),
    "users.manage": frozenset({"admin"}),
    "languages.review": frozenset({"supervisor", "admin"}),
    "settings.manage": frozenset({"admin"}),
    "retention.view": frozenset({"supervisor", "admin"}),
    "retention.shred": frozenset({"supervisor"}),
    "worker.shred": frozenset({"admin"}),
    "worker.merge": frozenset({"supervisor"}),
}

#: Actions on one case; who may take them also depends on the case.
CASE_ACTIONS = frozenset(
    {"view", "edit", "note", "status", "calculate", "letter", "judgment", "payment", "close"}
)


def can(action: str, user: User | None = None) -> bool:
    """Whether the user's role allows a role-level action."""
    user = user or current_user
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role in ROLE_PERMISSIONS.get(action, frozenset())


def require(action: str) -> None:
    """403 unless the current user's role allows the action."""
    if not can(action):
        abort(403)


def requires(action: str):
    """View decorator form of require()."""

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            require(action)
            return view(*args, **kwargs)

        return wrapped

    return decorate


def is_on_case(case: Case, user: User) -> bool:
    """Assigned to the case, or on its team."""
    if case.assigned_to_id == user.id:
        return True
    return any(member.id == user.id for member in case.team)


def can_on_case(case: Case, action: str = "view", user: User | None = None) -> bool:
    """Whether the user may take an action on this case."""
    user = user or current_user
    if not getattr(user, "is_authenticated", False) or action not in CASE_ACTIONS:
        return False
    if user.role == "supervisor":
        return True
    if user.role == "advocate":
        return is_on_case(case, user)
    if user.role == "intake":
        # Intake staff keep their own intakes until somebody is assigned, and may record
        # the hours and pay (work periods) the worker tells them.
        return (
            case.opened_by_id == user.id
            and case.assigned_to_id is None
            and case.status == "intake"
            and action in {"view", "edit", "note", "calculate"}
        )
    return False  # admins manage accounts, not case contents


def visible_cases_clause(user: User):
    """A WHERE clause selecting the cases a user may see (None means all)."""
    if user.role == "supervisor":
        return None
    if user.role == "advocate":
        team_cases = select(case_team.c.case_id).where(case_team.c.user_id == user.id)
        return or_(Case.assigned_to_id == user.id, Case.id.in_(team_cases))
    if user.role == "intake":
        return (
            (Case.opened_by_id == user.id)
            & Case.assigned_to_id.is_(None)
            & (Case.status == "intake")
        )
    return Case.id.is_(None)  # nothing


def case_or_404(case_id: uuid.UUID | str, action: str = "view") -> Case:
    """The case, if the current user may take the action on it; 404 otherwise.

    A case the user may not see is indistinguishable from one that does not exist.
    """
    if current_user.role == "admin":
        abort(403)
    try:
        key = case_id if isinstance(case_id, uuid.UUID) else uuid.UUID(str(case_id))
    except ValueError:
        abort(404)
    case = db.session.get(Case, key)
    if case is None or not can_on_case(case, "view"):
        abort(404)
    if not can_on_case(case, action):
        abort(403)
    return case


def _uuid_or_404(value: uuid.UUID | str) -> uuid.UUID:
    try:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))
    except ValueError:
        abort(404)


def _cases_of(link_model, column, key: uuid.UUID) -> list[Case]:
    return list(
        db.session.scalars(
            select(Case).join(link_model, link_model.case_id == Case.id).where(column == key)
        ).unique()
    )


def _shared_record_or_404(model, link_model, column, record_id, action: str):
    """A worker or employer, reached through the cases it is on.

    Visible when the user may see one of its cases (supervisors see every record);
    for an edit, the user must also be allowed to edit one of them, or it is a 404
    as for a case they may only read.
    """
    if current_user.role == "admin":
        abort(403)
    require(action)
    key = _uuid_or_404(record_id)
    record = db.session.get(model, key)
    if record is None:
        abort(404)
    if current_user.role == "supervisor":
        return record
    cases = _cases_of(link_model, column, key)
    if not any(can_on_case(case, "view") for case in cases):
        abort(404)
    if action.endswith(".edit") and not any(can_on_case(case, "edit") for case in cases):
        abort(404)
    return record


def worker_or_404(worker_id: uuid.UUID | str, action: str = "worker.view"):
    """The worker, if the user's role allows the action and they may see one of their cases."""
    from casework.models.case import CaseWorker
    from casework.models.party import Worker

    return _shared_record_or_404(Worker, CaseWorker, CaseWorker.worker_id, worker_id, action)


def employer_or_404(employer_id: uuid.UUID | str, action: str = "employer.view"):
    """The employer, if the user's role allows the action and they may see one of its cases."""
    from casework.models.case import CaseEmployer
    from casework.models.party import Employer

    return _shared_record_or_404(
        Employer, CaseEmployer, CaseEmployer.employer_id, employer_id, action
    )


def cases_of_worker(worker) -> list[Case]:
    from casework.models.case import CaseWorker

    return _cases_of(CaseWorker, CaseWorker.worker_id, worker.id)


def cases_of_employer(employer) -> list[Case]:
    from casework.models.case import CaseEmployer

    return _cases_of(CaseEmployer, CaseEmployer.employer_id, employer.id)


@dataclass(frozen=True)
class SharedRecordCases:
    """What one user may be shown of the cases a worker or employer is on."""

    visible: list[Case]  # the cases the user may open, newest first
    hidden: int  # how many others there are (a count only: no reference, type or amount)
    editable: bool  # whether the user may change the record (every case is theirs to change)


def shared_record_cases(cases: list[Case], edit_action: str, user: User | None = None):
    """Split a shared record's cases into those the user may see and a count of the rest."""
    user = user or current_user
    visible = [case for case in cases if can_on_case(case, "view", user)]
    visible.sort(key=lambda c: c.opened_on, reverse=True)
    editable = can(edit_action, user) and not cases_blocking_edit(cases, user)
    return SharedRecordCases(visible, len(cases) - len(visible), editable)


def visible_case_lists(
    cases_by_record: dict[uuid.UUID, list[Case]], user: User | None = None
) -> dict[uuid.UUID, tuple[list[Case], int]]:
    """For each record, the cases the user may see (in order) and how many others there are."""
    user = user or current_user
    out = {}
    for key, cases in cases_by_record.items():
        visible = [case for case in cases if can_on_case(case, "view", user)]
        out[key] = (visible, len(cases) - len(visible))
    return out


def cases_blocking_edit(cases: list[Case], user: User | None = None) -> list[Case]:
    """The cases among these that the user may not change.

    A record shared by several cases (a worker in two claims, an employer with a
    history) is changed only by someone who may change every one of them.
    """
    user = user or current_user
    return [case for case in cases if not can_on_case(case, "edit", user)]


def edit_every_case_or_403(record, cases: list[Case]) -> list[Case]:
    """The cases of a shared record if the user may change every one; else a 403 saying why."""
    from flask import make_response, render_template
    from flask_babel import gettext as _
    from flask_babel import ngettext

    count = len(cases_blocking_edit(cases))
    if not count:
        return cases
    if record.__tablename__ == "workers":
        message = ngettext(
            "This worker is also on %(num)d case you may not change, so you may not edit "
            "their details. A supervisor can.",
            "This worker is also on %(num)d cases you may not change, so you may not edit "
            "their details. A supervisor can.",
            count,
        )
    else:
        message = ngettext(
            "This employer is also on %(num)d case you may not change, so you may not edit "
            "its details. A supervisor can.",
            "This employer is also on %(num)d cases you may not change, so you may not edit "
            "its details. A supervisor can.",
            count,
        )
    page = render_template("errors/error.html", status=403, title=_("Not allowed"), message=message)
    abort(make_response(page, 403))
