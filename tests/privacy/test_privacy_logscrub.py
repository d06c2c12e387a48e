"""Log records never carry query strings, form bodies, identifying numbers or a status."""

import io
import logging
import sys

import pytest

from casework.privacy.logscrub import ScrubFilter, scrub


def _emit(msg, *args, exc_info=None):
    record = logging.LogRecord("casework", logging.INFO, __file__, 1, msg, args, exc_info)
    assert ScrubFilter().filter(record) is True
    return logging.Formatter("%(message)s").format(record)


def test_request_lines_lose_their_query_string():
    line = _emit('127.0.0.1 - - "%s %s HTTP/1.1" %s', "GET", "/cases/search?q=Maria%20Lopez", 200)
    assert "Maria" not in line and "?" not in line
    assert '"GET /cases/search HTTP/1.1" 200' in line


def test_full_urls_lose_their_query_string():
    assert scrub("redirect to https://casework.example/cases?name=Ana&page=2 done") == (
        "redirect to https://casework.example/cases done"
    )


def test_ssn_in_a_message_is_redacted():
    line = _emit("lookup failed for SSN 123-45-6789")
    assert "123-45-6789" not in line
    assert "[redacted]" in line


@pytest.mark.parametrize(
    "secret",
    ["123 45 6789", "A-12345678", "A# 123 456 789", "(555) 201-9876", "555-201-9876", "5552019876"],
)
def test_identifying_numbers_are_redacted(secret):
    assert secret not in scrub(f"value {secret} seen")


def test_form_bodies_are_redacted():
    line = _emit("body: %s", "csrf_token=abc&name=Ana+Lopez&hours=60")
    assert "Ana" not in line and "csrf_token" not in line


def test_a_single_form_field_is_redacted_but_a_record_number_is_kept():
    assert scrub("posted name=Ana+Lopez to intake") == "posted [redacted] to intake"
    assert scrub("opened case_id=42") == "opened case_id=42"


def test_status_disclosures_are_redacted():
    assert "undocumented" not in scrub("note rejected: worker is undocumented")


def test_ordinary_messages_are_left_alone():
    message = "case 42 updated by user 7 at 2024-05-01 12:00:00,123 in 35 ms"
    assert scrub(message) == message
    assert _emit("GET /cases/42 200") == "GET /cases/42 200"


def test_exception_text_is_scrubbed():
    try:
        raise ValueError("bad SSN 123-45-6789")
    except ValueError:
        line = _emit("failed", exc_info=sys.exc_info())
    assert "123-45-6789" not in line
    assert "ValueError" in line


def test_filter_on_a_handler_scrubs_records_from_child_loggers():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(ScrubFilter())
    parent = logging.getLogger("casework.test.privacy")
    parent.addHandler(handler)
    parent.setLevel(logging.INFO)
    try:
        logging.getLogger("casework.test.privacy.child").info("GET %s", "/intake?phone=5552019876")
    finally:
        parent.removeHandler(handler)
    assert stream.getvalue() == "GET /intake\n"
