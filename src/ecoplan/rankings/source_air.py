"""The ``air`` source: pollutant statistics, good days, heavy days and the composite index of
many areas over one window — one grouped query over the air store's area-days.

What each metric is (``vocabulary.rank_metrics``): the period mean of PM2.5, PM10, NO2, SO2;
CO's 95th and O3-MDA8's 90th percentile (HJ 663 §3.3, ``analytics.statistics``); the good-day
ratio (good ÷ valid AQI days × 100) and heavy-pollution days (standards.md §3.7); the composite
index (``standards.composite``, §3.9).

Validity: a figure rests on enough valid days by GB 3095 表4 as the target judges read it
(``analytics.validity``: 27 a month, 25 in February, 324 a year, the current month pro rata);
fewer, and the area is listed with no figure and the count.  Dust (扣除沙尘): the exclusion
register's days leave the pollutant figures and the index, and stay in the good and heavy days
(standards.md §3.7); a day left out is not a missing day (the validity rule counts it).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.utils.translation import gettext

from ecoplan.analytics import validity
from ecoplan.analytics.statistics import kept, statistics_columns
from ecoplan.monitoring.models import Station, StationMembership
from ecoplan.monitoring.store import area_key, open_store
from ecoplan.plans.models import Area
from ecoplan.standards import composite, packs
from ecoplan.standards.rounding import to_decimal
from ecoplan.vocabulary import pollutants
from ecoplan.vocabulary.deadlines import month_end_of
from ecoplan.vocabulary.rank_metrics import Metric

from .sources import AreaFigure, Window, register

DAY_COUNTS = ("good_day_ratio", "heavy_days")  # on the AQI days, dust kept (standards.md §3.7)


def statistic(component: str) -> tuple[str, str, str]:
    """The ``statistics_columns`` columns of a pollutant's figure and of its valid days, and the
    area-day column they count."""
    q = dict(packs.assessment().percentiles)
    if component == "o3":
        return f"o3_8h_p{q['o3']}", "o3_days", "o3_8h_max"
    if component == "co":
        return f"co_p{q['co']}", "co_days", "co"
    return f"{component}_mean", f"{component}_days", component


def _relation(exclude_dust: bool) -> str:
    if not exclude_dust:  # every day kept: no join with the exclusion register
        return "SELECT a.*, true AS keep FROM area_daily a"
    return f"SELECT * FROM ({kept()}) k WHERE exclusion = 'dust'"


def _present() -> str:
    """The valid days with the register's days counted (``<days>_all``): a day left out as sand
    and dust is no missing day — the validity rule judges the data, the exclusion the figure."""
    counts = [statistic(c)[1:] for c in composite.COMPONENTS] + [("aqi_days", "aqi")]
    return ", ".join(f"count(a.{column}) AS {days}_all" for days, column in counts)


def area_rows(store, keys: list[str], window: Window, exclude_dust: bool) -> dict[str, dict[str, Any]]:
    """Each area's statistics over the window and its valid days per month: ONE grouped query
    (GROUPING SETS: the window's row and its months' rows)."""
    if not keys or not store.has("area_daily"):
        return {}
    listing = ", ".join("?" for _ in keys)
    rows = store.query(f"""WITH a AS ({_relation(exclude_dust)})
        SELECT a.area, year(a.day) AS y, month(a.day) AS m, {statistics_columns()}, {_present()}
        FROM a WHERE a.basis = 'in_force' AND a.area IN ({listing}) AND a.day BETWEEN ? AND ?
        GROUP BY GROUPING SETS ((a.area), (a.area, year(a.day), month(a.day)))""",
                       [*keys, window.start, window.end])
    found: dict[str, dict[str, Any]] = {}
    months: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    for row in rows:
        if row["y"] is None:
            found[row["area"]] = row
        else:
            months[row["area"]][validity.month_key(row["y"], row["m"])] = row
    for key, row in found.items():
        row["months"] = months[key]
    return found


def _short_of(row: dict[str, Any], days: str, window: Window) -> str | None:
    """Why the figure resting on ``days`` is below the validity rule, None when it is enough."""
    # the window ends on the ranking's day at the latest: the month it ends in is judged pro rata
    end = month_end_of(window.end)
    counted = f"{days}_all"
    enough = validity.completeness(row[counted], {m: r[counted] for m, r in row["months"].items()}, window.start,
                                   end, window.end, settings.ECOPLAN_AIR_ANNUAL_RULE)
    if enough.sufficient:
        return None
    reason = gettext("%(valid)s valid days of the %(required)s the rule asks (%(rule)s)") % {
        "valid": enough.valid, "required": enough.required, "rule": enough.rule}
    return reason + (": " + "; ".join(enough.short) if enough.short else "")


_LABELS = {p.code: p.label for p in pollutants.POLLUTANTS}


def _name(component: str) -> str:
    return gettext(_LABELS[component])


def figure(metric: Metric, row: dict[str, Any], window: Window) -> AreaFigure:
    """One area's figure of ``metric`` from its ``area_rows`` row."""
    if metric.code in DAY_COUNTS:
        if not row["aqi_days"]:
            return AreaFigure(None, gettext("no valid daily AQI in the period"))
        short = _short_of(row, "aqi_days", window)
        if short:
            return AreaFigure(None, short)
        if metric.code == "heavy_days":
            return AreaFigure(Decimal(row["heavy_days"]))
        return AreaFigure(Decimal(row["good_days"] * 100) / Decimal(row["aqi_days"]))
    components = list(composite.COMPONENTS) if metric.code == "composite_index" else [metric.code]
    values: dict[str, Decimal | None] = {}
    for component in components:
        column, days, _daily = statistic(component)
        if not row[days] or row[column] is None:
            return AreaFigure(None, gettext("no valid daily %(pollutant)s value in the period") % {
                "pollutant": _name(component)})
        short = _short_of(row, days, window)
        if short:
            return AreaFigure(None, f"{_name(component)}: {short}" if len(components) > 1 else short)
        values[component] = to_decimal(row[column])
    if metric.code != "composite_index":
        return AreaFigure(values[metric.code])
    return AreaFigure(composite.composite_index(values, packs.rules_for(window.limits_day).limits))


def stations_in(areas: Sequence[Area], window: Window) -> set[int]:
    """The areas with an evaluation station some day of the window."""
    memberships = StationMembership.objects.filter(area__in=areas, station__kind=Station.Kind.EVALUATION)
    return {area for area, start, end in memberships.values_list("area_id", "valid_from", "valid_to")
            if (start is None or start <= window.end) and (end is None or end >= window.start)}


@register("air")
def air(metric: Metric, areas: Sequence[Area], window: Window) -> dict[int, AreaFigure]:
    dust = window.exclude_dust and metric.code not in DAY_COUNTS
    with open_store() as store:
        rows = area_rows(store, [area_key(a) for a in areas], window, dust)
    out: dict[int, AreaFigure] = {}
    lacking = [a for a in areas if area_key(a) not in rows]
    with_stations = stations_in(lacking, window) if lacking else set()
    for area in areas:
        row = rows.get(area_key(area))
        if row is not None:
            out[area.pk] = figure(metric, row, window)
        elif area.pk in with_stations:
            out[area.pk] = AreaFigure(None, gettext("no valid daily data from its stations in the period"))
        else:
            out[area.pk] = AreaFigure(None, gettext("no evaluation station in this area"))
    return out
