"""Minimum-wage tables by region, each row with its effective date and source.

Source keys (K#) refer to the source list in the project's domain rules
(docs/domain/RULES.md). New York's table starts 2013-12-31 ($8.00) and
California's 2014-07-01 ($9.00); before a state's first row only the
federal floor is applied, which can understate a state claim but never
overstate one.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Bump whenever a table or a rule in the law package changes, so stored
# breakdowns can say which rules produced them.
RULESET_VERSION = "2026.2"

REGIONS: tuple[str, ...] = (
    "US",
    "NY-NYC",
    "NY-NYC-SMALL",
    "NY-LI-WESTCHESTER",
    "NY-REST",
    "CA",
    "CA-SMALL",
)


@dataclass(frozen=True)
class RateRow:
    """One minimum-wage rate in force from `effective` until the next row."""

    effective: date
    rate: Decimal
    source: str


def _rows(source: str, *pairs: tuple[str, str]) -> tuple[RateRow, ...]:
    return tuple(RateRow(date.fromisoformat(d), Decimal(r), source) for d, r in pairs)


FEDERAL: tuple[RateRow, ...] = _rows(
    "K1; 29 USC 206(a)(1)",
    ("2007-07-24", "5.85"),
    ("2008-07-24", "6.55"),
    ("2009-07-24", "7.25"),
)

_NY_SOURCE = "K12-K16; NY Labor Law 652(1)"
_CA_SOURCE = "K33-K35; Cal. Labor Code 1182.12"

# Columns: NYC 11+ employees, NYC 10 or fewer, Long Island & Westchester, rest of state.
_NY_TABLE = (
    ("2013-12-31", "8.00", "8.00", "8.00", "8.00"),
    ("2014-12-31", "8.75", "8.75", "8.75", "8.75"),
    ("2015-12-31", "9.00", "9.00", "9.00", "9.00"),
    ("2016-12-31", "11.00", "10.50", "10.00", "9.70"),
    ("2017-12-31", "13.00", "12.00", "11.00", "10.40"),
    ("2018-12-31", "15.00", "13.50", "12.00", "11.10"),
    ("2019-12-31", "15.00", "15.00", "13.00", "11.80"),
    ("2020-12-31", "15.00", "15.00", "14.00", "12.50"),
    ("2021-12-31", "15.00", "15.00", "15.00", "13.20"),
    ("2022-12-31", "15.00", "15.00", "15.00", "14.20"),
    ("2024-01-01", "16.00", "16.00", "16.00", "15.00"),
    # The day of the 2025 change is only partly confirmed (RULES.md marks it).
    ("2025-01-01", "16.50", "16.50", "16.50", "15.50"),
    ("2026-01-01", "17.00", "17.00", "17.00", "16.00"),
)

# Columns: 26 or more employees, 25 or fewer.
_CA_TABLE = (
    ("2014-07-01", "9.00", "9.00"),
    ("2016-01-01", "10.00", "10.00"),
    ("2017-01-01", "10.50", "10.00"),
    ("2018-01-01", "11.00", "10.50"),
    ("2019-01-01", "12.00", "11.00"),
    ("2020-01-01", "13.00", "12.00"),
    ("2021-01-01", "14.00", "13.00"),
    ("2022-01-01", "15.00", "14.00"),
    ("2023-01-01", "15.50", "15.50"),
    ("2024-01-01", "16.00", "16.00"),
    ("2025-01-01", "16.50", "16.50"),
    ("2026-01-01", "16.90", "16.90"),
)


def _column(table: tuple[tuple[str, ...], ...], col: int, source: str) -> tuple[RateRow, ...]:
    return _rows(source, *((row[0], row[col]) for row in table))


STATE_TABLES: dict[str, tuple[RateRow, ...]] = {
    "NY-NYC": _column(_NY_TABLE, 1, _NY_SOURCE),
    "NY-NYC-SMALL": _column(_NY_TABLE, 2, _NY_SOURCE),
    "NY-LI-WESTCHESTER": _column(_NY_TABLE, 3, _NY_SOURCE),
    "NY-REST": _column(_NY_TABLE, 4, _NY_SOURCE),
    "CA": _column(_CA_TABLE, 1, _CA_SOURCE),
    "CA-SMALL": _column(_CA_TABLE, 2, _CA_SOURCE),
}


def check_region(region: str) -> str:
    """Return the region unchanged, or raise ValueError for an unknown code."""
    if region not in REGIONS:
        raise ValueError(f"unknown region {region!r}; expected one of {', '.join(REGIONS)}")
    return region


def state_of(region: str) -> str:
    """Return "US", "NY" or "CA": the state whose law applies in a region."""
    return check_region(region).split("-")[0]


def _row_on(rows: tuple[RateRow, ...], on: date) -> RateRow | None:
    current = None
    for row in rows:
        if row.effective <= on:
            current = row
    return current


def federal_row(on: date) -> RateRow:
    """Return the federal minimum-wage row in force on a date."""
    row = _row_on(FEDERAL, on)
    if row is None:
        raise ValueError(f"no federal minimum wage table before {FEDERAL[0].effective}")
    return row


def state_row(region: str, on: date) -> RateRow | None:
    """Return the state row in force on a date, or None (federal region or before the table)."""
    check_region(region)
    return _row_on(STATE_TABLES.get(region, ()), on)


def minimum_wage_row(region: str, on: date) -> RateRow:
    """Return the row that sets the floor on a date: the higher of federal and state."""
    federal = federal_row(on)
    state = state_row(region, on)
    if state is not None and state.rate > federal.rate:
        return state
    return federal


def minimum_wage(region: str, on: date) -> Decimal:
    """Return the hourly minimum wage in a region on a date (the higher of federal and state)."""
    return minimum_wage_row(region, on).rate
