"""The supervisors' figures: caseloads, deadlines, money, repeat offenders, letters awaiting.

Every figure is one aggregate query (GROUP BY in the database), never a loop over
all cases in Python, so the dashboard stays fast on a center's whole history.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import and_, case, distinct, extract, func, or_, select

from casework.cases import stale
from casework.extensions import db
from casework.models.base import utcnow
from casework.models.case import CASE_TYPES, STATUSES, Case, CaseEmployer, Deadline
from casework.models.judgment import Disbursement, Judgment, Payment
from casework.models.letter import Letter
from casework.models.party import Employer
from casework.models.user import User

ZERO = Decimal("0.00")
OPEN_STATUSES = tuple(s for s in STATUSES if s != "closed")
SOON_DAYS = 14
LIMITATION_WARNING_DAYS = 60
#: Roles joined on a case whose employers count as one for repeat offenders.
LINKED_ROLES = ("successor", "joint_employer")
#: Letters waiting for a supervisor's approval.
AWAITING_STATUSES = ("draft",)


def _money(value) -> Decimal:
    if value is None:
        return ZERO
    return Decimal(value).quantize(Decimal("0.01"))


# -- caseload ----------------------------------------------------------------
@dataclass
class AdvocateLoad:
    """One advocate's open cases, stale cases and deadlines."""

    user_id: uuid.UUID | None
    name: str
    open_cases: int = 0
    by_type: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    stale: int = 0
    overdue: int = 0
    due_soon: int = 0


def caseload(today: date, now=None) -> list[AdvocateLoad]:
    """Open cases per advocate by type and status, stale cases, overdue and soon-due deadlines."""
    not_moving = stale.clause(now or utcnow())
    loads: dict[uuid.UUID | None, AdvocateLoad] = {}

    def load(user_id):
        if user_id not in loads:
            loads[user_id] = AdvocateLoad(user_id, "")
        return loads[user_id]

    open_case = Case.status != "closed"
    # One pass over the covering index (status, advocate, type, last activity, next
    # deadline): open cases and, with a conditional sum, those nobody is moving.
    rows = db.session.execute(
        select(
            Case.assigned_to_id,
            Case.case_type,
            Case.status,
            func.count(),
            func.sum(case((not_moving, 1), else_=0)),
        )
        .where(open_case)
        .group_by(Case.assigned_to_id, Case.case_type, Case.status)
    ).all()
    for user_id, case_type, status, count, not_moving_count in rows:
        row = load(user_id)
        row.open_cases += count
        row.stale += int(not_moving_count or 0)
        row.by_type[case_type] = row.by_type.get(case_type, 0) + count
        row.by_status[status] = row.by_status.get(status, 0) + count
    soon = today + timedelta(days=SOON_DAYS)
    for user_id, overdue, due_soon in db.session.execute(
        select(
            Case.assigned_to_id,
            # Cases, not deadlines: each count links to the list of those cases.
            func.count(distinct(case((Deadline.due_on < today, Deadline.case_id)))),
            func.count(distinct(case((Deadline.due_on >= today, Deadline.case_id)))),
        )
        .join(Case, Case.id == Deadline.case_id)
        .where(open_case, Deadline.done.is_(False), Deadline.due_on <= soon)
        .group_by(Case.assigned_to_id)
    ).all():
        row = load(user_id)
        row.overdue = int(overdue or 0)
        row.due_soon = int(due_soon or 0)
    # Advocates with no open cases still appear: an empty caseload is news too.
    staff = db.session.execute(
        select(User.id, User.name).where(
            or_(User.id.in_([k for k in loads if k is not None]), User.role == "advocate"),
            or_(User.active.is_(True), User.id.in_([k for k in loads if k is not None])),
        )
    ).all()
    for user_id, name in staff:
        load(user_id).name = name
    ordered = sorted(
        (row for key, row in loads.items() if key is not None), key=lambda r: r.name.casefold()
    )
    if None in loads:
        ordered.append(loads[None])
    return ordered


def caseload_totals(rows: list[AdvocateLoad]) -> AdvocateLoad:
    total = AdvocateLoad(None, "")
    for row in rows:
        total.open_cases += row.open_cases
        total.stale += row.stale
        total.overdue += row.overdue
        total.due_soon += row.due_soon
        for key, value in row.by_type.items():
            total.by_type[key] = total.by_type.get(key, 0) + value
        for key, value in row.by_status.items():
            total.by_status[key] = total.by_status.get(key, 0) + value
    return total


# -- deadlines ---------------------------------------------------------------
@dataclass(frozen=True)
class DeadlineRow:
    deadline_id: uuid.UUID
    case_id: uuid.UUID
    reference: str
    label: str
    rule: str | None
    kind: str
    computed: bool
    due_on: date
    advocate: str | None
    highlight: bool
    #: A limitation date already passed (the time to file has run out).
    limitation_passed: bool = False
    # Its words, shown by casework.messages: message keys and values, or the typed label.
    label_key: str | None = None
    rule_text_key: str | None = None
    params: dict | None = None
    typed_label: str | None = None


@dataclass
class DeadlineBoard:
    overdue: list[DeadlineRow]
    this_week: list[DeadlineRow]
    next_30: list[DeadlineRow]
    overdue_total: int
    this_week_total: int
    next_30_total: int


def deadline_board(today: date, limit: int = 50) -> DeadlineBoard:
    """Open deadlines on open cases: overdue, the next 7 days, days 8 to 30; by date."""
    week_end = today + timedelta(days=6)
    month_end = today + timedelta(days=30)
    base = (
        select(
            Deadline.id,
            Deadline.case_id,
            Case.reference,
            Deadline.label,
            Deadline.rule,
            Deadline.kind,
            Deadline.computed,
            Deadline.due_on,
            User.name,
            Deadline,
        )
        .join(Case, Case.id == Deadline.case_id)
        .outerjoin(User, User.id == Case.assigned_to_id)
        .where(Case.status != "closed", Deadline.done.is_(False))
    )
    warn = today + timedelta(days=LIMITATION_WARNING_DAYS)

    def rows(*where):
        result = db.session.execute(
            base.where(*where).order_by(Deadline.due_on, Case.reference).limit(limit)
        ).all()
        return [
            DeadlineRow(
                r.id,
                r.case_id,
                r.reference,
                r.label,
                r.rule,
                r.kind,
                r.computed,
                r.due_on,
                r.name,
                r.kind == "limitation" and today <= r.due_on <= warn,
                r.kind == "limitation" and r.due_on < today,
                r.Deadline.label_key,
                r.Deadline.rule_text_key,
                r.Deadline.params,
                str(r.Deadline.typed_label) if r.Deadline.typed_label is not None else None,
            )
            for r in result
        ]

    overdue_w = (Deadline.due_on < today,)
    week_w = (Deadline.due_on >= today, Deadline.due_on <= week_end)
    month_w = (Deadline.due_on > week_end, Deadline.due_on <= month_end)
    counts = db.session.execute(
        select(
            func.sum(case((Deadline.due_on < today, 1), else_=0)),
            func.sum(case((and_(*week_w), 1), else_=0)),
            func.sum(case((and_(*month_w), 1), else_=0)),
        )
        .join(Case, Case.id == Deadline.case_id)
        .where(Case.status != "closed", Deadline.done.is_(False), Deadline.due_on <= month_end)
    ).one()
    return DeadlineBoard(
        rows(*overdue_w),
        rows(*week_w),
        rows(*month_w),
        int(counts[0] or 0),
        int(counts[1] or 0),
        int(counts[2] or 0),
    )


# -- money -------------------------------------------------------------------
@dataclass
class MoneyLine:
    """Money figures for one group (a month, a case type, an advocate, or everything)."""

    key: object = None
    label: str = ""
    claimed: Decimal = ZERO
    demanded: Decimal = ZERO
    judgments: Decimal = ZERO
    collected: Decimal = ZERO
    disbursed: Decimal = ZERO
    outstanding: Decimal = ZERO
    cohort_collected: Decimal = ZERO

    @property
    def recovery_rate(self) -> Decimal | None:
        """Share of the judgments entered in the period that has been collected so far."""
        if not self.judgments:
            return None
        return (self.cohort_collected / self.judgments * 100).quantize(Decimal("0.1"))


@dataclass
class MoneyReport:
    date_from: date
    date_to: date
    total: MoneyLine
    by_month: list[MoneyLine]
    by_type: list[MoneyLine]
    by_advocate: list[MoneyLine]


def _ym(col):
    return [extract("year", col), extract("month", col)]


def _cells(date_from: date, date_to: date) -> tuple[dict, dict]:
    """Money at its finest grain, one query per table, rolled up in Python afterwards.

    Flows (claimed, demanded, judgments, collected, disbursed) are keyed by
    (year, month, case type, advocate); outstanding, a balance at the end of the
    period, is keyed by (case type, advocate).
    """
    flows: dict[tuple, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))

    def add(rows, *names):
        for row in rows:
            year, month, case_type, advocate = row[:4]
            cell = flows[(int(year), int(month), case_type, advocate)]
            for name, value in zip(names, row[4:], strict=True):
                cell[name] += _money(value)

    add(
        db.session.execute(
            select(
                *_ym(Case.opened_on),
                Case.case_type,
                Case.assigned_to_id,
                func.sum(Case.amount_claimed),
                func.sum(Case.amount_demanded),
            )
            .where(Case.opened_on.between(date_from, date_to))
            .group_by(*_ym(Case.opened_on), Case.case_type, Case.assigned_to_id)
        ).all(),
        "claimed",
        "demanded",
    )
    # What was paid toward each judgment by the end of the period (one pass over payments).
    paid = (
        select(Payment.judgment_id.label("judgment_id"), func.sum(Payment.amount).label("paid"))
        .where(Payment.received_on <= date_to)
        .group_by(Payment.judgment_id)
        .subquery()
    )
    paid_amount = func.coalesce(paid.c.paid, 0)
    in_range = select(Judgment.id).where(Judgment.entered_on.between(date_from, date_to))
    cohort_paid = (
        select(Payment.judgment_id.label("judgment_id"), func.sum(Payment.amount).label("paid"))
        .where(Payment.received_on <= date_to, Payment.judgment_id.in_(in_range))
        .group_by(Payment.judgment_id)
        .subquery()
    )
    add(
        db.session.execute(
            select(
                *_ym(Judgment.entered_on),
                Case.case_type,
                Case.assigned_to_id,
                func.sum(Judgment.principal),
                func.sum(func.coalesce(cohort_paid.c.paid, 0)),
            )
            .select_from(Judgment)
            .join(Case, Case.id == Judgment.case_id)
            .outerjoin(cohort_paid, cohort_paid.c.judgment_id == Judgment.id)
            .where(Judgment.entered_on.between(date_from, date_to))
            .group_by(*_ym(Judgment.entered_on), Case.case_type, Case.assigned_to_id)
        ).all(),
        "judgments",
        "cohort_collected",
    )
    for table, when, name in (
        (Payment, Payment.received_on, "collected"),
        (Disbursement, Disbursement.paid_on, "disbursed"),
    ):
        add(
            db.session.execute(
                select(*_ym(when), Case.case_type, Case.assigned_to_id, func.sum(table.amount))
                .select_from(table)
                .join(Case, Case.id == table.case_id)
                .where(when.between(date_from, date_to))
                .group_by(*_ym(when), Case.case_type, Case.assigned_to_id)
            ).all(),
            name,
        )
    left = Judgment.principal - paid_amount
    # Owed per case first (judgments and their payments only), then one look-up per case
    # with a judgment, instead of the database walking every case to find the judgments.
    owed = (
        select(
            Judgment.case_id.label("case_id"),
            func.sum(case((left > 0, left), else_=0)).label("owed"),
        )
        .outerjoin(paid, paid.c.judgment_id == Judgment.id)
        .where(Judgment.entered_on <= date_to)
        .group_by(Judgment.case_id)
        .subquery()
    )
    outstanding = {
        (case_type, advocate): _money(value)
        for case_type, advocate, value in db.session.execute(
            select(Case.case_type, Case.assigned_to_id, func.sum(owed.c.owed))
            .select_from(owed)
            .join(Case, Case.id == owed.c.case_id)
            .group_by(Case.case_type, Case.assigned_to_id)
        ).all()
    }
    return flows, outstanding


FLOW_FIELDS = ("claimed", "demanded", "judgments", "collected", "disbursed", "cohort_collected")


def money_report(date_from: date, date_to: date) -> MoneyReport:
    """Claimed, demanded, judgments, collected, disbursed, outstanding; by month, type, advocate.

    Outstanding is a balance, not a flow: it appears in the total and by type and
    advocate, not by month.
    """
    flows, outstanding = _cells(date_from, date_to)
    total = MoneyLine()
    months: dict[date, MoneyLine] = {}
    types: dict[str, MoneyLine] = {}
    advocates: dict[uuid.UUID | None, MoneyLine] = {}
    for (year, month, case_type, advocate), cell in flows.items():
        lines = (
            total,
            months.setdefault(date(year, month, 1), MoneyLine(key=date(year, month, 1))),
            types.setdefault(case_type, MoneyLine(key=case_type)),
            advocates.setdefault(advocate, MoneyLine(key=advocate)),
        )
        for line in lines:
            for name in FLOW_FIELDS:
                setattr(line, name, getattr(line, name) + cell[name])
    for (case_type, advocate), value in outstanding.items():
        if not value:
            continue
        total.outstanding += value
        types.setdefault(case_type, MoneyLine(key=case_type)).outstanding += value
        advocates.setdefault(advocate, MoneyLine(key=advocate)).outstanding += value
    names = dict(
        db.session.execute(
            select(User.id, User.name).where(User.id.in_([k for k in advocates if k is not None]))
        ).all()
    )
    for key, line in advocates.items():
        line.label = names.get(key, "")
    return MoneyReport(
        date_from,
        date_to,
        total,
        [months[k] for k in sorted(months)],
        [types[t] for t in CASE_TYPES if t in types],
        sorted(advocates.values(), key=lambda line: (line.key is None, line.label.casefold())),
    )


def opened_closed_by_month(date_from: date, date_to: date) -> list[tuple[date, int, int]]:
    """(first of month, cases opened, cases closed) for each month in the range."""
    opened = dict(
        (
            ((int(y), int(m)), n)
            for y, m, n in db.session.execute(
                select(
                    extract("year", Case.opened_on), extract("month", Case.opened_on), func.count()
                )
                .where(Case.opened_on.between(date_from, date_to))
                .group_by(extract("year", Case.opened_on), extract("month", Case.opened_on))
            ).all()
        )
    )
    closed = dict(
        (
            ((int(y), int(m)), n)
            for y, m, n in db.session.execute(
                select(
                    extract("year", Case.closed_on), extract("month", Case.closed_on), func.count()
                )
                .where(Case.closed_on.between(date_from, date_to))
                .group_by(extract("year", Case.closed_on), extract("month", Case.closed_on))
            ).all()
        )
    )
    return [
        (m, opened.get((m.year, m.month), 0), closed.get((m.year, m.month), 0))
        for m in months_between(date_from, date_to)
    ]


def collected_by_month(report: MoneyReport) -> list[tuple[date, Decimal]]:
    have = {line.key: line.collected for line in report.by_month}
    return [(m, have.get(m, ZERO)) for m in months_between(report.date_from, report.date_to)]


def months_between(date_from: date, date_to: date) -> list[date]:
    out = []
    month = date(date_from.year, date_from.month, 1)
    while month <= date_to and len(out) < 120:
        out.append(month)
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    return out


# -- repeat offenders --------------------------------------------------------
@dataclass
class Offender:
    """Employers that are one business for our purposes, and their cases."""

    names: list[str]
    case_count: int
    open_cases: int
    owed: Decimal
    collected: Decimal
    case_ids: list[uuid.UUID]


def repeat_offenders(limit: int = 50) -> list[Offender]:
    """Employers with more than one case, matched by name and through successors/joint employers.

    An employer's name key matches it across cases; employers named on one case in a
    successor or joint-employer role are merged with that case's other employers. The
    counting is done in the database; only the groups shown are summed up in detail.
    """
    key_case = (
        select(Employer.name_key.label("name_key"), CaseEmployer.case_id.label("case_id"))
        .join(CaseEmployer, CaseEmployer.employer_id == Employer.id)
        .distinct()
        .subquery()
    )
    # Businesses joined on one case through a linked role (few rows: multi-employer cases).
    linked = select(CaseEmployer.case_id).where(CaseEmployer.role.in_(LINKED_ROLES))
    pairs = db.session.execute(
        select(key_case.c.case_id, key_case.c.name_key).where(key_case.c.case_id.in_(linked))
    ).all()
    parent: dict[str, str] = {}

    def find(key):
        parent.setdefault(key, key)
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    by_case: dict[uuid.UUID, list[str]] = defaultdict(list)
    for case_id, key in pairs:
        by_case[case_id].append(key)
    for keys in by_case.values():
        for other in keys[1:]:
            parent[find(other)] = find(keys[0])
    linked_keys = set(parent)
    # Groups without links: one name key each, counted in SQL; the largest first.
    groups: dict[str, set] = {}
    linked_names = (
        select(Employer.name_key)
        .join(CaseEmployer, CaseEmployer.employer_id == Employer.id)
        .where(CaseEmployer.case_id.in_(linked))
    )
    cases_n = func.count(distinct(CaseEmployer.case_id))
    top = db.session.execute(
        select(Employer.name_key, cases_n)
        .join(CaseEmployer, CaseEmployer.employer_id == Employer.id)
        .where(Employer.name_key.not_in(linked_names))
        .group_by(Employer.name_key)
        .having(cases_n > 1)
        .order_by(cases_n.desc(), Employer.name_key)
        .limit(limit)
    ).all()
    wanted = [key for key, _n in top] + sorted(linked_keys)
    if not wanted:
        return []
    names: dict[str, set] = defaultdict(set)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for key, business_name, case_id in db.session.execute(
            select(Employer.name_key, Employer.business_name, CaseEmployer.case_id)
            .join(CaseEmployer, CaseEmployer.employer_id == Employer.id)
            .where(Employer.name_key.in_(chunk))
        ).all():
            root = find(key) if key in linked_keys else key
            groups.setdefault(root, set()).add(case_id)
            names[root].add(business_name)
    ranked = sorted(
        ((root, ids) for root, ids in groups.items() if len(ids) > 1),
        key=lambda item: (-len(item[1]), min(names[item[0]], key=str.casefold).casefold()),
    )[:limit]
    if not ranked:
        return []
    figures = case_figures(set().union(*(ids for _root, ids in ranked)))
    offenders = []
    for root, group in ranked:
        ids = sorted(group, key=str)
        offenders.append(
            Offender(
                names=sorted(names[root], key=str.casefold),
                case_count=len(ids),
                open_cases=sum(1 for i in ids if figures[i]["open"]),
                owed=sum((figures[i]["owed"] for i in ids), ZERO),
                collected=sum((figures[i]["collected"] for i in ids), ZERO),
                case_ids=ids,
            )
        )
    return offenders


def case_figures(case_ids) -> dict[uuid.UUID, dict]:
    """Per case: open or not, owed (judgments, else claimed), collected."""
    ids = list(case_ids)
    out: dict[uuid.UUID, dict] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        judged = (
            select(Judgment.case_id, func.sum(Judgment.principal).label("principal"))
            .where(Judgment.case_id.in_(chunk))
            .group_by(Judgment.case_id)
            .subquery()
        )
        paid = (
            select(Payment.case_id, func.sum(Payment.amount).label("paid"))
            .where(Payment.case_id.in_(chunk))
            .group_by(Payment.case_id)
            .subquery()
        )
        for case_id, status, claimed, principal, amount_paid in db.session.execute(
            select(Case.id, Case.status, Case.amount_claimed, judged.c.principal, paid.c.paid)
            .outerjoin(judged, judged.c.case_id == Case.id)
            .outerjoin(paid, paid.c.case_id == Case.id)
            .where(Case.id.in_(chunk))
        ).all():
            out[case_id] = {
                "open": status != "closed",
                "owed": _money(principal if principal is not None else claimed),
                "collected": _money(amount_paid),
            }
    return out


# -- letters -----------------------------------------------------------------
@dataclass(frozen=True)
class AwaitingLetter:
    letter_id: uuid.UUID
    case_id: uuid.UUID
    reference: str
    kind: str
    language: str
    created_at: object
    generated_by: str | None


def letters_awaiting(limit: int = 100) -> list[AwaitingLetter]:
    """Letters generated and waiting for a supervisor, oldest first."""
    rows = db.session.execute(
        select(
            Letter.id,
            Letter.case_id,
            Case.reference,
            Letter.kind,
            Letter.language,
            Letter.created_at,
            User.name,
        )
        .join(Case, Case.id == Letter.case_id)
        .outerjoin(User, User.id == Letter.generated_by_id)
        .where(Letter.status.in_(AWAITING_STATUSES), Letter.copy_of_id.is_(None))
        .order_by(Letter.created_at)
        .limit(limit)
    ).all()
    return [AwaitingLetter(*row) for row in rows]


def open_status_keys() -> tuple[str, ...]:
    return OPEN_STATUSES


# -- the whole page, cached briefly ------------------------------------------
@dataclass
class Dashboard:
    """Every figure on the dashboard but the letters (those change with each approval)."""

    computed_at: object
    loads: list[AdvocateLoad]
    totals: AdvocateLoad
    board: DeadlineBoard
    report: MoneyReport
    offenders: list[Offender]
    references: dict
    opened_closed: list
    collected: list


def dashboard(
    today: date, date_from: date, date_to: date, *, cache_seconds: float = 0, fresh: bool = False
) -> Dashboard:
    """The dashboard's figures: those stored in the database if younger than cache_seconds.

    Aggregating a whole network's history takes a moment; every process and server
    reads the same stored figures, which the writes that change them delete. `fresh`
    recomputes.
    """
    from casework.dashboard import cache

    key = cache.key_for(today, date_from, date_to)
    if cache_seconds and not fresh:
        stored = cache.load(key, cache_seconds)
        if stored is not None:
            return _with_typed_labels(stored)
    loads = caseload(today)
    report = money_report(date_from, date_to)
    offenders = repeat_offenders()
    ids = {i for o in offenders for i in o.case_ids[:10]}
    references = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids)[start : start + 500]
        references.update(
            db.session.execute(select(Case.id, Case.reference).where(Case.id.in_(chunk))).all()
        )
    result = Dashboard(
        computed_at=utcnow(),
        loads=loads,
        totals=caseload_totals(loads),
        board=deadline_board(today),
        report=report,
        offenders=offenders,
        references=references,
        opened_closed=opened_closed_by_month(date_from, date_to),
        collected=collected_by_month(report),
    )
    if cache_seconds:
        cache.store(key, _without_typed_labels(result))
    return result


def _board_rows(figures: Dashboard) -> list[DeadlineRow]:
    board = figures.board
    return [*board.overdue, *board.this_week, *board.next_30]


def _without_typed_labels(figures: Dashboard) -> Dashboard:
    """The figures as stored: a label typed by staff is encrypted with its case's key and
    stays in the deadlines table; the stored figures keep only which deadline it was."""
    board = figures.board
    plain = {
        name: [
            r if r.computed else dataclasses.replace(r, typed_label=None, label="")
            for r in getattr(board, name)
        ]
        for name in ("overdue", "this_week", "next_30")
    }
    return dataclasses.replace(figures, board=dataclasses.replace(board, **plain))


def _with_typed_labels(figures: Dashboard) -> Dashboard:
    """Stored figures with each typed label read back (decrypted) from its deadline."""
    wanted = [r.deadline_id for r in _board_rows(figures) if not r.computed]
    if not wanted:
        return figures
    found = {d.id: d for d in db.session.scalars(select(Deadline).where(Deadline.id.in_(wanted)))}

    def filled_in(row: DeadlineRow) -> DeadlineRow:
        deadline = found.get(row.deadline_id)
        if row.computed or deadline is None:
            return row
        typed = str(deadline.typed_label) if deadline.typed_label is not None else None
        return dataclasses.replace(row, typed_label=typed, label=deadline.label or "")

    board = figures.board
    filled = {
        name: [filled_in(r) for r in getattr(board, name)]
        for name in ("overdue", "this_week", "next_30")
    }
    figures = dataclasses.replace(figures, board=dataclasses.replace(board, **filled))
    return figures
