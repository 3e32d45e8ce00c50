"""Spreadsheet cells people open in Excel/WPS: text that looks like a formula stays text.  Pure, no
Django: the bulletin's XLSX annex (`bulletin_xlsx`) and the app's exports (`ecoplan.spreadsheets`)
both write their rows through `append_row`.

A plan's measure or a report's narrative may begin with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return, which some spreadsheets strip before looking): written as is, ``=HYPERLINK(…)``
becomes a live formula in the coordinator's spreadsheet (CSV/formula injection, OWASP)."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def append_row(sheet: Any, values: Iterable[object]) -> None:
    """`sheet.append(values)`, with formula-like text stored as a string cell marked quote-prefixed
    (Excel's ' prefix: shown as typed, still text after the cell is edited)."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if looks_like_formula(cell.value):
            cell.data_type = "s"
            cell.quotePrefix = True
