"""The audit log, for supervisors and admins: filter by user, case, action and date."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from flask import Blueprint, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from wtforms import DateField, SelectField
from wtforms.validators import Optional

from casework.admin.audit_labels import action_label
from casework.authz import requires
from casework.extensions import db
from casework.forms import StrippedStringField
from casework.models.audit import AuditEvent
from casework.models.case import Case
from casework.models.user import User

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

PER_PAGE = 50


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    user = SelectField(_l("Staff member"), choices=[], validate_choice=False)
    case = StrippedStringField(_l("Case reference"))
    action = SelectField(_l("Action"), choices=[], validate_choice=False)
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


@dataclass
class AuditPage:
    events: list
    total: int
    page: int
    pages: int
    case: Case | None
    case_missing: bool
    viewers: list


def search(
    *,
    user_id: str | None,
    reference: str | None,
    action: str | None,
    date_from: date | None,
    date_to: date | None,
    page: int,
) -> AuditPage:
    """Newest events first, filtered; with who viewed the case when one is chosen."""
    where = []
    case = None
    case_missing = False
    if user_id:
        try:
            where.append(AuditEvent.user_id == uuid.UUID(user_id))
        except ValueError:
            where.append(AuditEvent.seq.is_(None))
    if reference:
        case = db.session.scalar(select(Case).where(Case.reference == reference.upper()))
        if case is None:
            case_missing = True
            where.append(AuditEvent.seq.is_(None))
        else:
            where.append(AuditEvent.case_id == case.id)
    if action:
        where.append(AuditEvent.action == action)
    if date_from:
        where.append(AuditEvent.at >= datetime.combine(date_from, time.min, UTC))
    if date_to:
        where.append(AuditEvent.at < datetime.combine(date_to + timedelta(days=1), time.min, UTC))
    total = db.session.scalar(select(func.count()).select_from(AuditEvent).where(*where)) or 0
    pages = max(1, -(-total // PER_PAGE))
    page = min(max(page, 1), pages)
    events = db.session.execute(
        select(AuditEvent, User.name, Case.reference)
        .outerjoin(User, User.id == AuditEvent.user_id)
        .outerjoin(Case, Case.id == AuditEvent.case_id)
        .where(*where)
        .order_by(AuditEvent.seq.desc())
        .limit(PER_PAGE)
        .offset((page - 1) * PER_PAGE)
    ).all()
    viewers = []
    if case is not None:
        viewers = db.session.execute(
            select(User.name, User.role, func.count(), func.max(AuditEvent.at))
            .join(User, User.id == AuditEvent.user_id)
            .where(AuditEvent.case_id == case.id, AuditEvent.action == "case.view")
            .group_by(User.id, User.name, User.role)
            .order_by(func.max(AuditEvent.at).desc())
        ).all()
    return AuditPage(events, total, page, pages, case, case_missing, viewers)


@bp.get("")
@requires("audit.view")
def index():
    form = AuditFilterForm(request.args)
    users = db.session.execute(select(User.id, User.name).order_by(User.name)).all()
    form.user.choices = [("", _l("Everyone"))] + [(str(i), n) for i, n in users]
    actions = db.session.scalars(
        select(AuditEvent.action).distinct().order_by(AuditEvent.action)
    ).all()
    form.action.choices = [("", _l("Any action"))] + sorted(
        ((a, action_label(a)) for a in actions), key=lambda choice: choice[1].casefold()
    )
    valid = form.validate()
    try:
        page = int(request.args.get("page", "1"))
    except ValueError:
        page = 1
    result = search(
        user_id=form.user.data or None,
        reference=form.case.data or None,
        action=form.action.data or None,
        date_from=form.date_from.data if valid else None,
        date_to=form.date_to.data if valid else None,
        page=page,
    )
    args = {k: v for k, v in request.args.items() if k != "page" and v}
    return render_template(
        "admin/audit.html", form=form, result=result, args=args, action_label=action_label
    )
