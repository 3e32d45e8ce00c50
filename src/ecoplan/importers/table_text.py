"""Task tables flattened to text by a PDF extractor: cells space-joined or spread over lines, the
header reprinted per page (sometimes in fragments: `序` / `号` / `重点任务 …`), blank lines at
random, whole rows on one line.  The Xicheng seed is one; any wording of the header printed on one
line (`编号 工作任务 具体措施 完成时间 责任部门 配合部门`) is another: the columns and their roles
come from ``vocabulary.columns``, in the order this reader needs them (measure, deadline, units).

The tokeniser reads line by line with a small state machine and hands ``tables.Row`` records to
``TableAssembler``, like every table shape:

* a bare number equal to the next task number opens a task; the short lines after it are the
  task title (`空气质量目` / `标`);
* text lines accumulate as the measure until a deadline (`年底前`, `2024年6月底前`, `长期` / `实施`,
  or a deadline at the end of a text line: `…调查工作。 3月底 区生态环境局 ——`, whose cell may go
  on below when that line stopped mid-sentence);
* unit lines follow the deadline, rejoined against the unit lexicon; with two unit columns (主责 |
  协办) they cannot be told apart, so units stay one ordered list (first = lead, all lead when
  协办 is ——); with one, every unit is a lead;
* text right after a page header continues the previous row while that row's text stopped
  mid-sentence (`…“黑加油` / header / `站点”等非法储存…`), or when a block of text, a gap, then
  more text come before any deadline (a row split by the break, flagged for review).

Annexes are `附件 1`, `附件1：`, `附件二` …, or none: then the title line above the table titles it.
Caption-less indicator tables (the per-street PM2.5 table, annex 6) go to ``indicator_table``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import PurePath

from ecoplan.vocabulary import gettext_noop as _
from ecoplan.vocabulary.columns import HEADER_WORDS, LEAD_OR_CO, role_of

from . import deadlines, indicator_table, notice, organisations
from .header_table import ANNEX
from .model import NOT_DETECTED, Annex, Detection, ImportResult, PlanImportError, reason
from .tables import Row, TableAssembler
from .text import cn_number, join_wrapped, key, squeeze

SECTION = re.compile(r"^([一二三四五六七八九十]+)、(\S.*)$")
PAGE_MARK = re.compile(r"^-\s*\d+\s*-$")
TERMINATORS = ("。", "；", "！", "？", ";", "：")
# The printed deadline forms, with a year before them (`2024年6月底前`, `2024年底前`) and the
# cadences other plans print (`长期坚持`, `每季度`, `上半年`).
DEADLINE_FORM = (r"((?:20\d\d\s*年?\s*)?" + deadlines.PRINTED_FORM + r"|长期坚持|每季度|每月|按月|按季度|每年|"
                 r"定期|(?:20\d\d\s*年\s*)?(?:上半年|下半年|第[一二三四]季度|\d{1,2}\s*月\s*\d{1,2}\s*日\s*前))")
INLINE_DEADLINE = re.compile(r"^(?P<text>.*\S)\s+" + DEADLINE_FORM + r"(?P<units>(?:\s+\S+)*)\s*$")
LEADING_DEADLINE = re.compile(r"^" + DEADLINE_FORM + r"(?P<units>(?:\s+\S+)*)\s*$")
# a deadline wrapped after its first part: `长期` / `实施`, `按时间` / `节点完成`, `4 月` / `30日前`
DEADLINE_START = re.compile(r"^(?:按时间|长期|(?:20\d\d年)?\d{1,2}月底?|20\d\d年)$")
_WORDS = frozenset(w for words in HEADER_WORDS.values() for w in words)


@dataclass(frozen=True)
class Columns:
    """The table's header as printed on one line (`序号 重点任务 工作措施 完成时限 主责单位 协办单位`):
    its words in matching form and the role of each (``vocabulary.columns``)."""
    words: tuple[str, ...]
    roles: tuple[str, ...]

    @property
    def key(self) -> str:
        return "".join(self.words)

    def label(self, role: str) -> str:
        return next((w for w, r in zip(self.words, self.roles) if r == role), "")

    @property
    def split_units(self) -> bool:
        """One unit column: every unit is a lead.  Two (主责 | 协办): the flattened text cannot
        tell where one ends, so the units stay one ordered list."""
        return not ("lead_unit" in self.roles and "co_unit" in self.roles)


@lru_cache(maxsize=4096)
def _segment(k: str) -> tuple[str, ...] | None:
    """``k`` as a run of header words (`序号重点任务…` → 序号 / 重点任务 / …), or None."""
    if not k:
        return ()
    for end in range(min(len(k), 6), 0, -1):
        if k[:end] in _WORDS and (rest := _segment(k[end:])) is not None:
            return (k[:end], *rest)
    return None


def columns_of(line: str) -> Columns | None:
    """The header a line prints, when its cells read as this shape's columns: the measure text,
    then the deadline, then the unit columns (the order the state machine reads them in)."""
    if "\t" in line or "|" in line or len(line) > 80:
        return None
    words = _segment(key(line))
    if not words or len(words) < 4:
        return None
    roles = [role_of(w) for w in words]
    for index, word in enumerate(words):
        if roles[index] == "lead_unit" and word in LEAD_OR_CO and "lead_unit" in roles[:index]:
            roles[index] = "co_unit"  # 牵头单位 | 责任单位
    units = [i for i, r in enumerate(roles) if r in ("lead_unit", "co_unit")]
    if "measure" not in roles or "deadline" not in roles or not units or "lead_official" in roles:
        return None
    if not roles.index("measure") < roles.index("deadline") < units[0]:
        return None
    return Columns(words, tuple(roles))


def detect(text: str) -> Detection:
    hits = sum(1 for line in text.split("\n") if columns_of(line))
    if not hits:
        return NOT_DETECTED
    return Detection(min(1.0, 0.4 + hits / 20), (reason(
        _("{count} task-table headers printed on one line as PDF text prints them (measure, deadline, units)"),
        count=hits),))


def _header_lines(body: list[tuple[int, str]], columns: Columns) -> set[int]:
    """The lines of the header reprinted per page, also in fragments (`序` / `号` / `重点任务 工作
    措施` / `完成` / `时限` / `主责单位 协办单位`): runs of whole header words found in the header,
    and pieces of one header word next to such a line."""
    whole: set[int] = set()
    pieces: dict[int, int] = {}  # line → index among the non-blank lines
    printed = [(n, key(raw)) for n, raw in body if raw.strip()]
    for index, (n, k) in enumerate(printed):
        if k in columns.key and _segment(k) and len(k) > 2:
            whole.add(n)
        elif len(k) <= 3 and any(w.startswith(k) or w.endswith(k) for w in columns.words):
            pieces[n] = index
    found = set(whole)
    changed = True
    while changed:  # a piece counts when a header line is next to it (`序`, then `号`, then the rest)
        changed = False
        for n, index in pieces.items():
            near = [printed[i][0] for i in (index - 1, index + 1) if 0 <= i < len(printed)]
            if n not in found and any(m in found for m in near):
                found.add(n)
                changed = True
    return found


def _is_unit_line(text: str) -> bool:
    if re.search(r"[，。；：“”《》！？,;\d]", text):
        return False
    tokens = text.split()
    return all(len(t) <= 22 for t in tokens) and len(key(text)) <= 30


def _units_part(units: str) -> bool:
    return not units.strip() or _is_unit_line(units)


class _Annex:
    """Reads one annex's task table."""

    def __init__(self, result: ImportResult, annex: Annex, columns: Columns, header_lines: set[int]):
        self.result = result
        self.columns = columns
        self.header_lines = header_lines
        self.assembler = TableAssembler(result, annex, "tasks", columns.label("lead_unit"), columns.label("co_unit"))
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
        self.after_header_text = False
        self.continuing = False
        self.cell_goes_on = False  # a deadline printed beside a cell's first line: its text goes on
        self.pending_deadline = ""
        # text right after a page header while the row before it is held (see ``blank``)
        self.after_break = False
        self.break_gap = False
        self.break_gap_seen = False
        self.break_end = self.last_fed = 0

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
                       units_split=self.columns.split_units, task_lines=self.title_lines)
        if not text:
            row.doubts.append(("text_missing", "deadline and units without measure text", {}))
        self.text, self.text_line = [], 0
        self.after_break = self.break_gap = self.break_gap_seen = False
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
        self.last_fed = number
        line = raw.strip()
        k = key(line)
        if self.pending_deadline:
            joined = self.pending_deadline + line
            if deadlines.is_deadline(joined.split()[0]) or LEADING_DEADLINE.match(joined):
                self.pending_deadline = ""
                return self._deadline_line(joined, number)
            self.text.append(self.pending_deadline)
            self.pending_deadline = ""
        if number in self.header_lines:
            self.result.skip(number, "repeated page header", raw)
            self.after_header = True
            return
        if PAGE_MARK.match(line):
            self.result.skip(number, "page number", raw)
            return
        header_after, self.after_header = self.after_header, False
        self.after_header_text = header_after

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
        goes_on, self.cell_goes_on = self.cell_goes_on, False
        if row is not None and (self.continuing or goes_on or resumes) and not LEADING_DEADLINE.match(line):
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
        if DEADLINE_START.match(k):
            self.pending_deadline = line  # `按时间` / `节点完成`, `长期` / `实施`
            return
        if self.row is not None and not self.text and _is_unit_line(line):
            return self._add_units(self.row, line, number)
        if self.break_gap:
            self._attach_break_block()
        self._text_or_inline(line, number)

    def blank(self) -> None:
        """A blank line: the extractor's gap between two text blocks.  Within one cell the lines
        of text are contiguous, so a block of text after a page header, a gap, then more text
        before any deadline is the rest of the row split by the break (Xicheng A1-4.2, line 255),
        not the start of the next measure.  Pages whose every line is followed by a gap (annexes
        2–5) have one-line blocks: they say nothing and are left alone."""
        if self.after_break and self.text:
            # the first gap decides: a one-line block is no evidence, and no later gap is either
            self.break_gap = len(self.text) >= 2 and not self.break_gap_seen
            self.break_end = self.last_fed
            self.break_gap_seen = True

    def _attach_break_block(self) -> None:
        row = self.row
        assert row is not None  # after_break holds the row
        first = self.text_line
        row.text = join_wrapped([row.text, *self.text])
        row.end_line = max(row.end_line, self.break_end)
        row.doubts.append(("page_break_text", "the text after the page break (from line {first}) was read as the "
                           "rest of this measure, the row split by the break: check it", {"first": first}))
        self.text, self.text_line = [], 0
        self.after_break = self.break_gap = self.break_gap_seen = False

    def _text_or_inline(self, line: str, number: int) -> None:
        m = INLINE_DEADLINE.match(line)
        if m and _units_part(m.group("units")) and not m.group("text").endswith(("，", "、")):
            self._start_text(number)
            self.text.append(m.group("text"))
            self._complete(m.group(2), m.group("units"), number)
            # the deadline printed beside the first line of a longer cell: the text goes on below
            self.cell_goes_on = not m.group("text").endswith(TERMINATORS)
            return
        self._start_text(number)
        self.text.append(line)

    def _start_text(self, number: int) -> None:
        if not self.text:
            if self.after_header_text and self.row is not None:
                self.after_break = True  # the row above is held: this text may be its rest
            else:
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
    first = next(((i, c) for i, line in enumerate(lines) if (c := columns_of(line))), None)
    if first is None:
        raise PlanImportError("no task table header (a measure, a deadline and a unit column) found in the "
                              "PDF text", source=source)
    header_at, document_columns = first
    # `附件 1`, `附件1：`, `附件二`, `附件 1 标题`; none: the table is one annex, titled by the line above it
    headings = {i: m for i, line in enumerate(lines) if len(line.strip()) <= 60 and (m := ANNEX.match(line))}
    title_at = None
    if not headings:
        title_at = next((i for i in range(header_at - 1, -1, -1) if lines[i].strip()), None)
        if title_at is not None and not _is_title(lines[title_at]):
            title_at = None
    annex_starts = list(headings) or [header_at if title_at is None else title_at]
    listed = notice.read_notice(lines, annex_starts[0], result)
    meta = result.meta
    meta.period_start = meta.period_end = notice.plan_year(meta, text)
    meta.district = notice.district_of(meta.title) or notice.district_of(meta.issuing_body)
    bounds = annex_starts + [len(lines)]
    for start, end in zip(bounds, bounds[1:]):
        body = [(i + 1, lines[i]) for i in range(start + 1, end)]
        if start in headings:
            printed = headings[start].group(1)
            number = printed.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            number = str(int(number)) if number.isdigit() else str(cn_number(number) or printed)
            title = squeeze(headings[start].group(2)) or listed.get(int(number) if number.isdigit() else 0, "")
        else:  # no marker: the title line (or the header itself) opens the only annex
            number, title = "1", squeeze(lines[title_at]) if title_at is not None else PurePath(source).stem
            if title_at is not None:
                result.meta_lines.append(title_at + 1)
                meta.title = meta.title or title
            else:
                body.insert(0, (start + 1, lines[start]))
        columns = next((c for _, line in body if (c := columns_of(line))), document_columns)
        if columns.key in document_columns.key:
            columns = document_columns  # the same header, printed without `序号` (split off as `序` / `号`)
        header_lines = _header_lines(body, columns)
        before_header = [(n, raw) for n, raw in body if raw.strip() and (not header_lines or n < min(header_lines))]
        for n, raw in before_header[:2]:  # the annex's own title line(s) before its table
            if _is_title(raw):
                title = title or squeeze(raw)
                result.meta_lines.append(n)
        annex = Annex(number=number, title=title or f"附件{number}", theme=notice.theme_of(title), line=start + 1)
        result.annexes.append(annex)
        table_at = indicator_table.find(body)
        if table_at == 0 or not header_lines:
            indicator_table.parse(body, result, annex)
            continue
        reader = _Annex(result, annex, columns, header_lines)
        for offset, (n, raw) in enumerate(body):
            if table_at is not None and offset >= table_at:
                indicator_table.parse(body[offset:], result, annex)
                break
            if n in result.meta_lines:
                continue
            if not raw.strip():
                reader.blank()
                continue
            reader.feed(n, raw)
        reader.finish(body[-1][0] if body else start + 1)


def _is_title(line: str) -> bool:
    """A table's title line (`某区2024年大气污染防治工作任务分工表`): short, not a sentence, not a
    task number, section, deadline or unit list."""
    text = line.strip()
    return (4 < len(key(text)) <= 60 and not text.endswith(TERMINATORS + ("，",)) and not text[0].isdigit()
            and not SECTION.match(text) and not LEADING_DEADLINE.match(text) and columns_of(text) is None
            and bool(re.search(r"(表|计划|方案|清单|任务|分工|措施)$", key(text))))
