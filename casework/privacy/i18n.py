"""Marking strings for translation without importing Flask."""


def N_(message: str) -> str:
    """Return the message unchanged: marks it for Babel, to be translated later by gettext."""
    return message
