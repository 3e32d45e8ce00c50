"""Water targets (断面达标率, 优良水体比例, 劣Ⅴ类水体比例, 劣Ⅴ类河长比例, 饮用水水源地达标率):
the area's sections over the target's window, judged by ``analytics.judgement.judge_level``.

Completeness (data, ``standards/packs/gb3838-2002.toml`` [sampling]): every section of the area
needs at least ``per_month`` valid samples in each month of the window that has ended by the day
judged (HJ 91.2-2022: assessment sections are sampled monthly); a month short names the section.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ecoplan.analytics.judgement import Completeness, Judgement, judge_level, period_window
from ecoplan.analytics.water import AreaFigures, SectionPeriod, area_figures, month_range
from ecoplan.monitoring.models import WaterSection
from ecoplan.monitoring.store import area_key
from ecoplan.monitoring.water import open_water_store, section_info, sections_of
from ecoplan.plans.models import Area, Plan, Target
from ecoplan.standards import water
from ecoplan.vocabulary.deadlines import month_end
from ecoplan.vocabulary.indicators import BY_CODE

from .sources import Context, register

# indicator → (the figure of AreaFigures, what the ratio counts, its denominator)
FIGURES = {
    "section_compliance": ("compliance", "meeting", "with_target"),
    "good_water_ratio": ("good_ratio", "good", "classed"),
    "worse_v_water": ("worse_v_ratio", "worse_v", "classed"),
    "worse_v_river_length": ("worse_v_length_ratio", "worse_v_km", "river_km"),
    "drinking_source_compliance": ("drinking_compliance", "drinking_meeting", "drinking"),
}
SHOWN = 5  # short section-months named in a reason


def completeness(sections: list[WaterSection], periods: dict[str, SectionPeriod], start: date, end: date,
                 as_of: date) -> Completeness:
    """Section-months sampled against the months ended by ``as_of`` (the sampling rule of the pack)."""
    rule = water.standard().sampling
    last = min(end, as_of)
    ended = [m for m in month_range(start, last) if month_end(int(m[:4]), int(m[5:])) <= last or last == end]
    valid, short = 0, []
    for section in sections:
        period = periods.get(section.code)
        months = set(period.months) if period else set()
        for month in ended:
            if month in months:
                valid += 1
            else:
                short.append(f"{section.name} {month}")
    shown = short[:SHOWN] + ([f"… {len(short) - SHOWN} more"] if len(short) > SHOWN else [])
    return Completeness(valid=valid, required=len(ended) * len(sections), unit="section-months",
                        rule=f"≥ {rule.per_month} sample a month per section ({rule.clause})", short=shown)


def _figures(ctx: Context, area: Area, start: date, end: date):
    sections = sections_of(area)
    infos = [section_info(s) for s in sections]
    store = ctx.resource("water", open_water_store)
    periods = store.section_periods(start, end, infos)
    return sections, periods, area_figures(periods, infos, area_key(area))


def _not_evaluable(code: str, reason: str, **params) -> Judgement:
    return Judgement("not_evaluable", reason.format(**params), code=code, params=params)


def _relevant(code: str, sections: list[WaterSection]) -> list[WaterSection]:
    """The sections a figure rests on (for its completeness)."""
    if code == "drinking_source_compliance":
        return [s for s in sections if s.drinking_source]
    if code == "worse_v_river_length":
        return [s for s in sections if s.river_km and s.kind == WaterSection.Kind.RIVER]
    if code == "section_compliance":
        return [s for s in sections if s.target_class]
    return sections


def judge_water(ctx: Context, target: Target, area: Area | None) -> Judgement:
    code = target.indicator_code
    if area is None:
        return _not_evaluable("no_water_area", "the plan has no district: water sections are registered by area")
    window = period_window(target.period, ctx.year)
    if window is None:
        return _not_evaluable("bad_period", "period “{period}” is not an air-quality period", period=target.period)
    start, end = window
    if ctx.as_of < start:
        return _not_evaluable("not_started", "the period starts on {start}", start=start.isoformat())
    sections, periods, figures = _figures(ctx, area, start, min(end, ctx.as_of))
    if not sections:
        return _not_evaluable("no_water_section", "no water section registered for {area}", area=area.name)
    relevant = _relevant(code, sections)
    if not relevant:
        missing = {"drinking_source_compliance": "no drinking-water source section registered for {area}",
                   "worse_v_river_length": "no river length registered for the sections of {area}",
                   "section_compliance": "no section of {area} has a target class"}[code]
        return _not_evaluable(f"no_water_{code}", missing, area=area.name)
    comparator, value = target.comparator, target.value
    if comparator == "municipal" and value is None:
        if code != "section_compliance":
            return _not_evaluable("municipal_pending", "waiting for the municipal value (达到市级要求)")
        # 断面水质达到市级的目标要求: every section meets the target class the list gives it
        comparator, value = ">=", Decimal(100)
    figure, part, whole = FIGURES[code]
    indicator = BY_CODE[code]
    result = judge_level(comparator, value, getattr(figures, figure), unit="%", complete=ctx.as_of > end,
                         lower_is_better=indicator.lower_is_better, precision=1,
                         completeness=completeness(relevant, periods, start, end, ctx.as_of))
    return _with_counts(result, figures, part, whole)


def _with_counts(result: Judgement, figures: AreaFigures, part: str, whole: str) -> Judgement:
    """A ratio's reason names what it counts: “6 of 7 sections”, and for a compliance rate the
    sections below their target."""
    if result.code != "level":
        return result
    counts = {"part": _num(getattr(figures, part)), "whole": _num(getattr(figures, whole))}
    if whole == "river_km":
        result.code, extra = "water_length", f" ({counts['part']} of {counts['whole']} km)"
    elif part in ("meeting", "drinking_meeting"):
        failing = figures.failing if part == "meeting" else figures.drinking_failing
        counts["failing"] = "、".join(failing) or "—"
        result.code = "water_compliance"
        extra = f" ({counts['part']} of {counts['whole']} sections meet their target class; below: {counts['failing']})"
    else:
        result.code, extra = "water_sections", f" ({counts['part']} of {counts['whole']} sections)"
    result.params = {**result.params, **counts}
    result.reason += extra
    return result


def _num(value) -> str:
    from ecoplan.analytics.judgement import plain

    return str(plain(Decimal(value)))


def yearly_water(ctx: Context, target: Target, area: Area | None, year: int) -> tuple[Decimal | None, Completeness | None]:
    """The calendar year's figure (five-year trajectories) and its completeness."""
    if area is None:
        return None, None
    start, end = date(year, 1, 1), date(year, 12, 31)
    sections, periods, figures = _figures(ctx, area, start, min(end, ctx.as_of))
    relevant = _relevant(target.indicator_code, sections)
    if not relevant:
        return None, None
    return (getattr(figures, FIGURES[target.indicator_code][0]),
            completeness(relevant, periods, start, end, ctx.as_of))


def sectioned_sub_areas(plan: Plan) -> list[Area]:
    """The sub-areas with a water section: 各街道 water targets are judged where there is one."""
    if not plan.district_id:
        return []
    return list(plan.district.children.filter(water_sections__isnull=False).distinct())


register("water", judge_water, sectioned_sub_areas, yearly_water)
