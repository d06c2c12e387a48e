"""City and industry minimum wages above the state's, each row with its date and source.

A claim may name where the work was done (`work_city`, a city or county with
its own minimum-wage ordinance) and its industry (`wage_industry`). Each day's
minimum wage is the highest applicable rate: federal, state, city, industry
(29 USC 218(a); Labor Code 1205(b); each ordinance's own saving clause).
A city's columns follow the employer size of the case's region (CA for 26 or
more employees, CA-SMALL for 25 or fewer) where the ordinance phased in by size.

California's liquidated damages (Labor Code 1194.2) are owed on the minimum
wage "fixed by an order of the commission or by statute": the state, fast-food
and health-care rates, not a city's, whose ordinances carry remedies of their
own. The calculator counts them on the statutory rate only.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .i18n import N_
from .rates import RateRow, check_region, state_of


@dataclass(frozen=True)
class LocalWage:
    """A city's or an industry's minimum wage table: who it covers and its rows by size."""

    code: str
    state: str
    label: str
    citation: str
    statutory: bool  # fixed by statute, so California liquidated damages follow it
    rows: tuple[RateRow, ...]
    small_rows: tuple[RateRow, ...] | None = None  # 25 or fewer employees, where different
    # New York tables by region (home care): region code -> rows.
    by_region: dict[str, tuple[RateRow, ...]] | None = None


def _rows(source: str, *pairs: tuple[str, str]) -> tuple[RateRow, ...]:
    return tuple(RateRow(date.fromisoformat(d), Decimal(r), source) for d, r in pairs)


_LA_CITY = "Los Angeles Municipal Code 187.00-187.12 (Ordinance 184320)"
_LA_COUNTY = "Los Angeles County Code ch. 8.100"
_SF = "San Francisco Admin. Code ch. 12R (Labor & Employment Code art. 1.4)"
_OAKLAND = "Oakland Municipal Code ch. 5.92 (Measure FF)"
_SAN_JOSE = "San Jose Municipal Code ch. 4.100"
_FAST_FOOD = "Cal. Labor Code 1474-1475 (AB 1228)"
_HEALTH = "Cal. Labor Code 1182.14, 1182.15 (SB 525, SB 159)"
_HOME_CARE = "NY Public Health Law 3614-f"

_LA_PHASE_IN_SMALL = (
    ("2017-07-01", "10.50"),
    ("2018-07-01", "12.00"),
    ("2019-07-01", "13.25"),
    ("2020-07-01", "14.25"),
    ("2021-07-01", "15.00"),
)

CITIES: dict[str, LocalWage] = {
    wage.code: wage
    for wage in (
        LocalWage(
            "CA-LOS-ANGELES",
            "CA",
            N_("City of Los Angeles"),
            _LA_CITY,
            False,
            _rows(
                _LA_CITY,
                ("2016-07-01", "10.50"),
                ("2017-07-01", "12.00"),
                ("2018-07-01", "13.25"),
                ("2019-07-01", "14.25"),
                ("2020-07-01", "15.00"),
                ("2022-07-01", "16.04"),
                ("2023-07-01", "16.78"),
                ("2024-07-01", "17.28"),
                ("2025-07-01", "17.87"),
            ),
            _rows(
                _LA_CITY,
                *_LA_PHASE_IN_SMALL,
                ("2022-07-01", "16.04"),
                ("2023-07-01", "16.78"),
                ("2024-07-01", "17.28"),
                ("2025-07-01", "17.87"),
            ),
        ),
        LocalWage(
            "CA-LOS-ANGELES-COUNTY",
            "CA",
            N_("Unincorporated Los Angeles County"),
            _LA_COUNTY,
            False,
            _rows(
                _LA_COUNTY,
                ("2016-07-01", "10.50"),
                ("2017-07-01", "12.00"),
                ("2018-07-01", "13.25"),
                ("2019-07-01", "14.25"),
                ("2020-07-01", "15.00"),
                ("2022-07-01", "15.96"),
                ("2023-07-01", "16.90"),
                ("2024-07-01", "17.27"),
                ("2025-07-01", "17.81"),
            ),
            _rows(
                _LA_COUNTY,
                *_LA_PHASE_IN_SMALL,
                ("2022-07-01", "15.96"),
                ("2023-07-01", "16.90"),
                ("2024-07-01", "17.27"),
                ("2025-07-01", "17.81"),
            ),
        ),
        LocalWage(
            "CA-SAN-FRANCISCO",
            "CA",
            N_("San Francisco"),
            _SF,
            False,
            _rows(
                _SF,
                ("2014-01-01", "10.74"),
                ("2015-01-01", "11.05"),
                ("2015-05-01", "12.25"),
                ("2016-07-01", "13.00"),
                ("2017-07-01", "14.00"),
                ("2018-07-01", "15.00"),
                ("2019-07-01", "15.59"),
                ("2020-07-01", "16.07"),
                ("2021-07-01", "16.32"),
                ("2022-07-01", "16.99"),
                ("2023-07-01", "18.07"),
                ("2024-07-01", "18.67"),
                ("2025-07-01", "19.18"),
            ),
        ),
        LocalWage(
            "CA-OAKLAND",
            "CA",
            N_("Oakland"),
            _OAKLAND,
            False,
            _rows(
                _OAKLAND,
                ("2015-03-02", "12.25"),
                ("2016-01-01", "12.55"),
                ("2017-01-01", "12.86"),
                ("2018-01-01", "13.23"),
                ("2019-01-01", "13.80"),
                ("2020-01-01", "14.14"),
                ("2021-01-01", "14.36"),
                ("2022-01-01", "15.06"),
                ("2023-01-01", "15.97"),
                ("2024-01-01", "16.50"),
                ("2025-01-01", "16.89"),
            ),
        ),
        LocalWage(
            "CA-SAN-JOSE",
            "CA",
            N_("San Jose"),
            _SAN_JOSE,
            False,
            _rows(
                _SAN_JOSE,
                ("2015-01-01", "10.30"),
                ("2017-01-01", "10.40"),
                ("2017-07-01", "12.00"),
                ("2018-01-01", "13.50"),
                ("2019-01-01", "15.00"),
                ("2020-01-01", "15.25"),
                ("2021-01-01", "15.45"),
                ("2022-01-01", "16.20"),
                ("2023-01-01", "17.00"),
                ("2024-01-01", "17.55"),
                ("2025-01-01", "17.95"),
            ),
        ),
    )
}

_HOME_CARE_DOWNSTATE = _rows(
    _HOME_CARE,
    ("2022-10-01", "17.00"),
    ("2023-10-01", "18.00"),
    ("2024-01-01", "18.55"),
    ("2025-01-01", "19.10"),
    ("2026-01-01", "19.65"),
)

INDUSTRIES: dict[str, LocalWage] = {
    wage.code: wage
    for wage in (
        LocalWage(
            "CA-FAST-FOOD",
            "CA",
            N_("Fast-food restaurant of a chain with more than 60 locations nationwide"),
            _FAST_FOOD,
            True,
            _rows(_FAST_FOOD, ("2024-04-01", "20.00")),
        ),
        LocalWage(
            "CA-HEALTH-LARGE",
            "CA",
            N_("Health care: a system with 10,000 or more full-time staff, or a dialysis clinic"),
            _HEALTH,
            True,
            _rows(
                _HEALTH, ("2024-10-16", "23.00"), ("2025-07-01", "24.00"), ("2026-07-01", "25.00")
            ),
        ),
        LocalWage(
            "CA-HEALTH-SAFETY-NET",
            "CA",
            N_("Health care: a rural or safety-net hospital (high government payor mix)"),
            _HEALTH,
            True,
            _rows(_HEALTH, ("2024-10-16", "18.00"), ("2025-07-01", "18.63")),
        ),
        LocalWage(
            "CA-HEALTH-CLINIC",
            "CA",
            N_("Health care: a licensed community or rural clinic"),
            _HEALTH,
            True,
            _rows(
                _HEALTH, ("2024-10-16", "21.00"), ("2026-07-01", "22.00"), ("2027-07-01", "25.00")
            ),
        ),
        LocalWage(
            "CA-HEALTH-OTHER",
            "CA",
            N_("Health care: any other covered health care facility"),
            _HEALTH,
            True,
            _rows(
                _HEALTH, ("2024-10-16", "21.00"), ("2026-07-01", "23.00"), ("2028-07-01", "25.00")
            ),
        ),
        LocalWage(
            "NY-HOME-CARE",
            "NY",
            N_("Home care aide paid with Medicaid funds"),
            _HOME_CARE,
            True,
            (),
            by_region={
                "NY-NYC": _HOME_CARE_DOWNSTATE,
                "NY-NYC-SMALL": _HOME_CARE_DOWNSTATE,
                "NY-LI-WESTCHESTER": _HOME_CARE_DOWNSTATE,
                "NY-REST": _rows(
                    _HOME_CARE,
                    ("2022-10-01", "15.20"),
                    ("2022-12-31", "16.20"),
                    ("2023-10-01", "17.20"),
                    ("2024-01-01", "17.55"),
                    ("2025-01-01", "18.10"),
                    ("2026-01-01", "18.65"),
                ),
            },
        ),
    )
}


def cities_for(region: str) -> list[LocalWage]:
    """Return the cities with their own minimum wage in a region's state."""
    state = state_of(region)
    return [wage for wage in CITIES.values() if wage.state == state]


def industries_for(region: str) -> list[LocalWage]:
    """Return the industries with their own minimum wage in a region's state."""
    state = state_of(region)
    return [wage for wage in INDUSTRIES.values() if wage.state == state]


def check_local(region: str, city: str | None, industry: str | None) -> None:
    """Raise ValueError when a city or an industry code does not belong to the region's state."""
    state = state_of(check_region(region))
    if city is not None and (city not in CITIES or CITIES[city].state != state):
        raise ValueError(f"unknown city {city!r} for {region}")
    if industry is not None and (industry not in INDUSTRIES or INDUSTRIES[industry].state != state):
        raise ValueError(f"unknown industry {industry!r} for {region}")


def _rows_for(wage: LocalWage, region: str) -> tuple[RateRow, ...]:
    if wage.by_region is not None:
        return wage.by_region.get(region, ())
    if region.endswith("-SMALL") and wage.small_rows is not None:
        return wage.small_rows
    return wage.rows


def _row_on(rows: tuple[RateRow, ...], on: date) -> RateRow | None:
    current = None
    for row in rows:
        if row.effective <= on:
            current = row
    return current


def local_rows(
    region: str, city: str | None, industry: str | None, on: date
) -> list[tuple[LocalWage, RateRow]]:
    """Return the city and industry rows in force on a date, each with its table."""
    found = []
    for wage in (CITIES.get(city or ""), INDUSTRIES.get(industry or "")):
        if wage is None:
            continue
        row = _row_on(_rows_for(wage, region), on)
        if row is not None:
            found.append((wage, row))
    return found
