"""Air targets: the engine's figures for a target's window (and the same window a year before),
judged by ``analytics.judgement.judge`` behind the validity gates (``analytics.validity``)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings

from ecoplan.analytics.figures import figures_for, year_figure
from ecoplan.analytics.judgement import Completeness, Judgement, judge
from ecoplan.monitoring.store import area_key, open_store
from ecoplan.plans.models import Area, Plan, Target

from .sources import Context, register


def annual_rule() -> str:
    """GB 3095 表4 read strictly (324 days and every month) or leniently (324 days)."""
    return settings.ECOPLAN_AIR_ANNUAL_RULE


def judge_air(ctx: Context, target: Target, area: Area | None) -> Judgement:
    if area is None:
        return judge(target.indicator_code, target.comparator, target.value, target.period, ctx.year, None,
                     ctx.as_of)
    store = ctx.resource("air", open_store)
    exclusion = "dust" if "excluding_dust" in target.conditions else "none"
    figures = figures_for(store, area_key(area), target.indicator_code, target.period, ctx.year, exclusion,
                          ctx.as_of)
    return judge(target.indicator_code, target.comparator, target.value, target.period, ctx.year, figures,
                 ctx.as_of, annual_rule())


def yearly_air(ctx: Context, target: Target, area: Area | None,
               year: int) -> tuple[Decimal | None, Completeness | None]:
    """A calendar year's figure (a five-year plan's trajectory), with its completeness."""
    if area is None or ctx.as_of < date(year, 1, 1):
        return None, None
    store = ctx.resource("air", open_store)
    exclusion = "dust" if "excluding_dust" in target.conditions else "none"
    code = target.indicator_code.removesuffix("_q1")
    figures = figures_for(store, area_key(area), code, "year", year, exclusion, ctx.as_of)
    return year_figure(code, figures, year, ctx.as_of, annual_rule())


def stationed_sub_areas(plan: Plan) -> list[Area]:
    """The sub-areas with an air station: 各街道 targets are judged where there is a figure."""
    if not plan.district_id:
        return []
    return list(plan.district.children.filter(station_memberships__isnull=False).distinct())


register("air", judge_air, stationed_sub_areas, yearly_air)
