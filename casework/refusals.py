"""The one refusal type every service raises.

A service that will not do what it was asked raises ``Refused(field, code, **params)``:
``field`` names the form field (or API field) the refusal belongs to, ``code`` is a stable
message code, and ``params`` are the named values the message needs. The code is put into
words in one place, when it is shown (``casework.web.refusal_message`` /
``casework.web.show_refusal``); services never translate and never hold English text.

Raising it changes nothing: the unit of work rolls back what the request did.
"""

from __future__ import annotations

from typing import Any


class Refused(ValueError):
    """A refused change; nothing it touched is kept."""

    def __init__(self, field: str, code: str, **params: Any) -> None:
        super().__init__(code)
        self.field = field
        self.code = code
        self.params = params

    @property
    def message(self) -> str:
        """The code, for callers written before codes and messages were apart."""
        return self.code

    def __repr__(self) -> str:  # never the values: they may be a person's words
        return f"Refused(field={self.field!r}, code={self.code!r})"
