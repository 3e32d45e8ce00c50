"""Spreadsheets (.xlsx): each sheet's rows become tab-separated lines.

A merged cell keeps its value in the top-left cell; the cells it covers below read
``MERGED_CELL`` in its first column (the table reader carries the value down, except for 序号/重点任务)
and blank elsewhere; a date-typed cell reads as printed (2025年11月30日); a title row (one filled cell) becomes a plain line, so `附件 1` and the annex
title rows are read like text; a sheet without a title row starts with its name as a line
(unless it is a default `Sheet1`), so a sheet named `附件2` or `扬尘治理任务` titles its table.
The sheets are streamed within the bounds of ``limits``.
"""
from __future__ import annotations

import io
import re
from datetime import date, datetime
from functools import partial
from typing import Any

from ecoplan.vocabulary.cells import MERGED_CELL

from . import limits
from .model import PlanImportError

DEFAULT_SHEET_NAME = re.compile(r"^(sheet|工作表)\s*\d*$", re.I)  # a name nobody gave


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (date, datetime)) and not getattr(value, "hour", 0) and not getattr(value, "minute", 0):
        # a date-typed cell (`2025-11-30 00:00:00` from openpyxl) as a plan prints it: 2025年11月30日
        return f"{value.year}年{value.month}月{value.day}日"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _merged_below(data: bytes) -> dict[str, set[tuple[int, int]]]:
    """Sheet title → (row, column), 1-based, of the cells a merged range covers below its first row,
    in the range's first column.  Read-only mode does not read ``<mergeCells>``: the sheet's XML is
    scanned for it (streamed, the rows are skipped)."""
    from openpyxl import load_workbook
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.xml.functions import iterparse

    tag = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"
    covered: dict[str, set[tuple[int, int]]] = {}
    book = load_workbook(io.BytesIO(data), read_only=True)
    try:
        for sheet in book.worksheets:
            if not hasattr(sheet, "_get_source"):  # a chart sheet
                continue
            cells = covered.setdefault(sheet.title, set())
            with sheet._get_source() as xml:  # openpyxl 3.1's read-only sheet source
                for _, element in iterparse(xml):
                    if element.tag == tag:
                        col, top, _, bottom = range_boundaries(element.get("ref", ""))
                        if col and top and bottom:
                            cells.update((row, col) for row in range(top + 1, min(bottom, limits.MAX_LINES) + 1))
                    element.clear()
    finally:
        book.close()
    return covered


def _printed(cells: list[str]) -> list[str]:
    return [c for c in cells if c and c != MERGED_CELL]


def to_text(data: bytes, source: str) -> str:
    error = partial(PlanImportError, source=source)
    sheets: dict[str, list[list[str]]] = {}
    numbers: dict[str, list[int]] = {}
    for sheet, number, row in limits.sheet_rows(data, error, limits.MAX_LINES):
        sheets.setdefault(sheet, []).append([_cell(v) for v in row])
        numbers.setdefault(sheet, []).append(number)
    try:
        merged = _merged_below(data)
    except Exception as exc:  # the rows read: a broken <mergeCells> is the file's damage
        raise error(f"not a readable .xlsx file: its merged cells ({type(exc).__name__}: {str(exc)[:200]})") from exc
    lines: list[str] = []
    for name, rows in sheets.items():
        for (at, column) in merged.get(name, ()):  # rows are read from row 1: row `at` is rows[at - 1]
            if at <= len(rows) and column <= limits.MAX_COLUMNS and numbers[name][at - 1] == at:
                cells = rows[at - 1]
                cells += [""] * (column - len(cells))
                cells[column - 1] = cells[column - 1] or MERGED_CELL
        width = max((len(r) for r in rows), default=0)  # a row reads as wide as its sheet
        first = next((r for r in rows if any(_printed(r))), [])
        if len(_printed(first)) > 1 and not DEFAULT_SHEET_NAME.match(name.strip()):
            lines.append(name.strip())  # no title row: the sheet's name (`附件2`) is its only title
        for cells in rows:
            cells += [""] * (width - len(cells))
            filled = _printed(cells)
            if not filled:
                lines.append("")  # a row only covered by merged cells prints nothing
            elif len(filled) == 1 and cells[0] == filled[0] and not cells[0].startswith(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")):
                lines.append(cells[0])
            else:
                lines.append("\t".join(cells))
        lines.append("")
        if len(lines) > limits.MAX_LINES:
            raise error(f"the workbook has more than {limits.MAX_LINES:,} rows")
    return "\n".join(lines)
