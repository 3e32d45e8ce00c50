"""A ranking as the pages, the chart and the workbook show it: one row per sub-area with its rank,
its move since the period before (↑ better, ↓ worse) and whether its value changed for the better,
the same for the year before, and its bottom-/top-N flags; the unranked after, with their reason."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ecoplan.analytics.ranking import Ranked
from ecoplan.plans.models import Area

from .engine import AreaRanking


@dataclass
class Row:
    ranked: Ranked
    area: Area | None
    moved: int | None  # places gained since the period before (positive: up the ranking)
    change_better: bool | None  # the value's change against the period before: for the better?
    change_year_better: bool | None

    def __getattr__(self, name):  # the template reads row.rank, row.value … from the ranked row
        return getattr(self.__dict__["ranked"], name)


def _better(change: Decimal | None, lower_is_better: bool) -> bool | None:
    if change is None or change == 0:
        return None
    return (change < 0) == lower_is_better


def rows(result: AreaRanking) -> list[Row]:
    lower = result.ranking.lower_is_better
    out = []
    for r in result.ranking.rows:
        moved = r.previous_rank - r.rank if r.rank is not None and r.previous_rank is not None else None
        out.append(Row(r, result.areas.get(r.key), moved, _better(r.change, lower), _better(r.change_year, lower)))
    return out


def chart(result: AreaRanking, order: str = "value") -> dict:
    """The bar chart's data (json_script): the ranked sub-areas best first, bottom N marked; the
    improvement rate when the ranking is on it."""
    ranked = [r for r in result.ranking.rows if r.rank is not None]
    by_improvement = order == "improvement"
    return {
        "names": [r.name for r in ranked],
        "values": [float(r.improvement if by_improvement else r.value) for r in ranked],  # type: ignore[arg-type]
        "bottom": [r.bottom for r in ranked], "top": [r.top for r in ranked],
        "unit": "%" if by_improvement else result.metric.unit,
        "label": _("improvement rate") if by_improvement else _(result.metric.label),
    }


COLUMN = "ranking column"  # the msgids' context: 名次, not the 排名 of a whole ranking
HEADERS = ("Rank", "Sub-area", "Value", "Unit", "Previous rank", "Places moved", "Previous period", "Change",
           "Same period last year", "Change on last year", "Improvement rate %", "Bottom N", "Top N", "Why unranked")


def headers() -> list[str]:
    """The workbook's columns, translated (名次, 街道乡镇, 数值 …)."""
    return [pgettext(COLUMN, h) for h in HEADERS]


def sheet_rows(result: AreaRanking) -> list[list]:
    unit = result.metric.unit
    yes = _("yes")
    return [[r.rank, r.name, r.value, unit, r.previous_rank, r.moved, r.previous, r.change, r.year_before,
             r.change_year, r.improvement, yes if r.bottom else "", yes if r.top else "", r.reason]
            for r in rows(result)]
