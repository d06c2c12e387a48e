"""Errors raised by the law package for input a person can correct."""


class ClaimError(ValueError):
    """A claim input is invalid; `field` names it like `periods[1].hours_per_week`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
