"""Five-year plans (规划, Fengtai 十四五) — a special case of the one prose reader.

The paragraphs and numbered headings (`第一章`, `一、`, `（一）`, `1.` …) are read by
``prose_plan.read_nodes``, as in every prose plan.  What is particular to a five-year plan is here:

* its detection (“十四五” … 规划 in chapters) and its period (十四五 → 2021–2025);
* a cover notice, then a table of contents up to the first chapter (skipped: its entries disagree
  with the body, so the outline is read from the body);
* what each chapter holds comes from its title (``ROLES``, data): 发展基础/回顾/背景/指导思想/总体要求…
  are narrative, except their 总体目标/主要目标 part or 节 (targets in prose); every other chapter is
  an annex, its `第X节` (like its `一、`) the headings of its tasks;
* in an annex, the innermost heading that owns paragraphs is a key task and each paragraph one
  measure (a chapter's own opening paragraph is a task titled by the chapter); the headings
  between the chapter and the task are its section;
* deadlines: only dated sentences (`到 2025 年`, `2023年底前完成`) carry one; the rest come from annual
  plans;
* the indicator tables (tab or `|` rows, or a .docx table) are read by
  ``indicator_table.IndicatorTable`` in their place among the paragraphs: 表1 (`2020年目标 |
  2020年现状`) is the previous plan's review, kept as 2016–2020 targets with what was achieved; a
  header repeated after a page break continues its table; the note under a table (`注：〔〕内为五年累计数。`)
  is no measure, and a cell printed `〔1200〕` is a five-year sum (``targets.parse_cell``).  Traditional characters (表1 switches to
  them mid-document) match by their simplified keys; display keeps the print.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ecoplan.vocabulary import gettext_noop as _

from . import notice, prose_plan, responsibility, targets
from .indicator_table import IndicatorTable, read_header, table_cells
from .model import NOT_DETECTED, Annex, Deadline, Detection, ImportResult, Measure, PlanImportError, Task, reason
from .prose_plan import LEVELS, Node
from .text import join_wrapped, key, squeeze, to_simplified

FYP = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")
TABLE_CAPTION = re.compile(r"^表\s*(\d+)\s*(.+)$")
# What a heading's title makes of the text under it: (level, role, pattern on the title's key).
# A chapter matching none is work (an annex); a part in a narrative chapter may hold the targets.
ROLES: tuple[tuple[str, str, str], ...] = (
    ("chapter", "narrative", r"新台阶|指导思想|成效|形势|发展基础|发展现状|回顾|背景|总体要求"),
    ("part", "targets", r"总体目标"),
    ("division", "targets", r"总体目标|主要目标"),
)
TABLE_NOTE = re.compile(r"^注\s*[:：]")  # `注：〔〕内为五年累计数。` under an indicator table


def detect(text: str) -> Detection:
    head = to_simplified(text[:3000])
    chapters = len(re.findall(r"^第[一二三四五六七八九十]+章", to_simplified(text), re.M))
    if not ((m := FYP.search(head)) and "规划" in head and chapters >= 3):
        return NOT_DETECTED
    return Detection(0.95, (reason(_("a five-year plan (“{period}” … 规划) in {count} chapters (第…章)"),
                                   period=m.group(0).strip("“”\""), count=chapters),))


def fyp_period(title: str) -> tuple[int, int] | None:
    m = FYP.search(title)
    if not m:
        return None
    n = "一二三四五六七八九".index(m.group(1)) + 11  # 十四五 → the 14th plan, 2021–2025
    start = 2021 + (n - 14) * 5
    return start, start + 4


def role_of(level: str, title: str) -> str:
    return next((role for at, role, pattern in ROLES if at == level and re.search(pattern, key(title))), "")


def _title_line(lines: list[str], end: int, result: ImportResult) -> None:
    for index in range(end):
        if lines[index].strip():
            if FYP.search(to_simplified(lines[index])) and "规划" in to_simplified(lines[index]):
                result.meta.title = squeeze(lines[index])
                result.skipped = [s for s in result.skipped if s.line != index + 1]
                result.meta_lines.append(index + 1)
            return


# ---------------------------------------------------------------- the indicator-table hook


@dataclass
class _Tables:
    """The table rows of the body (tab or `|` cells), fed to ``IndicatorTable`` in line order as
    the walk through the paragraphs passes them."""

    result: ImportResult
    lines: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (0-based index, printed cells)
    table: IndicatorTable | None = None

    def take(self, index: int) -> bool:
        """Whether line ``index`` is a table row (kept for ``upto``) — then it is no prose."""
        raw = self.lines[index]
        if "\t" in raw:
            self.rows.append((index, [c.strip() for c in raw.split("\t")]))
            return True
        cells = table_cells(raw)
        if cells is None:
            return False
        if cells:
            self.rows.append((index, [c.strip() for c in cells]))
        else:  # `|---|---|`
            self.result.skip(index + 1, "table rule line", raw)
        return True

    def upto(self, line: int) -> None:
        """Read the rows above source line ``line`` (1-based)."""
        while self.rows and self.rows[0][0] + 1 < line:
            index, printed = self.rows.pop(0)
            raw, number = self.lines[index], index + 1
            header = read_header(printed)
            if header is not None and self.table is not None and self.table.accepts(header):
                self.result.skip(number, "indicator table header", raw)  # repeated after a page break
            elif header is not None:
                self.table = IndicatorTable(self.result, header, number, raw)
            elif self.table is None:
                self.result.skip(number, "tab text outside a table", raw)
            else:
                self.table.feed(number, printed, raw)


# ---------------------------------------------------------------- the chapters


@dataclass
class _Plan:
    result: ImportResult
    lines: list[str]
    tables: _Tables
    first_leads: bool  # `排在第一位的为牵头单位` printed: the first of 责任单位 leads
    headings: list[Node] = field(default_factory=list)  # headings inside annexes
    last_task: Task | None = None

    def chapter(self, node: Node) -> None:
        self.tables.upto(node.line)
        if not node.title:
            # `第三章` printed alone: the text after it names the chapter; the lines it runs on
            # into stay unread, so the line check sends them to review
            node.title = re.split(r"[。；：]", node.body)[0][:40]
        if role_of("chapter", node.title):
            self.result.skip(node.line, "chapter heading (narrative)", self.lines[node.line - 1])
            self.walk(node, None, "narrative", (node,))
            return
        annex = Annex(number=str(len(self.result.annexes) + 1), title=node.title,
                      theme=notice.theme_of(node.title), line=node.line)
        self.result.annexes.append(annex)
        self.walk(node, annex, "work", (node,))

    def walk(self, node: Node, annex: Annex | None, role: str, path: tuple[Node, ...]) -> None:
        for child in node.children:
            self.tables.upto(child.line)
            if child.level in LEVELS and child.title:  # a heading
                inner = role
                if annex is None:
                    self.result.skip(child.line, "heading (narrative chapter)", self.lines[child.line - 1])
                    # a part's title decides (三、总体目标); headings below it keep its role
                    inner = role_of(child.level, child.title) or (
                        "narrative" if child.level in ("part", "division") else role)
                else:
                    self.headings.append(child)  # a task's title when it owns text, else its tasks' section
                self.walk(child, annex, inner, (*path, child))
                continue
            if child.level == "duty" and annex is not None:  # `责任单位：…` under its measures
                prose_plan.duty_line(self.result, child, self.last_task, self.first_leads)
                continue
            # a paragraph (an item printed with its text, `1. 坚持…。…`, is one too)
            text = child.body if child.level == "paragraph" else join_wrapped(
                [self.lines[n - 1] for n in child.lines])
            if annex is None:
                self.narrative(child, text, role, path)
            else:
                self.measure(child, text, annex, path)
            self.walk(child, annex, role, path)

    def narrative(self, node: Node, text: str, role: str, path: tuple[Node, ...]) -> None:
        result = self.result
        if role == "targets":
            end = result.meta.period_end
            found = targets.extract(text, node.line, end)
            for target in found:
                if target.period == "year":
                    target.period = f"by {end}"
            result.targets.extend(found)
            for n in node.lines:
                if found:
                    result.meta_lines.append(n)
                else:
                    result.skip(n, "narrative ({chapter})", self.lines[n - 1], chapter="总体目标")
            return
        for n in node.lines:
            result.skip(n, "narrative ({chapter})", self.lines[n - 1], chapter=path[0].title)

    def measure(self, node: Node, text: str, annex: Annex, path: tuple[Node, ...]) -> None:
        """A paragraph is a measure of the innermost heading above it (`1.`, `（一）` or `一、`); a
        responsibility clause closing it gives its units, as in every prose plan."""
        owner = path[-1] if len(path) > 1 else None
        title = owner.title if owner else annex.title
        section = " / ".join(p.title for p in path[1:-1])
        last = annex.tasks[-1] if annex.tasks else None
        task = last if last and last.title == title and last.section == section else None
        if task is None:
            task = Task(number=str(len(annex.tasks) + 1), title=title, line=node.line, section=section,
                        title_lines=[owner.line] if owner else [])
            annex.tasks.append(task)
        self.last_task = task
        text, duty = responsibility.trailing(text)
        # dated sentences only (`到2025年`, `2023年底前完成`): the rest come from annual plans
        deadline = prose_plan.dated_in_text(text, None) or Deadline(raw="", kind="blank")
        start = self.result.meta.period_start
        if deadline.end and start and deadline.end.year < start:  # `2000年底前建成的老旧小区`: the past
            deadline = Deadline(raw="", kind="blank")
        measure = Measure(text=text, deadline=deadline, line=node.line, end_line=node.lines[-1])
        prose_plan.add_measure(self.result, annex, task, measure, duty)
        if re.search(r"\s(and|or)\s", text):
            self.result.add_review("source_defect", "the source text contains an English word (“and”/“or”) — "
                                   "kept verbatim", node.line, text[:200],
                                   ("measure", self.result.annexes.index(annex), annex.tasks.index(task),
                                    len(task.measures) - 1))


# ---------------------------------------------------------------- the document


def parse(text: str, source: str, result: ImportResult) -> None:
    lines = text.split("\n")
    simplified = [to_simplified(line.strip()) for line in lines]
    chapter_lines = [i for i, line in enumerate(simplified)
                     if (m := prose_plan.marker(line)) and m[0] == "chapter" and not prose_plan.is_toc(lines[i])]
    if not chapter_lines:
        raise PlanImportError("no chapter (第一章 …) found in the five-year plan", source=source)
    first = chapter_lines[0]
    toc = next((i for i, line in enumerate(simplified) if line == "目录"), None)
    notice_end = toc if toc is not None else first
    notice.read_notice(lines, notice_end, result)
    meta = result.meta
    if not meta.title:  # a plan printed without its cover notice: its first line is the title
        _title_line(lines, notice_end, result)
    meta.kind = "five_year_plan"
    if period := fyp_period(meta.title):
        meta.period_start, meta.period_end = period
    meta.district = notice.district_of(meta.title)
    for index in range(notice_end, first):
        if lines[index].strip():
            result.skip(index + 1, "table of contents" if index != notice_end else "TOC heading", lines[index])

    # table rows and their captions (`表 1 …`) leave the prose to the table hook
    tables = _Tables(result, lines)
    body = list(lines)
    for index in range(first, len(lines)):
        if tables.take(index):
            body[index] = ""
        elif TABLE_CAPTION.match(simplified[index]) and not simplified[index].endswith(prose_plan.SENTENCE_END):
            result.meta_lines.append(index + 1)
            body[index] = ""
        elif TABLE_NOTE.match(simplified[index]) and tables.rows and \
                not any(line.strip() for line in lines[tables.rows[-1][0] + 1:index]):
            result.meta_lines.append(index + 1)  # the table's note: how its cells read, no measure
            body[index] = ""
    plan = _Plan(result, lines, tables, bool(responsibility.FIRST_LEADS.search("".join(simplified))))
    for node in prose_plan.read_nodes(body, first, len(lines)).children:  # the chapters: the text starts with one
        plan.chapter(node)
    tables.upto(len(lines) + 1)
    titles = {n for a in result.annexes for t in a.tasks for n in t.title_lines}
    for heading in plan.headings:
        if heading.line not in titles:
            result.skip(heading.line, "heading (kept as its tasks' section)", lines[heading.line - 1])
    result.add_review("deadline_implicit", "a five-year plan prints no 完成时限: measures without a "
                      "dated sentence take their deadlines from the annual plans", first + 1)
