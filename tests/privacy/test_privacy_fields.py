"""Field names that could hold a status are caught; ordinary names are not."""

import pytest

from casework.privacy import (
    FORBIDDEN_FIELD_WORDS,
    is_forbidden_field_name,
    strip_forbidden_fields,
)


@pytest.mark.parametrize(
    "name",
    [
        "immigration_status",
        "citizenship",
        "visa_type",
        "a_number",
        "ssn",
        "itin",
        "passport_no",
        "nationality",
        "country_of_birth",
        "country_of_origin",
        "birth_country",
        "status_migratorio",
        "immigrationStatus",
        "SSNLast4",
        "worker_ssn",
        "is_citizen",
        "anumber",
        "countryofbirth",
        "green_card_number",
        "nacionalidad",
        "país_de_origen",
    ],
)
def test_forbidden_names(name):
    assert is_forbidden_field_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "visit_date",
        "position",
        "citation",
        "business_name",
        "status",
        "case_status",
        "itinerary",
        "address",
        "phone",
        "hourly_rate",
        "national_holiday_pay",
        "read_at",
        "lead_worker",
        "number_of_workers",
    ],
)
def test_ordinary_names(name):
    assert not is_forbidden_field_name(name)


def test_every_listed_word_is_itself_forbidden():
    assert all(is_forbidden_field_name(word) for word in FORBIDDEN_FIELD_WORDS)


def test_strip_forbidden_fields_drops_only_the_forbidden_keys():
    posted = {
        "name": "Ana",
        "immigration_status": "x",
        "employer": "Deli",
        "ssn": "123-45-6789",
        "visit_date": "2024-05-01",
    }
    assert strip_forbidden_fields(posted) == {
        "name": "Ana",
        "employer": "Deli",
        "visit_date": "2024-05-01",
    }
    assert posted["ssn"]  # the caller's mapping is left alone


def test_strip_forbidden_fields_accepts_pairs():
    assert strip_forbidden_fields([("hours", "40"), ("passport_no", "X1")]) == {"hours": "40"}
