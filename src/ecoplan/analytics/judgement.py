"""Judging a plan's air target against the figures to date — pure, no Django.

Statuses: ``met`` / ``missed`` once the period is over (or the outcome is already certain),
``on_track`` / ``at_risk`` while it runs, ``not_evaluable`` with the reason.  For a running
period the judgement gives the bound the rest of the period must keep to still meet the target:
"the remaining 40 days must average below 31.2 µg/m³", "at least 30 of the remaining 40 days
must be good".  Comparisons use the reporting precision (GB/T 8170: integer µg/m³; ratios to
one decimal), as the published figures do.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import TypedDict

from ecoplan.standards.rounding import gb8170, to_decimal
from ecoplan.vocabulary.indicators import EVALUABLE, MEAN_OF

from . import validity  # a module import: validity builds this module's Completeness


@dataclass
class Figures:
    """What the engine knows about one area and period (a ``stats`` row, plus last year's).  The
    ``pm25_*`` fields hold the period mean judged — PM2.5's, or SO2's / NO2's for their annual-mean
    targets (``vocabulary.indicators.MEAN_OF``)."""

    pm25_mean: float | None = None
    pm25_days: int = 0
    good_days: int = 0
    aqi_days: int = 0
    heavy_days: int = 0
    last_day: date | None = None
    rule_sets: str = ""
    previous_pm25_mean: float | None = None  # same period of the previous year, to the same day
    # valid days per month ("YYYY-MM" → n) for the validity gates (analytics.validity); None: not known
    pm25_months: dict[str, int] | None = None
    aqi_months: dict[str, int] | None = None
    previous_pm25_days: int | None = None  # None: the previous figure's completeness is not known
    previous_pm25_months: dict[str, int] | None = None
    previous_good_days: int = 0  # the same period of the previous year: good days of its valid AQI days
    previous_aqi_days: int = 0


@dataclass
class Completeness:
    """How much of a period a figure rests on, against the rule that says enough (GB 3095 表4 /
    HJ 663 for air, the sampling plan for water and measurements)."""

    valid: int  # valid values in the window so far: days, samples, months, reports
    required: int  # the fewest the rule asks for the window (0: the source sets no minimum)
    unit: str  # days / samples / months / reports
    rule: str = ""  # the clause that sets the minimum, e.g. "GB 3095-2012 表4"
    short: list[str] = field(default_factory=list)  # sub-periods below their own minimum: "2024-02: 20 < 25"

    @property
    def sufficient(self) -> bool:
        return self.valid >= self.required and not self.short


@dataclass
class Judgement:
    status: str
    reason: str
    value: Decimal | None = None  # the figure to date
    unit: str = ""
    n_valid: int = 0
    bound: Decimal | None = None  # what the remaining days must keep to
    bound_text: str = ""
    remaining_days: int = 0
    year_on_year: Decimal | None = None  # change against the same period last year (%)
    rule_sets: str = ""
    code: str = ""  # message key: the pages render ``reason`` in their language from code + params
    params: dict[str, object] = field(default_factory=dict)
    completeness: Completeness | None = None
    source: str = ""  # ecoplan.vocabulary.indicators.SOURCES: air, water, measurement …


class _Measured(TypedDict):
    """The fields every numeric judgement shares (spread into ``Judgement``)."""

    value: Decimal
    unit: str
    n_valid: int
    remaining_days: int


def period_window(period: str, year: int) -> tuple[date, date] | None:
    """'year' → the calendar year; 'Q1' → January–March; 'by 2025' → the year 2025."""
    if period.startswith("by ") and period[3:].isdigit():
        year, period = int(period[3:]), "year"
    if period == "year":
        return date(year, 1, 1), date(year, 12, 31)
    if period == "Q1":
        return date(year, 1, 1), date(year, 3, 31)
    return None


def plain(value: Decimal) -> Decimal:
    """Trailing zeros dropped without an exponent: 33.0000 → 33, 30.0000 → 30 (normalize() alone
    gives 3E+1), 0.50 → 0.5."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


def judge(code: str, comparator: str, target: Decimal | None, period: str, year: int,
          figures: Figures | None, as_of: date, annual_rule: str = "strict") -> Judgement:
    """Judge one target; ``code`` is the indicator code (pm25, good_day_ratio, heavy_days …).

    A figure below the validity rules (GB 3095 表4, ``analytics.validity``; ``annual_rule``
    strict or lenient) is ``insufficient_data`` with its counts, never met or missed."""
    base = code.removesuffix("_q1")
    if target is not None:
        target = plain(Decimal(target))  # 33.0000 → 33 in the reasons
    if code not in EVALUABLE:
        return Judgement("not_evaluable", "ecoplan has no monitoring source for this indicator yet", code="no_source")
    window = period_window("Q1" if code.endswith("_q1") else period, year)
    if window is None:
        return Judgement("not_evaluable", f"period “{period}” is not an air-quality period", code="bad_period",
                         params={"period": period})
    start, end = window
    if as_of < start:
        return Judgement("not_evaluable", f"the period starts on {start.isoformat()}", code="not_started",
                         params={"start": start.isoformat()})
    if comparator == "municipal" and target is None:
        return Judgement("not_evaluable", "waiting for the municipal value (达到市级要求)", code="municipal_pending")
    if figures is None or figures.last_day is None or (base in MEAN_OF and not figures.pm25_days) or \
            (base not in MEAN_OF and not figures.aqi_days):
        return Judgement("not_evaluable", "no valid monitoring data for the period yet", code="no_data")
    last = min(figures.last_day, end)
    remaining = max(0, (end - last).days)
    complete = remaining == 0 or as_of > end
    if complete:
        remaining = 0
    # the elapsed part the validity rules judge: to yesterday at least — days after the area's last
    # data that have passed are missing days, not days still to come
    through = end if complete else min(end, max(last, as_of - timedelta(days=1)))
    valid, months = (figures.pm25_days, figures.pm25_months) if base in MEAN_OF else \
        (figures.aqi_days, figures.aqi_months)
    enough = validity.completeness(valid, months, start, end, through, annual_rule)
    if not enough.sufficient:
        return _insufficient(enough, "insufficient", figures, remaining)
    if comparator in ("improve", "not_worse"):
        if base in MEAN_OF and figures.previous_pm25_mean is not None and figures.previous_pm25_days is not None:
            before = validity.completeness(figures.previous_pm25_days, figures.previous_pm25_months,
                                           year_before(start), year_before(end), year_before(through),
                                           annual_rule)
            if not before.sufficient:
                return _insufficient(before, "insufficient_previous", figures, remaining)
        result = _year_on_year(base, comparator, figures, complete, remaining)
        result.completeness = enough
        return result
    if target is None:
        return Judgement("not_evaluable", "the target has no value", code="no_value")
    if base in MEAN_OF:
        if figures.pm25_mean is None:  # days counted without a mean: as good as no data
            return Judgement("not_evaluable", "no valid monitoring data for the period yet", code="no_data")
        result = _mean_at_most(Decimal(target), to_decimal(figures.pm25_mean), figures, complete, remaining)
    elif base == "good_day_ratio":
        result = _ratio_at_least(Decimal(target), figures, complete, remaining)
    elif base in ("heavy_days",):
        result = _count_at_most(int(target), figures, complete, remaining)
    else:  # heavy_ratio
        result = _heavy_ratio(Decimal(target), figures, complete, remaining)
    result.rule_sets = figures.rule_sets
    result.completeness = enough
    if figures.previous_pm25_mean and base in MEAN_OF and figures.pm25_mean is not None:
        result.year_on_year = gb8170((to_decimal(figures.pm25_mean) / to_decimal(figures.previous_pm25_mean) - 1) * 100, 1)
    return result


def year_before(day: date) -> date:
    """The same day a year before (29 February → 28 February)."""
    return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)


def _insufficient(enough: Completeness, code: str, f: Figures, remaining: int) -> Judgement:
    """Below the validity rules: the counts (and the months short), never met or missed."""
    short = "; ".join(enough.short)
    which = "the same period a year before rests on" if code == "insufficient_previous" else "the figure rests on"
    return Judgement("insufficient_data", f"{which} {enough.valid} valid {enough.unit} of the {enough.required} "
                     f"the rule asks ({enough.rule}){': ' + short if short else ''}", n_valid=enough.valid,
                     remaining_days=remaining, rule_sets=f.rule_sets, code=code, completeness=enough,
                     params={"valid": enough.valid, "required": enough.required, "unit": enough.unit,
                             "rule": enough.rule, "short": short})


def _mean_at_most(limit: Decimal, mean: Decimal, f: Figures, complete: bool, remaining: int) -> Judgement:
    """PM2.5 mean ≤ limit: the reported (integer) mean must not exceed the limit."""
    reported = gb8170(mean, 0)
    n = f.pm25_days
    value = gb8170(mean, 1)
    common: _Measured = {"value": value, "unit": "µg/m³", "n_valid": n, "remaining_days": remaining}
    if complete:
        return Judgement("met" if reported <= limit else "missed",
                         f"period mean {value} µg/m³ (reported {reported}) against ≤ {limit}",
                         code="mean_final", params={"value": value, "reported": reported, "limit": limit}, **common)
    # the reported mean rounds half-even, so the exact mean must stay below limit + 0.5
    bound = gb8170(((limit + Decimal("0.5")) * (n + remaining) - mean * n) / remaining, 1)
    text = f"the remaining {remaining} days must average below {bound} µg/m³"
    params: dict[str, object] = {"value": value, "limit": limit, "remaining": remaining, "bound": bound}
    if bound <= 0:
        return Judgement("missed", "the target can no longer be met: " + text, bound=bound, bound_text=text,
                         code="mean_impossible", params=params, **common)
    status = "on_track" if reported <= limit else "at_risk"
    why = f"mean to date {value} µg/m³ is {'within' if status == 'on_track' else 'above'} ≤ {limit}"
    return Judgement(status, f"{why}; {text}", bound=bound, bound_text=text,
                     code="mean_within" if status == "on_track" else "mean_above", params=params, **common)


def _ratio_at_least(target: Decimal, f: Figures, complete: bool, remaining: int) -> Judgement:
    """优良天数比率 ≥ target %: good days ÷ valid days, reported to one decimal."""
    ratio = gb8170(Decimal(f.good_days * 100) / f.aqi_days, 1)
    common: _Measured = {"value": ratio, "unit": "%", "n_valid": f.aqi_days, "remaining_days": remaining}
    params: dict[str, object] = {"ratio": ratio, "target": target, "good": f.good_days, "days": f.aqi_days,
                                 "remaining": remaining}
    if complete:
        return Judgement("met" if ratio >= target else "missed",
                         f"{f.good_days} good days of {f.aqi_days}: {ratio}% against ≥ {target}%",
                         code="ratio_final", params=params, **common)
    total = f.aqi_days + remaining
    # the fewest good days overall whose reported ratio (one decimal, GB/T 8170) reaches the target
    good_total = max(0, math.floor((target - Decimal("0.1")) * total / 100))
    while gb8170(Decimal(good_total * 100) / total, 1) < target:
        good_total += 1
    need = max(0, good_total - f.good_days)
    params["need"] = need
    text = (f"at least {need} of the remaining {remaining} days must be good (AQI ≤ 100)" if need
            else f"the target holds even if none of the remaining {remaining} days is good")
    if need > remaining:
        return Judgement("missed", "the target can no longer be met: " + text, bound=Decimal(need),
                         bound_text=text, code="ratio_impossible", params=params, **common)
    status = "on_track" if ratio >= target else "at_risk"
    return Judgement(status, f"{ratio}% good days to date against ≥ {target}%; {text}",
                     bound=Decimal(need), bound_text=text, code="ratio_running" if need else "ratio_safe",
                     params=params, **common)


def _count_at_most(limit: int, f: Figures, complete: bool, remaining: int) -> Judgement:
    """重污染天数 ≤ limit: a count that can only grow."""
    common: _Measured = {"value": Decimal(f.heavy_days), "unit": "天", "n_valid": f.aqi_days,
              "remaining_days": remaining}
    params: dict[str, object] = {"heavy": f.heavy_days, "limit": limit, "left": limit - f.heavy_days, "remaining": remaining}
    if f.heavy_days > limit:
        return Judgement("missed", f"{f.heavy_days} heavy-pollution days already exceed ≤ {limit}",
                         code="count_exceeded", params=params, **common)
    if complete:
        return Judgement("met", f"{f.heavy_days} heavy-pollution days against ≤ {limit}",
                         code="count_final", params=params, **common)
    left = limit - f.heavy_days
    text = f"at most {left} more heavy-pollution day(s) in the remaining {remaining} days"
    return Judgement("at_risk" if left == 0 else "on_track", f"{f.heavy_days} so far against ≤ {limit}; {text}",
                     bound=Decimal(left), bound_text=text, code="count_running", params=params, **common)


def _heavy_ratio(limit: Decimal, f: Figures, complete: bool, remaining: int) -> Judgement:
    """重污染天数比率 ≤ limit %."""
    ratio = gb8170(Decimal(f.heavy_days * 100) / f.aqi_days, 1)
    common: _Measured = {"value": ratio, "unit": "%", "n_valid": f.aqi_days, "remaining_days": remaining}
    allowed = int(limit * (f.aqi_days + remaining) / 100)
    params: dict[str, object] = {"ratio": ratio, "limit": limit, "heavy": f.heavy_days, "allowed": allowed,
              "left": allowed - f.heavy_days, "remaining": remaining}
    if complete:
        return Judgement("met" if ratio <= limit else "missed", f"{ratio}% against ≤ {limit}%",
                         code="heavy_ratio_final", params=params, **common)
    if f.heavy_days > allowed:
        return Judgement("missed", f"{f.heavy_days} heavy days already exceed the {allowed} a {limit}% "
                         "ratio allows", code="heavy_ratio_exceeded", params=params, **common)
    text = f"at most {allowed - f.heavy_days} more heavy-pollution day(s) in the remaining {remaining} days"
    return Judgement("on_track" if ratio <= limit else "at_risk", f"{ratio}% so far; {text}",
                     bound=Decimal(allowed - f.heavy_days), bound_text=text, code="heavy_ratio_running",
                     params=params, **common)


def _year_on_year(base: str, comparator: str, f: Figures, complete: bool, remaining: int) -> Judgement:
    """同比下降 / 稳中向好: compared with the same period of the previous year, to the same day."""
    if base == "good_day_ratio":  # 优良天数比例稳步提升: the ratios, higher is better
        if not f.previous_aqi_days or not f.aqi_days:
            return Judgement("not_evaluable", "no data for the same period of the previous year", code="yoy_no_previous")
        now = gb8170(Decimal(f.good_days * 100) / f.aqi_days, 1)
        before = gb8170(Decimal(f.previous_good_days * 100) / f.previous_aqi_days, 1)
        return replace(judge_level(comparator, None, now, unit="%", complete=complete, lower_is_better=False,
                                   previous=before), n_valid=f.aqi_days, remaining_days=remaining,
                       rule_sets=f.rule_sets)
    if base not in MEAN_OF:
        return Judgement("not_evaluable", "year-on-year judgement is available for PM2.5 and the good-day ratio "
                         "only", code="yoy_pm25_only")
    if f.previous_pm25_mean is None or f.pm25_mean is None:
        return Judgement("not_evaluable", "no data for the same period of the previous year", code="yoy_no_previous")
    now, before = to_decimal(f.pm25_mean), to_decimal(f.previous_pm25_mean)
    change = gb8170((now / before - 1) * 100, 1)
    better = now < before if comparator == "improve" else now <= before
    status = ("met" if better else "missed") if complete else ("on_track" if better else "at_risk")
    return Judgement(status, f"PM2.5 {gb8170(now, 1)} µg/m³ against {gb8170(before, 1)} a year before "
                     f"({change:+}%)", value=gb8170(now, 1), unit="µg/m³", n_valid=f.pm25_days,
                     remaining_days=remaining, year_on_year=change, rule_sets=f.rule_sets, code="yoy",
                     params={"now": gb8170(now, 1), "before": gb8170(before, 1), "change": f"{change:+}"})


# --- any figure against a level: water ratios, measurements, reported values -----------------

def judge_level(comparator: str, target: Decimal | None, value: Decimal | None, *, unit: str, complete: bool,
                lower_is_better: bool, precision: int = 1, tolerance: Decimal | None = None, previous: Decimal | None = None,
                baseline: Decimal | None = None, completeness: Completeness | None = None) -> Judgement:
    """One figure for a period against the target's level.

    ``value`` is the period's figure to date, compared at the reporting ``precision`` (GB/T 8170).
    ``complete`` says the period is over; before that the result is ``on_track``/``at_risk``, never
    ``met``/``missed``.  ``≈`` (左右) is met up to ``tolerance`` on the wrong side of the level (the
    indicator's direction says which side that is).  ``improve``/``not_worse``
    compare with ``previous`` (the same period a year before); ``reduce_by`` with ``baseline``.
    A figure resting on less data than its ``completeness`` rule asks is ``insufficient_data``.
    """
    if value is None:
        return Judgement("not_evaluable", "no valid figure for the period yet", code="no_data",
                         completeness=completeness)
    shown = gb8170(to_decimal(value), precision)
    common = {"value": shown, "unit": unit, "completeness": completeness,
              "n_valid": completeness.valid if completeness else 0}
    if completeness is not None and not completeness.sufficient:
        return Judgement("insufficient_data", f"{completeness.valid} valid {completeness.unit} of the "
                         f"{completeness.required} the rule asks ({completeness.rule})", code="insufficient",
                         params={"valid": completeness.valid, "required": completeness.required,
                                 "unit": completeness.unit, "rule": completeness.rule,
                                 "short": "; ".join(completeness.short)}, **common)  # type: ignore[arg-type]
    if comparator in ("improve", "not_worse"):
        if previous is None:
            return Judgement("not_evaluable", "no figure for the same period of the previous year",
                             code="yoy_no_previous", **common)  # type: ignore[arg-type]
        before = gb8170(to_decimal(previous), precision)
        if not lower_is_better:
            shown_, before_ = -shown, -before  # higher is better: compare the negatives
        else:
            shown_, before_ = shown, before
        better = shown_ < before_ if comparator == "improve" else shown_ <= before_
        return _settle(better, complete, f"{shown} against {before} a year before", "level_yoy",
                       {"value": shown, "before": before, "unit": unit}, common)
    if comparator == "reduce_by":
        if baseline is None or target is None:
            return Judgement("not_evaluable", "the target needs its baseline value", code="no_baseline",
                             **common)  # type: ignore[arg-type]
        fall = gb8170((1 - to_decimal(value) / to_decimal(baseline)) * 100, 1)
        return _settle(fall >= target, complete, f"down {fall}% from {baseline} against {target}%",
                       "level_reduce", {"fall": fall, "baseline": baseline, "target": target}, common)
    if target is None:
        return Judgement("not_evaluable", "the target has no value", code="no_value", **common)  # type: ignore[arg-type]
    target = plain(Decimal(target))
    if comparator == "≈":
        band = tolerance if tolerance is not None else Decimal(0)
        ok = shown <= target + band if lower_is_better else shown >= target - band
        return _settle(ok, complete, f"{shown} {unit} against about {target} (± {band})", "level_about",
                       {"value": shown, "target": target, "band": band, "unit": unit}, common)
    checks = {"<=": shown <= target, ">=": shown >= target, "<": shown < target, ">": shown > target,
              "=": shown == target}
    if comparator not in checks:
        return Judgement("not_evaluable", f"comparator “{comparator}” cannot be judged on a figure",
                         code="bad_comparator", params={"comparator": comparator}, **common)  # type: ignore[arg-type]
    return _settle(checks[comparator], complete, f"{shown} {unit} against {comparator} {target}", "level",
                   {"value": shown, "comparator": comparator, "target": target, "unit": unit}, common)


def _settle(ok: bool, complete: bool, reason: str, code: str, params: dict[str, object],
            common: dict[str, object]) -> Judgement:
    status = ("met" if ok else "missed") if complete else ("on_track" if ok else "at_risk")
    return Judgement(status, reason, code=code, params=params, **common)  # type: ignore[arg-type]
