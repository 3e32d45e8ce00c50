"""PDF files: task tables become rows of cells, the rest of each page its text (pdfplumber).

A task table drawn with rules (the usual 任务分工表) is found by pdfplumber's table finder (lines
strategy); a table whose header row names a measure column in ``vocabulary.columns`` (or that goes
on from the previous page's table) becomes tab-separated rows for ``header_table``, the one table
reader, with the text outside it in reading order.  A table printed without rules is found when a
line prints header words apart, as columns: pdfplumber's text strategy (the words' x positions)
gives one row a printed line, and the lines of one table row are gathered by its 序号.
Across pages:

* the header reprinted at the top of a page is dropped (it would read as a second table);
* a row split by the page break is joined again: the part on the new page has a blank 序号 (or
  task) cell and one of the two parts has neither deadline nor units — a new row always has them.

A page without such a table comes out as its text, as before: PDF text with the cells of a row
interleaved across lines (the Xicheng seed, its header printed as one run of words) is read by
``table_text``.  A PDF with no text layer (a scan) is refused: ecoplan does not guess from images.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ecoplan.vocabulary.columns import role_of

from . import limits
from .header_table import SECTION, Header, read_header
from .model import PlanImportError
from .text import join_wrapped, key

Cells = list[str]
TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}
TOP_OF_PAGE = 0.2  # a table going on from the previous page starts in the top fifth (page furniture above)


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
    borderless: bool = False
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
        self.borderless = False  # the page's table was read by the text strategy

    def page(self, page: Any) -> None:
        self.borderless = False
        found = []
        for table in page.find_tables():
            rows = [[_cell(c) for c in r] for r in table.extract()]
            if rows and (self._header_at(rows) is not None or self._goes_on(rows, table.bbox, page)):
                found.append((table.bbox, rows))
        if not found and (self._spread_header(page) or (self.table is not None and self.table.borderless)):
            found = self._borderless(page)
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

    def _spread_header(self, page: Any) -> bool:
        """Whether a line of the page prints header words apart, as columns (`编号   工作任务   具体
        措施 …`): worth pdfplumber's slower text strategy.  A header printed as one run of words
        (the Xicheng seed's text) is not: that page is text for ``table_text``."""
        words = [w for w in page.extract_words() if role_of(key(w["text"]))]
        lines: dict[int, list[dict[str, Any]]] = {}
        for word in words:
            lines.setdefault(round(word["top"] / 3), []).append(word)
        for line in lines.values():
            line.sort(key=lambda w: w["x0"])
            size = max(w["bottom"] - w["top"] for w in line)
            gaps = [b["x0"] - a["x1"] for a, b in zip(line, line[1:])]
            roles = {role_of(key(w["text"])) for w in line}
            if len(line) >= 4 and "measure" in roles and gaps and min(gaps) > size:
                return True
        return False

    def _borderless(self, page: Any) -> list[tuple[tuple[float, ...], list[Cells]]]:
        """A task table without rules: pdfplumber's text strategy gives one row a printed line;
        the lines of one table row are gathered by its 序号 (a line with a number opens a row, a
        line without one goes on with it), so the rows of a borderless table need that column."""
        found = []
        for table in page.find_tables(TEXT_STRATEGY):
            lines = [[_cell(c) for c in r] for r in table.extract()]
            header = self._header_at(lines)
            if header is None and self.table is not None and self.table.borderless \
                    and self._goes_on(lines, table.bbox, page):
                start, roles = 0, self.table.header.roles
            elif header is not None and "number" in header[1].roles:
                start, roles = header[0] + header[1].rows, header[1].roles
            else:
                continue
            rows = lines[:start]
            for line in lines[start:]:
                number = line[roles["number"]]
                if not any(line):
                    continue
                if number and SECTION.match("".join(line)):  # a section row printed across the columns
                    rows.append(["".join(line)] + [""] * (len(line) - 1))
                    rows.append([])  # a row ends here
                elif number or not rows[start:] or not rows[-1]:
                    rows.append(line)
                else:
                    rows[-1] = [join_wrapped([a, b]) for a, b in zip(rows[-1], line)]
            found.append((table.bbox, [r for r in rows if r]))
        self.borderless = bool(found)
        return found

    def _goes_on(self, rows: list[Cells], bbox: tuple[float, ...], page: Any) -> bool:
        """A table without a header at the top of a page, as wide as the task table before it:
        that table goes on (printed without its header reprinted)."""
        if self.table is None or not rows or len(rows[0]) != self.table.width:
            return False
        number = self.table.cell(rows[0], "number").rstrip("、.．")
        # not another table's header (`序号 | 指标 | 单位 …`): its first row has a 序号 or none
        return bbox[1] < page.height * TOP_OF_PAGE and (not number or number.isdigit())

    def _header_at(self, rows: list[Cells]) -> tuple[int, Header] | None:
        for index, cells in enumerate(rows[:3]):
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
                self.table = table = _Table(header, words, len(rows[0]), self.borderless)
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
