"""Cryptography for Casework: key ring, envelope and field encryption, blind indexes, archives.

The modules errors, keyring, envelope, fields, blind_index, archive and passwords
import no Flask and no database. This package re-exports nothing, so that
``python -m casework.crypto.archive`` runs without importing the rest.
"""
