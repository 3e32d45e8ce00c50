"""Judging every target of a plan: each target's source (``vocabulary.indicators.source_of``)
picks its judge (``evaluation.sources``); one row per target and area."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date

from django.utils import timezone

from ecoplan.analytics.judgement import Judgement
from ecoplan.plans.models import Area, Plan, Target
from ecoplan.vocabulary import areas
from ecoplan.vocabulary.indicators import source_of, theme_of
from ecoplan.vocabulary.states import JUDGED, TARGET_CODES

from . import air, measurement, ranking, reported, water  # noqa: F401 — registers the built-in judges
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

    @property
    def theme(self) -> str:
        """The catalogue's theme of the indicator, else the annex's (a target printed in 碧水 is water)."""
        return theme_of(self.target.indicator_code) or (self.target.annex.theme if self.target.annex else "other")

    def as_dict(self) -> dict:
        """The target (``target_value``: its level as printed) and its judgement (``value``: the figure to date)."""
        return {"target_id": self.target.pk, "indicator": self.target.indicator,
                "indicator_code": self.target.indicator_code, "printed": self.target.raw,
                "comparator": self.target.comparator, "target_value": self.target.value, "period": self.target.period,
                "binding": self.target.binding, "theme": self.theme, "area": self.area_name,
                **asdict(self.judgement), "reason": self.reason}


def areas_of(plan: Plan, target: Target, source: str) -> list[Area | None]:
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
    places = areas_of(ctx.plan, target, source) if source != "record" else [None]
    for area in places:
        if judge is None:
            judgement = Judgement("not_evaluable", "ecoplan has no monitoring source for this indicator yet",
                                  code="no_source")
        else:
            judgement = judge.judge(ctx, target, area)
        if judgement.code == "not_started" and (m := re.fullmatch(r"by (\d{4})", target.period)):
            # a five-year plan's 2025 target before 2025: its years so far are judged on the path
            judgement.reason = f"judged in {m.group(1)}; until then each year against the plan's path"
            judgement.code, judgement.params = "target_year_ahead", {"year": m.group(1)}
        judgement.source = source
        rows.append(TargetJudgement(target, area, judgement))
    if not places:  # 各街道 where no sub-area has a figure of this source: said, not dropped
        district = ctx.plan.district.name if ctx.plan.district_id else ""
        rows.append(TargetJudgement(target, None, Judgement(
            "not_evaluable", f"no sub-area of {district} has a figure from this source yet", code="no_sub_areas",
            params={"district": district}, source=source)))
    return rows


def judge_plan(plan: Plan, as_of: date | None = None) -> list[TargetJudgement]:
    """Every target of the plan, per area, judged against what its source knows to ``as_of``."""
    ctx = Context(plan, as_of or timezone.localdate(), plan.period_start or (as_of or timezone.localdate()).year)
    try:
        return [row for target in plan.targets.select_related("area", "annex").order_by("order")
                for row in judge_target(ctx, target)]
    finally:
        ctx.close()


@dataclass
class Coverage:
    """A plan's targets by source and by status: “180 of 180 targets have a source; 23 await a
    reported value”.  Counted per target (a 各街道 target judged in 16 streets counts once, by its
    worst row); ``rows`` counts the per-area judgements."""

    targets: int = 0
    with_source: int = 0
    judged: int = 0  # at least one row judged on a figure
    by_source: Counter = field(default_factory=Counter)
    by_status: Counter = field(default_factory=Counter)
    rows: Counter = field(default_factory=Counter)  # status → per-area rows

    def as_dict(self) -> dict:
        """The target (``target_value``: its level as printed) and its judgement (``value``: the figure to date)."""
        return {"targets": self.targets, "with_source": self.with_source, "judged": self.judged,
                "by_source": dict(self.by_source), "by_status": dict(self.by_status), "rows": dict(self.rows)}


def coverage(rows: list[TargetJudgement]) -> Coverage:
    result = Coverage()
    per_target: dict[int, list[TargetJudgement]] = {}
    for row in rows:
        per_target.setdefault(row.target.pk, []).append(row)
        result.rows[row.status] += 1
    for group in per_target.values():
        result.targets += 1
        result.by_source[group[0].source] += 1
        result.with_source += all(r.judgement.code != "no_source" for r in group)
        result.judged += any(r.status in JUDGED for r in group)
        # the target's status: the first of its rows in the order the pages list the states (missed first)
        result.by_status[min((r.status for r in group), key=TARGET_CODES.index)] += 1
    return result
