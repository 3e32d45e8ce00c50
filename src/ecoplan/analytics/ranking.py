"""Rankings of streets and towns (排名) — pure, no Django: the municipality's published monthly
ranking the rank targets count (``Place``, ``bottom_count``), and ecoplan's own rankings of any
figure (``rank``, below), which share its ranks but not its bottom-N rule.

The published ranking (Beijing bureau bulletins, standards.md §7) is best-first, and ties share a
rank with the next one skipped (1, 1, 1, 4).  The published rank is the place: a sub-area ranked
``position`` of ``total`` is in the **bottom N** when ``position > total − N``, i.e. at least
``total − N`` places are strictly better.  A tie that straddles the line sits at its shared
(better) rank and is not in the bottom N — the convention the bulletins apply by printing one
rank for the tie.  A list published worst-first (倒数第 r 名) is stored best-first as
``total − r + 1``, the same place counted from the other end.

ecoplan's own rankings (``rank``) flag the bottom N by the worst-first competition rank: a row is
in the bottom N when at most N − 1 rows are strictly worse, so a tie on the line is flagged whole
(10, 20, 30, 30 with bottom 1 flags both 30s) — symmetric with the top N, which includes its ties.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Place:
    month: date  # the 1st of the month
    position: int  # best-first, ties sharing
    total: int  # places ranked that month


def in_bottom(place: Place, n: int) -> bool:
    return place.position > place.total - n


def best_first(position: int, total: int) -> int:
    """A worst-first rank (1 = worst) as the best-first place."""
    return total - position + 1


@dataclass
class Count:
    """The months a sub-area was in the bottom N within a window, and the months it rests on."""

    months: list[Place]  # in the bottom N
    ranked: int  # months the sub-area was ranked in the window

    @property
    def count(self) -> int:
        return len(self.months)

    def listing(self) -> str:
        """`2024-01 (318/330), 2024-03 (325/330)`: the months that counted."""
        return ", ".join(f"{p.month:%Y-%m} ({p.position}/{p.total})" for p in self.months)


def bottom_count(places: Iterable[Place], n: int, start: date, end: date) -> Count:
    inside = [p for p in places if start <= p.month <= end]
    return Count(sorted((p for p in inside if in_bottom(p, n)), key=lambda p: p.month), len(inside))


# --- ecoplan's own rankings of sub-areas (排名): the figures ranked as a bureau publishes them ------

ROUNDINGS = {  # how a publication rounds before it ranks (standards.md §3.6)
    "gb8170": ROUND_HALF_EVEN,  # GB/T 8170 修约: half-even on the exact value
    "half_up": ROUND_HALF_UP,  # 四舍五入, as some bulletins print
}
IMPROVEMENT_PLACES = 1  # 改善率 is published in % to one decimal
# why a row is unranked on the improvement rate (the msgids: the engine translates them)
NO_YEAR_BEFORE = "no value for the same period a year before"
ZERO_BASE = "the same period a year before was 0: no rate"


@dataclass(frozen=True)
class Observation:
    """One sub-area's figure for a period, with the periods it is compared with.  ``value`` None:
    no valid figure, and ``reason`` says why (8 valid days of 31, no site …)."""

    key: str  # the area's id, as text
    name: str
    value: Decimal | None
    reason: str = ""
    previous: Decimal | None = None  # the period before (环比)
    year_before: Decimal | None = None  # the same period a year before (同比)


@dataclass
class Ranked:
    key: str
    name: str
    value: Decimal | None  # as published: rounded by the ranking's rule
    rank: int | None  # competition rank, best first; None: unranked (``reason``)
    reason: str = ""
    previous: Decimal | None = None
    previous_rank: int | None = None
    year_before: Decimal | None = None
    year_before_rank: int | None = None
    change: Decimal | None = None  # value − previous (环比变化), in the value's unit
    change_year: Decimal | None = None  # value − year before (同比变化)
    improvement: Decimal | None = None  # 改善率 %: positive when better than a year before
    bottom: bool = False  # in the bottom N of this ranking
    top: bool = False  # in the top N


@dataclass
class Ranking:
    rows: list[Ranked]  # ranked best first (ties by name), then the unranked
    ranked: int  # sub-areas with a rank
    lower_is_better: bool
    places: int
    bottom_n: int = 0
    top_n: int = 0

    @property
    def bottom(self) -> list[Ranked]:
        return [r for r in self.rows if r.bottom]

    @property
    def top(self) -> list[Ranked]:
        return [r for r in self.rows if r.top]

    @property
    def unranked(self) -> list[Ranked]:
        return [r for r in self.rows if r.rank is None]


def published(value: Decimal | None, places: int, rounding: str = "gb8170") -> Decimal | None:
    """The value as the publication prints it: rounded first, then ranked (1.25 and 1.35 at one
    place are 1.2 and 1.4 under GB/T 8170)."""
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUNDINGS[rounding])


def competition_ranks(values: dict[str, Decimal], lower_is_better: bool) -> dict[str, int]:
    """Standard competition ranking (1, 1, 3): a tie shares the better rank, the next is skipped."""
    ordered = sorted(values.values(), reverse=not lower_is_better)
    first: dict[Decimal, int] = {}
    for place, value in enumerate(ordered, start=1):
        first.setdefault(value, place)
    return {key: first[value] for key, value in values.items()}


def improvement_rate(value: Decimal | None, before: Decimal | None, lower_is_better: bool) -> Decimal | None:
    """改善率 (%): how much better than the same period a year before, ``(before − value) / before``
    where lower is better (a concentration that fell 10 % improved 10 %), ``(value − before) /
    before`` where higher is; None without a base, or on a base of zero."""
    if value is None or before is None or before == 0:
        return None
    change = (before - value) if lower_is_better else (value - before)
    return published(change / abs(before) * 100, IMPROVEMENT_PLACES)


def rank(observations: Iterable[Observation], *, lower_is_better: bool, places: int, rounding: str = "gb8170",
         bottom_n: int = 0, top_n: int = 0, by_improvement: bool = False) -> Ranking:
    """Rank sub-areas on their published values, or on their improvement rate (``by_improvement``:
    higher is better whatever the metric's direction).  The previous and year-before ranks rank
    the sub-areas that had a value then, on the same rule; ranked by improvement there is no
    previous rank (``previous_rank`` None: last period's values are no improvement rates).

    Top N: a best-first rank ≤ N; bottom N: a worst-first competition rank ≤ N — ties on either
    line are all flagged (10, 20, 30, 30 with bottom 1 flags both 30s), unlike the published
    convention of ``in_bottom``."""
    rows = [Ranked(o.key, o.name, published(o.value, places, rounding), None, o.reason,
                   previous=published(o.previous, places, rounding),
                   year_before=published(o.year_before, places, rounding)) for o in observations]
    for row in rows:
        row.improvement = improvement_rate(row.value, row.year_before, lower_is_better)
        if row.value is not None:
            row.change = None if row.previous is None else row.value - row.previous
            row.change_year = None if row.year_before is None else row.value - row.year_before
    if by_improvement:
        score = {r.key: r.improvement for r in rows if r.improvement is not None}
        for r in rows:
            if r.value is not None and r.improvement is None:
                r.reason = r.reason or (ZERO_BASE if r.year_before == 0 else NO_YEAR_BEFORE)
        direction = False  # a larger improvement is better
    else:
        score = {r.key: r.value for r in rows if r.value is not None}
        direction = lower_is_better
    ranks = competition_ranks(score, direction)
    previous = competition_ranks({r.key: r.previous for r in rows if r.previous is not None}, lower_is_better)
    before = competition_ranks({r.key: r.year_before for r in rows if r.year_before is not None}, lower_is_better)
    worst = competition_ranks(score, not direction)  # 倒数第 r 名, ties sharing
    for row in rows:
        row.rank = ranks.get(row.key)
        row.previous_rank = None if by_improvement else previous.get(row.key)
        row.year_before_rank = before.get(row.key)
        if row.rank is not None:
            row.reason = ""
            row.bottom = 0 < worst[row.key] <= bottom_n
            row.top = top_n > 0 and row.rank <= top_n
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.name))
    return Ranking(rows, len(ranks), lower_is_better, IMPROVEMENT_PLACES if by_improvement else places, bottom_n, top_n)
