"""The immigration-status guard at the storage boundary.

Every text attribute of every model, encrypted or not, is checked by the privacy
guard when it is flushed, whatever wrote it: a form, a service, a command, an
import. A refusal raises ``StatusRefused`` before anything is written, so the
session still holds the refused change and the caller rolls back; nothing of it
reaches the database.

Only the columns in ``EXEMPT`` are not checked: codes, enum values, hashes,
keys and values the code derives itself. A new text column is checked unless it
is added here, and tests/privacy/test_storage_guard.py walks every model so that
a column cannot be forgotten either way.

SQLAlchemy only; no Flask.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session

from casework.privacy import find_status_disclosures

# "Model.attribute" pairs the guard does not read, each with why.
EXEMPT: dict[str, str] = {
    "ApiToken.scopes": "scope codes",
    "ApiToken.token_hash": "hash",
    "AuditEvent.action": "code",
    "BulkRun.kind": "enum",
    "BulkRun.status": "enum",
    "BulkItem.status": "enum",
    "BulkItem.reason": "message key",
    "CalendarFeed.token_hash": "hash",
    "TimeEntry.activity": "enum",
    "Attachment.content_type": "type detected from the file's bytes",
    "Attachment.key_kind": "enum",
    "Attachment.kind": "enum",
    "Attachment.sha256": "hash",
    "DashboardFigures.key": "code",
    "DashboardFigures.payload": "figures computed from records the guard already read",
    "Deadline.label_key": "message key",
    "Deadline.rule_text_key": "message key",
    "ThrottleKey.key": "throttle key written by the code",
    "ThrottleHit.key": "throttle key written by the code",
    "AuditEvent.object_type": "code",
    "AuditEvent.object_id": "row id",
    "AuditEvent.detail": "field names and codes written by the code",
    "AuditEvent.prev_hash": "hash",
    "AuditEvent.hash": "hash",
    "AuditHead.hash": "hash",
    "Case.reference": "generated case reference",
    "Case.case_type": "enum",
    "Case.status": "enum",
    "Case.jurisdiction": "region code",
    "WageClaim.work_city": "city code from the law package",
    "WageClaim.wage_industry": "industry code from the law package",
    "WageClaim.paid_every": "pay schedule code from the law package",
    "Case.outcome": "enum",
    "CaseEmployer.role": "enum",
    "CaseEvent.kind": "code",
    "CaseEvent.detail": "codes written by the code",
    "DataKey.kind": "enum",
    "Deadline.rule_key": "rule code",
    "Deadline.kind": "enum",
    "Deadline.rule": "rule text from the law package",
    "Deadline.source": "legal citation from the law package",
    "Disbursement.method": "enum",
    "Employer.name_key": "derived from business_name, which is checked",
    "Employer.entity_type": "enum",
    "EnforcementAction.kind": "enum",
    "EnforcementAction.status": "enum",
    "InstallmentPlan.every": "enum",
    "Judgment.forum": "enum",
    "Judgment.compounding": "enum",
    "Letter.kind": "enum",
    "Letter.language": "language code",
    "Letter.status": "enum",
    "Letter.amount": "amount written by the code",
    "Letter.pdf_sha256": "hash",
    "Letter.sent_method": "enum",
    "Payment.method": "enum",
    "Payment.source": "enum",
    "RetaliationClaim.forum": "enum",
    "SessionData.purpose": "enum",
    "Setting.key": "code",
    "User.role": "enum",
    "User.password_hash": "hash",
    "User.locale": "language code",
    "User.totp_secret": "key",
    "WageClaim.ruleset_version": "version code",
    "Worker.preferred_language": "language code",
    "Worker.contact_ok_by": "enum",
}


class StatusRefused(ValueError):
    """Text the privacy guard refuses reached a flush; nothing was written.

    It names the attribute and the reasons, never the text.
    """

    def __init__(self, model: str, field: str, reasons: tuple[str, ...]):
        super().__init__(f"{model}.{field}: refused by the immigration-status guard")
        self.model = model
        self.field = field
        self.reasons = reasons
        self.message = "status_disclosure"


def text_attributes(model: type) -> list[str]:
    """Every text attribute of a model: plain string columns and encrypted fields."""
    mapper = inspect(model)
    names = [
        attr.key
        for attr in mapper.column_attrs
        if len(attr.columns) == 1 and isinstance(attr.columns[0].type, String)
    ]
    names.extend(getattr(model, "__encrypted_fields__", {}))
    return sorted(set(names))


def guarded_attributes(model: type) -> list[str]:
    """The text attributes of a model that the guard reads at flush."""
    return [n for n in text_attributes(model) if f"{model.__name__}.{n}" not in EXEMPT]


_GUARDED: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _split(model: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(plain columns, encrypted fields) the guard reads, cached per model."""
    cached = _GUARDED.get(model)
    if cached is None:
        encrypted = set(getattr(model, "__encrypted_fields__", {}))
        names = guarded_attributes(model)
        cached = (
            tuple(n for n in names if n not in encrypted),
            tuple(n for n in names if n in encrypted),
        )
        _GUARDED[model] = cached
    return cached


def changed_texts(obj: Any, *, new: bool) -> Iterator[tuple[str, str]]:
    """(attribute, text) for every guarded text the next flush would write."""
    plain, encrypted = _split(type(obj))
    state = inspect(obj)
    for name in plain:
        if new:
            value = obj.__dict__.get(name)
            values = [value] if value is not None else []
        else:
            values = list(state.attrs[name].history.added or ())
        for value in values:
            if isinstance(value, str) and value:
                yield name, value
    pending = obj.__dict__.get("_cw_pending") or {}
    for name in encrypted:
        value = pending.get(name)
        if isinstance(value, str) and value:
            yield name, value


def check(obj: Any, *, new: bool = True) -> None:
    """Raise StatusRefused if a text the next flush would write discloses status."""
    for name, text in changed_texts(obj, new=new):
        findings = find_status_disclosures(text)
        if findings:
            reasons = tuple(sorted({f.reason for f in findings}))
            raise StatusRefused(type(obj).__name__, name, reasons)


def _check_flush(session: Session, flush_context, instances) -> None:
    for obj in list(session.new):
        check(obj, new=True)
    for obj in list(session.dirty):
        if session.is_modified(obj, include_collections=False) or obj.__dict__.get("_cw_pending"):
            check(obj, new=False)


# Inserted first, so that it runs before encrypted values are sealed.
if not event.contains(Session, "before_flush", _check_flush):
    event.listen(Session, "before_flush", _check_flush, insert=True)
