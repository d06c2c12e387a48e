"""Keep query strings, form bodies, identifying numbers and status disclosures out of the logs."""

from __future__ import annotations

import logging
import re

from casework.privacy.guard import find_status_disclosures

REDACTED = "[redacted]"

# A URL or an absolute path followed by a query string: keep the path, drop the query.
_QUERY = re.compile(
    r"((?:\b[a-z][a-z0-9+.-]*://[^\s?#\"'<>]*)|(?<![\w/])/[^\s?#\"'<>]*)\?[^\s#\"'<>]*", re.I
)
# Form-encoded bodies: name=value pairs, alone or joined by "&".
_FORM = re.compile(r"[\w.\[\]%-]+=[^\s&]*(?:&[\w.\[\]%-]+=[^\s&]*)*")
_NUMBER_VALUE = re.compile(r"[\w.\[\]-]+=\d+")
_NUMBERS = re.compile(
    r"""
    \bA\s*(?:-|\#|no\.?|number)?\s*[:\#-]?\s*\d{3}[-\s]?\d{3}[-\s]?\d{2,3}\b   # A-number
    | (?<![\w-])(?:\+?1[-\s.]?)?\(?\d{3}\)?[-\s.]?\d{3}[-\s.]?\d{4}\b          # phone number
    | \b\d{3}[-\s.]\d{2}[-\s.]\d{4}\b                                           # SSN or ITIN
    | \b\d{7,}\b                                                                # any long digit run
    """,
    re.I | re.VERBOSE,
)


def _redact_form(match: re.Match[str]) -> str:
    # A lone number such as "case_id=42" identifies a record, not a person; keep it.
    return match[0] if _NUMBER_VALUE.fullmatch(match[0]) else REDACTED


def scrub(text: str) -> str:
    """Return text without query strings, form bodies, identifying numbers or status disclosures."""
    text = _QUERY.sub(r"\1", text)
    text = _FORM.sub(_redact_form, text)
    text = _NUMBERS.sub(REDACTED, text)
    # Replace from the end so earlier offsets stay valid.
    for finding in reversed(find_status_disclosures(text)):
        text = text[: finding.start] + REDACTED + text[finding.end :]
    return text


# Attach it to handlers, not loggers: a logger's filters do not see records
# that propagate up from its child loggers.
class ScrubFilter(logging.Filter):
    """A logging filter that rewrites every record through scrub(); it never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Replace the record's message, arguments and exception text with scrubbed text."""
        record.msg = scrub(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub(record.stack_info)
        return True
