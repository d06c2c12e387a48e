"""Forms for judgments, payments, installment plans, disbursements and enforcement."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
)
from wtforms.validators import DataRequired, NumberRange, Optional

from casework.forms import FreeTextField, MoneyField, StrippedStringField

FORUM_CHOICES = [
    ("court", _l("Court")),
    ("labor_department", _l("State labor department")),
    ("labor_commissioner", _l("Labor commissioner")),
    ("workers_comp_board", _l("Workers' compensation board")),
    ("settlement", _l("Settlement")),
]
METHOD_CHOICES = [
    ("check", _l("Check")),
    ("money_order", _l("Money order")),
    ("cash", _l("Cash")),
    ("wire", _l("Wire transfer")),
    ("card", _l("Card")),
    ("other", _l("Other")),
]
SOURCE_CHOICES = [
    ("employer", _l("Employer")),
    ("bank_levy", _l("Bank levy")),
    ("sheriff_marshal", _l("Sheriff or marshal")),
    ("income_execution", _l("Income execution")),
    ("insurer", _l("Insurer")),
    ("other", _l("Other")),
]
DISBURSEMENT_METHOD_CHOICES = [
    ("check", _l("Check")),
    ("cash", _l("Cash")),
    ("money_order", _l("Money order")),
    ("direct_deposit", _l("Direct deposit")),
    ("other", _l("Other")),
]
ENFORCEMENT_CHOICES = [
    ("restraining_notice", _l("Restraining notice")),
    ("bank_levy", _l("Bank levy")),
    ("income_execution", _l("Income execution")),
    ("property_execution", _l("Property execution")),
    ("real_property_lien", _l("Real-property lien")),
    ("stop_work_order", _l("Stop-work order")),
    ("license_hold", _l("License hold")),
    ("owner_liability_demand", _l("Owner-liability demand")),
    ("other", _l("Other")),
]
ENFORCEMENT_STATUS_CHOICES = [
    ("planned", _l("Planned")),
    ("served", _l("Served")),
    ("in_progress", _l("In progress")),
    ("succeeded", _l("Succeeded")),
    ("failed", _l("Failed")),
    ("withdrawn", _l("Withdrawn")),
]
INTERVAL_CHOICES = [("week", _l("Every week")), ("month", _l("Every month"))]
LABELS = dict(
    FORUM_CHOICES
    + METHOD_CHOICES
    + SOURCE_CHOICES
    + DISBURSEMENT_METHOD_CHOICES
    + ENFORCEMENT_CHOICES
    + ENFORCEMENT_STATUS_CHOICES
    + INTERVAL_CHOICES
)


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


DATE_MESSAGE = _l("Enter a date, like 2026-03-04.")


class FiniteDecimalField(DecimalField):
    """A decimal that refuses NaN and infinity (which compare and convert with errors)."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if self.data is not None and not self.data.is_finite():
            self.data = None
            raise ValueError(self.gettext("Not a valid decimal value."))


class ShareForm(Form):
    worker_id = HiddenField()
    amount = MoneyField(_l("Share"), validators=[Optional()])


class JudgmentForm(FlaskForm):
    forum = SelectField(_l("Where it was entered"), choices=_choices(FORUM_CHOICES))
    entered_on = DateField(_l("Date entered"), validators=[DataRequired(message=DATE_MESSAGE)])
    principal = MoneyField(
        _l("Amount of the judgment (principal)"),
        validators=[DataRequired(message=_l("Enter the amount of the judgment."))],
    )
    federal = BooleanField(
        _l("Entered by a federal court"),
        description=_l("Federal judgments use the rate you enter, compounded every year."),
    )
    interest_rate = FiniteDecimalField(
        _l("Yearly interest rate (%)"),
        description=_l("Leave empty to use the rate the law sets for this case."),
        validators=[Optional(), NumberRange(min=0, max=100)],
    )
    rate_override_reason = FreeTextField(_l("Why the rate differs"), validators=[Optional()])
    docket_number = StrippedStringField(_l("Docket or index number"), validators=[Optional()])
    appeal_deadline = DateField(
        _l("Time to appeal ends"),
        description=_l("Leave empty for 30 days after entry."),
        validators=[Optional()],
    )
    wage_judgment = BooleanField(_l("This is a wage judgment"), default=True)
    shares = FieldList(FormField(ShareForm), min_entries=0)


class PaymentRow(Form):
    received_on = DateField(_l("Date received"), validators=[Optional()])
    amount = MoneyField(_l("Amount"), validators=[Optional()])
    method = SelectField(_l("Method"), choices=_choices(METHOD_CHOICES))
    source = SelectField(_l("Source"), choices=_choices(SOURCE_CHOICES))

    def is_blank(self) -> bool:
        return self.amount.data is None


class PaymentsForm(FlaskForm):
    rows = FieldList(FormField(PaymentRow), min_entries=1, max_entries=50)


class PlanForm(FlaskForm):
    amount = MoneyField(
        _l("Amount of each installment"),
        validators=[DataRequired(message=_l("Enter the amount of each installment."))],
    )
    every = SelectField(_l("How often"), choices=_choices(INTERVAL_CHOICES))
    first_due_on = DateField(
        _l("First installment due"), validators=[DataRequired(message=DATE_MESSAGE)]
    )
    count = IntegerField(
        _l("Number of installments"),
        validators=[
            DataRequired(message=_l("Enter the number of installments.")),
            NumberRange(min=1, max=600),
        ],
    )


class DisbursementForm(FlaskForm):
    worker_id = SelectField(_l("Worker"), choices=[])
    paid_on = DateField(_l("Date paid"), validators=[DataRequired(message=DATE_MESSAGE)])
    amount = MoneyField(_l("Amount"), validators=[DataRequired(message=_l("Enter the amount."))])
    method = SelectField(_l("Method"), choices=_choices(DISBURSEMENT_METHOD_CHOICES))
    reference = StrippedStringField(_l("Check number"), validators=[Optional()])


class EnforcementForm(FlaskForm):
    kind = SelectField(_l("Kind"), choices=_choices(ENFORCEMENT_CHOICES))
    taken_on = DateField(_l("Date"), validators=[DataRequired(message=DATE_MESSAGE)])
    status = SelectField(_l("Status"), choices=_choices(ENFORCEMENT_STATUS_CHOICES))
    result = FreeTextField(_l("Result"), validators=[Optional()])


def today_default() -> date:
    return date.today()


def percent_to_rate(value: Decimal | None) -> Decimal | None:
    return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.00001"))


def rate_percent(value) -> str:
    """A yearly rate as a percentage in the reader's locale (as spoken in the US): 0.09 -> 9%."""
    from babel.numbers import format_percent

    from casework.i18n import us_locale

    if value is None or value == "":
        return "—"
    try:
        rate = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    return format_percent(rate.normalize(), locale=us_locale(), decimal_quantization=False)


class CheckPlansForm(FlaskForm):
    """The "Check the plan now" button: no fields, a CSRF token."""
