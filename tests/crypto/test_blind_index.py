"""Blind indexes: normalization, index length planning, and keyed per-field indexes."""

import hashlib
import hmac
import math

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from casework.crypto.blind_index import BlindIndexer, index_bits, normalize_name, normalize_phone

INDEX_KEY = bytes(range(100, 132))


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("María José Núñez", "maria jose nunez"),
        ("O'Brien-Smith", "o brien smith"),
        ("  JOSÉ   NÚÑEZ ", "jose nunez"),
        ("José Núñez", "jose nunez"),  # decomposed accents, as some keyboards send
        ("Nguyễn Thị Minh Khai", "nguyen thi minh khai"),
        ("Straße", "strasse"),
        ("François\u00a0Dupont", "francois dupont"),  # no-break space
        ("ＭＡＲＩＡ", "maria"),  # full-width letters
        ("Smith, Jr.", "smith jr"),
        ("", ""),
        ("!!!", ""),
    ],
)
def test_normalize_name(raw, normalized):
    assert normalize_name(raw) == normalized


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_name_normalization_is_idempotent(value):
    once = normalize_name(value)
    assert normalize_name(once) == once
    assert once == once.strip() and "  " not in once


@pytest.mark.parametrize(
    "raw",
    [
        "+1 555-201-9876",
        "(555) 201-9876",
        "555.201.9876",
        "1 555 201 9876",
        "555 2019876",
        "+1 (555) 201-9876",
        "011 1 555 201 9876",
    ],
)
def test_normalize_phone_north_american_formats(raw):
    assert normalize_phone(raw) == "15552019876"


def test_phone_with_plus_keeps_its_own_country_code():
    assert normalize_phone("+52 55 1234 5678") == "525512345678"
    assert normalize_phone("+502 2345-6789") == "50223456789"


def test_phone_with_another_default_country():
    assert normalize_phone("055 1234 5678", default_country="52") == "525512345678"
    assert normalize_phone("0044 20 7946 0000", default_country="52") == "442079460000"


@pytest.mark.parametrize("raw", ["", "911", "555-12", "ext. 123456", "call me"])
def test_short_phones_normalize_to_nothing(raw):
    assert normalize_phone(raw) == ""


def test_phone_digits_in_other_scripts_count():
    assert normalize_phone("٥٥٥ ٢٠١ ٩٨٧٦") == "15552019876"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="0123456789 -().", min_size=0, max_size=20))
def test_phone_normalization_is_idempotent_for_national_numbers(value):
    assume(not "".join(ch for ch in value if ch.isdigit()).startswith("011"))
    once = normalize_phone(value)
    assert normalize_phone(once) == once


def test_index_bits_for_ten_thousand_workers_is_twelve():
    assert index_bits(10_000) == 12


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=16, max_value=2**33))
def test_index_bits_keeps_between_two_and_sqrt_r_rows_per_value(rows):
    bits = index_bits(rows)
    per_value = rows / 2**bits
    assert 2 <= per_value <= math.sqrt(rows)
    # and it is the longest such index
    assert rows / 2 ** (bits + 1) < 2


@pytest.mark.parametrize(("rows", "bits"), [(0, 1), (1, 1), (5, 1), (2**40, 32)])
def test_index_bits_is_clamped(rows, bits):
    assert index_bits(rows) == bits


def test_compute_matches_the_documented_construction():
    subkey = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"casework:bidx:v1|workers|name"
    ).derive(INDEX_KEY)
    digest = hmac.new(subkey, b"maria jose nunez", hashlib.sha256).digest()
    expected = int.from_bytes(digest[:4], "big") >> (32 - 12)
    assert BlindIndexer(INDEX_KEY, 12).compute("workers", "name", "maria jose nunez") == expected


def test_names_with_and_without_accents_and_case_match():
    indexer = BlindIndexer(INDEX_KEY, 32)
    stored = indexer.name("workers", "name", "José Núñez")
    assert stored == indexer.name("workers", "name", "jose nunez")
    assert stored == indexer.name("workers", "name", "JOSE  NUNEZ")
    assert stored != indexer.name("workers", "name", "Josefa Núñez")


def test_phone_formats_match():
    indexer = BlindIndexer(INDEX_KEY, 32)
    stored = indexer.phone("workers", "phone", "+1 555-201-9876")
    for typed in ["(555) 201-9876", "555.201.9876", "1 555 201 9876"]:
        assert indexer.phone("workers", "phone", typed) == stored
    assert indexer.phone("workers", "phone", "(555) 201-9877") != stored


def test_same_value_in_different_fields_gives_different_indexes():
    indexer = BlindIndexer(INDEX_KEY, 32)
    indexes = {
        indexer.compute("workers", "name", "maria"),
        indexer.compute("workers", "alias", "maria"),
        indexer.compute("employers", "name", "maria"),
        indexer.compute("employers", "owner_names", "maria"),
    }
    assert len(indexes) == 4


def test_different_index_keys_give_different_indexes():
    first = BlindIndexer(INDEX_KEY, 32).name("workers", "name", "María")
    second = BlindIndexer(bytes(32), 32).name("workers", "name", "María")
    assert first != second


@settings(max_examples=200, deadline=None)
@given(value=st.text(min_size=1), bits=st.integers(min_value=1, max_value=32))
def test_index_fits_in_the_chosen_number_of_bits(value, bits):
    index = BlindIndexer(INDEX_KEY, bits).compute("workers", "name", value)
    assert 0 <= index < 2**bits


def test_shorter_index_is_a_prefix_of_the_longer_one():
    long = BlindIndexer(INDEX_KEY, 32).compute("workers", "name", "ana")
    short = BlindIndexer(INDEX_KEY, 12).compute("workers", "name", "ana")
    assert short == long >> 20


def test_empty_values_have_no_index():
    indexer = BlindIndexer(INDEX_KEY, 12)
    assert indexer.name("workers", "name", "  -- ") is None
    assert indexer.phone("workers", "phone", "12345") is None


@pytest.mark.parametrize(("key", "bits"), [(bytes(16), 12), (INDEX_KEY, 0), (INDEX_KEY, 33)])
def test_bad_settings_are_refused(key, bits):
    with pytest.raises(ValueError):
        BlindIndexer(key, bits)


def test_repr_hides_the_key():
    assert INDEX_KEY.hex() not in repr(BlindIndexer(INDEX_KEY, 12))
