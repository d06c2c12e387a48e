"""Exports: an aggregate CSV with no identifying data, and a full, encrypted case archive."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import func, select

from casework import audit, csvfile
from casework.crypto.archive import encrypt_archive
from casework.crypto.columns import Unreadable
from casework.crypto.passwords import verify_password
from casework.evidence import service as evidence
from casework.extensions import db
from casework.keys import keystore
from casework.models.base import utcnow
from casework.models.case import Case
from casework.models.judgment import Disbursement, Judgment, Payment
from casework.models.user import User
from casework.refusals import Refused

#: The aggregate export's columns: case facts only, never names, phones or narratives.
AGGREGATE_COLUMNS = (
    "reference",
    "case_type",
    "status",
    "jurisdiction",
    "opened_on",
    "closed_on",
    "outcome",
    "amount_claimed",
    "amount_demanded",
    "judgments_entered",
    "collected",
    "disbursed",
    "amount_recovered",
    "advocate",
)
MAX_FULL_EXPORT = 500
MIN_PASSPHRASE = 12


def aggregate_rows(date_from: date, date_to: date, batch: int = 2000) -> Iterator[list[str]]:
    """One row per case opened in the range: facts and sums, grouped in the database."""
    judged = (
        select(Judgment.case_id, func.sum(Judgment.principal).label("total"))
        .group_by(Judgment.case_id)
        .subquery()
    )
    paid = (
        select(Payment.case_id, func.sum(Payment.amount).label("total"))
        .group_by(Payment.case_id)
        .subquery()
    )
    given = (
        select(Disbursement.case_id, func.sum(Disbursement.amount).label("total"))
        .group_by(Disbursement.case_id)
        .subquery()
    )
    query = (
        select(
            Case.reference,
            Case.case_type,
            Case.status,
            Case.jurisdiction,
            Case.opened_on,
            Case.closed_on,
            Case.outcome,
            Case.amount_claimed,
            Case.amount_demanded,
            judged.c.total,
            paid.c.total,
            given.c.total,
            Case.amount_recovered,
            User.name,
        )
        .outerjoin(judged, judged.c.case_id == Case.id)
        .outerjoin(paid, paid.c.case_id == Case.id)
        .outerjoin(given, given.c.case_id == Case.id)
        .outerjoin(User, User.id == Case.assigned_to_id)
        .where(Case.opened_on.between(date_from, date_to))
        .order_by(Case.opened_on, Case.reference)
        .execution_options(yield_per=batch)
    )
    yield list(AGGREGATE_COLUMNS)
    for row in db.session.execute(query):
        yield [csvfile.cell(v.isoformat() if isinstance(v, date) else v) for v in row]


def aggregate_csv(date_from: date, date_to: date) -> Iterator[str]:
    """The aggregate export as CSV text, streamed in chunks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for n, row in enumerate(aggregate_rows(date_from, date_to), 1):
        writer.writerow(row)
        if n % 500 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def parse_references(text: str) -> list[str]:
    """Case references from text, one per line or separated by commas or spaces."""
    seen: dict[str, None] = {}
    for part in (text or "").replace(",", " ").split():
        seen.setdefault(part.strip().upper(), None)
    return list(seen)


def _plain(value):
    if isinstance(value, Unreadable):
        return None
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def _case_record(case: Case) -> dict:
    workers = []
    for link in case.worker_links:
        w = link.worker
        claim = link.wage_claim
        workers.append(
            {
                "name": _plain(w.name),
                "phone": _plain(w.phone),
                "email": _plain(w.email),
                "address": _plain(w.address),
                "preferred_language": w.preferred_language,
                "contact_ok_by": w.contact_ok_by,
                "shredded": w.shredded_at is not None,
                "wage_claim": None
                if claim is None
                else {
                    "computed_total": _plain(claim.computed_total),
                    "computed_unpaid_wages": _plain(claim.computed_unpaid_wages),
                    "unpaid_final_pay": _plain(claim.unpaid_final_pay),
                    "deductions": _plain(claim.deductions),
                    "tips_withheld": _plain(claim.tips_withheld),
                    "periods": [
                        {
                            "start": _plain(p.start),
                            "end": _plain(p.end),
                            "hours_per_week": _plain(p.hours_per_week),
                            "days_per_week": p.days_per_week,
                            "hourly_rate": _plain(p.hourly_rate),
                            "pay_per_week": _plain(p.pay_per_week),
                        }
                        for p in getattr(claim, "periods", [])
                    ],
                },
            }
        )
    return {
        "reference": case.reference,
        "case_type": case.case_type,
        "status": case.status,
        "jurisdiction": case.jurisdiction,
        "opened_on": _plain(case.opened_on),
        "closed_on": _plain(case.closed_on),
        "outcome": case.outcome,
        "assigned_to": case.assigned_to.name if case.assigned_to else None,
        "amount_claimed": _plain(case.amount_claimed),
        "amount_demanded": _plain(case.amount_demanded),
        "amount_recovered": _plain(case.amount_recovered),
        "narrative": _plain(case.narrative),
        "shredded": case.shredded_at is not None,
        "workers": workers,
        "employers": [
            {
                "business_name": link.employer.business_name,
                "address": link.employer.address,
                "owner_names": _plain(link.employer.owner_names),
                "role": link.role,
            }
            for link in case.employer_links
        ],
        "notes": [
            {
                "created_at": _plain(n.created_at),
                "author": n.author.name if n.author else None,
                "body": _plain(n.body),
            }
            for n in case.notes
        ],
        "deadlines": [
            {
                "label": _plain(d.typed_label) if d.typed_label is not None else d.label,
                "due_on": _plain(d.due_on),
                "rule": d.rule,
                "done": d.done,
            }
            for d in case.deadlines
        ],
        "judgments": [
            {
                "forum": j.forum,
                "entered_on": _plain(j.entered_on),
                "principal": _plain(j.principal),
                "interest_rate": _plain(j.interest_rate),
                "docket_number": _plain(j.docket_number),
                "payments": [
                    {
                        "received_on": _plain(p.received_on),
                        "amount": _plain(p.amount),
                        "method": p.method,
                        "source": p.source,
                    }
                    for p in j.payments
                ],
            }
            for j in case.judgments
        ],
        "timeline": [{"at": _plain(e.at), "kind": e.kind, "detail": e.detail} for e in case.events],
        "evidence": evidence.export_records(case),
    }


def full_export(user: User, password: str, references: list[str], passphrase: str) -> bytes:
    """An encrypted archive of the chosen cases, after the supervisor's password; audited."""
    if not password or not verify_password(user.password_hash, password):
        raise Refused("password", "password")
    if not references:
        raise Refused("references", "references_none")
    if len(references) > MAX_FULL_EXPORT:
        raise Refused("references", "references_many", most=500)
    if len(passphrase or "") < MIN_PASSPHRASE:
        raise Refused("passphrase", "passphrase")
    cases = db.session.scalars(select(Case).where(Case.reference.in_(references))).unique().all()
    found = {c.reference for c in cases}
    missing = [r for r in references if r not in found]
    if missing:
        raise Refused("references", "references_unknown", refs=", ".join(missing[:10]))
    store = keystore()
    ids = {c.id for c in cases}
    ids |= {link.worker_id for c in cases for link in c.worker_links}
    store.preload(db.session, ids)
    cases.sort(key=lambda c: c.reference)
    exported_at = utcnow()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        manifest = {
            "format": "casework-export-1",
            "exported_at": exported_at.isoformat(),
            "exported_by": user.email,
            "cases": [c.reference for c in cases],
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        for case in cases:
            archive.writestr(
                f"cases/{case.reference}.json",
                json.dumps(_case_record(case), indent=2, ensure_ascii=False),
            )
    blob = encrypt_archive(buffer.getvalue(), passphrase)
    for case in cases:
        audit.record("case.export", case, user_id=user.id)
    audit.record(
        "export.full",
        object_type="cases",
        detail=f"{len(cases)} cases",
        user_id=user.id,
    )
    return blob
