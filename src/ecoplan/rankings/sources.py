"""Where a ranking's figures come from: one function per source (``vocabulary.rank_metrics``:
air, measurement, water, reported, supervision), registered like a plugin — the built-ins in
``ecoplan.rankings.builtin``, supervision's from its app's ``ready()`` (it sits above this app).

A source answers for one metric, many areas and one window at once (one query, not one per
area: a city ranks 330 streets and towns), each area's figure or why it has none.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ecoplan.vocabulary.rank_metrics import Metric

if TYPE_CHECKING:
    from ecoplan.plans.models import Area


@dataclass(frozen=True)
class Window:
    start: date
    end: date  # inclusive; never after the day the ranking is made ("as of")
    exclude_dust: bool = False  # 扣除沙尘: the exclusion register's days left out (PM and the index)
    # the day whose standards divide the figures (the composite index's limits): the engine sets the
    # ranked period's end on every window, so 环比 and 同比 use the current edition's divisors and an
    # edition change is no false change; None: the window's own end
    limits_on: date | None = None
    # may a reason tell a value submitted and not yet accepted? Not to a role that sees only its own
    # unit's reported values (the ranking then says only that no accepted value is there)
    review_states: bool = True

    @property
    def limits_day(self) -> date:
        return self.limits_on or self.end


@dataclass(frozen=True)
class AreaFigure:
    """An area's figure for a window, unrounded; ``value`` None with the ``reason`` it has none
    (“8 valid days of 31, fewer than 27 required”, “no dust-fall jar”)."""

    value: Decimal | None
    reason: str = ""


Source = Callable[[Metric, Sequence["Area"], Window], dict[int, AreaFigure]]  # area pk → figure
SOURCES: dict[str, Source] = {}


def register(source: str) -> Callable[[Source], Source]:
    def add(function: Source) -> Source:
        SOURCES[source] = function
        return function
    return add


def figures(metric: Metric, areas: Sequence[Area], window: Window) -> dict[int, AreaFigure]:
    """Every area's figure; an area the source says nothing of has none, with that reason."""
    source = SOURCES.get(metric.source)
    if source is None:
        none = AreaFigure(None, _("no source computes %(source)s figures") % {"source": metric.source})
        return {a.pk: none for a in areas}
    found = source(metric, areas, window)
    silent = AreaFigure(None, _("no data for the period"))
    return {a.pk: found.get(a.pk, silent) for a in areas}
