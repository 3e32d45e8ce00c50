"""Assembling task-table rows into tasks and measures — shared by every table shape.

A shape-specific tokeniser (tab-separated text, space-flattened PDF text, .docx, .xlsx) turns its
input into ``Row`` records, one per 工作措施 row; ``TableAssembler`` groups them into 重点任务
and measures, resolves deadlines and units, lifts targets out of 主要目标 rows and files the
review items.  Two numbering conventions exist (domain.md §2): 序号 numbers key tasks (Xicheng,
Daxing: reprinted on a new page, blank for later measures) or numbers measures (Tongzhou: the
key task is a merged label cell printed once per group).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeAlias

from . import deadlines, organisations, targets
from .model import Annex, Deadline, ImportResult, Measure, Task
from .text import key, squeeze

# A tokeniser's doubt about a row, filed as a review item with the measure: (kind, template, params)
Doubt: TypeAlias = tuple[str, str, dict[str, object]]


@dataclass
class Row:
    line: int
    text: str
    deadline_raw: str = ""
    number: str = ""
    label: str = ""
    section: str = ""
    lead_cell: str = ""
    co_cell: str = ""
    officials_cell: str = ""
    end_line: int = 0
    # Space-flattened tables cannot always separate the lead and co-unit columns: the units are
    # then one ordered list and ``units_split`` is False.
    units_split: bool = True
    task_lines: list[int] = field(default_factory=list)  # where the task number/title were printed
    doubts: list[Doubt] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)  # columns of no role: header → cell


def split_officials(cell: str) -> list[str]:
    """牵头领导 cell → personal names; `谭 强` (inner space) is one name."""
    tokens = [t for t in re.split(r"\s+", re.sub(r"<[^>]+>", " ", cell)) if t]
    names: list[str] = []
    pending = ""
    for token in tokens:
        if organisations.is_empty_marker(token):
            continue
        if len(token) == 1:
            if pending:
                names.append(pending + token)
                pending = ""
            else:
                pending = token
            continue
        if pending:
            names.append(pending + token)
            pending = ""
        else:
            names.append(token)
    if pending:
        names.append(pending)
    return names


class TableAssembler:
    """Feeds rows of one annex into tasks and measures of ``result``."""

    def __init__(self, result: ImportResult, annex: Annex, numbering: str, lead_label: str = "",
                 co_label: str = "", inherit_deadlines: bool | None = None, first_leads: bool = False):
        assert numbering in ("tasks", "measures")
        self.result = result
        self.annex = annex
        self.numbering = numbering
        self.lead_label = lead_label
        self.co_label = co_label
        self.year = result.meta.period_start
        # a blank 完成时限 is a merged cell printed above (by default where 序号 numbers measures)
        self.inherit_deadlines = numbering == "measures" if inherit_deadlines is None else inherit_deadlines
        self.pending: list[Row] = []  # rows whose task label comes on a later row
        # blank-label rows after a labelled one: the row above's task, unless the label below names
        # their subject (a merged cell centred vertically prints its label in the group's middle row)
        self.undecided: list[Row] = []
        self.last_deadline: Deadline | None = None
        # the document notes `责任单位第一个为牵头单位`: in a single unit column the first unit leads
        self.first_leads = first_leads

    @property
    def annex_index(self) -> int:
        return self.result.annexes.index(self.annex)

    def _new_task(self, row: Row, number: str, title: str) -> Task:
        task = Task(number=number, title=squeeze(title), line=row.line, section=row.section,
                    title_lines=list(row.task_lines))
        self.annex.tasks.append(task)
        return task

    def _same_label(self, task: Task, label: str) -> bool:
        a, b = key(task.title), key(label)
        return bool(a) and bool(b) and (a in b or b in a)

    def add(self, row: Row) -> None:
        tasks = self.annex.tasks
        current = tasks[-1] if tasks else None
        if current and row.section and current.section != row.section:
            self._settle(current, None)  # a new section: the rows above stay in the task above
            current = None
        if self.numbering == "tasks":
            if row.number and (current is None or row.number != current.number):
                current = self._new_task(row, row.number, row.label)
            elif current is None:
                current = self._new_task(row, "", row.label)
                self._doubt(row, "task_unclear", "measure row without a task number")
            elif row.label and not current.title:
                current.title = squeeze(row.label)
        else:
            label = row.label.strip()
            if not label:
                if current is None:
                    self.pending.append(row)  # its label is printed below it (merged cell)
                else:
                    self.undecided.append(row)
                return
            elif current is None or not self._same_label(current, label):
                above = current
                current = self._new_task(row, str(len(tasks) + 1), label)
                self._settle(above, current)
            else:
                self._settle(current, None)
            if key(label) != key(current.title) and current.measures:
                self._doubt(row, "task_label", "task label printed as “{printed}” was read as part of “{task}”",
                            printed=squeeze(label), task=current.title)
            if self.pending:
                for waiting in self.pending:
                    self._doubt(waiting, "task_label", "blank task label filled from the row below (line {below})",
                                below=row.line)
                    self._add_measure(current, waiting)
                self.pending = []
        self._add_measure(current, row)

    def _settle(self, above: Task | None, below: Task | None) -> None:
        """Add the blank-label rows waiting between the task above and the next label (``below``,
        None when the label repeats the task above) to the task above, as a top-aligned merged cell
        reads.  A merged cell centred vertically prints its label in the group's middle row, so the
        rows just above a new label may belong to it (Tongzhou lines 165, 340): where such a row's
        text shares words with the label below and none with the label above, the reading is a
        guess and goes to review.  The words alone do not decide (排污许可 shares 排污 with
        入河排污口监管 yet belongs to 工业污染防治), so nothing is moved."""
        rows, self.undecided = self.undecided, []
        split = len(rows)
        if below is not None and above is not None:
            while split > 0 and _overlap(rows[split - 1].text, below.title) > 0 == _overlap(rows[split - 1].text, above.title):
                split -= 1
        for index, row in enumerate(rows):
            if above is None:  # cannot happen: a blank label waits only under a task
                above = self._new_task(row, str(len(self.annex.tasks) + 1), "")
            if index >= split and below is not None:
                self._doubt(row, "task_label", "blank task label read as “{task}” (the label above); its text "
                            "shares words with “{below}” (the label below) only: check which task it belongs to",
                            task=above.title, below=below.title)
            self._add_measure(above, row)

    def finish(self) -> None:
        tasks = self.annex.tasks
        if self.undecided:
            self._settle(tasks[-1] if tasks else None, None)
        for row in self.pending:
            task = self._new_task(row, str(len(self.annex.tasks) + 1), "")
            self._doubt(row, "task_label", "measure row without a task label")
            self._add_measure(task, row)
        self.pending = []

    def _doubt(self, row: Row, kind: str, template: str, **params: object) -> None:
        row.doubts.append((kind, template, params))

    def _add_measure(self, task: Task, row: Row) -> None:
        text = row.text  # as printed (PM _{2.5}, NOX kept): Measure.search_text is the matching form
        deadline = deadlines.parse(row.deadline_raw, self.year)
        if deadline.kind == "blank" and self.last_deadline is not None and self.inherit_deadlines and \
                (self.numbering == "measures" or not row.number):  # a new key task: not under the cell above
            inherited = self.last_deadline
            deadline = deadlines.parse(inherited.raw, self.year)
            self._doubt(row, "deadline_inherited", "blank 完成时限 inherited from the merged cell above: “{raw}”",
                        raw=inherited.raw)
        elif deadline.kind == "blank":
            self._doubt(row, "deadline_blank", "no 完成时限 printed")
        elif deadline.kind == "unrecognised":
            self._doubt(row, "deadline_unrecognised", "完成时限 “{raw}” is not in the vocabulary", raw=row.deadline_raw)
        elif deadline.kind == "per_milestone":
            milestones = deadlines.in_text_milestones(text, self.year)
            deadline.milestones = milestones
            if not milestones:
                self._doubt(row, "deadline_milestones", "按时间节点完成 without milestones in the text")
        if deadline.kind not in ("blank",):
            self.last_deadline = deadline
        in_text = [d for d in deadlines.in_text_milestones(text, self.year)
                   if deadline.end is None or d != deadline.end]
        if in_text and deadline.kind != "per_milestone":
            deadline.milestones = sorted(set(deadline.milestones) | set(in_text))
            if deadline.kind in ("long_term", "year_end") and any(
                    deadline.end is None or d < deadline.end for d in in_text):
                self._doubt(row, "deadline_conflict", "the text states dates ({dates}) beside the column value “{raw}”",
                            dates=", ".join(d.isoformat() for d in in_text), raw=deadline.raw)

        marked = organisations.parse_marked(row.lead_cell)
        if marked is not None:  # `A（牵头）、B`: the mark decides, whatever the columns
            leads, cos = marked[0], marked[1] + organisations.parse_cell(row.co_cell if row.units_split else "")
        elif row.units_split and self.first_leads and not row.co_cell.strip():
            names = organisations.split_cell(row.lead_cell)
            leads = organisations.split_group(names[0]) if names else []
            cos = [ref for name in names[1:] for ref in organisations.split_group(name)]
        elif row.units_split:
            leads = organisations.parse_cell(row.lead_cell)
            cos = organisations.parse_cell(row.co_cell)
        else:
            names = organisations.split_cell(row.lead_cell)  # `区交通局等部门` is one name, two refs
            units = [ref for name in names for ref in organisations.split_group(name)]
            co_empty = organisations.is_empty_marker(row.co_cell) and row.co_cell.strip() != ""
            if co_empty or len(names) <= 1:
                leads, cos = units, []
            else:
                leads = organisations.split_group(names[0])
                cos = units[len(leads):]
                self._doubt(row, "units_ambiguous", "主责/协办 cells ran together: first unit read as lead, the "
                            "others as co-units — {units}", units="、".join(u.printed for u in units))
        if not leads:
            self._doubt(row, "lead_missing", "no lead unit printed")
        measure = Measure(
            text=text, deadline=deadline, line=row.line, end_line=row.end_line or row.line,
            lead_units=leads, co_units=cos,
            lead_officials=split_officials(row.officials_cell),
            lead_label=self.lead_label, co_label=self.co_label, attributes=dict(row.attributes),
        )
        task.measures.append(measure)
        ref = ("measure", self.annex_index, self.annex.tasks.index(task), len(task.measures) - 1)
        organisations.review_units(self.result, leads + cos, row.line, ref)
        for kind, template, params in row.doubts:
            self.result.add_review(kind, template, row.line, text[:200], ref, **params)
        if _is_target_row(row, task):
            for target in targets.statements(text, row.line, self.year):
                target.annex_number = self.annex.number
                self.result.targets.append(target)


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", key(text))
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def _overlap(text: str, title: str) -> int:
    """Two-character words a task title shares with a measure's text (地下水, 农业, 油品储运 …)."""
    return len(_bigrams(title) & _bigrams(text))


def _is_target_row(row: Row, task: Task) -> bool:
    """Rows of an annex's first section (主要目标, 水环境质量目标 …) state its targets."""
    section = key(row.section or task.section)
    return bool(re.search(r"目标", section)) or "目标" in key(task.title)
