"""Rank targets on the municipality's monthly ranking of streets and towns — pure, no Django.

The published ranking (Beijing bureau bulletins, standards.md §7) is best-first, and ties share a
rank with the next one skipped (1, 1, 1, 4).  The published rank is the place: a sub-area ranked
``position`` of ``total`` is in the **bottom N** when ``position > total − N``, i.e. at least
``total − N`` places are strictly better.  A tie that straddles the line sits at its shared
(better) rank and is not in the bottom N — the convention the bulletins apply by printing one
rank for the tie.  A list published worst-first (倒数第 r 名) is stored best-first as
``total − r + 1``, the same place counted from the other end.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


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
