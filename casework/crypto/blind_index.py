"""Blind indexes: short keyed hashes of normalized names and phones for exact search.

``index = first L bits of HMAC-SHA256(K_tf, normalize(value))`` where
``K_tf = HKDF-SHA256(index key, salt=None, info="casework:bidx:v1|<table>|<field>")``.
Each table/field gets its own subkey, so equal values in different fields give
unrelated indexes. L is kept short on purpose: an index only narrows the
candidates, which are then decrypted and compared, and a stolen database learns
no more than rough equality.
"""

from __future__ import annotations

import unicodedata

from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from casework.crypto.keyring import KEY_BYTES

MIN_BITS = 1
MAX_BITS = 32
MIN_PHONE_DIGITS = 7

# Characters of these Unicode categories become word breaks in names.
_BREAK_CATEGORIES = ("P", "S", "Z", "Cc", "Co", "Cs", "Cn")


def _name_char(ch: str) -> str:
    if unicodedata.combining(ch):
        return ""
    category = unicodedata.category(ch)
    if category == "Cf":
        # Zero-width joiners and the like carry no letters.
        return ""
    if category.startswith(_BREAK_CATEGORIES):
        return " "
    return ch


def normalize_name(value: str) -> str:
    """Normalize a personal name for blind indexing ("María José Núñez" -> "maria jose nunez")."""
    # Case folding can produce characters that decompose further, so decompose again after it.
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", value).casefold())
    return " ".join("".join(_name_char(ch) for ch in text).split())


def name_words(value: str) -> list[str]:
    """The distinct words of a normalized name ("María José Núñez" -> maria, jose, nunez)."""
    return list(dict.fromkeys(normalize_name(value).split()))


def normalize_phone(value: str, default_country: str = "1") -> str:
    """Reduce a phone number to digits with country code ("(555) 201-9876" -> "15552019876").

    A number written with "+" keeps its own country code. Otherwise it is taken as
    a national number of ``default_country``: an international prefix ("011" in
    North America, "00" elsewhere) is removed instead, a trunk "0" is dropped, and
    the country code is prepended unless a North American number already starts
    with its "1". Fewer than 7 digits give "".
    """
    if not (default_country.isascii() and default_country.isdigit()):
        raise ValueError("default_country must be a numeric country calling code")
    text = unicodedata.normalize("NFKC", value).strip()
    # Any script's decimal digits count ("٥٥٥" is 555).
    digits = "".join(str(unicodedata.decimal(ch, "")) for ch in text)
    if len(digits) < MIN_PHONE_DIGITS:
        return ""
    if text.startswith("+"):
        return digits
    if default_country == "1":
        if digits.startswith("011"):
            return digits[3:] if len(digits) - 3 >= MIN_PHONE_DIGITS else ""
        # North American area codes never start with 1, so a leading 1 is the country code.
        if digits.startswith("1"):
            return digits
        return "1" + digits
    if digits.startswith("00"):
        return digits[2:] if len(digits) - 2 >= MIN_PHONE_DIGITS else ""
    return default_country + digits.removeprefix("0")


#: Words in a typical name, for sizing the word indexes ("María José Núñez Ruiz" has four).
WORDS_PER_NAME = 3


def index_bits(expected_rows: int) -> int:
    """Index length L for R expected rows: the largest L with R / 2**L >= 2, clamped to [1, 32].

    CipherSweet's planner wants every index value shared by C = R / 2**L rows with
    2 <= C <= sqrt(R): at least two rows per value, so an index never singles out
    one person, and at most sqrt(R), so a search still narrows the candidates.
    The largest L with C >= 2 is floor(log2(R / 2)); for R >= 16 it also gives
    C < 4 <= sqrt(R). 10,000 rows give 12 bits.
    """
    if expected_rows < 4:
        return MIN_BITS
    # floor(log2(R / 2)) in exact integer arithmetic.
    bits = (expected_rows // 2).bit_length() - 1
    return max(MIN_BITS, min(MAX_BITS, bits))


class BlindIndexer:
    """Computes blind indexes with one index key and one index length."""

    __slots__ = ("_index_key", "_bits", "_subkeys")

    def __init__(self, index_key: bytes, bits: int) -> None:
        if len(index_key) != KEY_BYTES:
            raise ValueError(f"the index key must be {KEY_BYTES} bytes")
        if not MIN_BITS <= bits <= MAX_BITS:
            raise ValueError(f"bits must be between {MIN_BITS} and {MAX_BITS}")
        self._index_key = bytes(index_key)
        self._bits = bits
        self._subkeys: dict[tuple[str, str], bytes] = {}

    def __repr__(self) -> str:
        return f"BlindIndexer(bits={self._bits})"

    @property
    def bits(self) -> int:
        """Number of bits in each index value."""
        return self._bits

    def _subkey(self, table: str, field: str) -> bytes:
        subkey = self._subkeys.get((table, field))
        if subkey is None:
            if not table or not field or "|" in table or "|" in field:
                raise ValueError("table and field must be non-empty names without '|'")
            subkey = HKDF(
                algorithm=hashes.SHA256(),
                length=KEY_BYTES,
                salt=None,
                info=f"casework:bidx:v1|{table}|{field}".encode(),
            ).derive(self._index_key)
            self._subkeys[(table, field)] = subkey
        return subkey

    def compute(self, table: str, field: str, normalized: str) -> int:
        """Return the index of an already-normalized value: the first ``bits`` bits of the MAC."""
        mac = hmac.HMAC(self._subkey(table, field), hashes.SHA256())
        mac.update(normalized.encode("utf-8"))
        head = int.from_bytes(mac.finalize()[:4], "big")
        return head >> (MAX_BITS - self._bits)

    def name(self, table: str, field: str, value: str) -> int | None:
        """Index of a personal name, or None when it normalizes to nothing."""
        normalized = normalize_name(value)
        return self.compute(table, field, normalized) if normalized else None

    def words(self, table: str, field: str, value: str) -> list[int]:
        """One index per distinct word of a personal name (field subkey ``<field>_word``)."""
        return sorted({self.compute(table, f"{field}_word", w) for w in name_words(value)})

    def phone(self, table: str, field: str, value: str, default_country: str = "1") -> int | None:
        """Index of a phone number, or None when it has too few digits."""
        normalized = normalize_phone(value, default_country)
        return self.compute(table, field, normalized) if normalized else None
