"""Spreadsheets (.xlsx): each sheet's rows become tab-separated lines.

Merged cells keep their value in the top-left cell only (the rest read blank, as a merged cell
prints once); a title row (one filled cell) becomes a plain line, so `附件 1` and the annex
title rows are read like text.
"""
from __future__ import annotations

import io
import zipfile

from .model import PlanImportError


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def to_text(data: bytes, source: str) -> str:
    try:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=False, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise PlanImportError(f"not a readable .xlsx file ({exc})", source=source) from exc
    lines: list[str] = []
    for sheet in book.worksheets:
        width = sheet.max_column
        for row in sheet.iter_rows(values_only=True):
            cells = [_cell(v) for v in row][:width]
            filled = [c for c in cells if c]
            if not filled:
                lines.append("")
            elif len(filled) == 1 and cells[0] and not cells[0].startswith(("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")):
                lines.append(cells[0])
            else:
                lines.append("\t".join(cells))
        lines.append("")
    return "\n".join(lines)
