"""The judges of a plan's targets, one per source (``vocabulary.indicators.SOURCES``).

Each source module registers its judge the way Datasette registers built-in plugins: ``air``
(``evaluation.air``), ``water``, ``measurement``, ``ranking``, ``reported`` and ``qualitative``
each live in their own module and call ``register``; ``record`` is here.  A source with no judge
registered says so (``no_source``) — a missing judge is visible, never silently absent.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ecoplan.analytics.judgement import Completeness, Judgement
from ecoplan.plans.models import Area, Plan, Target

JudgeFn = Callable[["Context", Target, "Area | None"], Judgement]
AreasFn = Callable[[Plan], list[Area]]
# the figure of one calendar year (a five-year plan's trajectory asks each year so far)
YearlyFn = Callable[["Context", Target, "Area | None", int], "tuple[Decimal | None, Completeness | None]"]


@dataclass(frozen=True)
class Judge:
    source: str
    judge: JudgeFn
    sub_areas: AreasFn | None = None  # the sub-areas a 各… target covers; None: every child of the district
    yearly: YearlyFn | None = None  # the figure of a calendar year, for five-year trajectories


JUDGES: dict[str, Judge] = {}


def register(source: str, judge: JudgeFn, sub_areas: AreasFn | None = None, yearly: YearlyFn | None = None) -> None:
    JUDGES[source] = Judge(source, judge, sub_areas, yearly)


@dataclass
class Context:
    """What one pass over a plan shares: the day judged to and the resources opened once (the air
    store …), closed when the pass ends."""

    plan: Plan
    as_of: date
    year: int  # the plan's first year: a one-year plan's targets speak of it
    _stack: ExitStack = field(default_factory=ExitStack)
    _resources: dict[str, Any] = field(default_factory=dict)

    def resource(self, name: str, opener: Callable[[], Any]) -> Any:
        """``opener()`` once per pass; a context manager is entered and closed with the pass."""
        if name not in self._resources:
            value = opener()
            self._resources[name] = self._stack.enter_context(value) if hasattr(value, "__exit__") else value
        return self._resources[name]

    def close(self) -> None:
        self._stack.close()


def _record(ctx: Context, target: Target, area: Area | None) -> Judgement:
    return Judgement("record", f"the previous plan's period {target.period}: shown, not judged", code="record",
                     params={"period": target.period})


register("record", _record)
