"""The composite air quality index — 环境空气质量综合指数 (standards.md §3.9), as rankings use it.

    I = Σ Cᵢ / Sᵢ over SO2, NO2, PM10, PM2.5 (period means), CO (24-h 95th percentile) and
    O3 (MDA8 90th percentile); Sᵢ the grade-II limit (二级浓度限值) of the limits pack in force.

UNVERIFIED: which variant current rankings use.  This is the plain sum of the six ratios (the
public module [S8] of standards.md: PM2.5 35, PM10 70, O3 160, NO2 40, SO2 60, CO 4 under
GB 3095-2012); a 168-city module also publishes a weighted variant (PM2.5 × 3, NO2 × 2, O3 × 2)
with its own rounding.  Components enter unrounded; the index is rounded as a ranking publishes
it (0.01), not here.

The limits are read from the pack in force (``packs.rules_for``): GB 3095-2012 to 2026-02-28,
the 2026 transition limits from 2026-03-01 (PM2.5 30, PM10 60), the final ones from 2031.
"""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .packs import LimitsPack
from .rounding import Number, to_decimal

# component (the period statistic's name) → (pollutant, averaging of its grade-II limit)
COMPONENTS = (
    ("so2", ("so2", "annual")),
    ("no2", ("no2", "annual")),
    ("pm10", ("pm10", "annual")),
    ("pm25", ("pm25", "annual")),
    ("co", ("co", "daily")),  # CO: its 24-h limit against the 95th percentile of daily means
    ("o3", ("o3", "mda8")),  # O3: its MDA8 limit against the 90th percentile of MDA8
)


def divisors(limits: LimitsPack) -> dict[str, Decimal]:
    """Sᵢ: each component's grade-II limit in ``limits``."""
    found = {}
    for component, (pollutant, averaging) in COMPONENTS:
        limit = limits.limit(pollutant, averaging, 2)
        if limit is None:
            raise ValueError(f"{limits.id} has no grade-II {averaging} limit of {pollutant}")
        found[component] = limit
    return found


def composite_index(values: Mapping[str, Number | None], limits: LimitsPack) -> Decimal | None:
    """Σ Cᵢ/Sᵢ of the six components (``values``: component → its period statistic); None when
    any is missing — an index of five pollutants is no index."""
    total = Decimal(0)
    for component, limit in divisors(limits).items():
        value = values.get(component)
        if value is None:
            return None
        total += to_decimal(value) / limit
    return total


def missing(values: Mapping[str, Number | None]) -> list[str]:
    """The components without a value (what makes the index None)."""
    return [c for c, _ in COMPONENTS if values.get(c) is None]
