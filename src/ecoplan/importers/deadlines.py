"""完成时限 — parsing the deadline vocabulary of plan tables into structured deadlines.

The vocabulary (domain.md §4): 年底前, 4月底前, 3月底, 4月1日起, 6-9月, 长期实施, 持续推进,
按时间节点完成, blank, 2月底、8月底前, 一季度, 到2025年 … A deadline is relative to the plan
year, so ``parse`` takes it.  The kinds are defined once, in ``ecoplan.vocabulary.deadlines``.
"""
from __future__ import annotations

import re
from datetime import date

from ecoplan.vocabulary.cells import EMPTY_MARKERS
from ecoplan.vocabulary.deadlines import CODES as KINDS
from ecoplan.vocabulary.deadlines import month_end as _month_end

from .model import Deadline

__all__ = ["KINDS", "PRINTED_FORM", "is_deadline", "in_text_milestones", "normalise", "parse"]

_QUARTERS = {"一": (1, 3), "二": (4, 6), "三": (7, 9), "四": (10, 12)}


def normalise(raw: str) -> str:
    return re.sub(r"\s+", "", raw.replace("－", "-").replace("—", "-").replace("~", "-"))


def parse(raw: str, year: int | None) -> Deadline:
    """Parse one 完成时限 cell.  ``year`` is the plan year (None for multi-year plans)."""
    try:
        return _parse(raw, year)
    except ValueError:  # `13月底前`, `2月30日前`: no such date — unrecognised, so it goes to review
        return Deadline(raw.strip(), "unrecognised")


def _parse(raw: str, year: int | None) -> Deadline:
    text = normalise(raw)
    y = year or date.today().year
    if not text or text in {normalise(b) for b in EMPTY_MARKERS}:
        return Deadline(raw=raw.strip(), kind="blank")
    if text in ("长期实施", "长期", "长期坚持"):
        return Deadline(raw.strip(), "long_term")
    if text in ("持续推进", "持续实施", "持续开展"):
        return Deadline(raw.strip(), "continuous")
    if text.startswith("按时间节点"):
        return Deadline(raw.strip(), "per_milestone")
    if text in ("年底前", "年底", "年内", "全年", "12月底前", "12月底", "年底前完成"):
        return Deadline(raw.strip(), "year_end", end=date(y, 12, 31))
    if m := re.fullmatch(r"(?:到|至)?(20\d\d)年(?:底前?|前|底)?", text):
        return Deadline(raw.strip(), "by_date", end=date(int(m.group(1)), 12, 31))
    if m := re.fullmatch(r"(\d{1,2})月(\d{1,2})日起", text):
        return Deadline(raw.strip(), "from_date", start=date(y, int(m.group(1)), int(m.group(2))))
    if m := re.fullmatch(r"(\d{1,2})月起", text):
        return Deadline(raw.strip(), "from_date", start=date(y, int(m.group(1)), 1))
    if m := re.fullmatch(r"(\d{1,2})月(\d{1,2})日前", text):
        return Deadline(raw.strip(), "by_date", end=date(y, int(m.group(1)), int(m.group(2))))
    if m := re.fullmatch(r"(\d{1,2})月底前?|(\d{1,2})月前", text):
        month = int(m.group(1) or m.group(2))
        return Deadline(raw.strip(), "by_date", end=_month_end(y, month))
    if m := re.fullmatch(r"(\d{1,2})月?-(\d{1,2})月", text):
        first, last = int(m.group(1)), int(m.group(2))
        return Deadline(raw.strip(), "window", start=date(y, first, 1), end=_month_end(y, last))
    if m := re.fullmatch(r"([一二三四])季度(?:末|底)?前?", text):
        first, last = _QUARTERS[m.group(1)]
        return Deadline(raw.strip(), "window", start=date(y, first, 1), end=_month_end(y, last))
    if text in ("上半年", "6月底前完成"):
        return Deadline(raw.strip(), "by_date", end=date(y, 6, 30))
    if re.fullmatch(r"\d{1,2}月底(?:、\d{1,2}月底)+前?", text):
        stones = [_month_end(y, int(mm)) for mm in re.findall(r"(\d{1,2})月底", text)]
        return Deadline(raw.strip(), "by_date", end=stones[-1], milestones=stones)
    if re.fullmatch(r"(?:按月|每月|按季度|每季度|定期|按年度|每年)", text):
        return Deadline(raw.strip(), "recurring")
    return Deadline(raw.strip(), "unrecognised")


# Complete deadline forms as printed, to find a deadline inside a flattened line (`…工作。 3月底 区生态环境局`).
# Deliberately narrower than ``parse``: a wrapped `长期` / `实施` or `按时间` / `节点完成` is rejoined first.
PRINTED_FORM = (r"(年底前|长期实施|持续推进|按时间节点完成|\d{1,2}\s*月\s*底(?:\s*、\s*\d{1,2}\s*月\s*底)*\s*前?|"
                r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*起|\d{1,2}\s*-\s*\d{1,2}\s*月)")


def is_deadline(cell: str) -> bool:
    text = cell.strip()
    return bool(text) and parse(text, 2000).kind not in ("unrecognised",)


def in_text_milestones(text: str, year: int | None) -> list[date]:
    """Dates stated inside a measure's text (`6月底前，完成…`) — milestones beside the column."""
    y = year or date.today().year
    found = []
    for m in re.finditer(r"(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*底前", text):
        yy = int(m.group(1)) if m.group(1) else y
        month = int(m.group(2))
        if 1 <= month <= 12:
            found.append(_month_end(yy, month))
    return found
