"""完成时限 — parsing the deadline vocabulary of plan tables into structured deadlines.

The vocabulary (domain.md §4): 年底前, 4月底前, 3月底, 4月1日起, 6-9月, 长期实施, 持续推进,
按时间节点完成, blank, 2月底、8月底前, 一季度, 到2025年, and forms printed with their own year
(2019年9月底前, 2025年6月30日前, 2019年上半年, 2024—2025年), bare dates and dates in digits
(2025年9月30日, 9月30日, 2025-09-30, 2025.9.30, 2025/9/30: by that date), a month alone (2025年9月: by
its end), 第二、三季度 (a window) and 第三季度前 (by the quarter's end) … A deadline without a printed year is
relative to the plan year, so ``parse`` takes it; the year is never taken from the machine's clock:
when the plan year is unknown such a deadline keeps its kind and printed text but no date
(``needs_year``) and the importer asks the coordinator.  The kinds are defined once, in
``ecoplan.vocabulary.deadlines``.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from ecoplan.vocabulary.cells import EMPTY_MARKERS
from ecoplan.vocabulary.deadlines import CODES as KINDS
from ecoplan.vocabulary.deadlines import DATED
from ecoplan.vocabulary.deadlines import month_end as _month_end

from .model import Deadline

__all__ = ["KINDS", "PRINTED_FORM", "is_deadline", "in_text_milestones", "needs_year", "normalise", "parse"]

_QUARTERS = {"一": (1, 3), "二": (4, 6), "三": (7, 9), "四": (10, 12)}
# A date printed in digits: `2025-09-30`, `2025.9.30`, `2025/9/30` (an Excel date cell exported as
# `2025-09-30 00:00:00` keeps its midnight: whitespace is gone after ``normalise``).
_DIGIT_DATE = re.compile(r"(20\d\d)([-./])(\d{1,2})\2(\d{1,2})(?:日)?(?:00:00(?::00)?)?(?:前|之前)?")
# Measures taken while a heavy-pollution alert (重污染天气预警) is on: `预警期间`, `预警解除前`, `按预警响应`,
# `启动预警后` — due with each alert, never on a date.
_EVENT = re.compile(r"(?:重污染天气|橙色|红色|黄色)?(?:预警期间|预警解除前|预警响应期间|按预警(?:级别)?响应|启动预警后|"
                    r"(?:发布|启动)预警(?:后|时|期间)|应急响应期间)(?:落实|执行|实施)?")
# A standing part after a first deadline (`2025年9月底前，并长期坚持`): the first is the due date, the
# standing part is kept in the printed text.
_AND_STANDING = re.compile(r"(.+?)[，,；;、]?并?(?:长期坚持|长期实施|持续推进)")
# 立行立改 (correct at once): with 长期坚持 after it, the measure is standing; there is no date to be due by.
_AT_ONCE = "立行立改"
# `2019年9月底前`: a printed year before a form that would otherwise take the plan year.
_OWN_YEAR = re.compile(r"(?:到|至)?(20\d\d)年(.+)")


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
    if not text or text in {normalise(b) for b in EMPTY_MARKERS}:
        return Deadline(raw=raw.strip(), kind="blank")
    if text in ("长期实施", "长期", "长期坚持"):
        return Deadline(raw.strip(), "long_term")
    if text in ("持续推进", "持续实施", "持续开展", "逐年推进"):
        return Deadline(raw.strip(), "continuous")
    if _EVENT.fullmatch(text):
        return Deadline(raw.strip(), "event")
    if (both := _AND_STANDING.fullmatch(text)) and both.group(1) != text:
        if both.group(1).rstrip("，,；;、") == _AT_ONCE:
            return Deadline(raw.strip(), "long_term")
        first = _parse(both.group(1).rstrip("，,；;、"), year)
        if first.kind not in ("unrecognised", "blank"):
            first.raw = raw.strip()  # `…，并长期坚持` stays in the printed text
            return first
    if text.endswith("前完成"):  # `2025年底前完成`, `第三季度前完成`: the same date as without 完成
        text = text[:-2]
    if text.startswith("按时间节点"):
        return Deadline(raw.strip(), "per_milestone")
    if m := re.fullmatch(r"(?:到|至)?(20\d\d)年(?:底前?|前|底)?", text):
        return Deadline(raw.strip(), "by_date", end=date(int(m.group(1)), 12, 31))
    if m := re.fullmatch(r"(20\d\d)年?-(20\d\d)年", text):  # 2024—2025年: the years of a window
        return Deadline(raw.strip(), "window", start=date(int(m.group(1)), 1, 1), end=date(int(m.group(2)), 12, 31))
    if m := _DIGIT_DATE.fullmatch(text):
        return Deadline(raw.strip(), "by_date", end=date(int(m[1]), int(m[3]), int(m[4])))
    if re.fullmatch(r"(?:按月|每月|按季度|每季度|定期|按年度|每年)", text):
        return Deadline(raw.strip(), "recurring")
    if own := _OWN_YEAR.fullmatch(text):  # the printed year wins over the plan year
        year, text = int(own.group(1)), own.group(2)
    for pattern, build in _RELATIVE:
        if m := re.fullmatch(pattern, text):
            # Without a plan year the form is still checked (2000 is a leap year: 2月29日 passes,
            # 2月30日 does not) but no date is kept: kind and printed text wait for the year.
            deadline = build(2000 if year is None else year, m)
            deadline.raw = raw.strip()
            if year is None:
                deadline.start = deadline.end = None
                deadline.milestones = []
            return deadline
    return Deadline(raw.strip(), "unrecognised")


def _quarter(y: int, m: re.Match[str]) -> Deadline:
    """`第三季度` (or `第二、三季度`): a window over the quarters.  `第三季度前` (or 末前/底前) reads as
    *by the end of* the quarter, not before it starts: a 分工表 prints `第三季度前完成` beside
    `9月底前` for the same kind of job, and a task due before a quarter begins would print the
    month (`6月底前`) instead."""
    first = _QUARTERS[m["first"]][0]
    last = _month_end(y, _QUARTERS[m["last"] or m["first"]][1])
    if m["by"]:
        return Deadline("", "by_date", end=last)
    return Deadline("", "window", start=date(y, first, 1), end=last)


def _milestones(y: int, m: re.Match[str]) -> Deadline:
    stones = [_month_end(y, int(mm)) for mm in re.findall(r"(\d{1,2})月底", m.group(0))]
    return Deadline("", "by_date", end=stones[-1], milestones=stones)


# Forms relative to a year (the plan year, or a year printed before them): pattern → deadline.
_RELATIVE: tuple[tuple[str, Callable[[int, re.Match[str]], Deadline]], ...] = (
    (r"(?:年底前|年底|年内|全年|12月底前|12月底|12月)", lambda y, m: Deadline("", "year_end", end=date(y, 12, 31))),
    (r"(\d{1,2})月(\d{1,2})日起", lambda y, m: Deadline("", "from_date", start=date(y, int(m[1]), int(m[2])))),
    (r"(\d{1,2})月起", lambda y, m: Deadline("", "from_date", start=date(y, int(m[1]), 1))),
    # `9月30日` with no 前 is a deadline too: by that date
    (r"(\d{1,2})月(\d{1,2})日(?:前|之前)?", lambda y, m: Deadline("", "by_date", end=date(y, int(m[1]), int(m[2])))),
    # `9月` alone (`2025年9月`): within that month, i.e. by its end
    (r"(\d{1,2})月底前?|(\d{1,2})月前?", lambda y, m: Deadline("", "by_date", end=_month_end(y, int(m[1] or m[2])))),
    (r"(\d{1,2})月?-(\d{1,2})月", lambda y, m: Deadline("", "window", start=date(y, int(m[1]), 1),
                                                     end=_month_end(y, int(m[2])))),
    (r"第?(?P<first>[一二三四])(?:(?:、|和|至|-)第?(?P<last>[一二三四]))?季度(?:末|底)?(?P<by>前)?", _quarter),
    (r"(?:上半年|6月底前完成)", lambda y, m: Deadline("", "by_date", end=date(y, 6, 30))),
    (r"(?:下半年)", lambda y, m: Deadline("", "window", start=date(y, 7, 1), end=date(y, 12, 31))),
    (r"\d{1,2}月底(?:、\d{1,2}月底)+前?", _milestones),
)


def needs_year(deadline: Deadline) -> bool:
    """A dated kind left without its date: the plan year was not found in the document."""
    return deadline.kind in DATED and deadline.start is None and deadline.end is None


# Complete deadline forms as printed, to find a deadline inside a flattened line (`…工作。 3月底 区生态环境局`).
# Deliberately narrower than ``parse``: a wrapped `长期` / `实施` or `按时间` / `节点完成` is rejoined first.
PRINTED_FORM = (r"(年底前|长期实施|持续推进|按时间节点完成|\d{1,2}\s*月\s*底(?:\s*、\s*\d{1,2}\s*月\s*底)*\s*前?|"
                r"\d{1,2}\s*月\s*\d{1,2}\s*日\s*起|\d{1,2}\s*-\s*\d{1,2}\s*月)")


def is_deadline(cell: str) -> bool:
    text = cell.strip()
    return bool(text) and parse(text, 2000).kind not in ("unrecognised",)


def in_text_milestones(text: str, year: int | None) -> list[date]:
    """Dates stated inside a measure's text (`6月底前，完成…`) — milestones beside the column.
    Without a printed year and without the plan year, a date cannot be known and is left out."""
    found = []
    for m in re.finditer(r"(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*底前", text):
        yy = int(m.group(1)) if m.group(1) else year
        month = int(m.group(2))
        if yy is not None and 1 <= month <= 12:
            found.append(_month_end(yy, month))
    return found
