"""Forms for intake, case facts, notes, deadlines, status, assignment, workers and employers."""

from __future__ import annotations

import re
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from casework.crypto.blind_index import normalize_phone
from casework.forms import FreeTextField, MoneyField, StrippedStringField
from casework.law.rates import REGIONS
from casework.letters.languages import ENDONYMS, OTHER
from casework.models.case import CASE_TYPES, OUTCOMES, STATUSES
from casework.models.party import CONTACT_METHODS, EMPLOYER_ROLES, ENTITY_TYPES


class AddressField(TextAreaField):
    """An address as the lines it is typed in: line breaks kept, blank lines and spaces trimmed."""

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            lines = self.data.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
            self.data = "\n".join(line.strip() for line in lines.split("\n") if line.strip())


class CheckboxesField(SelectMultipleField):
    """Several choices as a list of checkboxes (no hold-Ctrl multi-select)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


CASE_TYPE_LABELS = {
    "wage_theft": _l("Wage theft"),
    "workers_comp": _l("Workers' compensation"),
    "retaliation": _l("Retaliation"),
}
STATUS_LABELS = {
    "intake": _l("Intake"),
    "open": _l("Open"),
    "demand_sent": _l("Demand sent"),
    "negotiating": _l("Negotiating"),
    "filed": _l("Filed"),
    "judgment": _l("Judgment"),
    "collecting": _l("Collecting"),
    "closed": _l("Closed"),
}
OUTCOME_LABELS = {
    "recovered": _l("Recovered"),
    "partially_recovered": _l("Partially recovered"),
    "not_recovered": _l("Not recovered"),
    "withdrawn": _l("Withdrawn"),
    "referred": _l("Referred elsewhere"),
}
REGION_LABELS = {
    "US": _l("Federal law only (other states)"),
    "NY-NYC": _l("New York City"),
    "NY-NYC-SMALL": _l("New York City, small employer (10 or fewer)"),
    "NY-LI-WESTCHESTER": _l("New York: Long Island and Westchester"),
    "NY-REST": _l("New York: rest of state"),
    "CA": _l("California"),
    "CA-SMALL": _l("California, small employer (25 or fewer)"),
}
CONTACT_LABELS = {
    "phone": _l("Phone call"),
    "text": _l("Text message"),
    "mail": _l("Mail"),
    "in_person": _l("In person only"),
}
ROLE_LABELS = {
    "employer": _l("Employer"),
    "joint_employer": _l("Joint employer"),
    "owner_officer": _l("Owner or officer (personally liable)"),
    "successor": _l("Successor company"),
}
ENTITY_LABELS = {
    "unknown": _l("Not known"),
    "corporation": _l("Corporation"),
    "llc": _l("Limited liability company (LLC)"),
    "partnership": _l("Partnership"),
    "sole_proprietor": _l("Sole proprietor"),
    "individual": _l("Individual"),
}
# The languages worker letters are printed in, each by its own name, then "another language".
LANGUAGE_LABELS = {
    **ENDONYMS,
    OTHER: _l("Another language (letters in English, with how to ask for an interpreter)"),
}
DEADLINE_KINDS = {
    "hearing": _l("Hearing"),
    "follow_up": _l("Follow-up"),
    "filing": _l("Filing"),
    "other": _l("Other"),
}
FORUM_LABELS = {
    "": _l("Not decided yet"),
    "state_labor_department": _l("State labor department"),
    "labor_commissioner": _l("Labor Commissioner (California)"),
    "osha": _l("OSHA (section 11(c))"),
    "nlrb": _l("National Labor Relations Board"),
    "eeoc": _l("EEOC or state human rights agency"),
    "court": _l("Court"),
}

MAX_WORKERS = 20
MAX_EMPLOYERS = 10
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _choices(labels: dict, keys=None):
    return [SelectChoice(k, labels[k]) for k in (keys or labels)]


class NotInFuture:
    """A date that cannot be later than today."""

    def __call__(self, form, field):
        if field.data and field.data > date.today():
            raise ValidationError(_l("This date cannot be in the future."))


class PhoneNumber:
    """A phone number with at least ten digits (a US number with its area code)."""

    def __call__(self, form, field):
        if not field.data:
            return
        digits = normalize_phone(field.data)
        if not digits or (digits.startswith("1") and len(digits) < 11) or len(digits) > 16:
            raise ValidationError(
                _l("Enter a phone number with its area code, like (555) 201-9876.")
            )


class EmailAddress:
    def __call__(self, form, field):
        if field.data and not EMAIL_RE.match(field.data):
            raise ValidationError(_l("Enter an email address like name@example.com."))


def date_field(label, *, future_ok: bool = False, **kw):
    validators = [Optional()] + ([] if future_ok else [NotInFuture()])
    return DateField(label, validators=validators, **kw)


def _check_order(first, second, message) -> bool:
    if first.data and second.data and second.data < first.data:
        second.errors = list(second.errors) + [message]
        return False
    return True


class WorkerFields(Form):
    """One worker on an intake, or the worker edit form."""

    name = StrippedStringField(_l("Full name"), validators=[Optional(), Length(max=200)])
    phone = StrippedStringField(_l("Phone"), validators=[Optional(), Length(max=40), PhoneNumber()])
    email = StrippedStringField(
        _l("Email (optional)"), validators=[Optional(), Length(max=254), EmailAddress()]
    )
    address = AddressField(
        _l("Mailing address (optional)"),
        validators=[Optional(), Length(max=300)],
        description=_l("As it goes on an envelope, one line per line."),
        render_kw={"rows": 3},
    )
    preferred_language = SelectField(
        _l("Preferred language"), choices=_choices(LANGUAGE_LABELS), default="en"
    )
    contact_ok_by = SelectField(
        _l("How may we contact them?"),
        choices=_choices(CONTACT_LABELS, CONTACT_METHODS),
        default="phone",
    )
    # "" = not checked yet, "new" = create a new record, or the id of an existing worker.
    match = HiddenField()

    @property
    def is_blank(self) -> bool:
        return not any((self.name.data, self.phone.data, self.email.data, self.address.data))


class EmployerFields(Form):
    """One employer on an intake, or the employer edit form."""

    business_name = StrippedStringField(
        _l("Business name"), validators=[Optional(), Length(max=200)]
    )
    role = SelectField(
        _l("Role on this case"), choices=_choices(ROLE_LABELS, EMPLOYER_ROLES), default="employer"
    )
    address = AddressField(
        _l("Address"),
        validators=[Optional(), Length(max=300)],
        description=_l("As it goes on an envelope, one line per line."),
        render_kw={"rows": 3},
    )
    owner_names = StrippedStringField(
        _l("Owners' or managers' names (optional)"), validators=[Optional(), Length(max=300)]
    )
    industry = StrippedStringField(
        _l("Industry (optional)"), validators=[Optional(), Length(max=80)]
    )
    entity_type = SelectField(
        _l("Kind of business"), choices=_choices(ENTITY_LABELS, ENTITY_TYPES), default="unknown"
    )
    ein = StrippedStringField(
        _l("Employer identification number (EIN, optional)"),
        validators=[Optional(), Length(max=12)],
    )
    match = HiddenField()

    def validate_ein(self, field):
        if field.data and not re.fullmatch(r"\d{2}-?\d{7}", field.data):
            raise ValidationError(_l("An EIN has nine digits, like 12-3456789."))

    @property
    def is_blank(self) -> bool:
        return not any((self.business_name.data, self.address.data, self.owner_names.data))


class IntakeParties:
    """What an intake asks first: the type of case, the workers, the employers.

    Declared before the facts so that the form's fields come in the order the New intake
    page asks them (WTForms orders fields by when they were declared); the paper intake
    sheet walks them in that order (`casework/cases/intake_sheet.py`).
    """

    case_type = SelectField(
        _l("Type of case"), choices=_choices(CASE_TYPE_LABELS, CASE_TYPES), default="wage_theft"
    )
    workers = FieldList(FormField(WorkerFields), min_entries=2, max_entries=MAX_WORKERS)
    employers = FieldList(FormField(EmployerFields), min_entries=2, max_entries=MAX_EMPLOYERS)


class FactsMixin:
    """Case facts shared by intake and the edit form, in the order the pages ask them."""

    #: The facts that concern one type of case only (the pages show them in its panel).
    CASE_TYPE_FACTS = {
        "wage_theft": ("willful",),
        "workers_comp": (
            "injury_date",
            "body_parts",
            "notice_to_employer_on",
            "claim_filed_on",
            "carrier",
            "board_case_number",
        ),
        "retaliation": (
            "protected_activity",
            "protected_activity_on",
            "adverse_action",
            "adverse_action_on",
            "threatened_immigration_report",
            "forum",
        ),
    }

    jurisdiction = SelectField(
        _l("Where did the work happen?"),
        choices=_choices(REGION_LABELS, REGIONS),
        default="NY-NYC",
    )
    first_day_worked = date_field(_l("First day worked"))
    last_day_worked = date_field(_l("Last day worked"))
    narrative = FreeTextField(
        _l("What happened"),
        description=_l("In the worker's words. Do not write anyone's immigration status."),
        validators=[Optional(), Length(max=20000)],
    )
    willful = BooleanField(_l("The employer knew it was breaking the law (willful)"))
    # Workers' compensation
    injury_date = date_field(_l("Date of injury"))
    body_parts = StrippedStringField(
        _l("Parts of the body injured"),
        validators=[Optional(), Length(max=300)],
    )
    notice_to_employer_on = date_field(_l("Date the employer was told of the injury"))
    claim_filed_on = date_field(_l("Date the claim was filed"))
    carrier = StrippedStringField(
        _l("Insurance carrier (optional)"), validators=[Optional(), Length(max=120)]
    )
    board_case_number = StrippedStringField(
        _l("Board case number (optional)"), validators=[Optional(), Length(max=60)]
    )
    # Retaliation
    protected_activity = FreeTextField(
        _l("What the worker did (protected activity)"),
        description=_l("For example: complained about unpaid overtime."),
        validators=[Optional(), Length(max=5000)],
    )
    protected_activity_on = date_field(_l("Date of the protected activity"))
    adverse_action = FreeTextField(
        _l("What the employer did in response"),
        description=_l("For example: cut hours, fired, threatened."),
        validators=[Optional(), Length(max=5000)],
    )
    adverse_action_on = date_field(_l("Date of the employer's action"))
    threatened_immigration_report = BooleanField(
        _l("The employer threatened to report someone to immigration authorities"),
        description=_l("This records the employer's threat, never anyone's status."),
    )
    forum = SelectField(_l("Where to file"), choices=_choices(FORUM_LABELS), default="")

    def check_facts(self, case_type: str) -> bool:
        ok = _check_order(
            self.first_day_worked,
            self.last_day_worked,
            _l("The last day worked cannot be before the first day worked."),
        )
        if case_type == "workers_comp":
            ok &= _check_order(
                self.injury_date,
                self.notice_to_employer_on,
                _l("The employer cannot have been told before the injury happened."),
            )
            ok &= _check_order(
                self.injury_date,
                self.claim_filed_on,
                _l("The claim cannot have been filed before the injury happened."),
            )
        if case_type == "retaliation":
            ok &= _check_order(
                self.protected_activity_on,
                self.adverse_action_on,
                _l("The employer's action comes after the worker's protected activity."),
            )
        return ok


class IntakeForm(IntakeParties, FactsMixin, FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        ok &= self.check_facts(self.case_type.data)
        workers = [row.form for row in self.workers if not row.form.is_blank]
        if not workers:
            first = self.workers[0].form.name
            first.errors = list(first.errors) + [_l("Enter the worker's name.")]
            ok = False
        for row in workers:
            if not row.name.data:
                row.name.errors = list(row.name.errors) + [_l("Enter the worker's name.")]
                ok = False
        employers = [row.form for row in self.employers if not row.form.is_blank]
        if not employers:
            first = self.employers[0].form.business_name
            first.errors = list(first.errors) + [_l("Enter the employer's business name.")]
            ok = False
        for row in employers:
            if not row.business_name.data:
                row.business_name.errors = list(row.business_name.errors) + [
                    _l("Enter the employer's business name.")
                ]
                ok = False
        return ok


class CaseEditForm(FactsMixin, FlaskForm):
    version = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        return ok & self.check_facts(getattr(self, "_case_type", ""))


class NoteForm(FlaskForm):
    body = FreeTextField(
        _l("Note"), validators=[DataRequired(_l("Write the note.")), Length(max=10000)]
    )


class DeadlineForm(FlaskForm):
    label = StrippedStringField(
        _l("What is due"),
        validators=[DataRequired(_l("Say what is due.")), Length(max=200)],
    )
    due_on = DateField(_l("Due date"), validators=[InputRequired(_l("Enter the due date."))])
    kind = SelectField(_l("Kind"), choices=_choices(DEADLINE_KINDS), default="follow_up")

    def validate_due_on(self, field):
        if field.data and field.data.year > date.today().year + 30:
            raise ValidationError(_l("That date is too far away."))


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=[])
    outcome = SelectField(
        _l("Outcome (when closing)"),
        choices=[SelectChoice("", "—")] + _choices(OUTCOME_LABELS, OUTCOMES),
        default="",
    )
    amount_recovered = MoneyField(_l("Amount recovered (when closing)"), validators=[Optional()])
    closed_on = date_field(_l("Closed on (when closing)"))

    def set_choices(self, allowed):
        self.status.choices = [SelectChoice(s, STATUS_LABELS[s]) for s in allowed if s in STATUSES]


class AssignForm(FlaskForm):
    assigned_to = SelectField(_l("Assigned advocate"), choices=[])
    team = CheckboxesField(_l("Team"), choices=[])


class WorkerForm(WorkerFields, FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not self.name.data:
            self.name.errors = list(self.name.errors) + [_l("Enter the worker's name.")]
            ok = False
        return ok


class EmployerForm(EmployerFields, FlaskForm):
    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        if not self.business_name.data:
            self.business_name.errors = list(self.business_name.errors) + [
                _l("Enter the employer's business name.")
            ]
            ok = False
        return ok


class SearchForm(FlaskForm):
    worker_name = StrippedStringField(
        _l("Worker's name (any of its words)"), validators=[Optional(), Length(max=200)]
    )
    phone = StrippedStringField(_l("Worker's phone"), validators=[Optional(), Length(max=40)])
    employer = StrippedStringField(_l("Employer's name"), validators=[Optional(), Length(max=200)])


class IntakeSheetForm(Form):
    """The language (and size) of a printed intake sheet: carried in the URL, names nothing."""

    language = SelectField(_l("Print an intake sheet in"), default="en")
    both_sides = BooleanField(_l("Large type on both sides of the sheet"))

    def __init__(self, *args, **kwargs):
        from casework.letters.intake_sheet import sheet_language
        from casework.letters.languages import ENGLISH_NAMES, LETTER_LANGUAGES

        super().__init__(*args, **kwargs)
        choices = []
        for code in LETTER_LANGUAGES:
            name = ENDONYMS[code] if code == "en" else f"{ENDONYMS[code]} ({ENGLISH_NAMES[code]})"
            if sheet_language(code)[0] != code:
                name = _l("%(language)s: in English for now", language=name)
            choices.append(SelectChoice(code, name))
        self.language.choices = choices


class ListFilterForm(Form):
    """The caseload filters: carried in the URL (no names: search is posted)."""

    status = SelectField(
        _l("Status"), choices=[SelectChoice("", _l("Any"))] + _choices(STATUS_LABELS), default=""
    )
    case_type = SelectField(
        _l("Type"), choices=[SelectChoice("", _l("Any"))] + _choices(CASE_TYPE_LABELS), default=""
    )
    jurisdiction = SelectField(
        _l("Jurisdiction"),
        choices=[SelectChoice("", _l("Any"))] + _choices(REGION_LABELS, REGIONS),
        default="",
    )
    advocate = SelectField(_l("Advocate"), choices=[], default="")
    overdue = BooleanField(_l("Only cases with overdue deadlines"))
    open = BooleanField(_l("Only open cases"))
    stale = BooleanField(_l("Only cases nobody is moving"))
    due_within = SelectField(
        _l("Deadline due within"),
        choices=[
            SelectChoice("", _l("Any time")),
            SelectChoice("7", _l("7 days")),
            SelectChoice("14", _l("14 days")),
            SelectChoice("30", _l("30 days")),
        ],
        default="",
    )
    page = IntegerField(validators=[Optional()], default=1)
