"""The engine's figures for a target's window — what ``judgement.judge`` judges: the window up to
"as of", the valid days per month for the validity gates, and the same window a year before (同比)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from ecoplan.standards.rounding import gb8170, to_decimal
from ecoplan.vocabulary.indicators import MEAN_OF

from . import validity
from .judgement import Completeness, Figures, period_window, year_before

if TYPE_CHECKING:
    from .store import AirStore


def figures_for(store: AirStore, area: str, code: str, period: str, year: int, exclusion: str, as_of: date,
                rule_set: str | None = None) -> Figures | None:
    """``area`` is the store's key; ``rule_set`` None: each day under the rules in force, else all
    days under that one (the transition compared)."""
    window = period_window("Q1" if code.endswith("_q1") else period, year)
    if window is None:
        return None
    start, end = window
    row = store.area_figures(area, start, min(end, as_of), exclusion, rule_set)
    if row is None:
        return None
    last_day: date = row["last_day"]  # never None: area_figures returns None for an empty window
    months = row["months"]
    # the mean judged: PM2.5 for PM2.5 and the day counts, SO2 / NO2 for their annual-mean targets
    p = MEAN_OF.get(code.removesuffix("_q1"), "pm25")
    figures = Figures(pm25_mean=row[f"{p}_mean"], pm25_days=row[f"{p}_days"], good_days=row["good_days"],
                      aqi_days=row["aqi_days"], heavy_days=row["heavy_days"], last_day=last_day,
                      rule_sets=row["rule_sets"],
                      pm25_months={m: n[f"{p}_days"] for m, n in months.items()},
                      aqi_months={m: n["aqi_days"] for m, n in months.items()})
    before = store.area_figures(area, year_before(start), year_before(last_day), exclusion, rule_set)
    if before:
        figures.previous_pm25_mean = before[f"{p}_mean"]
        figures.previous_pm25_days = before[f"{p}_days"]
        figures.previous_pm25_months = {m: n[f"{p}_days"] for m, n in before["months"].items()}
        figures.previous_good_days, figures.previous_aqi_days = before["good_days"], before["aqi_days"]
    return figures


def year_figure(code: str, figures: Figures | None, year: int, as_of: date,
                annual_rule: str = "strict") -> tuple[Decimal | None, Completeness | None]:
    """A calendar year's figure of an air indicator (five-year trajectories ask each year so far)
    at its reporting precision, with its completeness (``analytics.validity``): PM2.5 mean µg/m³ to
    0.1, good-day / heavy-day ratio % to 0.1, heavy days."""
    base = code.removesuffix("_q1")
    if figures is None or figures.last_day is None:
        return None, None
    start, end = date(year, 1, 1), date(year, 12, 31)
    through = end if as_of > end else min(figures.last_day, end)
    if base in MEAN_OF:  # figures_for put the indicator's pollutant mean in pm25_*
        enough = validity.completeness(figures.pm25_days, figures.pm25_months, start, end, through, annual_rule)
        value = None if figures.pm25_mean is None else gb8170(to_decimal(figures.pm25_mean), 1)
        return value, enough
    enough = validity.completeness(figures.aqi_days, figures.aqi_months, start, end, through, annual_rule)
    if not figures.aqi_days:
        return None, enough
    if base == "good_day_ratio":
        return gb8170(Decimal(figures.good_days * 100) / figures.aqi_days, 1), enough
    if base == "heavy_ratio":
        return gb8170(Decimal(figures.heavy_days * 100) / figures.aqi_days, 1), enough
    if base == "heavy_days":
        return Decimal(figures.heavy_days), enough
    return None, None
