"""Passphrase-encrypted export archives and the stand-alone decrypt command."""

import os
import stat
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.crypto import archive
from casework.crypto.archive import MAGIC, decrypt_archive, encrypt_archive
from casework.crypto.errors import DecryptionError

# Cheap Argon2id settings keep the suite fast; the header records them.
CHEAP = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
PASSPHRASE = "ladrillo naranja bicicleta lluvia"
REPO = Path(__file__).resolve().parents[2]


def test_round_trip():
    data = b"PK\x03\x04 export of 12 cases"
    assert decrypt_archive(encrypt_archive(data, PASSPHRASE, **CHEAP), PASSPHRASE) == data


@settings(max_examples=30, deadline=None)
@given(data=st.binary(max_size=2048), passphrase=st.text(min_size=1, max_size=40))
def test_any_data_and_passphrase_round_trip(data, passphrase):
    assert decrypt_archive(encrypt_archive(data, passphrase, **CHEAP), passphrase) == data


def test_empty_and_large_archives_round_trip():
    for data in (b"", os.urandom(3 * 1024 * 1024)):
        assert decrypt_archive(encrypt_archive(data, PASSPHRASE, **CHEAP), PASSPHRASE) == data


def test_header_layout_matches_the_documented_format():
    data = b"hello"
    blob = encrypt_archive(data, PASSPHRASE, time_cost=2, memory_cost=16, parallelism=2)
    assert blob[:7] == MAGIC == b"CWARC1\n"
    assert struct.unpack(">III", blob[7:19]) == (2, 16, 2)
    assert len(blob) == 7 + 12 + 16 + 12 + len(data) + 16
    assert data not in blob


def test_default_settings_are_argon2id_64_mib_t3_p1():
    blob = encrypt_archive(b"x", PASSPHRASE)
    assert struct.unpack(">III", blob[7:19]) == (3, 65536, 1)
    assert decrypt_archive(blob, PASSPHRASE) == b"x"


def test_each_archive_has_a_fresh_salt_and_nonce():
    first = encrypt_archive(b"same", PASSPHRASE, **CHEAP)
    second = encrypt_archive(b"same", PASSPHRASE, **CHEAP)
    assert first[19:47] != second[19:47]


@pytest.mark.parametrize("wrong", ["ladrillo naranja bicicleta lluvia ", "LADRILLO naranja", ""])
def test_wrong_passphrase_fails(wrong):
    blob = encrypt_archive(b"secret export", PASSPHRASE, **CHEAP)
    with pytest.raises(DecryptionError, match="wrong passphrase"):
        decrypt_archive(blob, wrong)


def test_passphrase_typed_in_another_unicode_form_still_opens():
    blob = encrypt_archive(b"data", "año 2024 contraseña", **CHEAP)
    decomposed = "an\u0303o 2024 contrasen\u0303a"
    assert decrypt_archive(blob, decomposed) == b"data"


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[:7] + struct.pack(">III", 1, 16, 1) + b[19:],  # lowered memory in header
        lambda b: b[:30] + bytes([b[30] ^ 1]) + b[31:],  # salt
        lambda b: b[:-1] + bytes([b[-1] ^ 1]),  # tag
        lambda b: b[:50],  # truncated
        lambda b: b"CWARC2\n" + b[7:],  # other format
        lambda b: b"",
    ],
)
def test_damaged_archives_fail(damage):
    blob = encrypt_archive(b"case export", PASSPHRASE, **CHEAP)
    with pytest.raises(DecryptionError):
        decrypt_archive(damage(blob), PASSPHRASE)


def test_forged_expensive_header_is_refused_without_deriving():
    blob = encrypt_archive(b"x", PASSPHRASE, **CHEAP)
    forged = blob[:7] + struct.pack(">III", 1, 2**31, 1) + blob[19:]
    with pytest.raises(DecryptionError, match="implausible"):
        decrypt_archive(forged, PASSPHRASE)


def test_empty_passphrase_and_bad_settings_are_refused():
    with pytest.raises(ValueError):
        encrypt_archive(b"x", "", **CHEAP)
    with pytest.raises(ValueError):
        encrypt_archive(b"x", PASSPHRASE, time_cost=1, memory_cost=4, parallelism=1)


def test_cli_decrypts_to_a_private_file(tmp_path, monkeypatch):
    source = tmp_path / "export.cwarc"
    source.write_bytes(encrypt_archive(b"zip bytes", PASSPHRASE, **CHEAP))
    target = tmp_path / "export.zip"
    monkeypatch.setattr(archive.getpass, "getpass", lambda prompt="": PASSPHRASE)
    assert archive.main(["decrypt", str(source), str(target)]) == 0
    assert target.read_bytes() == b"zip bytes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_cli_wrong_passphrase_writes_nothing(tmp_path, monkeypatch, capsys):
    source = tmp_path / "export.cwarc"
    source.write_bytes(encrypt_archive(b"zip bytes", PASSPHRASE, **CHEAP))
    target = tmp_path / "export.zip"
    monkeypatch.setattr(archive.getpass, "getpass", lambda prompt="": "guess")
    assert archive.main(["decrypt", str(source), str(target)]) == 1
    assert not target.exists()
    assert "wrong passphrase" in capsys.readouterr().err


def test_cli_refuses_to_overwrite(tmp_path, monkeypatch):
    source = tmp_path / "export.cwarc"
    source.write_bytes(encrypt_archive(b"new", PASSPHRASE, **CHEAP))
    target = tmp_path / "export.zip"
    target.write_bytes(b"keep me")
    monkeypatch.setattr(archive.getpass, "getpass", lambda prompt="": PASSPHRASE)
    assert archive.main(["decrypt", str(source), str(target)]) == 1
    assert target.read_bytes() == b"keep me"


def test_cli_encrypt_asks_twice_and_round_trips(tmp_path, monkeypatch):
    plain = tmp_path / "export.zip"
    plain.write_bytes(b"zip")
    answers = iter([PASSPHRASE, PASSPHRASE])
    monkeypatch.setattr(archive.getpass, "getpass", lambda prompt="": next(answers))
    sealed = tmp_path / "export.cwarc"
    assert archive.main(["encrypt", str(plain), str(sealed)]) == 0
    assert decrypt_archive(sealed.read_bytes(), PASSPHRASE) == b"zip"


def test_module_runs_as_a_command_without_the_app(tmp_path):
    source = tmp_path / "export.cwarc"
    source.write_bytes(encrypt_archive(b"from the command line", PASSPHRASE, **CHEAP))
    target = tmp_path / "out.bin"
    result = subprocess.run(
        [sys.executable, "-m", "casework.crypto.archive", "decrypt", str(source), str(target)],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        start_new_session=True,  # no terminal: getpass reads the piped passphrase
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert target.read_bytes() == b"from the command line"
