"""The 2026 transition for one area — 新旧标准对比: the year's figures under the 2012 and the 2026
rules side by side (``analytics.transition``) and what the change does to each air target of the
plans covering the area, judged under each rule set by the same judge as the evaluation
(``analytics.judgement.judge``).  Shown by the page ``/air/areas/<pk>/compare/<year>/`` and by
``ecoplan air compare-rules AREA YEAR [--json]``."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db.models import Q

from ecoplan.analytics.figures import figures_for
from ecoplan.analytics.judgement import Judgement, judge, period_window
from ecoplan.analytics.transition import COMPARED, IN_FORCE, Comparison, compare_rules
from ecoplan.plans.models import Area, Target
from ecoplan.standards import packs
from ecoplan.vocabulary.areas import is_every_sub_area
from ecoplan.vocabulary.indicators import source_of

from .store import area_key, open_store

BASES = (*COMPARED, IN_FORCE)


@dataclass
class TargetUnderRules:
    """One air target of a plan covering the area, judged under each rule set."""

    target: Target
    judgements: dict[str, Judgement]  # 2012 / 2026 / in_force

    @property
    def changed(self) -> bool:
        """The change of rules changes the target's status (or its figure)."""
        old, new = self.judgements["2012"], self.judgements["2026"]
        return (old.status, old.value) != (new.status, new.value)

    def as_dict(self) -> dict[str, Any]:
        t = self.target
        return {"target_id": t.pk, "plan_id": t.plan_id, "plan": t.plan.title, "indicator": t.indicator,
                "indicator_code": t.indicator_code, "printed": t.raw, "comparator": t.comparator,
                "value": t.value, "period": t.period, "changed": self.changed,
                "judgements": {b: asdict(j) for b, j in self.judgements.items()}}


def plan_year(target: Target, year: int) -> int:
    """The year a target's period speaks of: a one-year plan's own year (as the evaluation reads it)."""
    return target.plan.period_start or year


def covering_targets(area: Area, year: int) -> list[Target]:
    """The air targets of the plans covering ``area`` whose period falls in ``year``: the district's
    own (area-wide) targets, a sub-area's named targets, and 各街道 targets for each sub-area."""
    plans = Q(plan__district=area) | (Q(plan__district_id=area.parent_id) if area.parent_id else Q(pk__in=[]))
    chosen = []
    for target in Target.objects.filter(plans).select_related("plan", "area").order_by("plan__title", "order"):
        if source_of(target.indicator_code, target.comparator) != "air":
            continue
        if target.area_id:
            covers = target.area_id == area.pk
        elif target.plan.district_id == area.pk:
            covers = not is_every_sub_area(target.area_printed)
        else:  # the parent district's plan: its 各街道 targets speak of this sub-area too
            covers = is_every_sub_area(target.area_printed)
        code = target.indicator_code
        window = period_window("Q1" if code.endswith("_q1") else target.period, plan_year(target, year))
        if covers and window is not None and window[0].year == year:
            chosen.append(target)
    return chosen


def judge_under_rules(store, area: Area, target: Target, year: int, as_of: date) -> TargetUnderRules:
    exclusion = "dust" if "excluding_dust" in target.conditions else "none"
    judgements = {}
    for basis in BASES:
        figures = figures_for(store, area_key(area), target.indicator_code, target.period, plan_year(target, year),
                              exclusion, as_of, None if basis == IN_FORCE else basis)
        judgements[basis] = judge(target.indicator_code, target.comparator, target.value, target.period,
                                  plan_year(target, year), figures, as_of, settings.ECOPLAN_AIR_ANNUAL_RULE)
    return TargetUnderRules(target, judgements)


def compare_area(area: Area, year: int, as_of: date) -> tuple[Comparison, list[TargetUnderRules]]:
    with open_store() as store:
        comparison = compare_rules(store, area_key(area), year, as_of, settings.ECOPLAN_AIR_ANNUAL_RULE)
        rows = [judge_under_rules(store, area, t, year, as_of) for t in covering_targets(area, year)]
    return comparison, rows


def categories() -> list[str]:
    """The AQI categories in level order, as the packs print them (the same in both editions)."""
    return [lv.category for lv in packs.get(COMPARED[-1]).aqi.levels]


def as_json(area: Area, comparison: Comparison, rows: list[TargetUnderRules]) -> dict[str, Any]:
    return {"area_id": area.pk, "area_name": area.name, **comparison.as_dict(),
            "targets": [row.as_dict() for row in rows]}
