"""Task tables flattened to text by a PDF extractor (Xicheng): cells space-joined or spread over
lines, the header reprinted per page (sometimes in fragments: `序` / `号` / `重点任务 …`), blank
lines at random, whole rows on one line.

The tokeniser reads line by line with a small state machine:

* a bare number equal to the next task number opens a task; the short lines after it are the
  task title (`空气质量目` / `标`);
* text lines accumulate as the measure until a deadline (`年底前`, `长期` / `实施`, or a deadline
  at the end of a text line: `…调查工作。 3月底 区生态环境局 ——`);
* unit lines follow the deadline, rejoined against the unit lexicon; the 主责 and 协办 columns
  cannot be told apart, so units stay one ordered list (first = lead, all lead when 协办 is ——);
* text right after a page header continues the previous row while that row's text stopped
  mid-sentence (`…“黑加油` / header / `站点”等非法储存…`).

Caption-less indicator tables (the per-street PM2.5 table, annex 6) go to ``indicator_table``.
"""
from __future__ import annotations

import re

from ecoplan.vocabulary import gettext_noop as _

from . import deadlines, indicator_table, notice, organisations
from .model import NOT_DETECTED, Annex, Detection, ImportResult, PlanImportError, reason
from .tables import Row, TableAssembler
from .text import join_wrapped, key, squeeze

HEADER_FULL = "序号重点任务工作措施完成时限主责单位协办单位"
HEADER_PARTS = {"序", "号", "序号", "重点任务工作措施完成时限主责单位协办单位", "序号重点任务工作措施",
                "完成", "时限", "主责单位协办单位", "重点任务工作措施"}
SECTION = re.compile(r"^([一二三四五六七八九十]+)、(\S.*)$")
PAGE_MARK = re.compile(r"^-\s*\d+\s*-$")
TERMINATORS = ("。", "；", "！", "？", ";", "：")
INLINE_DEADLINE = re.compile(r"^(?P<text>.*\S)\s+" + deadlines.PRINTED_FORM + r"(?P<units>(?:\s+\S+)*)\s*$")
LEADING_DEADLINE = re.compile(r"^" + deadlines.PRINTED_FORM + r"(?P<units>(?:\s+\S+)*)\s*$")


def detect(text: str) -> Detection:
    hits = sum(1 for line in text.split("\n") if key(line) == HEADER_FULL)
    if not hits:
        return NOT_DETECTED
    return Detection(min(1.0, 0.4 + hits / 20), (reason(
        _("{count} task-table headers as PDF text prints them (序号 重点任务 工作措施 完成时限 …)"), count=hits),))


def _is_unit_line(text: str) -> bool:
    if re.search(r"[，。；：“”《》！？,;\d]", text):
        return False
    tokens = text.split()
    return all(len(t) <= 22 for t in tokens) and len(key(text)) <= 30


def _units_part(units: str) -> bool:
    return not units.strip() or _is_unit_line(units)


class _Annex:
    """Reads one annex's task table."""

    def __init__(self, result: ImportResult, annex: Annex):
        self.result = result
        self.assembler = TableAssembler(result, annex, "tasks", "主责单位", "协办单位")
        self.expected = 1
        self.section = ""
        self.task_number = ""
        self.title: list[str] = []
        self.title_lines: list[int] = []
        self.title_open = False
        self.title_inline = False
        self.text: list[str] = []
        self.text_line = 0
        self.row: Row | None = None  # the last completed row, still taking unit lines
        self.after_header = False
        self.continuing = False
        self.pending_deadline = ""

    # -- rows -------------------------------------------------------------------------------
    def _flush_row(self) -> None:
        if self.row is not None:
            self.assembler.add(self.row)
            self.row = None

    def _complete(self, deadline_raw: str, units: str, line: int) -> Row:
        self._flush_row()
        text = join_wrapped(self.text)
        row = self.row = Row(line=self.text_line or line, text=text, deadline_raw=squeeze(deadline_raw),
                       number=self.task_number, label=join_wrapped(self.title),
                       section=self.section, lead_cell=units.strip(), end_line=line,
                       units_split=False, task_lines=self.title_lines)
        if not text:
            row.doubts.append(("text_missing", "deadline and units without measure text", {}))
        self.text, self.text_line = [], 0
        self.title_open = False
        return row

    def _add_units(self, row: Row, units: str, line: int) -> None:
        if organisations.is_empty_marker(units):
            row.co_cell = "——"
        else:
            row.lead_cell += " " + units.strip()
        row.end_line = line

    # -- lines ------------------------------------------------------------------------------
    def feed(self, number: int, raw: str) -> None:
        line = raw.strip()
        k = key(line)
        if self.pending_deadline:
            joined = self.pending_deadline + line
            if deadlines.is_deadline(joined.split()[0]) or LEADING_DEADLINE.match(joined):
                self.pending_deadline = ""
                return self._deadline_line(joined, number)
            self.text.append(self.pending_deadline)
            self.pending_deadline = ""
        if k == HEADER_FULL or k in HEADER_PARTS:
            self.result.skip(number, "repeated page header", raw)
            self.after_header = True
            return
        if PAGE_MARK.match(line):
            self.result.skip(number, "page number", raw)
            return
        header_after, self.after_header = self.after_header, False

        if SECTION.match(line) and not LEADING_DEADLINE.match(line) and len(k) < 40:
            self._flush_row()
            self._drop_dangling_text(number)
            self.section = squeeze(line)
            self.result.skip(number, "section row (kept as the tasks' section)", raw)
            return
        if (m := re.match(r"^(\d{1,2})(?:\s+(\S.*))?$", line)) and int(m.group(1)) == self.expected:
            self._flush_row()
            self._drop_dangling_text(number)
            self.task_number = m.group(1)
            self.expected += 1
            self.title, self.title_open, self.title_inline = [], True, False
            self.title_lines = [number]
            rest = m.group(2) or ""
            if rest:
                title, _, remainder = rest.partition(" ")
                self.title = [title]
                self.title_inline = True
                self.title_open = False
                if remainder:
                    self._text_or_inline(remainder, number)
            return
        row = self.row
        resumes = header_after and row is not None and row.text and not self.text \
            and not row.text.rstrip().endswith(TERMINATORS)
        # continuing needs a row to continue (a damaged page can flush it first)
        if row is not None and (self.continuing or resumes) and not LEADING_DEADLINE.match(line):
            return self._continue_row(row, line, number)
        self.continuing = False
        if self.title_open and not self.text and len(k) <= 10 and not re.search(r"[，。；]", line) \
                and not LEADING_DEADLINE.match(line):
            self.title.append(line)
            self.title_lines.append(number)
            return
        self.title_open = False
        if (leading := LEADING_DEADLINE.match(line)) and _units_part(leading.group("units")):
            return self._deadline_line(line, number)
        if k in ("按时间", "长期") or re.fullmatch(r"\d{1,2}月底?", k):
            self.pending_deadline = line  # `按时间` / `节点完成`, `长期` / `实施`
            return
        if self.row is not None and not self.text and _is_unit_line(line):
            return self._add_units(self.row, line, number)
        self._text_or_inline(line, number)

    def _text_or_inline(self, line: str, number: int) -> None:
        m = INLINE_DEADLINE.match(line)
        if m and _units_part(m.group("units")) and not m.group("text").endswith(("，", "、")):
            self._start_text(number)
            self.text.append(m.group("text"))
            self._complete(m.group(2), m.group("units"), number)
            return
        self._start_text(number)
        self.text.append(line)

    def _start_text(self, number: int) -> None:
        if not self.text:
            self._flush_row()
            self.text_line = number

    def _deadline_line(self, line: str, number: int) -> None:
        m = LEADING_DEADLINE.match(line)
        if m is not None:
            self._complete(m.group(1), m.group("units"), number)
            return
        # a deadline `deadlines` reads but the printed forms do not (`6月` / `30日前 区生态环境局`):
        # the first word is the deadline, the rest the units
        deadline, *units = line.split(None, 1)
        self._complete(deadline, " ".join(units), number)

    def _continue_row(self, row: Row, line: str, number: int) -> None:
        """Text after a page break that finishes the previous row's sentence."""
        if not self.continuing and self.title_inline and (m := re.match(r"^(\S{2,8})\s+(\S.*)$", line)):
            row.label += m.group(1)
            line = m.group(2)
        self.continuing = not line.endswith(TERMINATORS)
        row.text = join_wrapped([row.text, line])
        row.end_line = number

    def _drop_dangling_text(self, number: int) -> None:
        """Text with no deadline before a new task or section: keep it as a measure, flagged."""
        if self.text:
            row = self._complete("", "", number - 1)
            row.doubts.append(("deadline_blank", "measure text without 完成时限 or units", {}))
            self._flush_row()

    def finish(self, number: int) -> None:
        if self.pending_deadline:
            self.text.append(self.pending_deadline)
            self.pending_deadline = ""
        self._drop_dangling_text(number + 1)
        self._flush_row()
        self.assembler.finish()


def parse(text: str, source: str, result: ImportResult) -> None:
    lines = text.split("\n")
    headings = {i: m for i, l in enumerate(lines) if (m := notice.ANNEX_HEADING.match(l))}
    annex_starts = list(headings)
    if not annex_starts:
        raise PlanImportError("no annex (附件 N) found in the PDF text", source=source)
    listed = notice.read_notice(lines, annex_starts[0], result)
    meta = result.meta
    meta.period_start = meta.period_end = notice.plan_year(meta, text)
    meta.district = notice.district_of(meta.title) or notice.district_of(meta.issuing_body)
    bounds = annex_starts + [len(lines)]
    for start, end in zip(bounds, bounds[1:]):
        number = int(headings[start].group(1))
        title = listed.get(number, f"附件{number}")
        annex = Annex(number=str(number), title=title, theme=notice.theme_of(title), line=start + 1)
        result.annexes.append(annex)
        body = [(i + 1, lines[i]) for i in range(start + 1, end)]
        table_at = indicator_table.find(body)
        if table_at == 0 or _is_indicator_annex(body):
            indicator_table.parse(body, result, annex)
            continue
        reader = _Annex(result, annex)
        for offset, (n, raw) in enumerate(body):
            if table_at is not None and offset >= table_at:
                indicator_table.parse(body[offset:], result, annex)
                break
            if not raw.strip():
                continue
            reader.feed(n, raw)
        reader.finish(body[-1][0] if body else start + 1)


def _is_indicator_annex(body: list[tuple[int, str]]) -> bool:
    keys = [key(l) for _, l in body if l.strip()]
    return bool(keys) and not any("重点任务" in k for k in keys)
