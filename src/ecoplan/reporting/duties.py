"""What a measure asks of its units in a month, and where it stands against its deadline.

Pure (no Django): takes the structured 完成时限 (kind, start, end) and dates.

* ``active_in(month)``: a measure appears in a unit's monthly report when its deadline makes it
  live that month: by-date and year-end measures from the plan year's start through their due
  month (and after it while not done: overdue work stays on the report); from-date measures from
  their start; windows while open; long-term, continuous, recurring, per-milestone and blank
  measures every month of the plan's period.
* ``due_state``: on track / due soon / overdue / done late / done, or for standing obligations
  (long-term, continuous …) the state of the latest monthly report.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from ecoplan.vocabulary.deadlines import DUE_ON_END, NEVER_DONE, STANDING
from ecoplan.vocabulary.deadlines import month_end_of as month_end
from ecoplan.vocabulary.states import DUE_STATES, ENTRY_AS_DUE

__all__ = ["STANDING", "STATE_LABELS", "Deadline", "active_in", "due_state", "month_end", "quantity_of"]

DUE_SOON_DAYS = 14
# due state → its English label (a msgid: the pages translate it), in the dashboards' order
STATE_LABELS = {s.code: s.label for s in DUE_STATES}


@dataclass(frozen=True)
class Deadline:
    kind: str
    start: date | None
    end: date | None


def active_in(deadline: Deadline, month: date, period: tuple[date, date], done_on: date | None = None) -> bool:
    """Is the measure live in ``month`` (first day of a month) of a plan running over ``period``?"""
    first, last = month.replace(day=1), month_end(month)
    if last < period[0] or first > period[1]:
        return False
    if done_on is not None and done_on < first:
        return False  # finished before this month: nothing more to report
    kind = deadline.kind
    if kind in STANDING:
        return True
    if kind in DUE_ON_END:
        return deadline.end is None or first <= deadline.end or done_on is None
    if kind == "from_date":
        return deadline.start is None or last >= deadline.start
    if kind == "window":
        return (deadline.start is None or last >= deadline.start) and (deadline.end is None or first <= deadline.end)
    return True


def due_state(deadline: Deadline, today: date, done_on: date | None,
              latest_report: str | None = None) -> str:
    """Where a measure stands.  ``latest_report``: the status of its latest monthly entry
    (not_started / in_progress / done / blocked / not_due), for standing obligations."""
    if deadline.kind in STANDING or deadline.end is None:
        if done_on is not None and deadline.kind not in NEVER_DONE:
            return "done"
        if latest_report is None:
            return "not_reported"
        return latest_report if latest_report in ENTRY_AS_DUE else "reported"
    if done_on is not None:
        return "done" if done_on <= deadline.end else "done_late"
    if today > deadline.end:
        return "overdue"
    if today >= deadline.end - timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "on_track"


QUANTITY = re.compile(r"(?:不少于|不低于|至少|达到|完成)[^，。；0-9]{0,12}?(\d+(?:\.\d+)?)\s*"
                      r"(组|个|家|批次|辆|次|处|条|台|套|项|公里|万平方米|平方米|亩|吨|人次|场|户)")


def quantity_of(text: str) -> tuple[Decimal, str] | None:
    """`全年抽样检测量不低于 12 组` → (12, 组): the count a monthly report is measured against."""
    m = QUANTITY.search(text)
    return (Decimal(m.group(1)), m.group(2)) if m else None
