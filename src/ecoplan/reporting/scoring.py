"""Year-end assessment — 考核 — as a configurable scheme: weighted components, each a rate with
the numerator and denominator that explain it.  Pure (no Django).

Default components (weights sum to 100):
  timely_reporting  reports submitted by their due date ÷ reports due
  done_on_time      measures done by their deadline ÷ measures due in the period
  targets_met       targets met ÷ targets judged, for targets whose rows the unit leads
A unit with nothing due in a component is scored on the others, re-weighted (said in the
breakdown), never given free points.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any

DEFAULT_WEIGHTS = {"timely_reporting": Decimal(40), "done_on_time": Decimal(40), "targets_met": Decimal(20)}
# English msgids: the pages and exports translate them (zh-hans: 按时报送, 按期完成, 目标达成)
LABELS = {"timely_reporting": "reports on time", "done_on_time": "measures done on time",
          "targets_met": "targets met"}


@dataclass(frozen=True)
class Note:
    """A remark on a score: an English template (a msgid) and its parameters; ``components``
    holds component codes, which a page shows by their translated LABELS."""

    template: str
    params: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        params = dict(self.params)
        if "components" in params:
            params["components"] = ", ".join(LABELS.get(c, c) for c in params["components"])
        return self.template.format(**params)


@dataclass
class Component:
    name: str
    weight: Decimal
    numerator: int
    denominator: int

    @property
    def rate(self) -> Decimal | None:
        return None if not self.denominator else Decimal(self.numerator) / self.denominator


@dataclass
class UnitScore:
    unit: str
    components: list[Component]
    score: Decimal = Decimal(0)
    rank: int = 0
    notes: list[Note] = field(default_factory=list)


def score(unit: str, counts: dict[str, tuple[int, int]], weights: dict[str, Decimal] | None = None) -> UnitScore:
    """``counts``: component → (numerator, denominator)."""
    weights = weights or DEFAULT_WEIGHTS
    components = [Component(name, Decimal(w), *counts.get(name, (0, 0))) for name, w in weights.items()]
    scored = [(c.weight, rate) for c in components if (rate := c.rate) is not None]  # (weight, rate)
    result = UnitScore(unit, components)
    total_weight = sum((weight for weight, _ in scored), Decimal(0))
    if not total_weight:
        result.notes.append(Note("nothing was due in the period"))
        return result
    if total_weight != sum(weights.values()):
        missing = [c.name for c in components if c.rate is None]
        result.notes.append(Note("nothing due for {components}: the other components re-weighted",
                                 {"components": missing}))
    raw = sum((weight * rate for weight, rate in scored), Decimal(0)) * 100 / total_weight
    result.score = raw.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)
    return result


def rank(scores: list[UnitScore]) -> list[UnitScore]:
    """Highest first; ties share a rank and the next is skipped (1, 1, 3)."""
    ordered = sorted(scores, key=lambda s: (-s.score, s.unit))
    previous, position = None, 0
    for index, item in enumerate(ordered, 1):
        if item.score != previous:
            position, previous = index, item.score
        item.rank = position
    return ordered
