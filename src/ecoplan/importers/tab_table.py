"""Tab-separated task tables with HTML fragments (Daxing: 6 columns; Tongzhou: 7 with 牵头领导).

`序号⇥重点任务⇥工作措施⇥完成时限⇥[牵头领导⇥]牵头单位⇥协办单位`, the header reprinted on every
page, section rows `一、主要目标⇥⇥⇥⇥⇥`, cells with `<p>…</p>` fragments, merged cells left blank.
Hazards handled here (domain.md §3): repeated headers, merged 序号/重点任务/完成时限 cells, the
single column shift of Tongzhou line 154, `---`/`—` empty markers.
"""
from __future__ import annotations

import re

from ecoplan.vocabulary import gettext_noop as _

from . import deadlines, notice
from .model import NOT_DETECTED, Annex, Detection, ImportResult, PlanImportError, reason
from .tables import CO_LABELS, LEAD_LABELS, Doubt, Row, TableAssembler
from .text import cn_number, join_wrapped, key, squeeze, strip_html

HEADER_FIRST = "序号"
SECTION = re.compile(r"^\s*([一二三四五六七八九十]+)、(.+)$")


def detect(text: str) -> Detection:
    lines = text.split("\n")
    header_rows = sum(1 for line in lines
                      if line.startswith(HEADER_FIRST + "\t") and "工作措施" in line and "完成时限" in line
                      and any(label in line for label in LEAD_LABELS))
    tab_rows = sum(1 for line in lines if line.count("\t") >= 5)
    # what parse requires (a bare `附件 N` line, 完成时限 and a lead column), or the table is
    # left to header_table
    if not header_rows or not any(notice.ANNEX_HEADING.match(line) for line in lines):
        return NOT_DETECTED
    return Detection(min(1.0, 0.5 + tab_rows / 100), (
        reason(_("{count} task-table headers (序号 … 工作措施 … 完成时限 … a lead column) after a 附件 line"),
               count=header_rows),
        reason(_("{count} rows of six or more tab-separated cells"), count=tab_rows)))


def _header_columns(cells: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """The index of each known column, and the header's own wording of the lead and co-unit
    columns (牵头单位 / 责任单位 …, kept for the measures)."""
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    for index, cell in enumerate(cells):
        c = key(cell)
        if c == "序号":
            columns["number"] = index
        elif c == "重点任务":
            columns["label"] = index
        elif c == "工作措施":
            columns["text"] = index
        elif c == "完成时限":
            columns["deadline"] = index
        elif c == "牵头领导":
            columns["officials"] = index
        elif c in LEAD_LABELS:
            columns["lead"] = index
            labels["lead"] = c
        elif c in CO_LABELS:
            columns["co"] = index
            labels["co"] = c
    return columns, labels


def parse(text: str, source: str, result: ImportResult) -> None:
    lines = text.split("\n")
    first_annex = next((i for i, l in enumerate(lines) if notice.ANNEX_HEADING.match(l)), None)
    first_header = next((i for i, l in enumerate(lines) if l.startswith(HEADER_FIRST + "\t")), None)
    if first_header is None:
        raise PlanImportError("no task table header (序号⇥重点任务⇥工作措施…) found", source=source)
    start = first_annex if first_annex is not None else first_header
    listed = notice.read_notice(lines, start, result)
    meta = result.meta
    annex: Annex | None = None
    assembler: TableAssembler | None = None
    columns: dict[str, int] = {}
    labels: dict[str, str] = {}
    section = ""
    index = start
    while index < len(lines):
        raw = lines[index]
        number = index + 1
        if notice.ANNEX_HEADING.match(raw):
            if assembler:
                assembler.finish()
            n, title, nxt = notice.read_annex_heading(lines, index)
            title = title or listed.get(n, f"附件{n}")
            annex = Annex(number=str(n), title=title, theme=notice.theme_of(title), line=number)
            result.annexes.append(annex)
            if title and nxt > index + 1:
                result.meta_lines.append(nxt)  # the annex title line
            assembler, section, columns, labels = None, "", {}, {}
            if not meta.period_start:
                meta.period_start = meta.period_end = notice.plan_year(meta, text, [title])
            index = nxt
            continue
        if not raw.strip():
            index += 1
            continue
        cells = raw.split("\t")
        if cells[0].strip() == HEADER_FIRST:
            if not columns:
                result.skip(number, "table header", raw)
                columns, labels = _header_columns(cells)
                if not {"text", "deadline", "lead"} <= columns.keys():
                    raise PlanImportError("task table header lacks 工作措施/完成时限/牵头单位",
                                          source=source, line=number, field="header")
            else:
                result.skip(number, "repeated page header", raw)
            index += 1
            continue
        if annex is None or not columns:
            result.skip(number, "text outside a task table", raw)
            index += 1
            continue
        if SECTION.match(cells[0]) and all(not c.strip() for c in cells[1:]):
            section = squeeze(cells[0])
            result.skip(number, "section row (kept as the tasks' section)", raw)
            index += 1
            continue
        if len(cells) == 1:
            reason = ("document trailer" if re.search(r"抄送|印发|办公室$", raw)
                      else "text outside the table rows")
            result.skip(number, reason, raw)
            index += 1
            continue
        if len(cells) < 4:
            expected = max(columns.values()) + 1
            raise PlanImportError(f"truncated table row: {len(cells)} cells, expected {expected}",
                                  source=source, line=number, field="row")
        if assembler is None:
            numbering = "measures" if "officials" in columns else "tasks"
            assembler = TableAssembler(result, annex, numbering, labels.get("lead", ""), labels.get("co", ""))
        assembler.add(_row(cells, columns, number, section))
        index += 1
    if assembler:
        assembler.finish()
    if not result.annexes:
        raise PlanImportError("no annex (附件 N) with a task table found", source=source)


def _cell(cells: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(cells):
        return ""
    return cells[index]


def _row(cells: list[str], columns: dict[str, int], number: int, section: str) -> Row:
    def get(name: str) -> str:
        return _cell(cells, columns, name)

    label, text, deadline_raw = get("label"), get("text"), get("deadline")
    officials, lead, co = get("officials"), get("lead"), get("co")
    doubts: list[Doubt] = []
    # Column shift (Tongzhou 154): the task name sits in 工作措施 and the deadline one cell right.
    if (deadline_raw.strip() and not deadlines.is_deadline(deadline_raw)
            and "officials" in columns and deadlines.is_deadline(officials) and not label.strip()):
        label, text, deadline_raw = text, deadline_raw, officials
        officials, lead, co = lead, co, ""
        doubts.append(("column_shift", "cells were shifted one column right; read shifted back", {}))
    paragraphs = strip_html(text)
    row = Row(
        line=number,
        text="\n".join(join_wrapped([p]) for p in paragraphs),
        deadline_raw=" ".join(strip_html(deadline_raw)),
        number=get("number").strip(),
        label=join_wrapped(strip_html(label)),
        section=section,
        lead_cell=" ".join(strip_html(lead)),
        co_cell=" ".join(strip_html(co)),
        officials_cell=" ".join(strip_html(officials)),
    )
    row.doubts.extend(doubts)
    if re.search(r"\s(and|or)\s", text):
        row.doubts.append(("source_defect", "the source text contains an English word (“and”/“or”) — kept verbatim",
                           {}))
    if cn_number(row.number.rstrip("、")):
        row.number = ""
    return row
