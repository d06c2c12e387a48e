"""Minimum-wage tables: each region's rate on both sides of a change day."""

from datetime import date
from decimal import Decimal as D

import pytest

from casework.law import rates


@pytest.mark.parametrize(
    ("region", "change_day", "before", "after"),
    [
        ("US", date(2009, 7, 24), "6.55", "7.25"),
        ("US", date(2008, 7, 24), "5.85", "6.55"),
        ("NY-NYC", date(2018, 12, 31), "13.00", "15.00"),
        ("NY-NYC", date(2025, 1, 1), "16.00", "16.50"),
        ("NY-NYC-SMALL", date(2019, 12, 31), "13.50", "15.00"),
        ("NY-LI-WESTCHESTER", date(2021, 12, 31), "14.00", "15.00"),
        ("NY-REST", date(2026, 1, 1), "15.50", "16.00"),
        ("CA", date(2026, 1, 1), "16.50", "16.90"),
        ("CA", date(2022, 1, 1), "14.00", "15.00"),
        ("CA-SMALL", date(2023, 1, 1), "14.00", "15.50"),
        ("CA-SMALL", date(2018, 1, 1), "10.00", "10.50"),
    ],
)
def test_rate_changes_on_its_effective_day(region, change_day, before, after):
    assert rates.minimum_wage(region, date.fromordinal(change_day.toordinal() - 1)) == D(before)
    assert rates.minimum_wage(region, change_day) == D(after)


def test_federal_floor_applies_before_a_state_table_begins():
    # NY's table starts 2013-12-31; before it the federal 7.25 is the floor.
    assert rates.minimum_wage("NY-REST", date(2013, 12, 30)) == D("7.25")
    assert rates.minimum_wage("NY-REST", date(2015, 12, 31)) == D("9.00")


def test_every_row_has_a_source_key():
    for rows in (rates.FEDERAL, *rates.STATE_TABLES.values()):
        assert all(row.source.startswith("K") for row in rows)
        assert [row.effective for row in rows] == sorted(row.effective for row in rows)


def test_state_of_and_regions():
    assert rates.REGIONS[0] == "US"
    assert {rates.state_of(r) for r in rates.REGIONS} == {"US", "NY", "CA"}
    assert rates.state_of("NY-LI-WESTCHESTER") == "NY"
    assert rates.state_of("CA-SMALL") == "CA"
    assert rates.RULESET_VERSION == "2026.2"


def test_unknown_region_and_dates_before_the_tables_are_refused():
    with pytest.raises(ValueError, match="unknown region"):
        rates.minimum_wage("TX", date(2024, 1, 1))
    with pytest.raises(ValueError, match="before 2007-07-24"):
        rates.minimum_wage("US", date(2007, 7, 23))
