"""Prose plans — one reader for plans printed as numbered paragraphs (issue #8).

Numbering, outermost first: `第X章`, `第X节`, `一、` parts, `（一）` sections, `1.`/`1．`/`1、` items, `（1）`
sub-items, `①` items, and `一是…二是…` items run together inside a paragraph.  A heading may stand
alone (`（一）狠抓大气污染综合防治`) or open its own text (`1. 推进VOCs治理。推进低VOCs…`).

What each part of the document is comes from its title (``vocabulary.sections``, data): 目标/主要目标/
工作目标/总体目标/具体指标 hold targets — every statement of a paragraph that names an indicator
becomes one (``targets.statements``); 指导思想/基本原则/保障措施… are narrative (skipped); the rest
holds the work.  In the work, the innermost numbered item that owns text is a key task (重点任务):
its first sentence is its title, its text one measure — or, when it has numbered sub-items, each
sub-item one measure; paragraphs under a heading are its measures; `一是` items are tasks of the
heading above them, or of the heading opening their paragraph (`（一）标题。一是…二是…`).  The
task's heading is its annex (附件 / campaign); tasks straight under a part of the work belong to
that part — or, a section of one task among sections of several, to an annex of its own.  A
section's opening text that holds items, units or dated steps goes to review, never silently.

A measure may close with its responsibility clause (``responsibility``): the clause gives lead and
co-units and is taken out of the measure text (kept, as printed, in the measure's attributes under
``DUTY_ATTRIBUTE``).  A clause or `责任单位：` line standing alone names every measure above it
that has no units yet: its sub-items, or all the `一是…` items of its paragraph.  Deadlines printed in the text (`2025年6月底前`, `长期坚持`) are read with
``deadlines``; without one, a measure of an annual plan is due at the plan year's end, of any
other plan it has none (both said once in the review queue).

Changping's work plan is this reader's simplest case: `一、`/`（一）` headings, `一是` items, no
units, no deadlines; its 具体指标 paragraph gives 18 targets.  A five-year plan (``fyp_plan``) is
a special case: its paragraphs, headings and responsibility clauses are read here (``read_nodes``,
``add_measure``, ``duty_line``), its chapters' roles, indicator tables and deadlines there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from ecoplan.vocabulary import gettext_noop as _
from ecoplan.vocabulary.sections import NARRATIVE_FIRST, SECTION_ROLES

from . import deadlines, notice, responsibility, targets
from .model import NOT_DETECTED, Annex, Deadline, Detection, ImportResult, Measure, PlanImportError, Task, reason
from .text import join_wrapped, key, squeeze, to_simplified

# Numbering forms, outermost first: (level, pattern on the stripped line).  `1.5万亩` is no item.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chapter", re.compile(r"^第([一二三四五六七八九十]+)章\s*")),
    ("division", re.compile(r"^第([一二三四五六七八九十]+)节\s*")),  # 节 of a chapter
    ("part", re.compile(r"^([一二三四五六七八九十]+)\s*、\s*")),
    ("section", re.compile(r"^[（(]\s*([一二三四五六七八九十]+)\s*[)）]\s*")),
    ("item", re.compile(r"^(\d{1,2})\s*(?:[.．、](?!\d)|\s(?=[\u4e00-\u9fa5]))\s*")),
    ("subitem", re.compile(r"^[（(]\s*(\d{1,2})\s*[)）]\s*")),
    ("circled", re.compile(r"^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
)
LEVELS = [level for level, _ in MARKERS]
YISHI = re.compile(r"(?:^|(?<=[。；]))([一二三四五六七八九十]+)是")
HEADING_MAX = 40  # a longer line after a marker is an item's text, not a heading
SENTENCE_END = ("。", "；", "！", "？", "：", ";", "!", "?", ":")  # a line ending so ends its paragraph

# What a heading's title makes of the text under it: vocabulary.sections (the nearest heading
# with a role decides).
_PROTECT = re.compile(NARRATIVE_FIRST)
DUTY_ATTRIBUTE = "责任分工"  # the measure attribute keeping the printed responsibility clause
NOTICE = re.compile(r"关于印发|印发《")


def detect(text: str) -> Detection:
    """Numbered headings plus measures (`一是` items, items closed by a responsibility clause or
    numbered items under sections).  Tables (tab cells, 序号 headers) are not prose."""
    lines = [line for line in text.split("\n") if line.strip()]
    if not lines:
        return NOT_DETECTED
    tabbed = sum("\t" in line or line.count("|") >= 2 for line in lines)
    if re.search(r"^\s*(?:序号|编号)\s*(?:[\t|]|$)", text, re.M) or tabbed > len(lines) * 0.2:
        return NOT_DETECTED  # a table's header row, in cells or one cell a line
    simplified = to_simplified(text)
    stripped = [line.strip() for line in simplified.split("\n")]
    counts = {level: sum(1 for line in stripped if pattern.match(line)) for level, pattern in MARKERS}
    headings = counts["part"] + counts["section"] + counts["chapter"]
    if headings < 2:
        return NOT_DETECTED
    yishi = len(re.findall(r"[一二三四五六七八九十]是", simplified))
    duties = len(responsibility.clauses(simplified)) + sum(
        1 for line in stripped if responsibility.LABEL_LINE.match(line) or (
            marker(line) and not responsibility.clauses(line) and responsibility.has_trailer(line)))
    numbered = counts["item"] + counts["subitem"] + counts["circled"]
    evidence = (yishi if yishi >= 3 else 0) + duties * 2 + (numbered if counts["section"] else numbered // 2)
    if evidence < 3:
        return NOT_DETECTED
    return Detection(min(0.9, evidence / 20), (reason(
        _("{headings} numbered headings (一、/（一）/第…章) over {yishi} items 一是…, {numbered} numbered items and "
          "{duties} responsibility clauses (…牵头, 责任单位：…)"),
        headings=headings, yishi=yishi, numbered=numbered, duties=duties),))


# ---------------------------------------------------------------- paragraphs and headings


@dataclass
class Node:
    level: str  # a MARKERS level, "paragraph", "duty" (a labelled responsibility line) or "root"
    number: str
    title: str
    body: str
    lines: list[int]
    children: list[Node] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.lines[0]

    def owns_text(self) -> bool:
        return bool(self.body) or any(c.level == "paragraph" for c in self.children) or any(
            c.owns_text() for c in self.children if c.level in LEVELS)


def marker(text: str) -> tuple[str, str, str] | None:
    """(level, number, the text after the marker) of a numbered line (stripped, simplified)."""
    for level, pattern in MARKERS:
        if m := pattern.match(text):
            return level, m.group(1), text[m.end():].strip()
    return None


def _closes(text: str) -> bool:
    """A line ends its paragraph: a sentence end, or a responsibility clause in brackets."""
    if text.endswith(SENTENCE_END):
        return True
    return text.endswith(("）", ")", "〕", "]", "】")) and responsibility.trailing(text)[1] is not None


def read_nodes(lines: list[str], start: int, end: int) -> Node:
    """The heading tree of lines[start:end]: headings nest by level, paragraphs and labelled
    responsibility lines hang under the heading above them."""
    root = Node("root", "", "", "", [start + 1])
    stack = [root]
    current: list[tuple[int, str]] = []
    opened: list[tuple[str, str]] = []  # the marker of the item whose text is being collected

    def parent_for(level: str) -> Node:
        rank = LEVELS.index(level)
        while len(stack) > 1 and LEVELS.index(stack[-1].level) >= rank:
            stack.pop()
        return stack[-1]

    def close() -> None:
        if not current:
            return
        text = join_wrapped([t for _, t in current])
        numbers = [n for n, _ in current]
        if opened:
            level, number = opened.pop()
            node = Node(level, number, "", text, numbers)
            parent_for(level).children.append(node)
            stack.append(node)
        else:
            stack[-1].children.append(Node("paragraph", "", "", text, numbers))
        current.clear()

    for index in range(start, end):
        text = lines[index].strip()
        number = index + 1
        if not text:
            continue
        simple = to_simplified(text)
        if responsibility.LABEL_LINE.match(simple):
            close()
            stack[-1].children.append(Node("duty", "", "", text, [number]))
            continue
        if not current and (found := marker(simple)):
            level, num, rest = found
            if rest and len(rest) <= HEADING_MAX and not _closes(rest):
                node = Node(level, num, squeeze(rest), "", [number])
                parent_for(level).children.append(node)
                stack.append(node)
                continue
            opened.append((level, num))
            current.append((number, text[len(text) - len(rest):] if rest else ""))
            if not rest:
                current[-1] = (number, "")
        else:
            current.append((number, text))
        if _closes(text):
            close()
    close()
    return root


# ---------------------------------------------------------------- the reader


def assign(measure: Measure, duty: responsibility.Duty) -> None:
    measure.lead_units, measure.co_units = duty.lead_units, duty.co_units
    measure.lead_label, measure.co_label = duty.label, duty.co_label
    measure.attributes[DUTY_ATTRIBUTE] = duty.printed


def review_units(result: ImportResult, measure: Measure, ref: tuple[str | int, ...]) -> None:
    if not measure.lead_units:
        result.add_review("lead_missing", "no lead unit printed", measure.line, measure.text[:200], ref)
    for unit in measure.lead_units + measure.co_units:
        if not unit.known:
            result.add_review("unit_unknown", "unknown unit name “{unit}”", measure.line, unit.printed,
                              ref, unit=unit.printed)


def add_measure(result: ImportResult, annex: Annex, task: Task, measure: Measure,
                duty: responsibility.Duty | None) -> None:
    """Append a measure to its task, with the units of its responsibility clause (its text is
    printed without the clause) and their doubts in the review queue."""
    if duty:
        assign(measure, duty)
    task.measures.append(measure)
    if duty:
        review_units(result, measure, ("measure", result.annexes.index(annex), annex.tasks.index(task),
                                       len(task.measures) - 1))


def duty_line(result: ImportResult, node: Node, task: Task | None, first_leads: bool,
              together: tuple[Task, ...] = ()) -> None:
    """A `责任单位：…` line: it names the units of every measure above it (in its task) that has
    none yet — one measure's line, or one line for a whole task; ``together`` are the tasks
    printed in one paragraph with it (`一是…二是…` items), whose measures it names too."""
    duty = responsibility.labelled(to_simplified(node.body), first_leads)
    if duty is None:
        result.skip(node.line, "narrative ({part})", node.body, part="责任单位")
        return
    duty.printed = node.body
    apply_duty(result, node, duty, [*together, task] if task is not None and task not in together else
               list(together))


def apply_duty(result: ImportResult, node: Node, duty: responsibility.Duty, tasks: list[Task]) -> None:
    """A responsibility line or clause standing alone names the units of every measure of
    ``tasks`` that has none yet."""
    placed = False
    for task in tasks:
        annex = next((a for a in result.annexes if any(t is task for t in a.tasks)), None)
        if annex is None:  # its task had no text and was dropped
            continue
        for index, measure in enumerate(task.measures):
            placed = True
            if not measure.lead_units and not measure.co_units:
                assign(measure, duty)
                review_units(result, measure, ("measure", result.annexes.index(annex), annex.tasks.index(task),
                                               index))
    if placed:
        result.meta_lines.extend(node.lines)
    else:  # no task above it
        result.skip(node.line, "responsibility line outside a task", node.body)



@dataclass(frozen=True)
class Where:
    """Where a node sits: what its text is (work / targets / narrative, from the nearest titled
    heading), that heading's key title, whether a title made it work, its annex's heading and the
    headings above it."""

    role: str = "work"
    label: str = ""
    fixed: bool = False
    annex: Node | None = None
    path: tuple[Node, ...] = ()


@dataclass
class _Reader:
    result: ImportResult
    lines: list[str]
    year: int | None
    first_leads: bool  # `排在第一位的为牵头单位` printed: the first of 责任单位 leads
    annexes: dict[int, Annex] = field(default_factory=dict)  # id(node) → annex
    used_headings: set[int] = field(default_factory=set)
    groups: list[Node] = field(default_factory=list)  # headings above tasks: annexes, or skipped
    yishi: set[int] = field(default_factory=set)  # id(node) of headings whose tasks are `一是` items
    last_task: Task | None = None
    since_duty: list[Task] = field(default_factory=list)  # tasks read since the last `责任单位：` line
    keys: dict[int, str] = field(default_factory=dict)  # line number → key form of the line
    undated: int = 0  # measures printing no deadline
    root: Node | None = None
    title_line: int = 1  # the line an annex titled by the document points to
    annual: bool = False  # a one-year plan: a measure without a deadline is due at the year's end
    period: str = ""  # `by 2025`: the horizon of a multi-year plan's targets

    # -- roles of the parts

    def walk(self, node: Node, where: Where) -> None:
        for child in node.children:
            if child.level == "paragraph":
                self.paragraph(child, node, where)
            elif child.level == "duty":
                self.duty(child)
            else:
                self.heading(child, node, where)

    def role_of(self, title: str) -> str:
        k = key(title)
        if _PROTECT.search(k):
            return "narrative"
        return next((role for role, pattern in SECTION_ROLES if re.search(pattern, k)), "")

    def skip_heading(self, node: Node) -> None:
        reason = "part heading" if LEVELS.index(node.level) <= LEVELS.index("part") else "section heading"
        self.result.skip(node.line, reason, self.lines[node.line - 1])

    def heading(self, node: Node, parent: Node, where: Where) -> None:
        title = node.title or first_sentence(node.body)[0]
        # a title names what the text under it is (工作目标, 保障措施 …) — except inside a part the
        # title already made work (`（五）强化监督执法` under 主要任务 is a campaign, not narrative)
        if not where.fixed and LEVELS.index(node.level) <= LEVELS.index("section") and \
                (own := self.role_of(title)):
            where = replace(where, role=own, label=key(title), fixed=own == "work")
        if where.role != "work":
            if node.body:
                self.paragraph(Node("paragraph", "", "", node.body, node.lines), node, where)
            else:
                self.skip_heading(node)
            self.walk(node, replace(where, path=(*where.path, node)))
            return
        grouping = _groups(node)
        if not grouping and node.level == "section" and node.owns_text() and any(
                _groups(c) for c in parent.children if c.level == "section"):
            # `（三）推进地下水污染防治。开展…` among sections that are campaigns: a campaign of one task
            where = replace(where, annex=node)
        elif grouping or not node.owns_text():
            # a campaign or section: its tasks lie below (its own text opens them)
            if node.body and (starts := list(YISHI.finditer(node.body))):
                # `（一）加强耕地土壤污染源头防控。一是…二是…`: its title, then its tasks, in one paragraph
                self.yishi.add(id(node))
                self.items(Node("paragraph", "", "", node.body, node.lines), node, starts)
            elif node.body:
                self.intro(node.body, node.lines, node)
            else:
                self.groups.append(node)
            self.walk(node, replace(where, annex=node, path=(*where.path, node)))
            return
        self.task(node, where)

    # -- work

    def annex_for(self, node: Node | None) -> Annex:
        node = node if node is not None else self.root
        assert node is not None
        if id(node) not in self.annexes:
            title = node.title or first_sentence(node.body)[0] or self.result.meta.title
            line = node.line if node.level != "root" else self.title_line
            annex = Annex(number=str(len(self.result.annexes) + 1), title=title,
                          theme=notice.theme_of(title), line=line)
            self.result.annexes.append(annex)
            self.annexes[id(node)] = annex
            self.used_headings.add(line)
        return self.annexes[id(node)]

    def task(self, node: Node, where: Where) -> None:
        annex = self.annex_for(where.annex)
        if node.title:
            title, rest = node.title, node.body
        elif any(c.level in LEVELS for c in node.children):  # `2．推进超低排放改造。` over its （1）（2）
            title, rest = first_sentence(node.body)
            title, rest = (title, rest) if title else (_short(node.body), node.body)
        else:
            title, rest = _title(node.body)
        section = " / ".join(p.title for p in where.path if p is not where.annex and p.title and p.level in LEVELS
                             and id(p) not in self.annexes)
        task = Task(number=node.number, title=title, line=node.line, section=section, title_lines=[node.line])
        annex.tasks.append(task)
        self.last_task = task
        self.since_duty.append(task)
        self.used_headings.add(node.line)
        if rest:
            if rest.endswith(("：", ":")) and any(c.level in LEVELS for c in node.children):
                self.result.skip(node.line, "task introduction", rest)
            else:
                self.measures(task, annex, rest, node.lines)
        for child in node.children:
            if child.level == "paragraph":
                self.measures(task, annex, child.body, child.lines)
            elif child.level == "duty":
                self.duty(child)
            else:  # numbered sub-items: one measure each, their own sub-items flattened into them
                self.measures(task, annex, child.body or child.title, child.lines)
                self.used_headings.add(child.line)
                for grandchild in _descendants(child):
                    if grandchild.level == "duty":
                        self.duty(grandchild)
                    elif grandchild.body or grandchild.title:
                        self.measures(task, annex, grandchild.body or grandchild.title, grandchild.lines)
        if not task.measures:
            annex.tasks.remove(task)
            self.result.skip(node.line, "heading without text", self.lines[node.line - 1])
            return
        # a title sentence wrapped over lines: the lines before its first measure are the title's
        task.title_lines = sorted({node.line, *(n for n in node.lines if n < task.measures[0].line)})

    def measures(self, task: Task, annex: Annex, text: str, lines: list[int]) -> None:
        """One text → measures: each responsibility clause inside closes one."""
        cuts = [end for _, end, _ in responsibility.clauses(text)]
        pieces, start = [], 0
        for end in cuts:
            while end < len(text) and text[end] in "。；;.":
                end += 1
            pieces.append(text[start:end])
            start = end
        if text[start:].strip():
            if pieces and len(text[start:].strip()) < 8:
                pieces[-1] += text[start:]
            else:
                pieces.append(text[start:])
        pieces = [p.strip() for p in pieces if p.strip()]
        at = 0
        for index, piece in enumerate(pieces):
            first, last, at = self.span(lines, piece, at)
            self.measure(task, annex, piece, first, lines[-1] if index + 1 == len(pieces) else last)

    def span(self, numbers: list[int], fragment: str, after: int = 0) -> tuple[int, int, int]:
        """The first and last source line (of ``numbers``) that ``fragment`` of their joined text
        spans, found from key offset ``after``; and the key offset where it ends."""
        keys = [self.keys.setdefault(n, key(self.lines[n - 1])) for n in numbers]
        joined, wanted = "".join(keys), key(fragment)
        start = joined.find(wanted[:16], after) if wanted else -1
        if start < 0:
            return numbers[0], numbers[-1], after
        end = start + len(wanted)
        first = last = numbers[0]
        position = 0
        for number, k in zip(numbers, keys):
            if position <= start:
                first = number
            if position < end:
                last = number
            position += len(k)
        return first, max(first, last), end

    def measure(self, task: Task, annex: Annex, text: str, line: int, end_line: int) -> None:
        body, duty = responsibility.split(text, self.first_leads)
        if duty is not None and not body.strip("。；;，, "):
            # `（区水务局牵头，…配合）` on a line of its own after sub-items: it names their units
            apply_duty(self.result, Node("duty", "", "", text, list(range(line, end_line + 1))), duty, [task])
            return
        printed = duty.deadline if duty is not None and duty.deadline else ""
        measure = Measure(text=body, deadline=self.deadline(body, printed), line=line, end_line=end_line)
        add_measure(self.result, annex, task, measure, duty)
        numbers = [n for n in range(line, end_line + 1) if self.lines[n - 1].strip()]
        at = 0
        for target in targets.in_task(body, line, self.year):
            target.annex_number = annex.number
            target.line, _, at = self.span(numbers, target.raw, at) if numbers else (line, line, at)
            self.result.targets.append(target)

    def duty(self, node: Node) -> None:
        # the line closes the items read since the previous one in the same annex (`一是…二是…`, `（1）（2）`)
        annex = next((a for a in self.result.annexes if any(t is self.last_task for t in a.tasks)), None)
        together = tuple(t for t in self.since_duty if annex is not None and any(t is u for u in annex.tasks))
        self.since_duty = []
        duty_line(self.result, node, self.last_task, self.first_leads, together)

    def deadline(self, text: str, printed: str = "") -> Deadline:
        """The deadline of a measure: the one its trailer prints (`完成时限：长期坚持`), else one in its text."""
        if printed and (labelled := deadlines.parse(squeeze(printed), self.year)).kind != "unrecognised":
            return labelled
        found = deadline_in_text(text, self.year)
        if found is not None:
            return found
        self.undated += 1
        if self.annual and self.year:
            return Deadline(raw="", kind="year_end", end=date(self.year, 12, 31))
        return Deadline(raw="", kind="blank")

    def intro(self, text: str, lines: list[int], node: Node) -> None:
        """The text that opens a section before its items: not a measure, but its targets count
        (`（二）深入打好碧水保卫战。到2025年，…达到…%`)."""
        for n in lines:
            self.result.skip(n, "section introduction", self.lines[n - 1])
        if YISHI.search(text) or responsibility.clauses(text) or _MEASURE_DATE.search(text):
            # items, units or deadlines in it: measures the reader could not place must not vanish
            self.result.add_review("line_unread", "line {number} opens a section but reads like measures "
                                   "(items, units or deadlines): it was not imported, check it",
                                   lines[0], text[:200], number=lines[0])
        if (annex := self.annexes.get(id(node))) is not None or node.level in LEVELS:
            for target in targets.in_task(text, lines[0], self.year):
                target.annex_number = annex.number if annex else ""
                self.result.targets.append(target)

    # -- paragraphs

    def paragraph(self, node: Node, parent: Node, where: Where) -> None:
        if where.role == "targets":
            # every statement with a value or a qualitative outcome is a target, in or out of the catalogue
            found = [t for t in targets.statements(node.body, node.line, self.year)
                     if t.value is not None or t.comparator != "="]
            if found:
                at = 0
                for target in found:
                    if self.period and target.period == "year":
                        target.period = self.period
                    target.line, _, end = self.span(node.lines, target.raw, at)
                    at = end - len(key(target.raw))  # two targets may share a clause (水耗、能耗)
                self.result.targets.extend(found)
                self.result.meta_lines.extend(node.lines)
            else:
                for n in node.lines:
                    self.result.skip(n, "target paragraph without a quantified target", self.lines[n - 1])
            return
        if where.role != "work":
            self.skip_node(node, where.label)
            return
        starts = list(YISHI.finditer(node.body))
        holder = where.annex if where.annex is not None else parent
        if not starts and id(holder) in self.yishi:
            # a page break inside an `一是` item: its paragraph goes on (or opens the section)
            annex = self.annex_for(holder)
            if annex.tasks:
                measure = annex.tasks[-1].measures[-1]
                measure.text += "\n" + node.body
                measure.end_line = node.lines[-1]
            else:
                for n in node.lines:
                    self.result.skip(n, "section introduction", node.body)
            return
        if not starts:
            if parent is self.root and not self.result.annexes:
                self.skip_node(node, "")
                return
            after = parent.children[parent.children.index(node) + 1:]
            if node.body.endswith(("：", ":")) or any(c.level in LEVELS and c.owns_text() for c in after):
                self.intro(node.body, node.lines, parent)  # it opens the items below it
                return
            # a paragraph after a heading's items, or under a heading of its own: a task
            task_node = Node(parent.level if parent.level in LEVELS else "item", parent.number, "", node.body,
                             node.lines)
            self.task(task_node, where)
            return
        self.yishi.add(id(holder))
        self.items(node, holder, starts)

    def items(self, node: Node, annex_node: Node, starts: list[re.Match[str]]) -> None:
        """Split a paragraph at `一是 … 二是 …` into key tasks."""
        text = node.body
        annex = self.annex_for(annex_node)
        cut = starts[0].start()
        if cut:  # text before the first item: the previous item goes on, or the section opens
            head = text[:cut]
            last_line = self.span(node.lines, head)[1]
            title, rest = first_sentence(head)
            if not annex.tasks and title and title == annex.title:
                head = rest  # the heading's own title sentence (`（一）加强…防控。一是…`)
            if annex.tasks:
                measure = annex.tasks[-1].measures[-1]
                measure.text += head
                measure.end_line = last_line
            elif head.strip():
                self.intro(head, node.lines[: node.lines.index(last_line) + 1], annex_node)
        bounds = [m.start() for m in starts] + [len(text)]
        at = 0
        for m, end in zip(starts, bounds[1:]):
            body = text[m.end():end].strip()
            title, rest = _title(body)
            line, last, at = self.span(node.lines, text[m.start():end], at)
            task = Task(number=m.group(1), title=title, line=line)
            annex.tasks.append(task)
            self.last_task = task
            self.since_duty.append(task)
            self.measure(task, annex, rest, line, last)

    def skip_node(self, node: Node, label: str) -> None:
        for n in node.lines:
            if label:
                self.result.skip(n, "narrative ({part})", self.lines[n - 1], part=label)
            else:
                self.result.skip(n, "narrative (preamble)", self.lines[n - 1])


def is_toc(line: str) -> bool:
    """`第三章 加快形成…⇥14 -`, `序言⇥- 1 -`, `第一章 发展基础⇥1`, `一、总体要求……3`: a contents entry."""
    return bool(re.search(r"\t\s*-?\s*\d{1,3}\s*-\s*$", line)) or bool(
        marker(line.strip()) and re.search(r"(?:\t|…{2,}|\.{3,}|·{3,})\s*-?\s*\d{1,3}\s*-?\s*$", line))


def first_sentence(text: str) -> tuple[str, str]:
    """`推动挥发性有机物治理。推进低 VOCs…` → ("推动挥发性有机物治理", "推进低 VOCs…")."""
    m = re.match(r"^(.{2,40}?)[。：:](.*)$", text, re.S)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return "", text


def _title(body: str) -> tuple[str, str]:
    """An item's (title, measure text): `推进VOCs治理。推进低VOCs…` → its first sentence and the
    rest; an item of one sentence is its own measure, titled by its first clause."""
    title, rest = first_sentence(body)
    if title and responsibility.split(rest)[0].strip("。；; "):
        return title, rest
    return _short(responsibility.split(body)[0]), body


def _short(text: str) -> str:
    first = re.split(r"[，。；：,;:]", text, maxsplit=1)[0]
    return first if len(first) <= 40 else first[:20]


def _groups(node: Node) -> bool:
    """A heading over tasks (a campaign or section): numbered items owning text under a heading
    above item level, or `一是…` items in its text."""
    sub = [c for c in node.children if c.level in LEVELS and c.owns_text()]
    yishi = any(YISHI.search(c.body) for c in node.children if c.level == "paragraph") or bool(YISHI.search(node.body))
    return bool(sub and LEVELS.index(node.level) < LEVELS.index("item")) or yishi


def _descendants(node: Node) -> list[Node]:
    out = []
    for child in node.children:
        out.append(child)
        out.extend(_descendants(child))
    return out




# ---------------------------------------------------------------- deadlines printed in the text

# `2025年6月底前`, `6月30日前`, `年底前`, `上半年`, `第三季度`, `到2025年`, `2024—2025年`: dated forms
_DATED_IN_TEXT = re.compile(
    r"(?:(?:到|至)?20\d\d\s*年\s*)?(?:\d{1,2}\s*月\s*\d{1,2}\s*日\s*(?:前|之前)|\d{1,2}\s*月\s*底\s*前?|年底前|"
    r"[上下]半年|第?[一二三四]季度(?:末|底)?前?)"
    r"|20\d\d\s*年?\s*[—\-－~至]\s*20\d\d\s*年|(?:到|至)\s*20\d\d\s*年(?:底前?)?|20\d\d\s*年底前?")
# a dated step (`9月底前完成`, `第三季度`): a measure's, where `到2025年` may date a target
_MEASURE_DATE = re.compile(r"月底前|月\d{1,2}日前|季度|半年")
# `长期坚持`, `持续推进`, `每季度`: only as a clause of their own (`…，长期坚持。`), not as a verb
_STANDING = re.compile(r"(?:^|(?<=[，。；,;（(：:]))(?:(长期坚持|长期实施|持续推进|逐年推进)(?=[，。；,;）)]|$)|"
                       r"(每季度|每月|按季度|按月))")


def deadline_in_text(text: str, year: int | None) -> Deadline | None:
    """The deadline a measure prints in its text, read with ``deadlines.parse``; several dates
    are milestones, the last one the deadline.  None when the text prints none."""
    if found := dated_in_text(text, year):
        return found
    if standing := _STANDING.search(text):
        return deadlines.parse(standing.group(1) or standing.group(2), year)
    return None


def dated_in_text(text: str, year: int | None) -> Deadline | None:
    """The dated deadline a text prints (`2023年底前`, `2025年6月底前`, `到2025年`), without the
    standing forms (`长期坚持`)."""
    dated = []
    text = re.sub(r"《[^《》]*》", "", text)  # `《…规划（2023-2035年）》` names a document, not a deadline
    for m in _DATED_IN_TEXT.finditer(text):
        deadline = deadlines.parse(squeeze(m.group(0)), year)
        if deadline.kind != "unrecognised":
            dated.append(deadline)
    if dated:
        if len(dated) == 1:
            return dated[0]
        ends = sorted(d.end for d in dated if d.end is not None)
        last = max(dated, key=lambda d: (d.end is not None, d.end or date.min))
        return Deadline(raw="、".join(d.raw for d in dated), kind=last.kind, start=last.start,
                        end=last.end, milestones=ends)
    return None


# ---------------------------------------------------------------- the document

# a signing body's line: organisation names only (`中共鸭溪镇委员会办公室  鸭溪镇人民政府办公室`)
_SIGNER = re.compile(r"[\u4e00-\u9fa5（）() \u3000]{3,60}")
_SIGNER_ENDS = ("政府", "办公室", "委员会", "局", "厅", "部", "委", "办", "中心", "管委会", "街道办事处", "公司")


def signature_start(lines: list[str]) -> int:
    """The index of the 落款 at the end of a document (issuing body line(s), then the date line
    `2025年4月2日`): its lines are the notice's, not work.  len(lines) when there is none."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2 or not notice.DATE.fullmatch(squeeze(lines[filled[-1]]).replace(" ", "")):
        return len(lines)
    start = filled[-1]
    for index in reversed(filled[:-1]):
        text = lines[index].strip()
        if not (_SIGNER.fullmatch(text) and text.endswith(_SIGNER_ENDS)) or marker(to_simplified(text)):
            break
        start = index
    return start if start < filled[-1] else len(lines)



def parse(text: str, source: str, result: ImportResult) -> None:
    lines = text.split("\n")
    simplified = [to_simplified(line.strip()) for line in lines]
    first = next((i for i, line in enumerate(simplified)
                  if (m := marker(line)) and m[0] in ("chapter", "part", "section")), None)
    if first is None:
        raise PlanImportError("no numbered heading (一、 or （一）) found in the prose plan", source=source)
    meta = result.meta
    meta.kind = "work_plan"
    title_lines: list[int] = []
    for index in range(first):
        if NOTICE.search(simplified[index]) or key(simplified[index]) == "目录":
            break  # a cover notice (`关于印发《…》的通知`) names the plan: the notice reader reads it all
        if lines[index].strip():
            title_lines.append(index)
            if notice.PLAN_TITLE.search(key(lines[index])) or len(title_lines) == 3:
                break
    blanked = [line if i > (title_lines[-1] if title_lines else -1) else "" for i, line in enumerate(lines)]
    notice.read_notice(blanked, first, result)  # 文号, issue date, issuing body before the first heading
    notice_title = meta.title
    if not notice_title and not title_lines:
        # `凯里市土壤污染防治2025年工作计划` under the cover notice: the first plan title before the first part
        notice_title = next((key(line) for line in simplified[:first] if notice.PLAN_TITLE.search(key(line))
                             and not NOTICE.search(line) and not line.startswith(("附件", "关于", "《"))
                             and len(key(line)) <= 60), "")
    meta.title = notice_title or join_wrapped([lines[i] for i in title_lines])
    result.meta_lines.extend(i + 1 for i in title_lines)
    year = notice.plan_year(meta, text)
    span = re.search(r"(20\d\d)\s*[—\-－~至]\s*(20\d\d)\s*年", meta.title)
    if span:
        meta.period_start, meta.period_end = int(span.group(1)), int(span.group(2))
        year = None if meta.period_start != meta.period_end else year
    elif year:
        meta.period_start = meta.period_end = year
    elif horizon := re.search(r"(?:到|至)\s*(20\d\d)\s*年", text):
        meta.period_end = int(horizon.group(1))
    meta.district = notice.district_of(meta.title)

    body = list(lines)
    signed = signature_start(lines)
    for index in range(max(signed, first), len(lines)):
        if lines[index].strip():  # the 落款: the notice reader's, not work
            result.skip(index + 1, "signature", lines[index])
        body[index] = ""
    for index in range(first, len(lines)):
        if is_toc(lines[index]):  # `第三章 加快形成…⇥14 -`: the outline is read from the body
            result.skip(index + 1, "table of contents", lines[index])
            body[index] = ""
    root = read_nodes(body, first, len(lines))
    reader = _Reader(result, lines, year, bool(responsibility.FIRST_LEADS.search("".join(simplified))),
                     root=root, title_line=title_lines[0] + 1 if title_lines else first + 1,
                     annual=year is not None,
                     period=f"by {meta.period_end}" if year is None and meta.period_end else "")
    reader.walk(root, Where())
    for node in reader.groups:
        if node.line not in reader.used_headings:
            reader.skip_heading(node)

    measures = result.measures()
    if measures and not any(m.lead_units or m.co_units for m in measures):
        result.add_review("units_missing", "the plan names no responsible units for its tasks: "
                          "assign lead units before reporting starts", first + 1)
    elif missing := [m for m in measures if not (m.lead_units or m.co_units)]:
        result.add_review("units_missing", "{count} measures print no responsibility clause: assign their units",
                          missing[0].line, missing[0].text[:200], count=len(missing))
    if reader.undated:
        if reader.annual and reader.undated < len(measures):
            # some items print their 完成时限: only the others are due at the year's end
            result.add_review("deadline_implicit", "{count} measures print no 完成时限: they are due at the "
                              "end of the plan year", first + 1, count=reader.undated)
        elif reader.annual:
            result.add_review("deadline_implicit", "no 完成时限 printed: every measure is due at the "
                              "end of the plan year", first + 1)
        else:
            result.add_review("deadline_blank", "{count} measures print no deadline: enter them",
                              first + 1, count=reader.undated)
