"""Writing XLSX files people open in Excel/WPS: text that looks like a formula stays text.

A plan's measure or a report's narrative may begin with ``=``, ``+``, ``-`` or ``@`` (or a tab or
carriage return, which some spreadsheets strip before looking): written as is, ``=HYPERLINK(…)``
becomes a live formula in the coordinator's spreadsheet (CSV/formula injection, OWASP).  Every
openpyxl writer appends its rows through `append_row`."""
from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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


def xlsx_response(book: Any, filename: str):
    """An openpyxl workbook (or its bytes) as a download named ``filename``."""
    if not isinstance(book, bytes):
        buffer = io.BytesIO()
        book.save(buffer)
        book = buffer.getvalue()
    response = HttpResponse(book, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
