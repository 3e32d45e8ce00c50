"""Five-year trajectories — 规划目标年度进度与中期评估 (pure, no Django).

A five-year plan's target runs from a baseline (现状值, 2020) to a target (规划值, 2025).  The path
between them (``path``):

* levels (concentrations, ratios, cover rates): a straight line from the baseline to the target;
  the plan's own milestones, where printed, are points of the path and the line runs between them;
* a baseline that already meets the target (危险废物处置利用率 100 → 100, “保持”): hold the target
  every year;
* cumulative amounts (重点工程减排量 ≥ 1730 吨 over 2021–2025): an equal share a year, summed;
* 稳步提升 / 稳中向好 (``not_worse`` / ``improve``): no level, each year no worse (better) than the
  year before — the baseline for the first year;
* 达到市级要求 before the municipality gives its value, a qualitative target, a level with no
  baseline printed (“/”): no path, and the reason says why.

Each year so far is ``met`` (the figure is on the good side of the year's point), ``behind``,
``insufficient_data`` (the figure rests on less data than its completeness rule asks) or
``no_figure``.  Comparisons use the reporting precision (GB/T 8170), as the published figures do.

The mid-term check (中期评估) looks at the latest valid figure up to the plan's middle year (2023
for 2021–2025) and applies the rule “时间过半、任务过半”: the share of the way from baseline to
target covered must be at least the share of the plan's time elapsed — the same as saying that
the linear extrapolation of the rate so far (baseline → that figure) reaches the target by the
target year; for a path with milestones, the figure must be on the good side of the path.  Behind
it, a binding target (约束性) is ``at_risk``, an expected one (预期性) ``behind_expectation``.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from ecoplan.standards.rounding import gb8170

from .judgement import Completeness, plain

LEVELS = ("<=", "<", ">=", ">", "=", "≈", "reduce_by", "municipal")
YEAR_ON_YEAR = ("not_worse", "improve")


@dataclass(frozen=True)
class Goal:
    """What the plan sets for one target, in plain values."""

    comparator: str  # plans.models.Target.COMPARATORS
    target: Decimal | None
    target_year: int
    baseline_year: int
    baseline: Decimal | None = None
    lower_is_better: bool = False
    binding: str = ""  # binding (约束性) / expected (预期性) / "" not stated
    cumulative: bool = False  # an amount summed over the years (减排量, 造林面积)
    milestones: Mapping[int, Decimal] = field(default_factory=dict)  # printed by the plan: year → value
    precision: int = 1  # reporting decimals (GB/T 8170)
    tolerance: Decimal = Decimal(0)  # ≈ (左右, 基本): how far on the wrong side still counts


@dataclass
class Point:
    year: int
    expected: Decimal
    printed: bool = False  # a milestone the plan prints (else drawn by the rule)


@dataclass
class Path:
    kind: str  # vocabulary.trajectory.PATH_KINDS
    points: list[Point]
    op: str = ""  # the side a figure must be on: "<=" or ">="
    code: str = ""  # why there is no path (message key) …
    params: dict[str, object] = field(default_factory=dict)

    def expected(self, year: int) -> Decimal | None:
        return next((p.expected for p in self.points if p.year == year), None)


@dataclass
class YearFigure:
    """A calendar year's figure as its source gives it (the amount of that year for cumulative
    targets), with the data it rests on."""

    value: Decimal | None
    completeness: Completeness | None = None


@dataclass
class Year:
    year: int
    status: str  # vocabulary.trajectory.YEAR_STATES
    expected: Decimal | None = None  # the path's point (cumulative: to date)
    value: Decimal | None = None  # the figure compared (cumulative: sum to date)
    amount: Decimal | None = None  # cumulative targets: the year's own amount
    completeness: Completeness | None = None
    code: str = ""
    params: dict[str, object] = field(default_factory=dict)
    provisional: bool = False  # the as-of year, still running: judged on its figure to date


@dataclass
class Check:
    """The mid-term check, or the outlook of the latest year judged."""

    year: int | None
    status: str  # vocabulary.trajectory.CHECK_STATES
    from_year: int | None = None  # the year whose figure the check rests on
    value: Decimal | None = None
    projected: Decimal | None = None  # the rate so far carried to the target year
    progress: Decimal | None = None  # % of the way from baseline to target covered
    elapsed: Decimal | None = None  # % of the plan's time elapsed by from_year
    provisional: bool = False  # the mid-term year is not over: the latest year before it
    code: str = ""
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class Trajectory:
    goal: Goal
    path: Path
    years: list[Year]
    midterm: Check
    outlook: Check

    @property
    def kind(self) -> str:
        return self.path.kind


def _side(goal: Goal) -> str:
    if goal.comparator in ("<=", "<", "reduce_by"):
        return "<="
    if goal.comparator in (">=", ">"):
        return ">="
    return "<=" if goal.lower_is_better else ">="  # =, ≈, municipal, 稳步提升: the indicator's direction


def _meets(value: Decimal, bound: Decimal, op: str, precision: int, tolerance: Decimal = Decimal(0),
           strict: bool = False) -> bool:
    shown, bound = gb8170(value, precision), gb8170(bound, precision)
    if op == "<=":
        return shown < bound + tolerance if strict and not tolerance else shown <= bound + tolerance
    return shown > bound - tolerance if strict and not tolerance else shown >= bound - tolerance


def _interpolate(anchors: list[tuple[int, Decimal]], years: range) -> list[Point]:
    """Straight lines between the anchors (baseline, printed milestones, target)."""
    printed = {y for y, _ in anchors[1:-1]}
    points = []
    for year in years:
        (y0, v0), (y1, v1) = next((a, b) for a, b in zip(anchors, anchors[1:]) if a[0] <= year <= b[0])
        value = v0 + (v1 - v0) * (year - y0) / (y1 - y0) if y1 != y0 else v1
        points.append(Point(year, plain(value.quantize(Decimal("0.0001"))), year in printed))
    return points


def path(goal: Goal) -> Path:
    """The yearly path of a target from the year after the baseline to the target year."""
    years = range(goal.baseline_year + 1, goal.target_year + 1)
    op = _side(goal)
    if goal.target_year <= goal.baseline_year:
        return Path("none", [], op, "traj_no_span", {"baseline_year": goal.baseline_year,
                                                     "target_year": goal.target_year})
    if goal.comparator == "qualitative":
        return Path("none", [], op, "traj_qualitative")
    if goal.comparator in YEAR_ON_YEAR:
        return Path("year_on_year", [], op)
    if goal.comparator == "municipal" and goal.target is None:
        return Path("none", [], op, "traj_municipal_pending")
    if goal.target is None:
        return Path("none", [], op, "traj_no_value")
    milestones = sorted((y, Decimal(v)) for y, v in goal.milestones.items() if y in years and y != goal.target_year)
    if goal.cumulative:
        points = _interpolate([(goal.baseline_year, Decimal(0)), *milestones, (goal.target_year, goal.target)], years)
        return Path("milestones" if milestones else "cumulative", points, ">=")
    if goal.baseline is None:
        return Path("none", [], op, "traj_no_baseline", {"baseline_year": goal.baseline_year})
    end = goal.target
    if goal.comparator == "reduce_by":  # 较基准年下降 x %: the level it leads to
        end = goal.baseline * (1 - goal.target / 100)
    if not milestones and _meets(goal.baseline, end, op, goal.precision, strict=goal.comparator in ("<", ">")):
        return Path("hold", [Point(y, plain(end)) for y in years], op)
    points = _interpolate([(goal.baseline_year, goal.baseline), *milestones, (goal.target_year, end)], years)
    return Path("milestones" if milestones else "linear", points, op)


def trajectory(goal: Goal, figures: Mapping[int, YearFigure] | None, as_of_year: int, *,
               mid_year: int | None = None, source: str = "") -> Trajectory:
    """The path with each year's status up to the as-of year (at most the target year; the as-of
    year is still running: its figure to date, which its completeness rule holds back); later
    years are ``not_due``.  ``figures`` is None when the target's source gives no yearly figure
    yet (each year says so, naming ``source``).  ``mid_year``: the plan's middle year (default:
    the middle of baseline+1 … target year)."""
    p = path(goal)
    through = min(as_of_year, goal.target_year)
    start = goal.baseline_year + 1
    mid = mid_year or (start + goal.target_year) // 2
    years: list[Year] = []
    total = Decimal(0)
    gap: list[int] = []
    previous = goal.baseline  # for 稳步提升: the year before's figure
    for year in range(start, goal.target_year + 1):
        expected = p.expected(year)
        if year > through:
            years.append(Year(year, "not_due", expected))
            continue
        if figures is None:
            years.append(Year(year, "no_figure", expected, code="traj_no_yearly_source", params={"source": source}))
            continue
        figure = figures.get(year) or YearFigure(None)
        c = figure.completeness
        if figure.value is None and (c is None or c.sufficient or not c.valid):
            years.append(Year(year, "no_figure", expected, completeness=c, code="traj_no_figure"))
            gap.append(year)
            previous = None  # 稳步提升 compares with the year before, not with the last year judged
            continue
        if c is not None and not c.sufficient:
            years.append(Year(year, "insufficient_data", expected, value=_shown(figure.value, goal), completeness=c,
                              code="insufficient", params={"valid": c.valid, "required": c.required,
                                                           "unit": c.unit, "rule": c.rule,
                                                           "short": "; ".join(c.short)}))
            gap.append(year)
            previous = None
            continue
        value = Decimal(figure.value)  # type: ignore[arg-type]
        if p.kind in ("cumulative", "milestones") and goal.cumulative:
            total += value
            if gap:  # an amount missing before: the sum to date is not known
                years.append(Year(year, "insufficient_data", expected, amount=_shown(value, goal), completeness=c,
                                  code="traj_cumulative_gap", params={"years": ", ".join(map(str, gap))}))
                continue
            years.append(_judge_year(goal, p, year, total, expected, c, amount=value))
            continue
        if p.kind == "year_on_year":
            years.append(_judge_year_on_year(goal, year, value, previous, c))
            previous = value
            continue
        years.append(_judge_year(goal, p, year, value, expected, c))
    for y in years:  # the running year's met / behind rests on its figure to date
        y.provisional = y.year == as_of_year and y.status in ("met", "behind")
    midterm, outlook = _midterm(goal, p, years, mid, as_of_year), _outlook(goal, p, years, as_of_year)
    if figures is None:  # nothing to judge on until the source gives yearly figures
        for check in (midterm, outlook):
            if check.status == "insufficient_data":
                check.code, check.params = "traj_no_yearly_source", {"source": source}
    return Trajectory(goal, p, years, midterm, outlook)


def _shown(value: Decimal | None, goal: Goal) -> Decimal | None:
    return None if value is None else gb8170(Decimal(value), goal.precision)


def _judge_year(goal: Goal, p: Path, year: int, value: Decimal, expected: Decimal | None,
                c: Completeness | None, amount: Decimal | None = None) -> Year:
    shown = _shown(value, goal)
    if expected is None:
        code = p.code or "traj_no_milestone"
        return Year(year, "no_milestone", None, shown, _shown(amount, goal), c, code, dict(p.params))
    last = year == goal.target_year
    tolerance = goal.tolerance if goal.comparator == "≈" else Decimal(0)
    ok = _meets(value, expected, p.op, goal.precision, tolerance, strict=last and goal.comparator in ("<", ">"))
    params: dict[str, object] = {"value": shown, "expected": gb8170(expected, goal.precision),
                                 "op": "≤" if p.op == "<=" else "≥"}
    return Year(year, "met" if ok else "behind", expected, shown, _shown(amount, goal), c,
                "traj_year_met" if ok else "traj_year_behind", params)


def _judge_year_on_year(goal: Goal, year: int, value: Decimal, previous: Decimal | None,
                        c: Completeness | None) -> Year:
    shown = _shown(value, goal)
    if previous is None or shown is None:
        return Year(year, "no_milestone", None, shown, completeness=c, code="traj_no_previous")
    before = gb8170(previous, goal.precision)
    better = shown < before if goal.lower_is_better else shown > before
    ok = better or (goal.comparator == "not_worse" and shown == before)
    return Year(year, "met" if ok else "behind", before, shown, completeness=c,
                code="traj_yoy_met" if ok else "traj_yoy_behind", params={"value": shown, "before": before})


def _behind(goal: Goal) -> str:
    return {"binding": "at_risk", "expected": "behind_expectation"}.get(goal.binding, "behind")


def _judged(years: list[Year]) -> list[Year]:
    return [y for y in years if y.status in ("met", "behind")]


def _midterm(goal: Goal, p: Path, years: list[Year], mid: int, as_of_year: int) -> Check:
    """时间过半、任务过半: the latest valid figure up to the middle year against the path."""
    if p.kind == "none":
        return Check(mid, "no_trajectory", code=p.code, params=dict(p.params))
    judged = [y for y in _judged(years) if y.year <= mid]
    if not judged:
        if _only_running(years, as_of_year, mid):
            return Check(mid, "not_due", code="traj_mid_not_due", params={"year": mid})
        return Check(mid, "insufficient_data", code="traj_mid_no_figure", params={"year": mid})
    latest = judged[-1]
    check = Check(mid, "on_course" if latest.status == "met" else _behind(goal), latest.year, latest.value,
                  provisional=as_of_year <= mid)
    span = goal.target_year - goal.baseline_year
    done = latest.year - goal.baseline_year
    check.elapsed = gb8170(Decimal(done * 100) / span, 1)
    if p.kind in ("linear", "cumulative") and latest.value is not None:
        start = Decimal(0) if goal.cumulative else goal.baseline
        end = p.points[-1].expected
        if start is not None:
            check.projected = gb8170(start + (latest.value - start) * span / done, goal.precision)
            if end != start:
                check.progress = gb8170((latest.value - start) * 100 / (end - start), 1)
    check.code = "traj_mid_" + ("rate" if check.projected is not None else "path")
    check.params = {"year": latest.year, "value": latest.value, "expected": latest.expected,
                    "projected": check.projected, "target_year": goal.target_year,
                    "progress": check.progress, "elapsed": check.elapsed}
    if p.kind == "year_on_year":
        check.code = "traj_mid_yoy"
    return check


def _outlook(goal: Goal, p: Path, years: list[Year], as_of_year: int) -> Check:
    """Where the latest year judged leaves the target: on course, or behind (at risk for a
    binding target, behind expectation for an expected one)."""
    if p.kind == "none":
        return Check(None, "no_trajectory", code=p.code, params=dict(p.params))
    judged = _judged(years)
    if not judged:
        if _only_running(years, as_of_year, goal.target_year):
            return Check(None, "not_due", code="traj_not_started")
        return Check(None, "insufficient_data", code="traj_no_year_judged")
    latest = judged[-1]
    return Check(latest.year, "on_course" if latest.status == "met" else _behind(goal), latest.year, latest.value,
                 code=latest.code, params=dict(latest.params), provisional=latest.provisional)


def _only_running(years: list[Year], as_of_year: int, until: int) -> bool:
    """Nothing asked up to ``until`` but the year still running: too early to say, rather than
    short of data."""
    return all(y.status == "not_due" or y.year == as_of_year for y in years if y.year <= until)
