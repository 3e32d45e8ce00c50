"""Pollutants, AQI series, and the column of the engine's tables each series is computed from.

A series is ``<pollutant>_<averaging>`` (standards.md §2): ``pm25_24h`` a daily mean, ``o3_8h``
an 8-h moving mean, ``o3_8h_max`` its daily maximum (MDA8), ``pm25_24h_moving`` a 24-h moving
mean (HJ 633-2012 hourly).  The rule packs give each series its breakpoints; this table says
which column of the daily table (``daily``) or of the hourly area table (``hourly``) holds it,
and how 首要污染物 names it (CNEMC's wording).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

from . import Term
from . import gettext_noop as _

T = TypeVar("T")

# In the order of the air store's columns; CO in mg/m³, the rest in µg/m³.
POLLUTANTS = (
    Term("so2", _("SO2"), "二氧化硫"),
    Term("no2", _("NO2"), "二氧化氮"),
    Term("co", _("CO"), "一氧化碳"),
    Term("o3", _("O3"), "臭氧"),
    Term("pm10", _("PM10"), "颗粒物(PM10)"),
    Term("pm25", _("PM2.5"), "细颗粒物(PM2.5)"),
)
CODES = tuple(p.code for p in POLLUTANTS)

# AQI categories (空气质量指数类别, HJ 633 表2): the packs print ``zh``; level and colour are the packs'.
AQI_CATEGORIES = (
    Term("excellent", _("excellent"), "优"),
    Term("good", _("good"), "良"),
    Term("light", _("light pollution"), "轻度污染"),
    Term("moderate", _("moderate pollution"), "中度污染"),
    Term("heavy", _("heavy pollution"), "重度污染"),
    Term("severe", _("severe pollution"), "严重污染"),
)
CATEGORY_LABELS = {c.zh: c.label for c in AQI_CATEGORIES}  # as a pack prints it → msgid
UNITS = {"so2": "µg/m³", "no2": "µg/m³", "co": "mg/m³", "o3": "µg/m³", "pm10": "µg/m³", "pm25": "µg/m³"}
# an hourly value above its ceiling is impossible (an instrument or unit error), not pollution
CEILINGS = {"so2": 10000, "no2": 5000, "co": 150, "o3": 2000, "pm10": 5000, "pm25": 3000}


@dataclass(frozen=True)
class Series:
    code: str
    pollutant: str
    averaging: str  # 1h / 8h / 24h
    daily: str = ""  # column of the daily table that holds it ('' : not a daily series)
    hourly: str = ""  # column of the hourly area table ('' : not an hourly series)
    primary: str = ""  # 首要污染物 as printed; '' : the pollutant's name

    @property
    def primary_name(self) -> str:
        return self.primary or next(p.zh for p in POLLUTANTS if p.code == self.pollutant)


SERIES = (
    Series("so2_24h", "so2", "24h", daily="so2", hourly="so2_24h"),
    Series("no2_24h", "no2", "24h", daily="no2"),
    Series("co_24h", "co", "24h", daily="co"),
    Series("pm10_24h", "pm10", "24h", daily="pm10"),
    Series("pm25_24h", "pm25", "24h", daily="pm25"),
    Series("o3_1h_max", "o3", "1h", daily="o3_1h_max", primary="臭氧1小时"),
    Series("o3_8h_max", "o3", "8h", daily="o3_8h_max", primary="臭氧8小时"),
    Series("so2_1h", "so2", "1h", hourly="so2"),
    Series("no2_1h", "no2", "1h", hourly="no2"),
    Series("co_1h", "co", "1h", hourly="co"),
    Series("o3_1h", "o3", "1h", hourly="o3", primary="臭氧1小时"),
    Series("o3_8h", "o3", "8h", hourly="o3_8h", primary="臭氧8小时"),
    Series("pm10_24h_moving", "pm10", "24h", hourly="pm10_24h"),
    Series("pm25_24h_moving", "pm25", "24h", hourly="pm25_24h"),
    Series("pm10_1h", "pm10", "1h", hourly="pm10"),
    Series("pm25_1h", "pm25", "1h", hourly="pm25"),
)
BY_CODE = {s.code: s for s in SERIES}
AVERAGINGS = ("24h", "1h", "8h")

# daily column → the series whose breakpoints apply; hourly series → its column
DAILY_SERIES = {s.daily: s.code for s in SERIES if s.daily}
HOURLY_COLUMNS = {s.code: s.hourly for s in SERIES if s.hourly}
# pollutants judged on a 24-h mean (O3 on its 1-h and 8-h maxima instead)
DAILY_MEANS = tuple(s.pollutant for s in SERIES if s.daily and s.averaging == "24h")
# 首要污染物 by series, and by pollutant for a series not listed
PRIMARY_NAMES = {**{p.code: p.zh for p in POLLUTANTS},
                 **{s.code.removesuffix("_max"): s.primary for s in SERIES if s.primary}}


def series_of(pollutant: str, averaging: str) -> str:
    """The series a single value is judged on: PM has daily breakpoints only (HJ 633 表1)."""
    if pollutant in ("pm25", "pm10"):
        return f"{pollutant}_24h"
    return f"{pollutant}_{averaging}"


def breakpoint_tables(series: str) -> tuple[str, str]:
    """The breakpoint tables a series is read on, the first a pack has wins: its own
    (o3_8h_max → o3_8h, pm25_24h_moving → pm25_24h), else the daily one (PM 1-h values,
    HJ 633-2026 notes to Eq. 1)."""
    base = series.removesuffix("_max").removesuffix("_moving")
    return base, base.replace("_1h", "_24h")


def by_table(values: Mapping[str, T]) -> dict[str, T]:
    """Values keyed by series, re-keyed by the breakpoint table each is read on: what a pack's
    ``use:<series>`` rule above the top of a table looks up (HJ 633-2012: SO2 1-h above 800 uses
    the 24-h IAQI, O3 8-h above 800 the 1-h IAQI)."""
    return {breakpoint_tables(series)[0]: value for series, value in values.items()}
