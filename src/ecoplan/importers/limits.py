"""Bounds on what an input may be, so that no file stalls the server or exhausts its memory.

A real district plan is a few hundred KB and a few thousand lines; a year of hourly data for a
district's stations is a few hundred thousand rows.  Anything far beyond is refused before it is
read, with a message naming the file and the limit.  Containers (.docx, .xlsx) are zip files:
their uncompressed sizes are checked in the zip directory before any member is inflated (a zip
bomb of 4 KB can inflate to gigabytes), and spreadsheets are read in openpyxl's read-only mode
without trusting the sheet's declared dimension (one cell at XFD1048576 claims 17 billion).
Pure Python: no Django here; the web upload limit (``ECOPLAN_MAX_UPLOAD_BYTES``) defaults to
``MAX_FILE_BYTES``.
"""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

MAX_FILE_BYTES = 50 * 1024 * 1024  # the upload limit
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # every member of a .docx/.xlsx, inflated
MAX_JSON_BYTES = 10 * 1024 * 1024  # an exported plan (the largest seed's export is 240 KB; ~0.25 s a MB)
MAX_TEXT_CHARS = 1_000_000  # of plan text: ~30 times the longest seed (reading is ~5 µs a character)
MAX_LINES = 50_000  # lines of plan text (the largest seed has ~2,000)
MAX_LINE_CHARS = 20_000  # one line or table cell of plan text (~40 printed pages)
MAX_COLUMNS = 200  # of a plan table or a spreadsheet row
MAX_PAGES = 1_000  # of a PDF
MAX_SHEET_ROWS = 1_100_000  # of an air-data spreadsheet (Excel's own limit is 1,048,576)
MAX_AIR_COLUMNS = 500  # of an air-data file

Error = Callable[[str], Exception]


def check_size(size: int, error: Error, limit: int = MAX_FILE_BYTES) -> None:
    if size > limit:
        raise error(f"the file is {size / 1024 / 1024:.1f} MB, larger than the limit of "
                    f"{limit / 1024 / 1024:.0f} MB")


def check_zip(source: bytes | Path, error: Error, kind: str, limit: int = MAX_UNZIPPED_BYTES) -> None:
    """A readable zip whose members inflate to at most ``limit`` bytes (read from its directory;
    Python's zipfile never inflates a member beyond the size the directory declares)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except Exception as exc:  # zipfile raises several kinds (BadZipFile, NotImplementedError for a
        # multi-disk archive, EOFError, ValueError …) for a damaged directory
        raise error(f"not a readable {kind} file (not a zip archive: {type(exc).__name__}: {exc})") from exc
    if total > limit:
        raise error(f"not a readable {kind} file: it inflates to {total / 1024 / 1024:.0f} MB, "
                    f"more than the limit of {limit / 1024 / 1024:.0f} MB (a zip bomb?)")


def sheet_rows(source: bytes | Path, error: Error, max_rows: int, max_columns: int = MAX_COLUMNS,
               all_sheets: bool = True) -> Iterator[tuple[str, int, list[Any]]]:
    """(sheet title, row number, cell values) of each sheet, trailing empty cells dropped.

    Read-only mode streams the sheet; the dimension the file declares is ignored (it may lie),
    and rows past ``max_rows`` or a filled cell past ``max_columns`` are refused."""
    check_zip(source, error, ".xlsx")
    from openpyxl import load_workbook

    handle: IO[bytes] = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    try:
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds (KeyError, zlib.error, XML errors …)
            raise error(f"not a readable .xlsx file ({type(exc).__name__}: {str(exc)[:200]})") from exc
        try:
            sheets = book.worksheets if all_sheets else [book.active]
            for sheet in sheets:
                if not hasattr(sheet, "reset_dimensions"):  # a chart sheet: no cells
                    continue
                sheet.reset_dimensions()
                number = 0
                rows = sheet.iter_rows(values_only=True)
                while True:
                    try:
                        row = next(rows)
                    except StopIteration:
                        break
                    except Exception as exc:  # broken XML or zlib data inside the sheet
                        raise error(f"not a readable .xlsx file: sheet “{sheet.title}” row {number + 1} "
                                    f"({type(exc).__name__}: {str(exc)[:200]})") from exc
                    number += 1
                    if number > max_rows:
                        raise error(f"sheet “{sheet.title}” has more than {max_rows:,} rows")
                    cells = list(row)
                    while cells and (cells[-1] is None or cells[-1] == ""):
                        cells.pop()
                    if len(cells) > max_columns:
                        raise error(f"sheet “{sheet.title}” row {number} fills column {len(cells):,}, "
                                    f"more than the limit of {max_columns}")
                    yield sheet.title, number, cells
        finally:
            book.close()
    finally:
        handle.close()


def span(value: str | None) -> int:
    """A cell's colspan/rowspan/gridSpan, at most the widest table a plan prints (a broken or crafted
    file may say 10⁹); 1 when it is missing or not a number."""
    try:
        return min(max(int(value or 1), 1), MAX_COLUMNS)
    except ValueError:
        return 1
