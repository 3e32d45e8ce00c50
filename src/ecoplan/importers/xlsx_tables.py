"""Spreadsheets (.xlsx): each sheet's rows become tab-separated lines.

Merged cells keep their value in the top-left cell only (the rest read blank, as a merged cell
prints once); a title row (one filled cell) becomes a plain line, so `附件 1` and the annex
title rows are read like text; a sheet without a title row starts with its name as a line
(unless it is a default `Sheet1`), so a sheet named `附件2` or `扬尘治理任务` titles its table.
The sheets are streamed within the bounds of ``limits``.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import partial
from typing import Any

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


def to_text(data: bytes, source: str) -> str:
    error = partial(PlanImportError, source=source)
    sheets: dict[str, list[list[str]]] = {}
    for sheet, _, row in limits.sheet_rows(data, error, limits.MAX_LINES):
        sheets.setdefault(sheet, []).append([_cell(v) for v in row])
    lines: list[str] = []
    for name, rows in sheets.items():
        width = max((len(r) for r in rows), default=0)  # a row reads as wide as its sheet
        first = next((r for r in rows if any(r)), [])
        if sum(1 for c in first if c) > 1 and not DEFAULT_SHEET_NAME.match(name.strip()):
            lines.append(name.strip())  # no title row: the sheet's name (`附件2`) is its only title
        for cells in rows:
            cells += [""] * (width - len(cells))
            filled = [c for c in cells if c]
            if not filled:
                lines.append("")
            elif len(filled) == 1 and cells[0] and not cells[0].startswith(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")):
                lines.append(cells[0])
            else:
                lines.append("\t".join(cells))
        lines.append("")
        if len(lines) > limits.MAX_LINES:
            raise error(f"the workbook has more than {limits.MAX_LINES:,} rows")
    return "\n".join(lines)
