"""The engine's figures for a target's window — what ``judgement.judge`` judges: the window up to
"as of", the valid days per month for the validity gates, and the same window a year before (同比)."""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from .judgement import Figures, period_window, year_before

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
    figures = Figures(pm25_mean=row["pm25_mean"], pm25_days=row["pm25_days"], good_days=row["good_days"],
                      aqi_days=row["aqi_days"], heavy_days=row["heavy_days"], last_day=last_day,
                      rule_sets=row["rule_sets"],
                      pm25_months={m: n["pm25_days"] for m, n in months.items()},
                      aqi_months={m: n["aqi_days"] for m, n in months.items()})
    before = store.area_figures(area, year_before(start), year_before(last_day), exclusion, rule_set)
    if before:
        figures.previous_pm25_mean = before["pm25_mean"]
        figures.previous_pm25_days = before["pm25_days"]
        figures.previous_pm25_months = {m: n["pm25_days"] for m, n in before["months"].items()}
    return figures
