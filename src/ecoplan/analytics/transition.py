"""The 2026 transition side by side — 新旧标准对比: one area's year under the 2012 rules (HJ 633-2012,
GB 3095-2012) and under the 2026 rules (HJ 633-2026, GB 3095-2026 transition limits), and each day
under the rules in force then.

The daily concentrations are the same under both (the daily validity rules are shared,
``packs.assessment``); what changes is the AQI (PM breakpoints at IAQI 100: PM2.5 75 → 60, PM10
150 → 120; 2026 pre-rounds concentrations, drops the O3 1-h from the daily AQI, leaves an AQI ≤ 100
with a pollutant missing unpublished) and so the level distribution, the good-day ratio and (rarely)
heavy days; and the annual limits (PM2.5 35 → 30, PM10 70 → 60 µg/m³).  The 同比 baseline is the
same window a year before under each rule set, so a year-on-year change can be read like for like.

Computed in DuckDB from the stored in-force area-days (``daily.area_daily_under``): nothing is
written, any area and year can be compared at once.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from ecoplan.standards import packs
from ecoplan.standards.rounding import gb8170, to_decimal
from ecoplan.vocabulary import pollutants

from . import daily, validity
from .judgement import Completeness, year_before

if TYPE_CHECKING:
    from .store import AirStore

COMPARED = ("2012", "2026")  # rule sets side by side; "in_force" is each day under its own date's rules
IN_FORCE = "in_force"

SHOWN = 1  # decimals shown; compared with the limit at the reporting precision (annual_statistics)


def annual_statistics() -> list[tuple[str, str, str, int]]:
    """(pollutant, store column, limit averaging, reported decimals) of each pollutant's annual
    statistic (GB 3095 表1, HJ 663 §3.7): the annual mean where the standard sets an annual limit,
    else the percentile of the daily statistic against its daily limit (CO P95 of the daily means,
    O3 P90 of MDA8).  From the packs and the vocabulary: nothing listed here."""
    limits = packs.get(COMPARED[0]).limits
    percentiles = dict(packs.assessment().percentiles)
    rows = []
    for pollutant in pollutants.CODES:
        averagings = [a for (p, a, grade) in limits.limits if p == pollutant and grade == 2 and a != "hourly"]
        if not averagings:
            continue
        places = 1 if pollutants.UNITS[pollutant] == "mg/m³" else 0  # GB/T 8170: µg/m³ integers, CO 0.1
        if "annual" in averagings:
            rows.append((pollutant, f"{pollutant}_mean", "annual", places))
        else:  # the statistics table names the MDA8 percentile after its series (o3_8h_p90)
            q = percentiles[pollutant]
            column = f"{pollutant}_8h_p{q}" if averagings[0] == "mda8" else f"{pollutant}_p{q}"
            rows.append((pollutant, column, averagings[0], places))
    return rows


@dataclass
class RuleFigures:
    """One window of one area under one rule set (or each day under its own)."""

    basis: str  # 2012 / 2026 / in_force
    rule_sets: str  # the rule-set ids the days were computed under
    levels: dict[str, int]  # AQI category (优, 良 … as the pack prints it) → days; "" no AQI
    aqi_days: int
    good_days: int
    heavy_days: int
    good_ratio: Decimal | None  # 优良天数比例, %, one decimal (GB/T 8170)
    pm25_mean: Decimal | None
    last_day: date | None
    completeness: Completeness | None
    statistics: dict[str, Decimal | None] = field(default_factory=dict)  # annual statistics, as reported


@dataclass
class LimitRow:
    """An annual statistic against its GB 3095 grade II limit under each rule set."""

    pollutant: str
    statistic: str  # annual / daily (p95) / mda8 (p90)
    value: Decimal | None  # one decimal; compared at the reporting precision (µg/m³ integers, CO 0.1)
    limits: dict[str, Decimal | None]  # rule set → limit
    meets: dict[str, bool | None]  # rule set → value ≤ limit (None: no value or no limit)


@dataclass
class Comparison:
    area: str
    year: int
    start: date
    end: date  # the last day compared (the year's end, or "as of")
    complete: bool
    rule_sets: dict[str, str]  # short name → id
    figures: dict[str, RuleFigures]  # 2012 / 2026 / in_force
    baseline: dict[str, RuleFigures]  # the same window a year before, same keys
    limits: list[LimitRow]

    def good_ratio_changes(self) -> dict[str, Decimal | None]:
        """同比: the good-day ratio's change in percentage points against the baseline, like for like."""
        changes: dict[str, Decimal | None] = {}
        for basis, now in self.figures.items():
            before = self.baseline.get(basis)
            changes[basis] = None if before is None or now.good_ratio is None or before.good_ratio is None \
                else now.good_ratio - before.good_ratio
        return changes

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "good_ratio_changes": self.good_ratio_changes()}


def level_days(store: AirStore, area: str, start: date, end: date, rule_set: str | None) -> dict[str, int]:
    """Days per AQI category (HJ 633 表2) of an area's window."""
    source = f"({daily.area_daily_under(rule_set)})" if rule_set else \
        "(SELECT * FROM area_daily WHERE basis = 'in_force')"
    rows = store.query(f"""SELECT coalesce(category, '') AS category, count(*) AS days FROM {source} a
        WHERE a.area = ? AND a.day BETWEEN ? AND ? GROUP BY coalesce(category, '')""", [area, start, end])
    return {r["category"]: r["days"] for r in rows}


def rule_figures(store: AirStore, area: str, start: date, end: date, basis: str, complete: bool,
                 annual_rule: str = "strict", period_end: date | None = None) -> RuleFigures | None:
    rule_set = None if basis == IN_FORCE else basis
    row = store.area_figures(area, start, end, "none", rule_set)
    if row is None:
        return None
    period_end = period_end or end
    through = period_end if complete else row["last_day"]
    enough = validity.completeness(row["aqi_days"], {m: n["aqi_days"] for m, n in row["months"].items()},
                                   start, period_end, through, annual_rule)
    ratio = gb8170(Decimal(row["good_days"] * 100) / row["aqi_days"], 1) if row["aqi_days"] else None
    stats: dict[str, Decimal | None] = {}
    for pollutant, column, _, _ in annual_statistics():
        value = row.get(column)
        stats[pollutant] = None if value is None else gb8170(to_decimal(value), SHOWN)
    return RuleFigures(basis, row["rule_sets"], level_days(store, area, start, end, rule_set), row["aqi_days"],
                       row["good_days"], row["heavy_days"], ratio, stats["pm25"], row["last_day"], enough, stats)


def compare_rules(store: AirStore, area: str, year: int, as_of: date, annual_rule: str = "strict") -> Comparison:
    """``area`` (the store's key) in ``year`` up to ``as_of``: the 2012 and the 2026 rules side by
    side, and the same window a year before (the 同比 baseline) under each."""
    start, period_end = date(year, 1, 1), date(year, 12, 31)
    end = min(period_end, as_of)
    complete = as_of > period_end
    names = (*COMPARED, IN_FORCE)
    figures = {b: f for b in names if (f := rule_figures(store, area, start, end, b, complete, annual_rule,
                                                         period_end)) is not None}
    # the baseline: the same window a year before (to the same day while the year runs)
    last = max((f.last_day for f in figures.values() if f.last_day), default=end)
    base_end = period_end if complete else last
    baseline = {b: f for b in names if (f := rule_figures(
        store, area, year_before(start), year_before(base_end), b, complete, annual_rule,
        year_before(period_end))) is not None}
    limits = []
    for pollutant, _, averaging, places in annual_statistics():
        value = next((f.statistics.get(pollutant) for f in figures.values()), None)
        row_limits = {n: packs.get(n).limits.limit(pollutant, averaging) for n in COMPARED}
        reported = None if value is None else gb8170(value, places)  # compared as published (GB/T 8170)
        meets = {n: (None if reported is None or lim is None else reported <= lim) for n, lim in row_limits.items()}
        limits.append(LimitRow(pollutant, averaging, value, row_limits, meets))
    return Comparison(area, year, start, end, complete, {n: packs.get(n).id for n in COMPARED}, figures,
                      baseline, limits)
