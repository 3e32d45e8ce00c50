"""Tables copied from a web page with every cell on its own line, regrouped into rows.

Copying a government site's HTML table into a text editor often yields one line per cell: the
header's N cells one per line (`序号` / `重点任务` / `工作措施` / `完成时限` / `牵头单位` / `配合单位`),
then each row's cells one per line.  The header is recognised by its words (the column vocabulary,
as ``header_table`` reads a tab-separated header); the rows are then regrouped:

- with a 序号 column first, a row starts at the line printing the next number (1, 2, 3 …) and
  holds the lines up to the next one, so a row whose merged cells were copied once (`重点任务`
  printed in the first row of its group only) is still one row: its missing cells are placed where
  they fit (a deadline in 完成时限, the longest text in 工作措施, merged columns blank) and the
  guess is filed for review;
- without one, every N lines are a row.

A line `一、…` between rows is a section row; a repeated header is skipped; an `附件` line, a
tab-separated line or a row longer than N cells ends the table.  Each group keeps the span of
source lines it covers, so a measure's line and end line cover its cells' lines.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from . import deadlines
from .text import join_wrapped

ROW_NUMBER = re.compile(r"^\s*(\d{1,4})\s*[、.．]?\s*$")
SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\S")
# `附件 1`, `附件1：`, `附件二`, `附件 1 标题`: the number, then the title on the same line if any
ANNEX = re.compile(r"^\s*附件\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*[：:．.、]?\s*(.*?)\s*$")
UNIT_END = re.compile(r"(局|委|办|部|厅|院|处|中心|政府|街道|乡|镇|公司|单位|部门|分局|队|会)[）)]?$")
MAX_WIDTH = 12  # columns of a plan table
MAX_WRAPPED = 3  # lines more than its cells a row may print (cells wrapped on the page)
# Columns a merged cell usually spans (printed in the group's first row only).
MERGED_ROLES = ("number", "task", "deadline", "lead_official", "lead_unit", "co_unit")


@dataclass
class Group:
    kind: str  # "header", "section" or "row"
    end: int  # index of its last line
    cells: list[str]
    doubt: str = ""  # how a short row's cells were placed, for review
    params: dict[str, object] = field(default_factory=dict)


def _lines_of_run(lines: Sequence[str], start: int) -> list[str]:
    run = []
    for line in lines[start:start + MAX_WIDTH + 1]:
        if not line.strip() or "\t" in line or "|" in line:
            break
        run.append(line.strip())
    return run


def header_at(lines: Sequence[str], start: int, role: Callable[[str], str]) -> list[str] | None:
    """The header cells printed one per line from ``start``: three or more lines, each a header
    word (``role`` of it not empty) or, before a first row number, a short note (备注); a
    measure column among them."""
    run = _lines_of_run(lines, start)
    cells: list[str] = []
    for index, line in enumerate(run):
        if role(line):
            cells.append(line)
        elif cells and len(line) <= 6 and not ROW_NUMBER.match(line) and role(cells[0]) == "number" and \
                any(ROW_NUMBER.match(x) for x in run[index + 1:index + 3]):
            cells.append(line)  # an extra column (备注) just before the first row number
        else:
            break
    roles = [role(c) for c in cells]
    if len(cells) < 3 or "measure" not in roles or len(set(r for r in roles if r)) < 3:
        return None
    return cells


def group(lines: Sequence[str], start: int, header: list[str], roles: list[str]) -> dict[int, Group]:
    """Groups from the header at ``start`` to the end of its table: start index → group."""
    width = len(header)
    groups = {start: Group("header", start + width - 1, list(header))}
    numbered = roles[0] == "number"
    index = start + width
    expected = None
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if ANNEX.match(line) or "\t" in line or [x.strip() for x in lines[index:index + width]] == header:
            if [x.strip() for x in lines[index:index + width]] == header:  # a page's repeated header
                groups[index] = Group("header", index + width - 1, list(header))
                index += width
                continue
            break
        if SECTION.match(line) and len(line) <= 40:
            groups[index] = Group("section", index, [line])
            index += 1
            continue
        if numbered:
            m = ROW_NUMBER.match(line)
            if not m or (expected is not None and int(m.group(1)) != expected):
                break
            expected = int(m.group(1)) + 1
            cells, last, ended = [line], index, False
            j = index + 1
            while j < len(lines) and len(cells) <= width + MAX_WRAPPED:
                nxt = lines[j].strip()
                if nxt:
                    nm = ROW_NUMBER.match(nxt)
                    if (nm and int(nm.group(1)) == expected) or ANNEX.match(nxt) or \
                            (SECTION.match(nxt) and len(nxt) <= 40) or "\t" in nxt:
                        ended = True
                        break
                    cells.append(nxt)
                    last = j
                j += 1
            if len(cells) > width and (not ended or len(cells) > width + MAX_WRAPPED):
                # the table's last row, with the text after the table below it
                cells, last = _cut(lines, index, width)
                groups[index] = _row(cells, roles, last, header)
                break
            groups[index] = _row(cells, roles, last, header)
            index = last + 1
        else:
            cells, last = _cut(lines, index, width)
            if len(cells) < width:
                break
            groups[index] = Group("row", last, cells)
            index = last + 1
    return groups


def _cut(lines: Sequence[str], index: int, width: int) -> tuple[list[str], int]:
    """The next ``width`` non-blank lines from ``index`` and the index of the last one."""
    cells: list[str] = []
    last = index
    while index < len(lines) and len(cells) < width:
        if lines[index].strip():
            cells.append(lines[index].strip())
            last = index
        index += 1
    return cells, last


def _row(cells: list[str], roles: list[str], last: int, header: list[str]) -> Group:
    width = len(roles)
    if len(cells) == width:
        return Group("row", last, cells)
    if len(cells) > width:
        return _unwrap(cells, roles, last)
    # cells missing: merged with the row above.  Try every choice of missing columns (after the
    # number) and keep the one whose cells fit their columns best.
    missing = width - len(cells)
    best: tuple[float, tuple[int, ...]] | None = None
    for gap in combinations(range(1, width), missing):
        placed = _place(cells, width, gap)
        score = sum(_fit(placed[i], roles[i], placed) for i in range(1, width) if i not in gap)
        score += sum(0.5 for i in gap if roles[i] in MERGED_ROLES)
        if best is None or score > best[0]:
            best = (score, gap)
    assert best is not None
    gap = best[1]
    placed = _place(cells, width, gap)
    return Group("row", last, placed, "the row prints {count} of {width} cells: the {columns} cells were "
                 "read as merged with the row above (blank)",
                 {"count": len(cells), "width": width, "columns": "、".join(header[i] for i in gap)})


def _unwrap(cells: list[str], roles: list[str], last: int) -> Group:
    """A row of more lines than columns: a cell the page wrapped (`<br>` in a cell) printed on
    two lines.  The lines joined are those whose joined cells fit their columns best."""
    width = len(roles)
    best: tuple[float, list[str], tuple[int, ...]] | None = None
    for joins in combinations(range(1, len(cells) - 1), len(cells) - width):  # join line k to k+1
        joined: list[str] = []
        for k, cell in enumerate(cells):
            if k - 1 in joins and joined:
                joined[-1] = join_wrapped([joined[-1], cell])
            else:
                joined.append(cell)
        score = sum(_fit(joined[i], roles[i], joined) for i in range(1, width))
        if best is None or score > best[0]:
            best = (score, joined, joins)
    assert best is not None
    return Group("row", last, best[1], "the row prints {count} lines for {width} cells: lines {lines} were "
                 "read as one cell wrapped", {"count": len(cells), "width": width,
                                              "lines": ", ".join(f"{k + 1}–{k + 2}" for k in best[2])})


def _place(cells: list[str], width: int, gap: tuple[int, ...]) -> list[str]:
    values = iter(cells)
    return ["" if i in gap else next(values) for i in range(width)]


def _fit(cell: str, role: str, row: list[str]) -> float:
    if role == "deadline":
        return 1.0 if deadlines.is_deadline(cell) else -1.0
    if deadlines.is_deadline(cell) and len(cell) <= 12:
        return -1.0  # a deadline anywhere else
    if role == "measure":
        return 1.0 if len(cell) == max(len(c) for c in row) else -1.0
    if role in ("lead_unit", "co_unit"):
        return 1.0 if UNIT_END.search(cell.rstrip("。；;")) else -0.5
    if role == "task":
        return 0.5 if len(cell) <= 30 else -1.0
    return 0.0
