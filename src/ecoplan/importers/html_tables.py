"""Web pages (.html/.htm): text becomes lines, table rows become tab-separated lines.

A government site publishes a plan as a page: a title, `附件 1` and the task table as a
``<table>``.  Read with the standard library's ``html.parser`` (tolerant of unclosed tags, no
extra dependency; the tree is simple enough that no DOM is needed).  A ``rowspan`` cell is
printed once, in its first row, and reads ``MERGED_CELL`` below, as a .docx vMerge and an .xlsx
merged cell do (the table reader carries a merged 责任单位/完成时限 down; a merged 序号/重点任务 reads
blank → same task); a ``colspan`` cell fills its first column and leaves the
others blank.  Text outside tables keeps its block structure (one line per paragraph, heading or
``<br>``), so titles and annex markers read as in a text file.  The result is read by the text
shapes.
"""
from __future__ import annotations

from html.parser import HTMLParser

from ecoplan.vocabulary.cells import MERGED_CELL

from . import limits
from .model import PlanImportError
from .text import decode, join_wrapped

# elements whose start or end ends a line of text
BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article",
          "header", "footer", "center", "blockquote", "pre", "hr", "dt", "dd", "caption"}
SKIPPED = {"script", "style", "head", "noscript", "template"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.text: list[str] = []  # the current line (or cell) being read
        self.skipping = 0
        self.tables: list[_Table] = []  # nested tables: the innermost reads its cells

    # --- text outside tables -----------------------------------------------------------------
    def _flush(self) -> None:
        line = " ".join("".join(self.text).split())
        if line:
            self.lines.append(line)
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self.skipping += 1
            return
        if tag == "title":
            self.skipping += 1  # the browser tab's title repeats the page's own heading
            return
        table = self.tables[-1] if self.tables else None
        if tag == "table":
            if table is None:
                self._flush()
            self.tables.append(_Table())
        elif table is not None:
            if tag == "tr":
                table.start_row()
            elif tag in ("td", "th"):
                values = dict(attrs)
                table.start_cell(limits.span(values.get("rowspan")), limits.span(values.get("colspan")))
            elif tag in ("br", "p", "div", "li") and table.cell is not None:
                table.cell.append("\n")
        elif tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED or tag == "title":
            self.skipping = max(0, self.skipping - 1)
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            rows = table.finish()
            if self.tables and self.tables[-1].cell is not None:  # a table inside a cell: its text
                self.tables[-1].cell.append(" ".join(" ".join(r) for r in rows).replace(MERGED_CELL, ""))
            else:
                self.lines.extend("\t".join(r) for r in rows)
                self.lines.append("")
        elif self.tables:
            if tag in ("td", "th"):
                self.tables[-1].end_cell()
            elif tag == "tr":
                self.tables[-1].end_row()
        elif tag in BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.tables:
            if self.tables[-1].cell is not None:
                self.tables[-1].cell.append(data)
            return
        self.text.append(data)

    def close(self) -> None:
        super().close()
        while self.tables:  # unclosed tables
            self.handle_endtag("table")
        self._flush()


class _Table:
    """Rows of one table with rowspan/colspan expanded: a spanned cell prints in its first row and
    column only; below it, its first column reads ``MERGED_CELL``."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.spans: dict[int, int] = {}  # column → rows still covered by a rowspan above
        self.firsts: set[int] = set()  # the columns where a rowspan above starts (its continuation mark)
        self.column = 0
        self.colspan = 1
        self.rowspan = 1

    def start_row(self) -> None:
        self.end_row()
        self.row = []
        self.column = 0

    def _skip_spanned(self) -> None:
        assert self.row is not None
        while self.spans.get(self.column, 0) > 0:
            self.row.append(MERGED_CELL if self.column in self.firsts else "")
            self.column += 1

    def start_cell(self, rowspan: int, colspan: int) -> None:
        if self.row is None:
            self.start_row()
        self.end_cell()
        self._skip_spanned()
        self.cell, self.rowspan, self.colspan = [], rowspan, colspan

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            return
        # a `<br>` or `<p>` inside a cell is where the page wrapped it: joined as a PDF line is
        text = join_wrapped([" ".join(part.split()) for part in "".join(self.cell).split("\n") if part.strip()])
        self.row.append(text)
        self.row.extend([""] * (self.colspan - 1))
        for column in range(self.column, self.column + self.colspan):
            if self.rowspan > 1:
                self.spans[column] = self.rowspan  # counted down when this row ends
                if column == self.column:
                    self.firsts.add(column)
                else:
                    self.firsts.discard(column)
        self.column += self.colspan
        self.cell = None
        if len(self.row) > limits.MAX_COLUMNS:
            raise ValueError(f"a table row has more than {limits.MAX_COLUMNS} columns")

    def end_row(self) -> None:
        self.end_cell()
        if self.row is None:
            return
        self._skip_spanned()  # spanned cells at the row's end
        width = max(self.spans, default=-1) + 1
        while len(self.row) < width:
            self.row.append("")
        self.spans = {c: n - 1 for c, n in self.spans.items() if n - 1 > 0}
        self.firsts &= set(self.spans)
        if any(c and c != MERGED_CELL for c in self.row):
            self.rows.append(self.row)
        self.row = None

    def finish(self) -> list[list[str]]:
        self.end_row()
        width = max((len(r) for r in self.rows), default=0)
        return [r + [""] * (width - len(r)) for r in self.rows]


def to_text(data: bytes, source: str) -> str:
    """The page's text lines and tab-separated table rows."""
    page = _Page()
    try:
        page.feed(decode(data, source))
        page.close()
    except ValueError as exc:
        raise PlanImportError(f"not a readable .html page ({exc})", source=source) from exc
    if len(page.lines) > limits.MAX_LINES:
        raise PlanImportError(f"the page has more than {limits.MAX_LINES:,} lines of text and table rows",
                              source=source)
    return "\n".join(page.lines)
