"""Repeat offenders: businesses (and successors) with several cases; each case's figures."""

from __future__ import annotations

import uuid
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import distinct, func, select

from casework.dashboard.money import ZERO, amount
from casework.extensions import db
from casework.models.case import Case, CaseEmployer
from casework.models.judgment import Judgment, Payment
from casework.models.party import Employer

#: Roles joined on a case whose employers count as one for repeat offenders.
LINKED_ROLES = ("successor", "joint_employer")


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
                "owed": amount(principal if principal is not None else claimed),
                "collected": amount(amount_paid),
            }
    return out
