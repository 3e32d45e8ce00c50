"""What an importer produces: plain dataclasses, no Django.

A parsed plan document (``ImportResult``) holds the plan's metadata, its annexes → tasks →
measures, its targets, the review items the importer could not decide, and the source lines it
skipped (with the reason).  Every entity keeps the 1-based source line it came from so that the
import report can prove no line was lost.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TypeAlias

from ecoplan.vocabulary.cells import MERGED_CELL
from ecoplan.vocabulary.review import CODES as REVIEW_CODES

# Where a review item applies: ("measure", annex_idx, task_idx, measure_idx), ("target", idx) or ("plan",)
ReviewRef: TypeAlias = tuple[str | int, ...]


class PlanImportError(Exception):
    """Bad input: carries the file name and, when known, the line and field.  With ``params``,
    ``message`` is an English msgid with {placeholders} that the pages translate."""

    def __init__(self, message: str, *, source: str = "", line: int | None = None, field: str = "",
                 **params: object):
        self.template = message
        self.params = params
        self.message = message.format(**params) if params else message
        self.source = source
        self.line = line
        self.field = field
        super().__init__(str(self))

    def where(self) -> str:
        where = self.source or "<input>"
        if self.line:
            where += f":{self.line}"
        if self.field:
            where += f" [{self.field}]"
        return where

    def __str__(self) -> str:
        return f"{self.where()}: {self.message}"

    def translated(self, gettext: Callable[[str], str]) -> str:
        """The message in the language of ``gettext`` (a page's); English when it has no params."""
        if not self.params:
            return str(self)
        return f"{self.where()}: {gettext(self.template).format(**self.params)}"


@dataclass(frozen=True)
class Reason:
    """Why a shape reads a document: an English msgid with {placeholders} and their values, so a
    page can translate it (``str()`` is the English, for the CLI)."""

    template: str
    params: tuple[tuple[str, object], ...] = ()

    def __str__(self) -> str:
        return self.template.format(**dict(self.params))


def reason(template: str, **params: object) -> Reason:
    return Reason(template, tuple(params.items()))


@dataclass(frozen=True)
class Detection:
    """How sure a shape is that it reads a document (``score`` 0…1) and why (never empty when the
    score is above 0): what ``detect(text)`` of every text shape returns."""

    score: float
    reasons: tuple[Reason, ...] = ()


NOT_DETECTED = Detection(0.0)


@dataclass
class Deadline:
    """完成时限 — a structured completion deadline; ``raw`` keeps the printed text."""

    raw: str
    kind: str  # see ecoplan.vocabulary.deadlines
    start: date | None = None
    end: date | None = None
    milestones: list[date] = field(default_factory=list)


@dataclass
class UnitRef:
    """A unit (or group of units) named in a cell, as printed and as resolved."""

    printed: str
    canonical: str
    kind: str  # one of ecoplan.vocabulary.units
    known: bool = True
    candidates: tuple[str, ...] = ()  # an ambiguous name: the units it may be (not known)


@dataclass
class Measure:
    """工作措施 — one measure row: its text, deadline and responsible units."""

    text: str
    deadline: Deadline
    line: int
    lead_units: list[UnitRef] = field(default_factory=list)
    co_units: list[UnitRef] = field(default_factory=list)
    lead_officials: list[str] = field(default_factory=list)
    lead_label: str = ""  # printed column label: 主责单位 / 牵头单位 / 牵头部门
    co_label: str = ""  # 协办单位 / 责任单位
    end_line: int = 0
    # columns of no role in the header vocabulary (备注, 资金来源 …): printed header → cell
    attributes: dict[str, str] = field(default_factory=dict)

    @property
    def search_text(self) -> str:
        """``text`` is kept as printed (PM _{2.5}, 劣V, NH3-N, NOX); search compares this form."""
        from .text import search_form  # text imports this module (PlanImportError)

        return search_form(self.text)


@dataclass
class Task:
    """重点任务 — a key task with all its measures."""

    number: str
    title: str
    line: int
    section: str = ""
    measures: list[Measure] = field(default_factory=list)
    title_lines: list[int] = field(default_factory=list)  # number and title lines, when apart


@dataclass
class Annex:
    """附件 — one campaign annex (or chapter of a five-year plan)."""

    number: str
    title: str
    theme: str
    line: int
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Target:
    """A quantified (or qualitative) target stated by the plan."""

    indicator: str
    comparator: str  # <= >= = ≈ < > improve eliminate municipal not_worse qualitative
    value: Decimal | None
    unit: str
    period: str  # year / Q1 / by-2025 / cumulative / 2016-2020 …
    raw: str
    line: int
    indicator_code: str = ""
    area: str = ""  # empty = the whole district
    binding: str = ""  # binding 约束性 / expected 预期性
    baseline_year: int | None = None
    baseline_value: Decimal | None = None
    baseline_text: str = ""
    conditions: list[str] = field(default_factory=list)
    soft: bool = False  # 力争
    annex_number: str = ""
    value_text: str = ""


@dataclass
class ReviewItem:
    """Something the importer could not decide with certainty; a coordinator resolves it."""

    kind: str  # see ecoplan.vocabulary.review
    message: str  # ``template`` filled with ``params``, in English
    line: int
    text: str = ""
    ref: ReviewRef = ("plan",)
    template: str = ""  # the message with {placeholders}: the pages translate it (it is a msgid)
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class SkippedLine:
    line: int
    reason: str  # ``template`` filled with ``params``, in English
    text: str
    template: str = ""  # the reason with {placeholders}: the pages translate it (it is a msgid)
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class PlanMeta:
    title: str = ""
    issuing_body: str = ""
    doc_number: str = ""
    issue_date: date | None = None
    kind: str = "action_plan"  # action_plan / work_plan / five_year_plan
    period_start: int | None = None
    period_end: int | None = None
    district: str = ""
    repeals: list[str] = field(default_factory=list)
    public: bool = False  # 此件公开发布
    report_due_rule: str = ""  # 每月第二个工作日前 → "2nd-working-day"; "" when the plan sets no day


@dataclass
class ImportResult:
    source_name: str
    sha256: str
    shape: str
    meta: PlanMeta
    annexes: list[Annex] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)
    skipped: list[SkippedLine] = field(default_factory=list)
    # lines read into the plan itself: its metadata, annex titles, indicator-table headers and the
    # target paragraphs of prose plans
    meta_lines: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "annexes": len(self.annexes),
            "tasks": sum(len(a.tasks) for a in self.annexes),
            "measures": sum(len(t.measures) for a in self.annexes for t in a.tasks),
            "targets": len(self.targets),
            "review": len(self.review),
            "skipped": len(self.skipped),
        }

    def measures(self) -> list[Measure]:
        """Every measure of the plan, in document order (annex, task, measure)."""
        return [m for a in self.annexes for t in a.tasks for m in t.measures]

    def measures_by_annex(self) -> list[int]:
        return [sum(len(t.measures) for t in a.tasks) for a in self.annexes]

    def add_review(self, kind: str, template: str, line: int, text: str = "", ref: ReviewRef = ("plan",),
                   **params: object) -> None:
        """``template`` is an English message with {placeholders} filled from ``params`` (the pages
        translate the template); parameters must not be named like this method's arguments.
        ``kind`` is one of ecoplan.vocabulary.review: a new kind is added there first."""
        if kind not in REVIEW_CODES:
            raise ValueError(f"review kind {kind!r} is not in ecoplan.vocabulary.review")
        text = text.replace(MERGED_CELL, "")  # a container's mark, not printed text
        self.review.append(ReviewItem(kind, template.format(**params), line, text, ref, template, params))

    def skip(self, line: int, reason: str, text: str, **params: object) -> None:
        """``reason`` is an English msgid with {placeholders} filled from ``params`` (the pages
        translate it); parameters must not be named like this method's arguments."""
        text = text.replace(MERGED_CELL, "")  # a container's mark, not printed text
        self.skipped.append(SkippedLine(line, reason.format(**params), text, reason, params))

    def accounted_lines(self) -> set[int]:
        """Lines that belong to an imported entity, the metadata, or the skipped list."""
        lines = set(self.meta_lines) | {s.line for s in self.skipped}
        for annex in self.annexes:
            lines.add(annex.line)
            for task in annex.tasks:
                lines.add(task.line)
                lines.update(task.title_lines)
                for measure in task.measures:
                    lines.update(range(measure.line, (measure.end_line or measure.line) + 1))
        lines.update(t.line for t in self.targets)
        return lines

    def unaccounted(self, text: str) -> list[int]:
        """Non-blank source lines that no entity, metadata or skip entry accounts for."""
        seen = self.accounted_lines()
        return [n for n, line in enumerate(text.split("\n"), 1) if line.strip() and n not in seen]
