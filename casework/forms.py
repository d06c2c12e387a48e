"""Shared form pieces: the privacy guard as the one validator, money and text fields."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import DecimalField, StringField, TextAreaField
from wtforms.validators import ValidationError

from casework.privacy import REASON_MESSAGES, find_status_disclosures

MONEY_MAX = Decimal("10000000.00")


def _reason(key: str) -> str:
    message = REASON_MESSAGES.get(key)
    return _(message) if message else key


class NoStatusDisclosure:
    """Refuses free text that discloses a person's immigration status, naming the words."""

    def __call__(self, form, field) -> None:
        text = field.data or ""
        findings = find_status_disclosures(text)
        if findings:
            field.findings = findings
            words = ", ".join(f"“{f.text}”" for f in findings)
            reasons = "; ".join(sorted({_reason(f.reason) for f in findings}))
            raise ValidationError(
                _(
                    "Casework never records immigration status. Remove these words: "
                    "%(words)s (%(reasons)s). The rest of your text is kept below.",
                    words=words,
                    reasons=reasons,
                )
            )


class StrippedStringField(StringField):
    """A text input: surrounding whitespace and null bytes removed, checked by the privacy guard.

    The guard runs again when anything is stored (casework/models/text_guard.py); this early
    check shows the refusal next to the field, naming the words.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        validators = list(validators or []) + [NoStatusDisclosure()]
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = self.data.replace("\x00", "").strip()


class FreeTextField(TextAreaField):
    """A narrative or note: null bytes removed, checked by the privacy guard."""

    def __init__(self, label=None, validators=None, **kwargs):
        validators = list(validators or []) + [NoStatusDisclosure()]
        super().__init__(label, validators, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata(valuelist)
        if isinstance(self.data, str):
            self.data = self.data.replace("\x00", "").strip()


class TypedDecimalField(DecimalField):
    """A decimal typed by a person: cleaned by ``clean``, refused with ``invalid_message``.

    Not-a-number and infinity are refused like any other text that is not a number.
    """

    invalid_message = _l("Enter a number.")

    def clean(self, raw: str) -> str:
        return raw.strip()

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        raw = self.clean(valuelist[0] or "")
        if raw == "":
            self.data = None
            return
        try:
            value = Decimal(raw)
        except (InvalidOperation, ValueError):
            value = None
        if value is None or not value.is_finite():
            self.data = None
            raise ValueError(self.invalid_message)
        self.data = value


class MoneyField(TypedDecimalField):
    """Dollars and cents: not negative, at most two decimals, at most ten million."""

    invalid_message = _l("Enter an amount in dollars and cents, like 1250.00.")

    def __init__(self, label=None, validators=None, maximum: Decimal = MONEY_MAX, **kwargs):
        super().__init__(label, validators, places=2, **kwargs)
        self.maximum = maximum

    def clean(self, raw: str) -> str:
        return raw.strip().replace(",", "").replace("$", "")

    def pre_validate(self, form):
        value = self.data
        if value is None:
            return
        if value < 0:
            raise ValidationError(_("The amount cannot be negative."))
        if value.as_tuple().exponent < -2:
            raise ValidationError(_("Use at most two decimals (cents)."))
        if value > self.maximum:
            raise ValidationError(_("That amount is larger than Casework accepts."))
