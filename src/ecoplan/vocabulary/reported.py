"""Reported values (报送数值): where a unit's figure comes from, the levels a municipal
requirement may set, and how a reported period reads.  Pure; the states are in ``states``."""
from __future__ import annotations

from datetime import date

from . import Term
from . import gettext_noop as _

# The document a reported figure is taken from (数据来源).
SOURCE_KINDS = (
    Term("statistical_bulletin", _("statistical bulletin"), "统计公报"),
    Term("municipal_notice", _("municipal notice"), "市级通报或下达文件"),
    Term("department_statistics", _("department statistics"), "部门统计数据"),
    Term("monitoring_report", _("monitoring or assessment report"), "监测或评估报告"),
    Term("ledger", _("work ledger"), "工作台账"),
    Term("other", _("other source"), "其他来源"),
)
SOURCE_KIND_CODES = tuple(t.code for t in SOURCE_KINDS)

# the comparators a municipal requirement may carry (empty: the indicator's default)
MUNICIPAL_COMPARATORS = ("<=", ">=", "<", ">", "=", "≈")


def period_label(start: date, end: date) -> str:
    """2024 for a calendar year, 2024Q1 for a first quarter, else 2021-01-01–2024-12-31."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 3, 31) and start.year == end.year:
        return f"{start.year}Q1"
    return f"{start.isoformat()}–{end.isoformat()}"
