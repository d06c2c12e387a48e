"""Evidence attachments: type sniffing and metadata stripping (pure), storage, downloads.

Importing the package loads only the pure part; the service and the views import Flask
and the database and are imported by name (``casework.evidence.service``).
"""

from casework.evidence.files import (
    KINDS,
    Cleaned,
    UnsupportedFile,
    clean,
    sniff,
    strip_metadata,
)

__all__ = ["KINDS", "Cleaned", "UnsupportedFile", "clean", "sniff", "strip_metadata"]
