"""A bulletin's XLSX annex (`bulletin.Document.annex`): the data behind it, one sheet per `Sheet`.
Pure, no Django.

Numbers stay numbers (a bureau sorts and sums them); the header row is bold, frozen, filtered and
printed on every page; columns are as wide as their text (a Chinese character counts double);
text that looks like a formula stays text (`cells.append_row`).  Every sheet's printed header
carries the bulletin's title and 文号, so a page of the annex says what it belongs to.  A bulletin
without an annex still gets a workbook: one sheet naming the bulletin.
"""
from __future__ import annotations

import io
import math
import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ecoplan.reporting import official
from ecoplan.reporting.bulletin import Document, Sheet, clean
from ecoplan.reporting.cells import append_row

MAX_CELL = 32767  # Excel's limit on the characters of a cell
MAX_HEADER = 250  # Excel's printed header/footer holds 255 characters
WIDTH_SCAN = 2000  # rows looked at to size a column
MAX_PLACES = 10  # decimal places a number is shown with at most
_NOT_IN_NAME = re.compile(r"[\[\]:*?/\\]")

Value = str | int | float | Decimal | date | datetime | bool | None


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique sheet name: ≤ 31 characters, none of ``[]:*?/\\``, not ``History``."""
    base = _NOT_IN_NAME.sub("_", clean(name)).strip("' ")[:31] or "Sheet"
    if base.lower() == "history":
        base += "_"
    candidate, n = base, 1
    while candidate.lower() in {t.lower() for t in taken}:
        n += 1
        suffix = f"({n})"
        candidate = base[:31 - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def _number_format(value: Decimal) -> str:
    """Excel's format showing a Decimal with its own places: 71.0 → "0.0", 5 → "0"."""
    exponent = value.as_tuple().exponent
    places = min(-exponent, MAX_PLACES) if isinstance(exponent, int) and exponent < 0 else 0
    return "0." + "0" * places if places else "0"


def _value(value: object) -> Value:
    if isinstance(value, Decimal) and not value.is_finite():
        return None
    if isinstance(value, float):
        return value if math.isfinite(value) else None  # NaN/inf: an empty cell, not an error in Excel
    if value is None or isinstance(value, int | Decimal | date | datetime):
        return value
    return clean(value)[:MAX_CELL]


def _display_width(value: Value) -> int:
    if value is None:
        return 0
    text = f"{value:.10g}" if isinstance(value, float) else str(value)
    line = max(text.split("\n"), key=len, default="")
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _print_header(doc: Document) -> str:
    return " ".join(t for t in (clean(doc.title), clean(doc.number)) if t).replace("&", "&&")[:MAX_HEADER]


def _sheet(ws: Worksheet, sheet: Sheet, header_text: str) -> None:
    columns = max([len(sheet.header)] + [len(r) for r in sheet.rows])
    header = [_value(h) for h in sheet.header] + [None] * (columns - len(sheet.header))
    if sheet.header:
        append_row(ws, header)
        fill = PatternFill("solid", fgColor=official.HEADER_FILL)
        for cell in ws[1]:
            cell.font, cell.fill = Font(bold=True), fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    widths = [_display_width(h) for h in header]
    for n, row in enumerate(sheet.rows):
        values = [_value(v) for v in row]
        append_row(ws, values)
        for cell, v in zip(ws[ws.max_row], values):
            if isinstance(v, Decimal):
                cell.number_format = _number_format(v)
        if n < WIDTH_SCAN:
            for i, v in enumerate(values):
                widths[i] = max(widths[i], _display_width(v))
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 6), 60)
    if sheet.header:
        ws.freeze_panes = "A2"
        ws.print_title_rows = "1:1"
        if sheet.rows:
            ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{len(sheet.rows) + 1}"
    if header_text:
        ws.oddHeader.center.text = header_text
    ws.oddFooter.center.text = "&P / &N"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def render(doc: Document) -> bytes:
    """The annex as XLSX bytes."""
    book = Workbook()
    first = book.active
    book.properties.title = clean(doc.title)[:255] or None
    book.properties.subject = clean(doc.number)[:255] or None
    book.properties.creator = clean(doc.issuer)[:255] or "ecoplan"
    header_text = _print_header(doc)
    taken: set[str] = set()
    sheets = list(doc.annex)
    if not sheets:  # no data behind it: the workbook still says which bulletin it is
        about = [doc.issuer, doc.title, doc.number, doc.date, doc.footer]
        sheets = [Sheet(doc.title or "Sheet", [], [[t] for t in about if t])]
    for n, sheet in enumerate(sheets):
        ws = first if n == 0 else book.create_sheet()
        ws.title = sheet_name(sheet.name, taken)
        _sheet(ws, sheet, header_text)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
