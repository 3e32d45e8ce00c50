"""Air targets: the engine's figures for a target's window (and the same window a year before),
judged by ``analytics.judgement.judge``."""
from __future__ import annotations

from datetime import date

from ecoplan.analytics.judgement import Figures, Judgement, judge, period_window
from ecoplan.monitoring.store import area_key, open_store
from ecoplan.plans.models import Area, Plan, Target

from .sources import Context, register


def figures_for(store, area: Area, code: str, period: str, year: int, exclusion: str,
                as_of: date) -> Figures | None:
    """The engine's figures for a target's window up to ``as_of``, and the same window a year
    before (for 同比)."""
    window = period_window("Q1" if code.endswith("_q1") else period, year)
    if window is None:
        return None
    start, end = window
    row = store.area_figures(area_key(area), start, min(end, as_of), exclusion)
    if row is None:
        return None
    last_day: date = row["last_day"]  # never None: area_figures returns None for an empty window
    figures = Figures(pm25_mean=row["pm25_mean"], pm25_days=row["pm25_days"], good_days=row["good_days"],
                      aqi_days=row["aqi_days"], heavy_days=row["heavy_days"], last_day=last_day,
                      rule_sets=row["rule_sets"])
    before = store.area_figures(area_key(area), _year_before(start), _year_before(last_day), exclusion)
    figures.previous_pm25_mean = before["pm25_mean"] if before else None
    return figures


def _year_before(day: date) -> date:
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def judge_air(ctx: Context, target: Target, area: Area | None) -> Judgement:
    if area is None:
        return judge(target.indicator_code, target.comparator, target.value, target.period, ctx.year, None,
                     ctx.as_of)
    store = ctx.resource("air", open_store)
    exclusion = "dust" if "excluding_dust" in target.conditions else "none"
    figures = figures_for(store, area, target.indicator_code, target.period, ctx.year, exclusion, ctx.as_of)
    return judge(target.indicator_code, target.comparator, target.value, target.period, ctx.year, figures,
                 ctx.as_of)


def stationed_sub_areas(plan: Plan) -> list[Area]:
    """The sub-areas with an air station: 各街道 targets are judged where there is a figure."""
    if not plan.district_id:
        return []
    return list(plan.district.children.filter(station_memberships__isnull=False).distinct())


register("air", judge_air, stationed_sub_areas)
