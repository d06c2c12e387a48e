"""What the API reads and writes, as marshmallow schemas (the OpenAPI description is made
from them). Money is a string with two decimals, dates are ISO 8601, ids are UUIDs."""

from __future__ import annotations

from decimal import Decimal

import marshmallow as ma
from marshmallow import fields, validate

from casework.law.rates import REGIONS
from casework.models.case import CASE_TYPES, STATUSES
from casework.models.judgment import PAYMENT_METHODS, PAYMENT_SOURCES
from casework.models.letter import LETTER_STATUSES
from casework.models.party import CONTACT_METHODS, EMPLOYER_ROLES, ENTITY_TYPES

MONEY_PATTERN = r"^-?[0-9]+\.[0-9]{2}$"
MONEY_MAX = Decimal("10000000.00")
LANGUAGES = ("en", "es")


class Money(fields.Decimal):
    """Dollars and cents as a string: "1234.50"."""

    def __init__(self, **kwargs):
        metadata = {"pattern": MONEY_PATTERN, "example": "1234.50", **kwargs.pop("metadata", {})}
        super().__init__(places=2, as_string=True, allow_nan=False, metadata=metadata, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, float | int) and not isinstance(value, bool):
            raise self.make_error("invalid")  # a string, so that no cent is lost to a float
        if isinstance(value, str):
            try:
                exact = Decimal(value.strip())
                whole_cents = not exact.is_finite() or exact == exact.quantize(Decimal("0.01"))
            except ArithmeticError:  # not a number, or too many digits to hold
                raise self.make_error("invalid") from None
            if not whole_cents:
                raise ma.ValidationError("Use at most two decimals (cents).")
        return super()._deserialize(value, attr, data, **kwargs)


class Text(fields.String):
    """Free text: null bytes removed, surrounding blanks stripped, valid Unicode only."""

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise ma.ValidationError("Not valid Unicode text.") from None
        return text.replace("\x00", "").strip()


class Schema(ma.Schema):
    class Meta:
        ordered = True


# -- problems -------------------------------------------------------------------


class FieldProblem(Schema):
    field = fields.String(required=True)
    message = fields.String(required=True)


class Problem(Schema):
    """RFC 9457 problem details."""

    type = fields.String(required=True)
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    field = fields.String(metadata={"description": "The input the problem is about."})
    message = fields.String(metadata={"description": "What is wrong with that input."})
    errors = fields.List(fields.Nested(FieldProblem))


# -- cases ----------------------------------------------------------------------


class CaseListArgs(Schema):
    status = fields.String(validate=validate.OneOf(STATUSES))
    case_type = fields.String(validate=validate.OneOf(CASE_TYPES))
    jurisdiction = fields.String(validate=validate.OneOf(REGIONS))
    advocate = fields.String(
        validate=validate.Regexp(r"^(none|[0-9a-fA-F-]{36})$"),
        metadata={"description": "A staff member's id, or `none` for unassigned cases."},
    )
    overdue = fields.Boolean()
    open = fields.Boolean(metadata={"description": "Only cases not closed."})
    stale = fields.Boolean(metadata={"description": "No activity for 30 days."})
    due_within = fields.Integer(validate=validate.OneOf((7, 14, 30)))
    sort = fields.String(
        validate=validate.OneOf(
            ("reference", "type", "status", "jurisdiction", "opened", "deadline", "activity")
        )
    )
    dir = fields.String(validate=validate.OneOf(("asc", "desc")))
    page = fields.Integer(validate=validate.Range(min=1, max=100000))


class CaseSummary(Schema):
    id = fields.UUID(required=True)
    reference = fields.String(required=True)
    case_type = fields.String(required=True)
    status = fields.String(required=True)
    jurisdiction = fields.String(required=True)
    opened_on = fields.Date(required=True)
    closed_on = fields.Date(allow_none=True)
    next_deadline_on = fields.Date(allow_none=True)
    assigned_to_id = fields.UUID(allow_none=True)


class CaseList(Schema):
    cases = fields.List(fields.Nested(CaseSummary), required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)


class CaseDetail(CaseSummary):
    outcome = fields.String(allow_none=True)
    narrative = fields.String(allow_none=True)
    first_day_worked = fields.Date(allow_none=True)
    last_day_worked = fields.Date(allow_none=True)
    amount_claimed = Money(allow_none=True)
    amount_demanded = Money(allow_none=True)
    amount_recovered = Money(allow_none=True)
    worker_ids = fields.List(fields.UUID(), required=True)
    employer_ids = fields.List(fields.UUID(), required=True)


class WorkerIn(Schema):
    name = Text(required=True, validate=validate.Length(min=1, max=200))
    phone = Text(validate=validate.Length(max=40))
    email = Text(validate=[validate.Length(max=254), validate.Email()])
    address = Text(validate=validate.Length(max=300))
    preferred_language = fields.String(validate=validate.OneOf(LANGUAGES), load_default="en")
    contact_ok_by = fields.String(validate=validate.OneOf(CONTACT_METHODS), load_default="phone")


class EmployerIn(Schema):
    business_name = Text(required=True, validate=validate.Length(min=1, max=200))
    role = fields.String(validate=validate.OneOf(EMPLOYER_ROLES), load_default="employer")
    address = Text(validate=validate.Length(max=300))
    owner_names = Text(validate=validate.Length(max=300))
    industry = Text(validate=validate.Length(max=80))
    ein = Text(validate=validate.Length(max=12))
    entity_type = fields.String(validate=validate.OneOf(ENTITY_TYPES), load_default="unknown")


class IntakeIn(Schema):
    case_type = fields.String(required=True, validate=validate.OneOf(CASE_TYPES))
    jurisdiction = fields.String(required=True, validate=validate.OneOf(REGIONS))
    narrative = Text(validate=validate.Length(max=20000))
    first_day_worked = fields.Date()
    last_day_worked = fields.Date()
    workers = fields.List(
        fields.Nested(WorkerIn), required=True, validate=validate.Length(min=1, max=50)
    )
    employers = fields.List(
        fields.Nested(EmployerIn), required=True, validate=validate.Length(min=1, max=20)
    )


class WorkerOut(Schema):
    id = fields.UUID(required=True)
    case_worker_id = fields.UUID(required=True)
    name = fields.String(allow_none=True, metadata={"description": "null once shredded"})
    phone = fields.String(allow_none=True)
    email = fields.String(allow_none=True)
    address = fields.String(allow_none=True)
    preferred_language = fields.String(required=True)
    contact_ok_by = fields.String(required=True)


class EmployerOut(Schema):
    id = fields.UUID(required=True)
    role = fields.String(required=True)
    business_name = fields.String(required=True)
    address = fields.String(allow_none=True)
    owner_names = fields.String(allow_none=True)
    industry = fields.String(allow_none=True)
    ein = fields.String(allow_none=True)
    entity_type = fields.String(required=True)


class NoteIn(Schema):
    body = Text(required=True, validate=validate.Length(min=1, max=10000))


class NoteOut(Schema):
    id = fields.UUID(required=True)
    body = fields.String(allow_none=True)
    author_id = fields.UUID(allow_none=True)
    created_at = fields.DateTime(required=True)


class DeadlineOut(Schema):
    id = fields.UUID(required=True)
    label = fields.String(required=True)
    kind = fields.String(required=True)
    due_on = fields.Date(required=True)
    computed = fields.Boolean(required=True)
    done = fields.Boolean(required=True)
    source = fields.String(allow_none=True)


class BreakdownLine(Schema):
    key = fields.String(required=True)
    label = fields.String(required=True)
    amount = Money(required=True)
    citation = fields.String(required=True)


class WorkerBreakdown(Schema):
    case_worker_id = fields.UUID(required=True)
    worker_id = fields.UUID(required=True)
    computed = fields.Boolean(required=True)
    problem = fields.String(allow_none=True, metadata={"description": "Why there is no total."})
    lines = fields.List(fields.Nested(BreakdownLine), required=True)
    unpaid_wages = Money(allow_none=True)
    liquidated_damages = Money(allow_none=True)
    statutory_damages = Money(allow_none=True)
    interest = Money(allow_none=True)
    total = Money(allow_none=True)


class CaseBreakdown(Schema):
    as_of = fields.Date(required=True)
    workers = fields.List(fields.Nested(WorkerBreakdown), required=True)
    total = Money(required=True)


# -- letters --------------------------------------------------------------------


class LetterOut(Schema):
    id = fields.UUID(required=True)
    kind = fields.String(required=True)
    language = fields.String(required=True)
    status = fields.String(required=True, validate=validate.OneOf(LETTER_STATUSES))
    letter_date = fields.Date(required=True)
    pay_by = fields.Date(allow_none=True)
    worker_id = fields.UUID(allow_none=True)
    employer_id = fields.UUID(allow_none=True)
    approved_at = fields.DateTime(allow_none=True)
    sent_on = fields.Date(allow_none=True)
    pdf_sha256 = fields.String(allow_none=True)


# -- judgments and payments -----------------------------------------------------


class PaymentOut(Schema):
    id = fields.UUID(required=True)
    received_on = fields.Date(required=True)
    amount = Money(required=True)
    method = fields.String(required=True)
    source = fields.String(required=True)


class JudgmentOut(Schema):
    id = fields.UUID(required=True)
    forum = fields.String(required=True)
    entered_on = fields.Date(required=True)
    principal = Money(required=True)
    interest_rate = fields.String(
        required=True, metadata={"description": "Yearly rate as a fraction, e.g. 0.09"}
    )
    expires_on = fields.Date(allow_none=True)
    satisfied_on = fields.Date(allow_none=True)
    as_of = fields.Date(required=True)
    interest_accrued = Money(required=True)
    collected = Money(required=True)
    principal_remaining = Money(required=True)
    interest_unpaid = Money(required=True)
    increase = Money(required=True)
    total_due = Money(required=True)
    payments = fields.List(fields.Nested(PaymentOut), required=True)


class PaymentIn(Schema):
    received_on = fields.Date(required=True)
    amount = Money(required=True, validate=validate.Range(min=Decimal("0.01"), max=MONEY_MAX))
    method = fields.String(required=True, validate=validate.OneOf(PAYMENT_METHODS))
    source = fields.String(required=True, validate=validate.OneOf(PAYMENT_SOURCES))
