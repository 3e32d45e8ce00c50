"""Writing XLSX files people open in Excel/WPS: the download response.  Text that looks like a
formula stays text: every openpyxl writer appends its rows through `append_row`, which lives in the
pure `ecoplan.reporting.cells` (the bulletin's annex uses it too) and is re-exported here."""
from __future__ import annotations

import io
from typing import Any

from django.http import HttpResponse

from ecoplan.reporting.cells import FORMULA_TRIGGERS, append_row, looks_like_formula

__all__ = ["FORMULA_TRIGGERS", "XLSX_TYPE", "append_row", "looks_like_formula", "xlsx_response"]

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(book: Any, filename: str):
    """An openpyxl workbook (or its bytes) as a download named ``filename``."""
    if not isinstance(book, bytes):
        buffer = io.BytesIO()
        book.save(buffer)
        book = buffer.getvalue()
    response = HttpResponse(book, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
