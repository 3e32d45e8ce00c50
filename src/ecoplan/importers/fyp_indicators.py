"""A five-year plan's indicator table on its own (规划指标表): an .xlsx sheet, a Word file holding
only the table, or the table as tab or `|` text, under a title line (the caption or the sheet
name) and nothing else of the plan.

The columns are mapped to roles by their header words (``indicator_table.read_header``); each row
is one target.  The plan period comes from the title (`“十四五”`, `2021—2025年`) or else from the
header's years (`2020年现状值 | 2025年目标值` → 2021–2025).  A document with a plan's chapters is
``fyp_plan``'s, which reads its tables the same way; one with a task table too (a 工作要点's
主要指标 then 重点任务) is ``header_table``'s, which reads its indicator tables through
``indicator_table`` as well.
"""
from __future__ import annotations

import re

from ecoplan.vocabulary import gettext_noop as _

from . import fyp_plan, header_table, notice
from .indicator_table import IndicatorTable, read_header, table_cells
from .model import NOT_DETECTED, Detection, ImportResult, PlanImportError, PlanMeta, reason
from .text import squeeze, to_simplified

_RANGE = re.compile(r"(20\d\d)\s*[—\-－~至到]\s*(20\d\d)\s*年")


def _header_line(lines: list[str]) -> int | None:
    for index, line in enumerate(lines[:200]):  # the header stands near the top of a table
        cells = table_cells(line)
        if cells and read_header(cells) is not None:
            return index
    return None


def detect(text: str) -> Detection:
    lines = text.split("\n")
    if (index := _header_line(lines)) is None:
        return NOT_DETECTED
    rows = sum(1 for line in lines[index + 1:] if (cells := table_cells(line)) and any(cells))
    if not rows or header_table.find_header(lines) is not None:
        return NOT_DETECTED  # no rows; or a task table beside it: header_table reads both
    return Detection(0.8, (reason(_("an indicator table header on line {line} (指标 … 目标值) and {rows} rows"),
                                  line=index + 1, rows=rows),))


def parse(text: str, source: str, result: ImportResult) -> None:
    lines = text.split("\n")
    start = _header_line(lines)
    if start is None:
        raise PlanImportError("no indicator table header (指标 … 目标值) found", source=source)
    meta = result.meta
    meta.kind = "five_year_plan"
    for index in range(start):
        if not lines[index].strip():
            continue
        if index < 12 and not meta.doc_number and (own := notice.doc_number(lines[index])):
            meta.doc_number = own  # `城委办发〔2025〕6号` under the title of a plan's Word file
            result.meta_lines.append(index + 1)
        elif not meta.title:  # the caption or the sheet's name
            meta.title = squeeze(lines[index])
            result.meta_lines.append(index + 1)
        else:
            result.skip(index + 1, "notice text", lines[index])
    header = read_header(table_cells(lines[start]) or [])
    assert header is not None  # _header_line found it
    _period(meta, header.baseline_year, header.target_year)
    table = IndicatorTable(result, header, start + 1, lines[start])
    ended = False
    for index in range(start + 1, len(lines)):
        raw, number = lines[index], index + 1
        if not raw.strip():
            continue
        cells = table_cells(raw)
        if cells is None or ended:
            ended = True
            result.skip(number, "text after the indicator table", raw)
            if cells:  # a table this shape does not read: never dropped unseen
                result.add_review("line_unread", "a table row after the indicator table, not read", number,
                                  raw[:200])
            continue
        repeated = read_header(cells)
        if repeated is not None and table.accepts(repeated):
            result.skip(number, "indicator table header", raw)  # repeated on every page
        elif repeated is not None:
            table = IndicatorTable(result, repeated, number, raw)
        else:
            table.feed(number, cells, raw)


def _period(meta: PlanMeta, baseline_year: int | None, target_year: int | None) -> None:
    title = to_simplified(meta.title)
    if period := fyp_plan.fyp_period(title):
        meta.period_start, meta.period_end = period
    elif m := _RANGE.search(title):
        meta.period_start, meta.period_end = int(m.group(1)), int(m.group(2))
    elif target_year:
        meta.period_end = target_year
        meta.period_start = baseline_year + 1 if baseline_year and baseline_year < target_year else None
