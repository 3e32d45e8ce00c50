"""The monthly report form, read side: its rows grouped by task, what each row still needs, and
what "unchanged since last month" would carry over from the unit's previous report.

Carry-over (上月无变化): the same unit's entry of the plan's previous cycle gives this month's
state, narrative and count.  Standing measures (long-term, continuous … vocabulary.deadlines
STANDING) carry as they are.  Dated measures carry too — "in progress" towards a date stays in
progress until the unit says otherwise — except a "not due" whose start date has come: the
measure is live now and its state must be said afresh.  Evidence never carries: a file
documents its own month.  An unanswered previous entry carries nothing."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ecoplan.plans.models import Task
from ecoplan.vocabulary import deadlines, states

from .models import Report, ReportEntry

__all__ = ["Pending", "TaskGroup", "carried", "groups", "pending", "previous_entries", "row_label", "still_to_answer"]


def still_to_answer(status: str, narrative: str) -> str:
    """Why a row is not answered yet ("" when it is): states.NEED_NARRATIVE without a narrative."""
    reason = states.NEED_NARRATIVE.get(status)
    return _(reason) if reason and not narrative.strip() else ""


def previous_entries(report: Report) -> dict[int, ReportEntry]:
    """measure id → the unit's entry in the plan's latest earlier cycle (two queries)."""
    previous = (Report.objects.filter(organisation_id=report.organisation_id, cycle__plan_id=report.cycle.plan_id,
                                      cycle__month__lt=report.cycle.month)
                .order_by("-cycle__month").values_list("pk", flat=True).first())
    if previous is None:
        return {}
    return {e.measure_id: e for e in ReportEntry.objects.filter(report_id=previous)}


def carried(previous: ReportEntry | None, entry: ReportEntry, month_end) -> dict | None:
    """What "unchanged since last month" sets on ``entry`` (status, narrative, quantity_done), or None."""
    if previous is None or still_to_answer(previous.status, previous.narrative):
        return None
    measure = entry.measure
    if (previous.status == "not_due" and measure.deadline_kind not in deadlines.STANDING
            and measure.deadline_start is not None and measure.deadline_start <= month_end):
        return None  # its window has opened since: not due is no longer true
    quantity = previous.quantity_done if entry.quantity_target is not None else None
    return {"status": previous.status, "narrative": previous.narrative,
            "quantity_done": "" if quantity is None else str(quantity)}


@dataclass
class TaskGroup:
    task: Task
    entries: list = field(default_factory=list)

    @property
    def answered(self) -> int:
        return sum(1 for e in self.entries if not e.pending)


def groups(entries: list[ReportEntry]) -> list[TaskGroup]:
    """Entries (in report order) grouped by their task, each with its ``pending`` reason set."""
    out: list[TaskGroup] = []
    for e in entries:
        e.pending = still_to_answer(e.status, e.narrative)
        if not out or out[-1].task.pk != e.measure.task_id:
            out.append(TaskGroup(e.measure.task))
        out[-1].entries.append(e)
    return out


@dataclass
class Pending:
    """What the sticky bar and the per-row badges say after a change (one query)."""

    rows: list[dict]  # {measure_id, task_id, pending}

    @property
    def open(self) -> list[dict]:
        return [r for r in self.rows if r["pending"]]

    def task_count(self, task_id: int) -> tuple[int, int]:
        rows = [r for r in self.rows if r["task_id"] == task_id]
        return sum(1 for r in rows if not r["pending"]), len(rows)


def pending(report: Report) -> Pending:
    rows = [{"measure_id": m, "task_id": t, "pending": still_to_answer(s, n)} for m, t, s, n in
            report.entries.values_list("measure_id", "measure__task_id", "status", "narrative")]
    return Pending(rows)


def row_label(entry: ReportEntry) -> str:
    """How the page and its refusals name a row: task number, measure number, the text's start."""
    measure = entry.measure
    text = measure.text if len(measure.text) <= 24 else measure.text[:24] + "…"
    return f"{measure.task.number}.{measure.order} {text}"
