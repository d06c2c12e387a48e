"""Field encryption: values bound to their table, column, row and subject key."""

import uuid

import pytest
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.crypto.envelope import new_data_key
from casework.crypto.errors import DecryptionError
from casework.crypto.fields import FIELD_FORMAT_VERSION, FieldCipher, associated_data

ROW = uuid.UUID("3d6f4a2b-8c1e-4f5a-9b7c-0d1e2f3a4b5c")
OTHER_ROW = uuid.UUID("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d")
NAME = "María José Núñez"
LONG = "Trabajé 60 horas por semana sin pago de horas extra. 工资被拖欠。 👩🏽‍🌾 " * 5000

DEK = new_data_key()
CIPHER = FieldCipher(DEK)


def where(table="workers", column="name", row_id=ROW):
    return {"table": table, "column": column, "row_id": row_id}


def test_associated_data_is_exactly_the_documented_string():
    assert associated_data("workers", "name", ROW) == (
        b"casework:field:v1|workers|name|3d6f4a2b-8c1e-4f5a-9b7c-0d1e2f3a4b5c"
    )


@pytest.mark.parametrize("value", ["", NAME, LONG, "\x00", "a\nb\tc"])
def test_text_round_trips(value):
    blob = CIPHER.encrypt(value, **where())
    assert CIPHER.decrypt(blob, **where()) == value


@settings(max_examples=150, deadline=None)
@given(value=st.text(), table=st.sampled_from(["workers", "cases", "notes"]))
def test_any_text_round_trips(value, table):
    blob = CIPHER.encrypt(value, **where(table=table))
    assert CIPHER.decrypt(blob, **where(table=table)) == value


@settings(max_examples=100, deadline=None)
@given(value=st.binary(max_size=4096))
def test_any_bytes_round_trip(value):
    blob = CIPHER.encrypt_bytes(value, **where(column="photo"))
    assert CIPHER.decrypt_bytes(blob, **where(column="photo")) == value


def test_blob_layout_is_version_nonce_ciphertext_tag():
    blob = CIPHER.encrypt(NAME, **where())
    encoded = NAME.encode()
    assert blob[0] == FIELD_FORMAT_VERSION == 1
    assert len(blob) == 1 + 12 + len(encoded) + 16
    assert encoded not in blob
    plain = AESGCM(DEK).decrypt(blob[1:13], blob[13:], associated_data("workers", "name", ROW))
    assert plain == encoded


def test_same_value_encrypts_differently_each_time():
    assert CIPHER.encrypt(NAME, **where()) != CIPHER.encrypt(NAME, **where())


@pytest.mark.parametrize(
    "moved_to",
    [
        where(row_id=OTHER_ROW),  # copied into another worker's row
        where(column="address"),  # copied into another column
        where(table="employers"),  # copied into another table
    ],
)
def test_value_moved_elsewhere_fails(moved_to):
    blob = CIPHER.encrypt(NAME, **where())
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(blob, **moved_to)


def test_swapping_two_rows_values_fails_both_ways():
    first = CIPHER.encrypt("Ana", **where(row_id=ROW))
    second = CIPHER.encrypt("Luis", **where(row_id=OTHER_ROW))
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(second, **where(row_id=ROW))
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(first, **where(row_id=OTHER_ROW))


def test_another_subjects_key_fails():
    blob = CIPHER.encrypt(NAME, **where())
    with pytest.raises(DecryptionError):
        FieldCipher(new_data_key()).decrypt(blob, **where())


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: bytes([2]) + b[1:],  # unknown format version
        lambda b: bytes([0]) + b[1:],
        lambda b: b[:28],  # shorter than version + nonce + tag
        lambda b: b"",
        lambda b: b[:-1],  # tag cut short
        lambda b: b[:15] + bytes([b[15] ^ 0x80]) + b[16:],  # ciphertext bit flip
        lambda b: b + b"x",
    ],
)
def test_damaged_blobs_fail(damage):
    blob = CIPHER.encrypt(NAME, **where())
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(damage(blob), **where())


def test_error_names_table_column_and_row_but_never_the_value():
    blob = CIPHER.encrypt(NAME, **where())
    with pytest.raises(DecryptionError) as caught:
        CIPHER.decrypt(blob, **where(row_id=OTHER_ROW))
    message = str(caught.value)
    assert "workers.name" in message and str(OTHER_ROW) in message
    assert NAME not in message and "Mar" not in message


def test_wrong_version_message_says_so():
    blob = CIPHER.encrypt(NAME, **where())
    with pytest.raises(DecryptionError, match="version 7"):
        CIPHER.decrypt(bytes([7]) + blob[1:], **where())


def test_non_text_value_read_as_text_fails_cleanly():
    blob = CIPHER.encrypt_bytes(b"\xff\xfe", **where())
    with pytest.raises(DecryptionError):
        CIPHER.decrypt(blob, **where())


def test_memoryview_from_a_database_driver_decrypts():
    blob = CIPHER.encrypt(NAME, **where())
    assert CIPHER.decrypt(memoryview(blob), **where()) == NAME


def test_bad_keys_and_names_are_refused():
    with pytest.raises(ValueError):
        FieldCipher(b"too short")
    with pytest.raises(ValueError):
        CIPHER.encrypt(NAME, **where(table="workers|name"))


def test_repr_hides_the_key():
    assert DEK.hex() not in repr(CIPHER) and repr(DEK) not in repr(CIPHER)
