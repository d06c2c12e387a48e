"""The immigration-status guard: what may never be stored, in free text or as a field."""

from casework.privacy.fields import (
    FORBIDDEN_FIELD_WORDS,
    is_forbidden_field_name,
    strip_forbidden_fields,
)
from casework.privacy.guard import Finding, find_status_disclosures
from casework.privacy.i18n import N_
from casework.privacy.messages import GUIDANCE, REASON_MESSAGES

__all__ = [
    "FORBIDDEN_FIELD_WORDS",
    "GUIDANCE",
    "N_",
    "REASON_MESSAGES",
    "Finding",
    "find_status_disclosures",
    "is_forbidden_field_name",
    "strip_forbidden_fields",
]
