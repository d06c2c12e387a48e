"""Forms for the wage calculator: a worker's work periods and the other facts of the claim."""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
)
from wtforms.validators import InputRequired, NumberRange, Optional, ValidationError

from casework.forms import MoneyField, TypedDecimalField
from casework.law.local_rates import cities_for, industries_for

NONE_CHOICE = ""

YES_NO = [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]
GIVEN = [
    SelectChoice("yes", _l("Given")),
    SelectChoice("no", _l("Not given")),
    SelectChoice("unknown", _l("Not known")),
]
#: A posted given / not given / not known answer as the law package takes it.
GIVEN_VALUES = {"yes": True, "no": False, "unknown": None}
MAX_PERIODS = 40


class HoursField(TypedDecimalField):
    """Hours as a number with at most two decimals (whole numbers or quarters, say)."""

    invalid_message = _l("Enter a number of hours, like 40 or 37.5.")

    def clean(self, raw: str) -> str:
        return raw.strip().replace(",", ".")

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)


def _places(form, field) -> None:
    if field.data is not None and field.data.as_tuple().exponent < -2:
        raise ValidationError(_("Use at most two decimals."))


class WholeNumberField(IntegerField):
    """An integer input whose parse error speaks plainly."""

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = (valuelist[0] or "").strip()
        if raw == "":
            self.data = None
            return
        try:
            self.data = int(raw)
        except ValueError:
            self.data = None
            raise ValueError(_l("Enter a whole number.")) from None


class PeriodForm(Form):
    """One stretch of work with the same schedule and pay."""

    start = DateField(
        _l("First day"), validators=[InputRequired(_l("Enter the first day of this period."))]
    )
    end = DateField(
        _l("Last day"), validators=[InputRequired(_l("Enter the last day of this period."))]
    )
    hours_per_week = HoursField(
        _l("Hours worked per week"),
        validators=[
            InputRequired(_l("Enter the hours worked in a usual week.")),
            NumberRange(0, 168, _l("Hours per week must be between 0 and 168.")),
            _places,
        ],
    )
    days_per_week = WholeNumberField(
        _l("Days worked per week"),
        validators=[
            InputRequired(_l("Enter how many days a week the worker worked.")),
            NumberRange(1, 7, _l("Days per week must be between 1 and 7.")),
        ],
    )
    hourly_rate = MoneyField(
        _l("Hourly rate paid"),
        validators=[Optional()],
        maximum=Decimal("10000"),
        description=_l("Fill in this or the weekly pay, not both."),
    )
    pay_per_week = MoneyField(
        _l("Pay per week"),
        validators=[Optional()],
        description=_l("The weekly pay agreed, or usually received, for all the hours."),
    )
    paid_per_week = MoneyField(
        _l("Pay actually received a week, if different (optional)"),
        validators=[Optional()],
        description=_l(
            "For example when the worker was paid for fewer hours than worked, or less than "
            "the agreed rate or weekly pay."
        ),
    )
    salary_hours = HoursField(
        _l("Hours the weekly pay was agreed to cover (optional)"),
        validators=[
            Optional(),
            NumberRange(0.01, 168, _l("Hours per week must be between 0 and 168.")),
            _places,
        ],
        description=_l("Only with weekly pay. If not known, 40 hours are assumed."),
    )
    fluctuating_workweek = BooleanField(
        _l(
            "The weekly pay was agreed to cover every hour, however many, was paid in full "
            "in short weeks, and never fell below the minimum wage"
        ),
        description=_l(
            "Only with weekly pay. Then federal overtime is half the regular rate "
            "(29 CFR 778.114). Never in California."
        ),
    )
    long_days_per_week = WholeNumberField(
        _l("Days a week longer than 10 hours from start to finish"),
        validators=[Optional(), NumberRange(0, 7, _l("Enter a number of days from 0 to 7."))],
        default=0,
    )
    hours_per_day = HoursField(
        _l("Hours per day (optional)"),
        validators=[
            Optional(),
            NumberRange(0, 24, _l("Hours per day must be between 0 and 24.")),
            _places,
        ],
        description=_l("Only if the days were of different lengths; used for daily overtime."),
    )
    live_in = BooleanField(_l("Lived in the employer's home (domestic worker)"))
    missed_meal_days_per_week = WholeNumberField(
        _l("Days a week without a full 30-minute meal break"),
        validators=[Optional(), NumberRange(0, 7, _l("Enter a number of days from 0 to 7."))],
        default=0,
        description=_l("California: a break missed, cut short or started after the fifth hour."),
    )
    missed_rest_days_per_week = WholeNumberField(
        _l("Days a week without the 10-minute rest breaks"),
        validators=[Optional(), NumberRange(0, 7, _l("Enter a number of days from 0 to 7."))],
        default=0,
        description=_l("California: one paid 10-minute break for each 4 hours worked."),
    )
    tipped = BooleanField(
        _l("The worker got tips in this job (server, bartender, busser, runner)"),
        description=_l("The employer may have counted tips towards the minimum wage."),
    )
    tips_per_week = MoneyField(
        _l("Tips received in a usual week (optional)"),
        validators=[Optional()],
        description=_l("If left empty, the tips are taken to have been enough for the tip credit."),
    )
    untipped_days_per_week = WholeNumberField(
        _l("Days a week with 2 hours or more of work without tips (cleaning, food prep)"),
        validators=[Optional(), NumberRange(0, 7, _l("Enter a number of days from 0 to 7."))],
        default=0,
        description=_l("On those days the employer may not count tips towards the minimum wage."),
    )

    short_days_per_week = WholeNumberField(
        _l("Days a week the worker came in as scheduled but was sent home early"),
        validators=[Optional(), NumberRange(0, 7, _l("Enter a number of days from 0 to 7."))],
        default=0,
        description=_l("Or was given little or no work after coming in."),
    )
    short_day_hours = HoursField(
        _l("Hours worked on such a day"),
        validators=[
            Optional(),
            NumberRange(0, 24, _l("Hours per day must be between 0 and 24.")),
            _places,
        ],
    )
    short_day_scheduled_hours = HoursField(
        _l("Hours the worker was scheduled for that day (optional)"),
        validators=[
            Optional(),
            NumberRange(0, 24, _l("Hours per day must be between 0 and 24.")),
            _places,
        ],
        description=_l("If left empty, a usual day's hours."),
    )
    split_shift_days_per_week = WholeNumberField(
        _l("Days a week with an unpaid break of more than an hour between two shifts"),
        validators=[Optional(), NumberRange(0, 7, _l("Enter a number of days from 0 to 7."))],
        default=0,
        description=_l(
            "A split shift earns an extra hour's pay at the minimum wage unless the day's "
            "pay is high enough."
        ),
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if self.start.data and self.end.data and self.end.data < self.start.data:
            self.end.errors.append(_("The last day is before the first day."))
            ok = False
        if self.hourly_rate.data is None and self.pay_per_week.data is None:
            if not self.hourly_rate.errors and not self.pay_per_week.errors:
                self.hourly_rate.errors.append(
                    _("Enter the hourly rate or the weekly pay the worker received.")
                )
                ok = False
        elif self.hourly_rate.data is not None and self.pay_per_week.data is not None:
            self.hourly_rate.errors.append(_("Enter the hourly rate or the weekly pay, not both."))
            ok = False
        long_days, days = self.long_days_per_week.data, self.days_per_week.data
        if long_days is not None and days is not None and not self.long_days_per_week.errors:
            if long_days > days:
                self.long_days_per_week.errors.append(
                    _("This cannot be more than the days worked per week.")
                )
                ok = False
        return ok


class WageClaimForm(FlaskForm):
    """A worker's wage claim: periods, final pay, deductions, tips, notices."""

    periods = FieldList(FormField(PeriodForm), min_entries=1, max_entries=MAX_PERIODS)
    unpaid_final_pay = MoneyField(
        _l("Final pay never received"), validators=[Optional()], default=Decimal("0")
    )
    deductions = MoneyField(
        _l("Money taken out of pay without the worker's agreement"),
        validators=[Optional()],
        default=Decimal("0"),
    )
    tips_withheld = MoneyField(
        _l("Tips the employer kept"), validators=[Optional()], default=Decimal("0")
    )
    wage_notice_given = RadioField(
        _l("Did the employer give a written notice of the pay rate when hired?"),
        choices=GIVEN,
        validators=[InputRequired(_l("Answer given, not given or not known."))],
        description=_l("If not known, the result shows what the missing notice could add."),
    )
    wage_statements_given = RadioField(
        _l("Did the employer give a pay stub with each payment?"),
        choices=GIVEN,
        validators=[InputRequired(_l("Answer given, not given or not known."))],
        description=_l("If not known, the result shows what missing pay stubs could add."),
    )
    willful = BooleanField(
        _l("The employer knew or did not care that the pay broke the law"),
        description=_l("Extends the federal limitation period from 2 to 3 years."),
    )
    hospitality = BooleanField(_l("Restaurant or hotel job"))
    tip_credit_notice_given = RadioField(
        _l(
            "Did the employer tell the worker in writing that tips would count towards "
            "the minimum wage?"
        ),
        choices=GIVEN,
        validators=[Optional()],
        description=_l(
            "Without that written notice the employer must pay the full minimum wage. "
            "If not known, the result shows what a missing notice could add."
        ),
    )
    work_city = SelectField(
        _l("City or county where the work was done"),
        default=NONE_CHOICE,
        validate_choice=True,
        description=_l("Some cities have a higher minimum wage than the state."),
    )
    wage_industry = SelectField(
        _l("Industry with its own minimum wage"),
        default=NONE_CHOICE,
        validate_choice=True,
        description=_l("The highest minimum wage that applies is used."),
    )
    manual_worker = BooleanField(
        _l("More than a quarter of the work was physical (lifting, cleaning, cooking, building)"),
        description=_l("New York: such a manual worker must be paid every week."),
    )
    paid_every = RadioField(
        _l("How often was the worker paid?"),
        choices=[
            SelectChoice("weekly", _l("Every week")),
            SelectChoice("biweekly", _l("Every two weeks")),
            SelectChoice("semimonthly", _l("Twice a month")),
            SelectChoice("monthly", _l("Once a month")),
        ],
        default="weekly",
        validators=[Optional()],
    )
    prior_late_pay_finding = BooleanField(
        _l("A court or the Department of Labor already found this employer paid late before"),
    )
    #: Whether a tipped period needs the notice answered (not in California, which
    #: allows no tip credit); the view sets it from the case.
    asks_tip_notice = True
    final_pay_days_late = WholeNumberField(
        _l("Days the final pay was late"),
        validators=[Optional(), NumberRange(0, 3650, _l("Enter a number of days, 0 or more."))],
        default=0,
        description=_l("California: counts towards the waiting-time penalty (at most 30 days)."),
    )

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        previous = None
        for entry in self.periods:
            period = entry.form
            if period.start.errors or period.end.errors or not period.start.data:
                previous = None
                continue
            if previous is not None and period.start.data <= previous:
                period.start.errors.append(
                    _(
                        "Periods must be in date order and must not overlap: this one starts "
                        "on or before the last day of the period above."
                    )
                )
                ok = False
            previous = period.end.data
        if self.asks_tip_notice and self.any_tipped and not self.tip_credit_notice_given.data:
            self.tip_credit_notice_given.errors = [
                *self.tip_credit_notice_given.errors,
                _("Answer given, not given or not known."),
            ]
            ok = False
        return ok

    @property
    def any_tipped(self) -> bool:
        """Whether any period is marked as tipped work."""
        return any(entry.form.tipped.data for entry in self.periods)


class AsOfForm(Form):
    """The date the claim is computed as of (GET, so no CSRF token)."""

    as_of = DateField(_l("Compute as of"), validators=[Optional()])


def set_local_choices(form: WageClaimForm, region: str) -> None:
    """Offer the cities and industries with their own minimum wage in the case's state."""
    form.work_city.choices = [SelectChoice(NONE_CHOICE, _("None of these"))] + [
        SelectChoice(wage.code, _(wage.label)) for wage in cities_for(region)
    ]
    form.wage_industry.choices = [SelectChoice(NONE_CHOICE, _("None of these"))] + [
        SelectChoice(wage.code, _(wage.label)) for wage in industries_for(region)
    ]
