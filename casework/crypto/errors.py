"""Exceptions raised by the crypto package; messages never contain key bytes or plaintext."""


class CryptoError(Exception):
    """Base class for every error raised by ``casework.crypto``."""


class DecryptionError(CryptoError):
    """A ciphertext could not be authenticated: wrong key, wrong row, damaged or truncated."""


class KeyFileError(CryptoError):
    """A key file or key ring is missing, malformed or unsafe."""


class UnknownKeyVersion(CryptoError):
    """A master-key version was asked for that the key ring does not hold."""
