"""Judging every target of a plan: each target's source (``vocabulary.indicators.source_of``)
picks its judge (``evaluation.sources``); one row per target and area."""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from django.utils import timezone

from ecoplan.analytics.judgement import Judgement
from ecoplan.plans.models import Area, Plan, Target
from ecoplan.vocabulary import areas
from ecoplan.vocabulary.indicators import source_of

from . import air, reported  # noqa: F401 — registers the built-in judges
from .sources import JUDGES, Context


@dataclass
class TargetJudgement:
    target: Target
    area: Area | None
    judgement: Judgement

    @property
    def status(self) -> str:
        return self.judgement.status

    @property
    def source(self) -> str:
        return self.judgement.source

    @property
    def reason(self) -> str:
        from .messages import reason

        return reason(self.judgement)

    @property
    def area_name(self) -> str:
        return self.area.name if self.area else "—"

    def as_dict(self) -> dict:
        return {"target_id": self.target.pk, "indicator": self.target.indicator,
                "indicator_code": self.target.indicator_code, "printed": self.target.raw,
                "comparator": self.target.comparator, "value": self.target.value, "period": self.target.period,
                "binding": self.target.binding, "area": self.area_name, **asdict(self.judgement)}


def _areas(plan: Plan, target: Target, source: str) -> list[Area | None]:
    """The areas a target speaks of: its own, every sub-area for 各… scopes (those the source knows),
    else the district; a plan with no district judges once, with no area."""
    if target.area_id:
        return [target.area]
    if areas.is_every_sub_area(target.area_printed) and plan.district_id:
        judge = JUDGES.get(source)
        if judge and judge.sub_areas:
            return list(judge.sub_areas(plan))
        return list(plan.district.children.all())
    return [plan.district] if plan.district_id else [None]


def before_plan(plan: Plan, period: str) -> bool:
    """A period that ended before the plan began (`2016-2020` in a 2021–2025 plan: the previous
    plan's review table) is a record of what was achieved, not a target to judge."""
    m = re.fullmatch(r"(\d{4})-(\d{4})", period or "")
    return bool(m and plan.period_start and int(m.group(2)) < plan.period_start)


def target_source(plan: Plan, target: Target) -> str:
    return source_of(target.indicator_code, target.comparator, before_plan=before_plan(plan, target.period))


def judge_target(ctx: Context, target: Target) -> list[TargetJudgement]:
    source = target_source(ctx.plan, target)
    judge = JUDGES.get(source)
    rows = []
    for area in _areas(ctx.plan, target, source) if source != "record" else [None]:
        if judge is None:
            judgement = Judgement("not_evaluable", "ecoplan has no monitoring source for this indicator yet",
                                  code="no_source")
        else:
            judgement = judge.judge(ctx, target, area)
        judgement.source = source
        rows.append(TargetJudgement(target, area, judgement))
    return rows


def judge_plan(plan: Plan, as_of: date | None = None) -> list[TargetJudgement]:
    """Every target of the plan, per area, judged against what its source knows to ``as_of``."""
    ctx = Context(plan, as_of or timezone.localdate(), plan.period_start or (as_of or timezone.localdate()).year)
    try:
        return [row for target in plan.targets.select_related("area").order_by("order")
                for row in judge_target(ctx, target)]
    finally:
        ctx.close()
