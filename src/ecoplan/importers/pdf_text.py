"""PDF files: ruled task tables become rows of cells, the rest of each page its text (pdfplumber).

A task table drawn with rules (the usual 任务分工表) is found by pdfplumber's table finder; a table
whose header row names a measure column in ``vocabulary.columns`` (or that goes on from the
previous page's table) becomes tab-separated rows for ``header_table``, the one table reader,
with the text outside it in reading order.  Across pages:

* the header reprinted at the top of a page is dropped (it would read as a second table);
* a row split by the page break is joined again: the part on the new page has a blank 序号 (or
  task) cell and one of the two parts has neither deadline nor units — a new row always has them.

A page without such a table comes out as its text, as before: PDF text with the cells of a row
interleaved across lines (the Xicheng seed) is read by ``table_text``.  A PDF with no text layer (a
scan) is refused: ecoplan does not guess from images.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from . import limits
from .header_table import Header, read_header
from .model import PlanImportError
from .text import join_wrapped, key

Cells = list[str]


def to_text(data: bytes, source: str) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.MAX_PAGES:
                raise PlanImportError(f"the PDF has {len(pdf.pages):,} pages, more than the limit of "
                                      f"{limits.MAX_PAGES:,}", source=source)
            reader = _Pages()
            for page in pdf.pages:
                reader.page(page)
            lines = reader.finish()
    except PlanImportError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged file (PSEOF, TypeError …)
        raise PlanImportError(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:200]})",
                              source=source) from exc
    text = "\n".join(lines)
    if not text.strip():
        raise PlanImportError("the PDF has no text layer (a scan?): export its text first",
                              source=source)
    return text


def _cell(value: str | None) -> str:
    """A cell's wrapped lines joined (a merged cell's covered part is None: blank, as printed once)."""
    return join_wrapped((value or "").replace("\t", " ").split("\n"))


@dataclass
class _Table:
    header: Header
    words: tuple[str, ...]  # the header rows in matching form: a reprint is recognised by them
    width: int
    last: Cells | None = None  # the last row, held until the next page shows whether it goes on

    def cell(self, row: Cells, role: str) -> str:
        index = self.header.roles.get(role)
        return row[index] if index is not None and index < len(row) else ""

    def undated(self, row: Cells) -> bool:
        return not any(self.cell(row, r) for r in ("deadline", "lead_unit", "co_unit"))

    def continues(self, row: Cells) -> bool:
        """Whether ``row``, first on its page, is the rest of the row split by the page break."""
        if self.last is None:
            return False
        opener = "number" if "number" in self.header.roles else "task"
        return not self.cell(row, opener) and (self.undated(row) or self.undated(self.last))


class _Pages:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.table: _Table | None = None

    def page(self, page: Any) -> None:
        found = []
        for table in page.find_tables():
            rows = [[_cell(c) for c in r] for r in table.extract()]
            if rows and self._task_table(rows):
                found.append((table.bbox, rows))
        if not found:
            self._flush()
            self.lines.extend((page.extract_text() or "").split("\n"))
            return
        rest = page
        for bbox, _ in found:
            rest = rest.outside_bbox(bbox)
        outside = [(line["top"], line["text"]) for line in rest.extract_text_lines()]
        for bbox, rows in sorted(found, key=lambda f: f[0][1]):
            top, bottom = bbox[1], bbox[3]
            self._text(t for y, t in outside if y < top)
            outside = [(y, t) for y, t in outside if y >= bottom]
            self._rows(rows)
        self._text(t for _, t in outside)

    def _task_table(self, rows: list[Cells]) -> bool:
        if self._header_at(rows) is not None:
            return True
        return self.table is not None and len(rows[0]) == self.table.width

    def _header_at(self, rows: list[Cells]) -> tuple[int, Header] | None:
        for index, cells in enumerate(rows[:2]):
            header = read_header(cells, rows[index + 1] if index + 1 < len(rows) else None)
            if header is not None:
                return index, header
        return None

    def _text(self, lines: Any) -> None:
        # page furniture (`— 3 —`) may come between a row and its rest on the next page: the held
        # row is written after it
        self.lines.extend(lines)

    def _rows(self, rows: list[Cells]) -> None:
        found = self._header_at(rows)
        table = self.table
        start = 0
        if found is not None:
            at, header = found
            words = tuple(key(c) for r in rows[at:at + header.rows] for c in r)
            start = at + header.rows
            if table is None or words != table.words or len(rows[0]) != table.width:
                self._flush()
                self.table = table = _Table(header, words, len(rows[0]))
                # a title row inside the rules is a line of text, then the header rows
                self.lines.extend(" ".join(c for c in r if c) for r in rows[:at])
                self.lines.extend("\t".join(r) for r in rows[at:start])
            # else: the header reprinted on a new page, dropped
        assert table is not None  # _task_table accepted the rows
        for index, row in enumerate(rows[start:]):
            if index == 0 and table.continues(row):
                assert table.last is not None
                table.last = [join_wrapped([a, b]) for a, b in zip(table.last, row)]
                continue
            self._flush()
            table.last = row

    def _flush(self) -> None:
        if self.table is not None and self.table.last is not None:
            self.lines.append("\t".join(self.table.last))
            self.table.last = None

    def finish(self) -> list[str]:
        self._flush()
        return self.lines
