"""完成时限 — the kinds of deadline a plan prints (domain.md §4), and the end of a month."""
from __future__ import annotations

import calendar
from datetime import date

from . import Term
from . import gettext_noop as _

KINDS = (
    Term("by_date", _("by a date"), "限期完成"),  # 4月底前 → last day of April of the plan year
    Term("year_end", _("by the year end"), "年底前完成"),  # 年底前 → 12-31
    Term("from_date", _("from a date on"), "自某日起"),  # 4月1日起: standing from its start
    Term("window", _("within a window"), "时段内"),  # 6-9月, 一季度
    Term("long_term", _("long-term"), "长期实施"),  # judged per reporting period
    Term("continuous", _("continuous"), "持续推进"),  # usually with a trend target
    Term("per_milestone", _("per milestone"), "按时间节点"),  # needs child milestones
    Term("recurring", _("recurring"), "定期"),  # a cadence (按月, 每季度)
    Term("event", _("during a heavy-pollution alert"), "预警期间"),  # 预警期间, 预警解除前: no date
    Term("blank", _("no deadline"), "未写明时限"),  # nothing printed
    Term("unrecognised", _("not recognised"), "未能识别"),  # printed, not in the vocabulary: reviewed
)
CODES = tuple(k.code for k in KINDS)

# Kinds with no single due date: a measure of these kinds is live every month of its plan.
STANDING = frozenset({"long_term", "continuous", "recurring", "event", "per_milestone", "blank", "unrecognised"})
# Kinds due on their ``end`` date.
DUE_ON_END = frozenset({"by_date", "year_end"})
# Kinds that carry a date (from the plan year when none is printed): without the year, no date.
DATED = DUE_ON_END | frozenset({"from_date", "window"})
# Standing kinds that are never finished: a completion date does not end them.
# An alert's measures (event) come back with every alert.
NEVER_DONE = frozenset({"long_term", "continuous", "recurring", "event"})


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_end_of(day: date) -> date:
    return month_end(day.year, day.month)
