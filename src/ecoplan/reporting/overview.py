"""The figures of an overview (领导督办总览): measures by due state, progress per group, the trend
month on month.  Pure (no Django): takes due states, deadlines, completion dates and the monthly
entries as plain values; supervision.overview feeds it from the database.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from ecoplan.vocabulary.states import AT_RISK, DUE_CODES, DUE_FINISHED, DUE_URGENCY, TARGET_CODES

from .duties import Deadline, due_state, month_end

LATE = "overdue"  # the due state counted as late


def urgency(state: str) -> int:
    """Where a measure in ``state`` comes in an overview's list (vocabulary.states.DUE_URGENCY)."""
    return DUE_URGENCY.index(state) if state in DUE_URGENCY else len(DUE_URGENCY)


@dataclass
class Tally:
    """How many measures stand in each due state; ``done`` counts done and done late."""

    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def done(self) -> int:
        return sum(self.counts[s] for s in DUE_FINISHED)

    @property
    def late(self) -> int:
        return self.counts[LATE]

    @property
    def share_done(self) -> float:
        """The share done, 0–100 (percent, one decimal); 0 with no measures."""
        return round(100 * self.done / self.total, 1) if self.total else 0.0

    def in_order(self) -> list[tuple[str, int]]:
        """(state, count) in the dashboards' order, states with no measure left out."""
        return [(s, self.counts[s]) for s in DUE_CODES if self.counts[s]]


def tally(states: Iterable[str]) -> Tally:
    return Tally(Counter(states))


@dataclass
class Group:
    """Progress of the measures of one theme or one unit."""

    key: object
    label: str
    tally: Tally


def by_group(rows: Iterable[tuple[object, str, str]]) -> list[Group]:
    """(key, label, due state) per measure and group → one Group per key, most late first, then
    most measures; a measure of two lead units counts in both."""
    groups: dict[object, Group] = {}
    for key, label, state in rows:
        groups.setdefault(key, Group(key, label, Tally())).tally.counts[state] += 1
    return sorted(groups.values(), key=lambda g: (-g.tally.late, -g.tally.total, g.label))


def at_risk(status: str) -> bool:
    return status in AT_RISK


def target_status(statuses: Iterable[str]) -> str:
    """One target judged in several areas: its first status in the pages' order (missed first)."""
    return min(statuses, key=TARGET_CODES.index)


@dataclass(frozen=True)
class TrendPoint:
    """One reporting month: the share (percent) of the measures its reports say are done or in
    progress, and how many measures were overdue at the month's end."""

    month: date
    done: float
    in_progress: float
    overdue: int


def trend(months: Iterable[date], deadlines: dict[int, Deadline], done_on: dict[int, date],
          entries: Iterable[tuple[date, int, str]]) -> list[TrendPoint]:
    """``months``: the reporting cycles (first days); ``deadlines``: measure id → its deadline, the
    measures in scope; ``done_on``: measure id → when it was first reported done (accepted);
    ``entries``: (cycle month, measure id, entry status) of the submitted or accepted lead entries."""
    said: dict[date, dict[int, str]] = {}
    for month, measure, status in entries:
        if measure in deadlines:
            said.setdefault(month, {})[measure] = status
    total = len(deadlines)
    points = []
    for month in sorted(set(months)):
        end = month_end(month)
        statuses = Counter(said.get(month, {}).values())
        overdue = sum(1 for pk, deadline in deadlines.items()
                      if due_state(deadline, end, _by(done_on.get(pk), end)) == LATE)
        points.append(TrendPoint(month, _share(statuses["done"], total), _share(statuses["in_progress"], total),
                                 overdue))
    return points


def _by(done: date | None, end: date) -> date | None:
    return done if done is not None and done <= end else None


def _share(n: int, total: int) -> float:
    return round(100 * n / total, 1) if total else 0.0
