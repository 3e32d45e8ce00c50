"""Five-year trajectories: the kinds of path, where a year stands on it, and the mid-term check.

A five-year plan (F 表2: 现状值 2020 → 规划值 2025, 约束性 / 预期性) is reviewed year by year and at
mid-term (中期评估, the plan's middle year).  A binding target (约束性) behind its path is at risk of
not being met — the plan commits the government to it; an expected one (预期性) is behind
expectation — an orientation, reported and explained, not a failure (domain.md §1, §6).
"""
from __future__ import annotations

from . import Term
from . import gettext_noop as _

# How a target's yearly path is drawn (ecoplan.analytics.trajectory.path).
PATH_KINDS = (
    Term("linear", _("straight line from the baseline to the target"), "基准值至目标值线性推进"),
    Term("milestones", _("the plan's own milestones"), "规划年度节点"),
    Term("hold", _("baseline already meets the target: hold it every year"), "保持目标水平"),
    Term("cumulative", _("cumulative amount, an equal share each year"), "逐年累计"),
    Term("year_on_year", _("each year no worse than the year before"), "逐年稳中向好"),
    Term("none", _("no trajectory"), "无年度进度"),
)
# Where one year's figure stands against the year's point of the path.
YEAR_STATES = (
    Term("met", _("met the year's milestone"), "达到年度进度"),
    Term("behind", _("behind the trajectory"), "落后于年度进度"),
    Term("insufficient_data", _("insufficient data"), "数据不足"),
    Term("no_figure", _("no figure"), "暂无数据"),
    Term("no_milestone", _("no milestone to compare with"), "无年度进度值"),
    Term("not_due", _("not due yet"), "未到年份"),
)
# The mid-term check (中期评估) and the outlook of the latest year: behind the path, a binding
# target is at risk, an expected one behind expectation.
CHECK_STATES = (
    Term("on_course", _("on course"), "符合进度要求"),
    Term("at_risk", _("binding target at risk"), "约束性指标存在完不成风险"),
    Term("behind_expectation", _("behind expectation"), "低于预期进度"),
    Term("behind", _("behind schedule"), "进度滞后"),
    Term("insufficient_data", _("insufficient data"), "数据不足"),
    Term("not_due", _("mid-term not reached yet"), "未到评估时点"),
    Term("no_trajectory", _("no trajectory"), "无年度进度"),
)
PATH_CODES = tuple(t.code for t in PATH_KINDS)
YEAR_CODES = tuple(t.code for t in YEAR_STATES)
CHECK_CODES = tuple(t.code for t in CHECK_STATES)
