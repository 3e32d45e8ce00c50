"""Linking a plan's air targets to the engine's figures and judging them."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from django.utils import timezone

from ecoplan.analytics.judgement import Figures, Judgement, judge, period_window
from ecoplan.monitoring.store import area_key, open_store
from ecoplan.plans.models import Area, Plan, Target
from ecoplan.vocabulary import areas
from ecoplan.vocabulary.indicators import EVALUABLE


@dataclass
class TargetJudgement:
    target: Target
    area: Area | None
    judgement: Judgement

    @property
    def status(self) -> str:
        return self.judgement.status

    @property
    def reason(self) -> str:
        from .messages import reason

        return reason(self.judgement)

    @property
    def area_name(self) -> str:
        return self.area.name if self.area else "—"

    def as_dict(self) -> dict:
        return {"target_id": self.target.pk, "indicator": self.target.indicator,
                "indicator_code": self.target.indicator_code, "comparator": self.target.comparator,
                "value": self.target.value, "period": self.target.period,
                "area": self.area_name, **asdict(self.judgement)}


def _areas(plan: Plan, target: Target) -> list[Area]:
    """The areas a target speaks of: its own, every sub-area for 各… scopes, else the district."""
    if target.area_id:
        return [target.area]
    if areas.is_every_sub_area(target.area_printed) and plan.district_id:
        return list(plan.district.children.filter(station_memberships__isnull=False).distinct())
    return [plan.district] if plan.district_id else []


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


def _before_plan(plan: Plan, period: str) -> bool:
    """A period that ended before the plan began (`2016-2020` in a 2021–2025 plan: the previous
    plan's review table) is a record of what was achieved, not a target to judge."""
    m = re.fullmatch(r"(\d{4})-(\d{4})", period or "")
    return bool(m and plan.period_start and int(m.group(2)) < plan.period_start)


def judge_plan(plan: Plan, as_of: date | None = None) -> list[TargetJudgement]:
    """Every air target of the plan, per area, judged against the figures to ``as_of``."""
    as_of = as_of or timezone.localdate()
    year = plan.period_start or as_of.year
    results = []
    targets = plan.targets.select_related("area").order_by("order")
    with open_store() as store:
        for target in targets:
            code = target.indicator_code
            if code not in EVALUABLE or _before_plan(plan, target.period):
                continue
            exclusion = "dust" if "excluding_dust" in target.conditions else "none"
            for area in _areas(plan, target):
                figures = figures_for(store, area, code, target.period, year, exclusion, as_of)
                judgement = judge(code, target.comparator, target.value, target.period, year,
                                  figures, as_of)
                results.append(TargetJudgement(target, area, judgement))
    return results
