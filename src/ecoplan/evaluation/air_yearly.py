"""The air store's figure of one calendar year, for five-year trajectories.

Annual PM2.5 / SO2 / NO2 mean, good-day ratio (优良天数比例), heavy-pollution days and ratio
(重污染天数 / 比例) of an area, with the data it rests on: the valid days against GB 3095 表4
(an annual mean needs ≥ 324 daily means; the ratios and counts are held to the same year).  A
year still running is short of the rule and says so.

Registers ``yearly`` for the "air" source on top of ``evaluation.air``'s judge (kept out of
air.py while its validity gates change; fold ``yearly_air`` into air.py's ``register`` call).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ecoplan.analytics.judgement import Completeness
from ecoplan.monitoring.store import area_key, open_store
from ecoplan.plans.models import Area, Target
from ecoplan.standards import packs
from ecoplan.standards.rounding import gb8170, to_decimal
from ecoplan.vocabulary.indicators import base_code

from . import air
from .sources import Context, register

MEANS = ("pm25", "so2_annual", "no2_annual")  # annual means: the store's pollutant is the code less _annual


def yearly_air(ctx: Context, target: Target, area: Area | None, year: int) -> tuple[Decimal | None, Completeness | None]:
    code = base_code(target.indicator_code)
    if area is None or (code not in MEANS and code not in ("good_day_ratio", "heavy_days", "heavy_ratio")):
        return None, None
    end = min(date(year, 12, 31), ctx.as_of)
    rules = packs.rules_for(date(year, 12, 31))
    required = rules.limits.validity["annual_min_days"]
    rule = f"{rules.limits.id} 表4"
    if end < date(year, 1, 1):
        return None, Completeness(0, required, "days", rule)
    store = ctx.resource("air", open_store)
    exclusion = "dust" if "excluding_dust" in target.conditions else "none"
    row = store.area_figures(area_key(area), date(year, 1, 1), end, exclusion)
    if row is None:
        return None, Completeness(0, required, "days", rule)
    if code in MEANS:
        pollutant = code.removesuffix("_annual")
        mean, days = row.get(f"{pollutant}_mean"), row.get(f"{pollutant}_days") or 0
        value = gb8170(to_decimal(mean), 1) if mean is not None else None
        return value, Completeness(days, required, "days", rule)
    days = row["aqi_days"] or 0
    completeness = Completeness(days, required, "days", rule)
    if not days:
        return None, completeness
    if code == "good_day_ratio":
        return gb8170(Decimal(row["good_days"] * 100) / days, 1), completeness
    if code == "heavy_days":
        return Decimal(row["heavy_days"]), completeness
    return gb8170(Decimal(row["heavy_days"] * 100) / days, 1), completeness


register("air", air.judge_air, air.stationed_sub_areas, yearly=yearly_air)
