"""Five-year trajectories (analytics/trajectory.py): paths, yearly statuses, the mid-term check."""
from decimal import Decimal as D

import pytest

from ecoplan.analytics.judgement import Completeness
from ecoplan.analytics.trajectory import Goal, YearFigure, path, trajectory

FULL = Completeness(365, 324, "days", "GB 3095-2012 表4")


def goal(**kw) -> Goal:
    base = {"comparator": "<=", "target": D(30), "target_year": 2025, "baseline_year": 2020, "baseline": D(40),
            "lower_is_better": True, "binding": "binding"}
    return Goal(**{**base, **kw})


def figures(**years) -> dict[int, YearFigure]:
    return {int(y[1:]): YearFigure(None if v is None else D(str(v)), FULL) for y, v in years.items()}


def expected(g: Goal) -> list[str]:
    return [str(p.expected) for p in path(g).points]


# --- paths, one per kind of target -----------------------------------------------------------

@pytest.mark.parametrize("kw, kind, points", [
    ({}, "linear", ["38", "36", "34", "32", "30"]),  # ≤: a straight line down
    ({"comparator": ">=", "target": D("28.4"), "baseline": D("27.97"), "lower_is_better": False},  # 森林覆盖率
     "linear", ["28.056", "28.142", "28.228", "28.314", "28.4"]),
    ({"comparator": ">", "target": D(95), "baseline": D(90), "lower_is_better": False},  # >95 from >90
     "linear", ["91", "92", "93", "94", "95"]),
    ({"comparator": "≈", "target": D(0), "baseline": D("3.3")},  # 基本消除 (heavy-pollution ratio)
     "linear", ["2.64", "1.98", "1.32", "0.66", "0"]),
    ({"comparator": ">=", "target": D(100), "baseline": D(100), "lower_is_better": False},  # 保持100%
     "hold", ["100"] * 5),
    ({"comparator": "<=", "target": D(4), "baseline": D(3)},  # already better than the target: hold, not worsen
     "hold", ["4"] * 5),
    ({"comparator": "reduce_by", "target": D(15), "baseline": D(40)},  # 较2020年下降15%: to 34
     "linear", ["38.8", "37.6", "36.4", "35.2", "34"]),
    ({"comparator": ">=", "target": D(1730), "baseline": None, "cumulative": True, "lower_is_better": False},
     "cumulative", ["346", "692", "1038", "1384", "1730"]),  # 重点工程减排量 ≥ 1730 吨 over five years
    ({"milestones": {2023: D(33)}}, "milestones", ["37.6667", "35.3333", "33", "31.5", "30"]),  # printed 2023
    ({"comparator": "municipal", "target": D(34), "baseline": D(36)},  # 达到市级要求 once entered
     "linear", ["35.6", "35.2", "34.8", "34.4", "34"]),
])
def test_path_of_each_kind_of_target(kw, kind, points):
    g = goal(**kw)
    assert (path(g).kind, expected(g)) == (kind, points)


@pytest.mark.parametrize("kw, code", [
    ({"comparator": "municipal", "target": None}, "traj_municipal_pending"),  # 达到市级要求, no value yet
    ({"comparator": "qualitative", "target": None}, "traj_qualitative"),
    ({"baseline": None}, "traj_no_baseline"),  # 现状值 “/”
    ({"comparator": ">=", "target": None}, "traj_no_value"),
    ({"target_year": 2020}, "traj_no_span"),
])
def test_no_path_says_why(kw, code):
    p = path(goal(**kw))
    assert (p.kind, p.points, p.code) == ("none", [], code)


def test_year_on_year_has_no_level_path():
    assert path(goal(comparator="not_worse", target=None, baseline=D("75.1"), lower_is_better=False)).kind == \
        "year_on_year"


# --- years --------------------------------------------------------------------------------

def test_linear_years_met_behind_and_not_due():
    t = trajectory(goal(), figures(y2021=37.9, y2022=36.2), 2023)
    assert [(y.year, y.status) for y in t.years] == [
        (2021, "met"), (2022, "behind"), (2023, "no_figure"), (2024, "not_due"), (2025, "not_due")]
    assert t.years[1].params == {"value": D("36.2"), "expected": D("36.0"), "op": "≤"}


def test_reporting_precision_decides_the_edge():
    """36.04 reports as 36.0 (GB/T 8170, one decimal): on the line is met."""
    assert trajectory(goal(), figures(y2022=36.04), 2023).years[1].status == "met"
    assert trajectory(goal(), figures(y2022=36.06), 2023).years[1].status == "behind"


def test_higher_is_better_and_strict_target_year():
    g = goal(comparator=">", target=D(95), baseline=D(90), lower_is_better=False)
    t = trajectory(g, figures(y2021=91, y2022=91.9, y2025=95), 2026)
    assert [y.status for y in t.years] == ["met", "behind", "no_figure", "no_figure", "behind"]  # 95 is not > 95


def test_insufficient_data_and_no_figure_years():
    short = Completeness(200, 324, "days", "GB 3095-2012 表4")
    t = trajectory(goal(), {2021: YearFigure(D(30), short), 2022: YearFigure(None, Completeness(0, 324, "days"))}, 2023)
    first, second = t.years[:2]
    assert (first.status, first.code, first.params["valid"], first.params["required"]) == \
        ("insufficient_data", "insufficient", 200, 324)  # 200 valid days: never met, however low the figure
    assert second.status == "no_figure"


def test_source_without_yearly_figures_says_so():
    t = trajectory(goal(), None, 2024, source="reported")
    assert {y.status for y in t.years if y.year <= 2024} == {"no_figure"}
    assert t.years[0].params == {"source": "reported"} and t.years[0].code == "traj_no_yearly_source"
    assert (t.midterm.status, t.midterm.code) == ("insufficient_data", "traj_no_yearly_source")


def test_cumulative_sums_the_years_and_a_gap_stops_the_sum():
    g = goal(comparator=">=", target=D(1730), baseline=None, cumulative=True, lower_is_better=False, precision=0)
    t = trajectory(g, figures(y2021=400, y2022=250), 2023)
    assert [(y.status, y.value, y.amount) for y in t.years[:2]] == [("met", D(400), D(400)), ("behind", D(650), D(250))]
    t = trajectory(g, figures(y2021=None, y2022=700), 2023)
    assert (t.years[1].status, t.years[1].code) == ("insufficient_data", "traj_cumulative_gap")


def test_milestones_override_the_line():
    g = goal(milestones={2023: D(33)})
    t = trajectory(g, figures(y2023=34), 2024)
    assert (t.years[2].expected, t.years[2].status) == (D(33), "behind")  # on the straight line 34 would be met
    assert path(g).points[2].printed and not path(g).points[1].printed


def test_year_on_year_each_year_against_the_year_before():
    g = goal(comparator="not_worse", target=None, baseline=D("75.1"), lower_is_better=False)  # 稳步提升
    t = trajectory(g, figures(y2021=76, y2022=76, y2023=74.9), 2024)
    assert [(y.status, y.expected) for y in t.years[:3]] == [
        ("met", D("75.1")), ("met", D("76.0")), ("behind", D("76.0"))]
    improve = trajectory(goal(comparator="improve", target=None, baseline=D(50)), figures(y2021=50), 2022)
    assert improve.years[0].status == "behind"  # 持续下降: equal is not lower


def test_no_path_still_shows_the_figures():
    t = trajectory(goal(comparator="municipal", target=None, baseline=D(36)), figures(y2021=33), 2022)
    assert (t.years[0].status, t.years[0].value, t.years[0].code) == ("no_milestone", D(33), "traj_municipal_pending")
    assert t.midterm.status == t.outlook.status == "no_trajectory"


# --- mid-term check and binding vs expected --------------------------------------------------

def test_midterm_rule_time_half_work_half():
    """时间过半、任务过半: 2023 at 34 of a 40 → 30 path: 60 % of the way in 60 % of the time."""
    t = trajectory(goal(), figures(y2021=38, y2022=37, y2023=34), 2024)
    m = t.midterm
    assert (m.year, m.status, m.from_year, m.progress, m.elapsed, m.projected, m.provisional) == \
        (2023, "on_course", 2023, D("60.0"), D("60.0"), D("30.0"), False)
    t = trajectory(goal(), figures(y2021=38, y2022=37, y2023=35), 2024)
    assert (t.midterm.status, t.midterm.projected) == ("at_risk", D("31.7"))  # 40 − 5/3 × 5: short of 30


@pytest.mark.parametrize("binding, status", [("binding", "at_risk"), ("expected", "behind_expectation"),
                                              ("", "behind")])
def test_behind_binding_is_at_risk_expected_behind_expectation(binding, status):
    t = trajectory(goal(binding=binding), figures(y2021=39.9, y2022=39), 2023)
    assert t.midterm.status == t.outlook.status == status
    assert t.midterm.provisional and t.midterm.from_year == 2022  # the mid year still running


def test_midterm_uses_the_latest_valid_year_up_to_the_middle_year():
    short = Completeness(200, 324, "days")
    figs = {**figures(y2021=37.9, y2024=39), 2022: YearFigure(D(30), short)}
    t = trajectory(goal(), figs, 2025)
    assert (t.midterm.from_year, t.midterm.status) == (2021, "on_course")  # not 2022 (short), not 2024 (after)
    assert (t.outlook.year, t.outlook.status) == (2024, "at_risk")


def test_midterm_not_due_then_insufficient():
    assert trajectory(goal(), figures(), 2021).midterm.status == "not_due"  # only the running year asked
    assert trajectory(goal(), figures(), 2021).outlook.status == "not_due"
    assert trajectory(goal(), figures(), 2024).midterm.status == "insufficient_data"


def test_midterm_of_cumulative_amounts():
    g = goal(comparator=">=", target=D(1000), baseline=None, cumulative=True, lower_is_better=False, precision=0)
    t = trajectory(g, figures(y2021=100, y2022=200, y2023=200), 2024)
    assert (t.midterm.status, t.midterm.progress, t.midterm.projected) == ("at_risk", D("50.0"), D(833))


def test_year_on_year_after_a_gap_has_no_year_before():
    """Second read of #9: 2021 = 80, no 2022, 2023 = 78 — 2023 is not "behind 80" (two years back)."""
    g = goal(comparator="not_worse", target=None, baseline=D("75.1"), lower_is_better=False)
    t = trajectory(g, figures(y2021=80, y2023=78), 2024)
    assert [(y.year, y.status, y.code) for y in t.years[:3]] == [
        (2021, "met", "traj_yoy_met"), (2022, "no_figure", "traj_no_figure"),
        (2023, "no_milestone", "traj_no_previous")]


def test_the_running_year_is_met_or_behind_to_date_only():
    """Second read of #9: a partial 2023 figure met is provisional, and so is the outlook it gives."""
    g = goal(comparator="<=", target=D(30), baseline=D(40), lower_is_better=True)
    t = trajectory(g, figures(y2021=37, y2022=35, y2023=20), 2023)
    assert [(y.year, y.status, y.provisional) for y in t.years[:3]] == [
        (2021, "met", False), (2022, "met", False), (2023, "met", True)]
    assert t.outlook.year == 2023 and t.outlook.provisional
    assert not trajectory(g, figures(y2021=37, y2022=35, y2023=20), 2024).outlook.provisional
