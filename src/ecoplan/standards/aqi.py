"""Air quality index — 环境空气质量指数 (AQI): HJ 633-2012 and HJ 633-2026, one pure reference.

Used by the API and the pages for single values and as the oracle in tests of the bulk engine.
Series names: ``<pollutant>_<averaging>``, e.g. ``pm25_24h`` (daily mean), ``o3_8h`` (8-h mean),
``o3_1h``; ``pm25_1h`` (2026 hourly) uses the daily breakpoints (HJ 633-2026 notes to Eq. 1).
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ecoplan.vocabulary.pollutants import BY_CODE as SERIES
from ecoplan.vocabulary.pollutants import CODES as POLLUTANTS
from ecoplan.vocabulary.pollutants import (
    PRIMARY_NAMES,  # 首要污染物 as CNEMC prints it
    by_table,
)

from .packs import AqiPack, Breakpoints, Level
from .rounding import Number, gb8170, to_decimal

__all__ = ["POLLUTANTS", "PRIMARY_NAMES", "AqiResult", "aqi", "daily_aqi", "hourly_aqi", "iaqi", "level",
           "pollutant_of", "pre_round"]

TOP_IAQI = 500


def pollutant_of(series: str) -> str:
    return series.split("_")[0]


def _table(pack: AqiPack, series: str) -> Breakpoints:
    return pack.table_for(series)


def pre_round(pack: AqiPack, series: str, conc: Number) -> Decimal:
    """HJ 633-2026 4.2.2/4.2.3: µg/m³ to integers, CO (mg/m³) to one decimal, GB/T 8170."""
    value = to_decimal(conc)
    if pack.pre_round == "gb8170":
        return gb8170(value, 1 if series.startswith("co") else 0)
    return value


def iaqi(pack: AqiPack, series: str, conc: Number | None,
         others: Mapping[str, Number | None] | None = None) -> int | None:
    """Individual AQI — 空气质量分指数 (IAQI), Eq. (1), rounded up.

    Above the table: the pack's rule (2012: the IAQI of another series, given in ``others``;
    2026: a fixed IAQI); above IAQI 500 the index is capped at 500 (policy, standards.md §2.3).
    Returns None for a missing concentration.
    """
    if conc is None:
        return None
    table = _table(pack, series)
    c = pre_round(pack, series, conc)
    if c < 0:
        raise ValueError(f"negative concentration {conc} for {series}")
    bp = table.conc
    if c > bp[-1]:
        rule = table.above_top
        if rule.startswith("fixed:"):
            return int(rule.split(":")[1])
        if rule.startswith("use:"):
            other = rule.split(":")[1]
            return iaqi(pack, other, (others or {}).get(other))
        return TOP_IAQI
    for lo in range(len(bp) - 1):
        if c <= bp[lo + 1]:
            i_lo, i_hi = table.iaqi[lo], table.iaqi[lo + 1]
            # exact rational arithmetic: a float or a rounded quotient could ceil 50 to 51
            value = Fraction(i_hi - i_lo) * Fraction(c - bp[lo]) / Fraction(bp[lo + 1] - bp[lo]) + i_lo
            return math.ceil(value)
    raise AssertionError("unreachable: c within the table")


def level(pack: AqiPack, aqi_value: int) -> Level:
    """空气质量指数级别 (HJ 633 表2 / 2026 表1)."""
    return next(lv for lv in pack.levels if aqi_value <= lv.max_aqi)


@dataclass
class AqiResult:
    aqi: int | None
    iaqi: dict[str, int | None]
    pack: str
    level: str = ""
    category: str = ""
    colour: str = ""
    primary: list[str] = field(default_factory=list)  # 首要污染物, series names
    exceeding: list[str] = field(default_factory=list)  # 超标污染物 (2012 only)
    missing: list[str] = field(default_factory=list)

    @property
    def primary_text(self) -> str:
        return ",".join(SERIES[s].primary_name if s in SERIES else PRIMARY_NAMES.get(pollutant_of(s), s)
                        for s in self.primary)


def aqi(pack: AqiPack, iaqis: dict[str, int | None]) -> AqiResult:
    """AQI = max IAQI (Eq. 2); level, colour, 首要污染物 (AQI > 50, ties all listed), 超标污染物.

    Missing indicators (HJ 633-2026 5.3.1): the AQI of the available ones is published only
    when it exceeds 100; otherwise the AQI is NA and only the IAQIs stand.
    """
    present = {s: v for s, v in iaqis.items() if v is not None}
    missing = sorted(s for s, v in iaqis.items() if v is None)
    result = AqiResult(aqi=None, iaqi=dict(iaqis), pack=pack.id, missing=missing)
    if not present:
        return result
    value = max(max(present.values()), pack.aqi_min)
    if missing and pack.pre_round == "gb8170" and value <= 100:
        return result
    result.aqi = value
    lv = level(pack, value)
    result.level, result.category, result.colour = lv.level, lv.category, lv.colour
    if value > 50:
        result.primary = [s for s, v in present.items() if v == value]
    if pack.exceeding_defined:
        result.exceeding = [s for s, v in present.items() if v > 100]
    return result


def daily_aqi(pack: AqiPack, conc: Mapping[str, Number | None]) -> AqiResult:
    """Daily AQI from daily values keyed by series: so2_24h, no2_24h, pm10_24h, pm25_24h,
    co_24h, o3_8h_max and (2012) o3_1h_max."""
    others = by_table(conc)  # o3_1h ← o3_1h_max, so2_24h
    return aqi(pack, {s: iaqi(pack, s, conc.get(s), others) for s in pack.daily_series})


def hourly_aqi(pack: AqiPack, conc: Mapping[str, Number | None]) -> AqiResult:
    """Hourly (real-time) AQI.  2012: 1-h SO2/NO2/CO/O3, the O3 8-h moving mean and the PM 24-h
    moving means; 2026: the six 1-h values, PM on the daily breakpoints."""
    others = by_table(conc)  # so2_24h, o3_1h
    return aqi(pack, {s: iaqi(pack, s, conc.get(s), others) for s in pack.hourly_series})
