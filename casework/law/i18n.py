"""Mark strings for translation without importing Flask.

The law package stays pure, so labels are returned as English msgids; the
web layer translates them with gettext when it renders a breakdown.
"""


def N_(s: str) -> str:
    """Mark a msgid for Babel extraction and return it unchanged."""
    return s
