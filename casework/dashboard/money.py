"""Money over a period: claimed, demanded, judgments, collected and passed on, by month."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import case, extract, func, select

from casework.extensions import db
from casework.models.case import CASE_TYPES, Case
from casework.models.judgment import Disbursement, Judgment, Payment
from casework.models.user import User

ZERO = Decimal("0.00")


def amount(value) -> Decimal:
    """A sum from the database as dollars and cents (0.00 for no rows)."""
    if value is None:
        return ZERO
    return Decimal(value).quantize(Decimal("0.01"))


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
                cell[name] += amount(value)

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
        (case_type, advocate): amount(value)
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
