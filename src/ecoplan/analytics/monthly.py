"""Period statistics of monthly measurements (dust fall, TSP, road dust load, noise) — pure, no
Django.

The aggregation, site → street/town → district, month by month and then over the months:

* a **sub-area's month** is the mean of its sites' values that month;
* a **district's month** is the mean of *all its sites* that month (those of its sub-areas and
  those placed directly in the district), not the mean of its sub-areas: a city's dust fall is
  the mean over its jars (MEE's monthly 2+26-city bulletins, standards.md §7), as a city's air is
  the mean over its evaluation sites (§3.8); a street with three jars weighs three jars;
* a **period figure** is the mean of the area's monthly figures over the months of the period so
  far (each month weighs the same, whatever the number of jars read that month).

Completeness: the months with a figure against the months the rule asks for — every month of
the period up to the latest month the network has published (a value not yet published is not a
gap), every month of the period once it is over — less the months excluded for sand and dust.
No standard sets a minimum for these networks; ``Rules.min_share`` (1.0: every month) is ours.

扣除沙尘影响 (excluding sand and dust, standards.md §3.10): a month is sand-dust affected when the
exclusion register holds at least ``Rules.dust_days`` dust days for the area (or every area) in
it; the "excluding dust" figure leaves such months out, and leaves out each value the
laboratory flagged ``sand_dust``.  The algorithm of 环办监测〔2016〕120号 for dust fall is not
published (UNVERIFIED): the rule is data, configurable, and every figure names it.

左右 ("about 5"): ``Rules.tolerance(target)`` — a share of the target (``5%``) or an absolute
band (``0.3``), configurable, named in every reason that uses it.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from .judgement import Completeness


@dataclass(frozen=True)
class MonthlyValue:
    site: str
    sub_area: str | None  # None: a site placed directly in the district
    month: date  # the 1st of the month
    value: Decimal
    flagged_dust: bool = False  # the laboratory marked the value sand-dust affected


@dataclass(frozen=True)
class Rules:
    """The configurable rules of the measured figures (settings ECOPLAN_ABOUT_TOLERANCE,
    ECOPLAN_DUST_MONTH_DAYS, ECOPLAN_MEASUREMENT_MIN_SHARE)."""

    about: str = "5%"  # 左右: "5%" of the target, or an absolute band "0.3"
    dust_days: int = 1  # registered dust days that make a month sand-dust affected
    min_share: Decimal = Decimal(1)  # share of the months asked for that must have a figure

    def tolerance(self, target: Decimal) -> Decimal:
        text = self.about.strip()
        if text.endswith("%"):
            return abs(target) * Decimal(text[:-1]) / 100
        return Decimal(text)

    def share(self) -> Decimal | None:
        """The tolerance as a percentage of the target, None for an absolute band."""
        text = self.about.strip()
        return Decimal(text[:-1]) if text.endswith("%") else None


@dataclass
class PeriodFigure:
    """One area's figure for a period so far."""

    value: Decimal | None  # mean of the monthly figures (None: no month)
    months: list[tuple[date, Decimal]]  # the monthly figures it rests on
    completeness: Completeness
    excluded_months: list[date] = field(default_factory=list)  # sand-dust affected, left out
    excluded_values: int = 0  # site values flagged sand_dust, left out
    sites: int = 0


def months_between(start: date, end: date) -> list[date]:
    """The 1st of each month from ``start``'s month to ``end``'s, inclusive."""
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def dust_months(dust_days: Iterable[date], rules: Rules) -> set[date]:
    """The months that hold at least ``rules.dust_days`` of the registered dust days."""
    count: dict[date, int] = defaultdict(int)
    for day in set(dust_days):
        count[day.replace(day=1)] += 1
    return {m for m, n in count.items() if n >= rules.dust_days}


def monthly_means(values: Iterable[MonthlyValue], sub_area: str | None = None, *, exclude_dust: bool = False
                  ) -> dict[date, tuple[Decimal, int]]:
    """month → (mean of the sites' values, sites read); ``sub_area`` None: every site (a district)."""
    by_month: dict[date, list[Decimal]] = defaultdict(list)
    for v in values:
        if sub_area is not None and v.sub_area != sub_area:
            continue
        if exclude_dust and v.flagged_dust:
            continue
        by_month[v.month].append(v.value)
    return {m: (sum(vs, Decimal(0)) / len(vs), len(vs)) for m, vs in sorted(by_month.items())}


def period_figure(values: list[MonthlyValue], start: date, end: date, *, published_to: date | None,
                  period_over: bool, sub_area: str | None = None, exclude_dust: bool = False,
                  dust_days: Iterable[date] = (), rules: Rules = Rules(), rule: str = "") -> PeriodFigure:
    """The figure of one area (a sub-area, or with ``sub_area`` None the whole district) over the
    months ``start`` … ``end``.  ``published_to``: the latest month the network has values for
    (the months asked for run to it while the period runs)."""
    window = months_between(start, end)
    inside = [v for v in values if window[0] <= v.month <= window[-1]]
    means = monthly_means(inside, sub_area, exclude_dust=exclude_dust)
    excluded = []
    if exclude_dust:
        # a registered dust month, or a month whose every value the laboratory flagged sand_dust
        read = monthly_means(inside, sub_area)
        excluded = sorted((dust_months(dust_days, rules) & set(window)) | (set(read) - set(means)))
    flagged = sum(1 for v in inside if exclude_dust and v.flagged_dust and (sub_area is None or v.sub_area == sub_area))
    asked_to = window[-1] if period_over else min(window[-1], published_to or date.min)
    asked = [m for m in window if m <= asked_to and m not in excluded]
    kept = [(m, means[m][0]) for m in asked if m in means]  # excluded months are not asked for
    required = math.ceil(len(asked) * rules.min_share)
    short = [m.strftime("%Y-%m") for m in asked if m not in means]
    completeness = Completeness(valid=len(kept), required=required, unit="months",
                                rule=rule or "ecoplan: every month of the period to the latest published",
                                short=short if len(kept) < required else [])
    value = sum((v for _, v in kept), Decimal(0)) / len(kept) if kept else None
    sites = {v.site for v in inside if sub_area is None or v.sub_area == sub_area}
    return PeriodFigure(value, kept, completeness, excluded, flagged, len(sites))
