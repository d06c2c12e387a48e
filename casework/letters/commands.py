"""`flask casework letters ...` commands."""

from casework.letters.samples import register

__all__ = ["register"]
