"""Five-year plans: each target's yearly path, each year's figure from its source, the mid-term
check (``ecoplan.analytics.trajectory`` draws and judges; this module asks the sources).

A five-year target is a target of a plan that spans several years (丰台 2021–2025) whose period
is ``by <year>``; the previous plan's rows (2016-2020) are records, not targets.  The yearly
figures come from the source's ``yearly`` function (``evaluation.sources``); a source that gives
none yet leaves each year saying so.  No seed prints interim milestones (F 表2 gives 2020 and 2025
only), so the paths are drawn by the rule; ``Goal.milestones`` takes them once a plan does.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext

from ecoplan.analytics.judgement import plain
from ecoplan.analytics.trajectory import Check, Goal, Trajectory, Year, YearFigure, trajectory
from ecoplan.plans.models import Area, Plan, Target
from ecoplan.standards.rounding import gb8170
from ecoplan.vocabulary.indicators import LOWER_IS_BETTER, SOURCES, base_code

from .messages import TEMPLATES
from .responsibility import AMOUNT_UNITS, is_cumulative
from .services import areas_of, before_plan, target_source
from .sources import JUDGES, Context

# amounts a plan adds up over its years (减排量 吨, 造林 亩 …); a total to keep down (碳排放总量
# 万吨) is a level, not an amount
SOURCE_LABELS = {t.code: t.label for t in SOURCES}


def target_year(target: Target) -> int | None:
    m = re.fullmatch(r"by (\d{4})", target.period or "")
    return int(m.group(1)) if m else None


def is_five_year(plan: Plan, target: Target) -> bool:
    """A target of a plan spanning more than a year, set for a year after the plan's first."""
    year = target_year(target)
    return bool(year and plan.period_start and plan.period_end and plan.period_end > plan.period_start
                and year > plan.period_start and not before_plan(plan, target.period))


def goal_for(plan: Plan, target: Target) -> Goal | None:
    """The target as the pure core reads it; None for a target that is not a five-year one.  A
    target restated in the prose (森林覆盖率达到28.4%) takes the baseline and binding its row of the
    plan's indicator table prints (表2: 27.97, 约束性)."""
    if not is_five_year(plan, target):
        return None
    code = base_code(target.indicator_code)
    baseline, binding = target.baseline_value, target.binding
    if baseline is None or not binding:
        row = table_row(plan, target)
        if row is not None:
            baseline = baseline if baseline is not None else row.baseline_value
            binding = binding or row.binding
    return Goal(comparator=target.comparator, target=target.value, target_year=target_year(target),  # type: ignore[arg-type]
                baseline_year=target.baseline_year or plan.period_start - 1,  # type: ignore[operator]
                baseline=baseline, lower_is_better=code in LOWER_IS_BETTER, binding=binding,
                cumulative=is_cumulative(target), precision=0 if target.unit in AMOUNT_UNITS else 1)


def table_row(plan: Plan, target: Target) -> Target | None:
    """The indicator-table row (with a printed baseline year) of the same indicator and period."""
    if not target.indicator_code or target.baseline_year:
        return None
    return (plan.targets.filter(indicator_code=target.indicator_code, period=target.period,
                                baseline_year__isnull=False).exclude(pk=target.pk).order_by("order").first())


@dataclass
class TargetTrajectory:
    target: Target
    area: Area | None
    source: str
    trajectory: Trajectory

    @property
    def area_name(self) -> str:
        return self.area.name if self.area else "—"

    def as_dict(self) -> dict:
        t, g = self.trajectory, self.trajectory.goal
        return {"target_id": self.target.pk, "indicator": self.target.indicator,
                "indicator_code": self.target.indicator_code, "printed": self.target.raw,
                "area": self.area_name, "source": self.source, "binding": g.binding,
                "comparator": g.comparator, "unit": self.target.unit,
                "baseline_year": g.baseline_year, "baseline": _num(g.baseline),
                "target_year": g.target_year, "target": _num(g.target),
                "kind": t.kind, "reason": text(t.path.code, t.path.params) if t.path.code else "",
                "years": [_year_dict(y) for y in t.years],
                "midterm": _check_dict(t.midterm), "outlook": _check_dict(t.outlook)}


def _num(value: Decimal | None) -> str | None:
    return None if value is None else str(plain(value))


def _year_dict(y: Year) -> dict:
    c = y.completeness
    return {"year": y.year, "status": y.status, "provisional": y.provisional, "expected": _num(y.expected),
            "value": _num(y.value),
            "amount": _num(y.amount), "reason": text(y.code, y.params),
            "completeness": None if c is None else {"valid": c.valid, "required": c.required, "unit": c.unit,
                                                    "rule": c.rule, "sufficient": c.sufficient}}


def _check_dict(c: Check) -> dict:
    return {"year": c.year, "status": c.status, "from_year": c.from_year, "value": _num(c.value),
            "projected": _num(c.projected), "progress": _num(c.progress), "elapsed": _num(c.elapsed),
            "provisional": c.provisional, "reason": text(c.code, c.params)}


def text(code: str, params: dict) -> str:
    """A trajectory message in the user's language (``evaluation.messages.TEMPLATES``)."""
    if not code:
        return ""
    shown = {k: ("—" if v is None else v) for k, v in params.items()}
    if "source" in shown:  # air, reported …: the source's name
        shown["source"] = gettext(SOURCE_LABELS.get(shown["source"], shown["source"]))
    return gettext(TEMPLATES[code]).format(**shown) if code in TEMPLATES else code


def _figures(ctx: Context, target: Target, area: Area | None, source: str, goal: Goal,
             through: int) -> dict[int, YearFigure] | None:
    judge = JUDGES.get(source)
    if judge is None or judge.yearly is None:
        return None
    figures = {}
    for year in range(goal.baseline_year + 1, through + 1):
        value, completeness = judge.yearly(ctx, target, area, year)
        figures[year] = YearFigure(value, completeness)
    return figures


def trajectory_for(ctx: Context, target: Target, area: Area | None) -> dict | None:
    """The trajectory of one target and area as JSON (``ecoplan targets PLAN --json``); None for a
    target that is not a five-year one."""
    row = _trajectory(ctx, target, area)
    return row.as_dict() if row else None


def _trajectory(ctx: Context, target: Target, area: Area | None) -> TargetTrajectory | None:
    goal = goal_for(ctx.plan, target)
    if goal is None:
        return None
    source = target_source(ctx.plan, target)
    through = min(ctx.as_of.year, goal.target_year)
    mid = (ctx.plan.period_start + ctx.plan.period_end) // 2 if ctx.plan.period_start and ctx.plan.period_end else None
    figures = _figures(ctx, target, area, source, goal, through)
    return TargetTrajectory(target, area, source, trajectory(goal, figures, ctx.as_of.year, mid_year=mid, source=source))


def plan_trajectories(plan: Plan, as_of: date | None = None) -> list[TargetTrajectory]:
    """Every five-year target of the plan, per area its source speaks of."""
    as_of = as_of or timezone.localdate()
    ctx = Context(plan, as_of, plan.period_start or as_of.year)
    try:
        rows = []
        for target in plan.targets.select_related("area").order_by("order"):
            if goal_for(plan, target) is None:
                continue
            for area in areas_of(plan, target, target_source(plan, target)):
                row = _trajectory(ctx, target, area)
                if row:
                    rows.append(row)
        return rows
    finally:
        ctx.close()


def chart(row: TargetTrajectory) -> dict | None:
    """The series of the page's line chart: the path and the figures, by year (numbers or null);
    None when there is no path and no yearly figure to draw."""
    t = row.trajectory
    years = [t.goal.baseline_year] + [y.year for y in t.years]
    path = [_float(t.goal.baseline if not t.goal.cumulative else Decimal(0))] + [_float(y.expected) for y in t.years]
    if t.kind in ("year_on_year", "none"):
        path = [None] * len(years)
    figures = [_float(t.goal.baseline if not t.goal.cumulative else None)] + [
        _float(y.value if y.status in ("met", "behind", "no_milestone") else None) for y in t.years]
    if not any(v is not None for v in path + figures[1:]):
        return None
    return {"years": years, "path": path, "figures": figures}


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(gb8170(value, 2))
