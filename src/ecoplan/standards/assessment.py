"""Assessment statistics — 环境空气质量评价 (HJ 663): percentiles, validity, day counts.

One small function per rule; the engine in ``ecoplan.analytics`` computes the same in SQL and
is tested against these.
"""
from __future__ import annotations

import calendar
from collections.abc import Iterable
from decimal import Decimal

from .packs import RuleSet
from .rounding import Number, to_decimal


def percentile(values: Iterable[Number | None], p: Number) -> Decimal | None:
    """HJ 663 percentile (standards.md §3.4): k = 1 + (n − 1)·p%, s = ⌊k⌋,
    m = X(s) + (X(s+1) − X(s))·(k − s) on the ascending values."""
    xs = sorted(to_decimal(v) for v in values if v is not None)
    if not xs:
        return None
    k = 1 + (len(xs) - 1) * to_decimal(p) / 100
    s = int(k)
    if s >= len(xs):
        return xs[-1]
    return xs[s - 1] + (xs[s] - xs[s - 1]) * (k - s)


def daily_mean_valid(hours: int, rules: RuleSet) -> bool:
    """GB 3095 表4: a daily mean needs ≥ 20 hourly values."""
    return hours >= rules.limits.validity["daily_min_hours"]


def month_min_days(year: int, month: int, rules: RuleSet) -> int:
    """GB 3095 表4: the fewest daily means a month asks — 27, 25 in February."""
    need = rules.limits.validity["february_min_days" if month == 2 else "monthly_min_days"]
    return min(need, calendar.monthrange(year, month)[1])


def month_valid(days: int, year: int, month: int, rules: RuleSet) -> bool:
    """GB 3095 表4: ≥ 27 daily means a month, ≥ 25 in February."""
    return days >= month_min_days(year, month, rules)


def annual_min_days(rules: RuleSet) -> int:
    """GB 3095 表4: the fewest daily means an annual mean asks (324)."""
    return rules.limits.validity["annual_min_days"]


def annual_valid(days: int, rules: RuleSet) -> bool:
    """GB 3095 表4: an annual mean needs ≥ 324 daily means."""
    return days >= annual_min_days(rules)


def is_good_day(aqi_value: int | None, rules: RuleSet) -> bool:
    """优良天: AQI ≤ 100."""
    return aqi_value is not None and aqi_value <= rules.assessment.good_max_aqi


def is_heavy_day(aqi_value: int | None, rules: RuleSet) -> bool:
    """重污染天: AQI > 200."""
    return aqi_value is not None and aqi_value >= rules.assessment.heavy_min_aqi


def good_day_ratio(aqi_values: Iterable[int | None], rules: RuleSet) -> tuple[Decimal | None, int, int]:
    """优良天数比例 = good days ÷ valid days × 100 %; returns (ratio, good, valid)."""
    valid = [a for a in aqi_values if a is not None]
    good = sum(1 for a in valid if is_good_day(a, rules))
    ratio = Decimal(good * 100) / len(valid) if valid else None
    return ratio, good, len(valid)

