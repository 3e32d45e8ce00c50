"""What a ranking may rank (排名指标): one row per metric — its code, English label (the gettext
msgid), Chinese name, unit, direction, the places a publication prints it to, and the **source**
that computes it for a set of sub-areas and a period (``ecoplan.rankings.sources``).

The air metrics are the pollutants' period statistics (HJ 663 §3.3: annual-type means, CO's 95th
and O3-MDA8's 90th percentile), the good-day ratio and heavy-pollution days (standards.md §3.7)
and the composite index (综合指数, §3.9).  The monthly-network, water and reported metrics are the
indicator catalogue's rows (``indicators.INDICATORS``: direction and unit from there); the
supervision metrics rank the sub-areas' own units on their monthly reporting.

Places: what the Beijing bulletins print (standards.md §3.6, §7): concentrations in whole µg/m³,
CO to 0.1 mg/m³, ratios to 0.1 %, the composite index to 0.01, dust fall to 0.1 t/(km²·month),
road dust to 0.01 g/m² (``measurements.PRECISION``).  A ranking definition may round otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import Term
from . import gettext_noop as _
from .indicators import INDICATORS
from .measurements import PRECISION


@dataclass(frozen=True)
class Metric:
    code: str
    label: str  # English: the gettext msgid
    zh: str
    unit: str
    lower_is_better: bool
    places: int  # decimal places as published
    source: str  # air, measurement, water, reported, supervision
    clause: str = ""  # what defines it

    @property
    def view_kind(self) -> str:
        """The access kind (plans.access) whose figures the metric shows: who may see them may rank them."""
        return SOURCE_KINDS[self.source]


# the access kind of each source's figures: the monitoring data is published; a reported value is
# its unit's until the bureau publishes it (a role that sees only its own ranks on accepted values
# and learns nothing of the others' review states); the supervision figures are the assessment's
SOURCE_KINDS = {
    "air": "station",
    "measurement": "measurement_site",
    "water": "water_section",
    "reported": "reported_value",
    "supervision": "assessment",
}


_AIR = (
    Metric("pm25", _("PM2.5 concentration"), "PM2.5浓度", "µg/m³", True, 0, "air", "HJ 663 §3.3"),
    Metric("pm10", _("PM10 concentration"), "PM10浓度", "µg/m³", True, 0, "air", "HJ 663 §3.3"),
    Metric("no2", _("NO2 concentration"), "二氧化氮浓度", "µg/m³", True, 0, "air", "HJ 663 §3.3"),
    Metric("so2", _("SO2 concentration"), "二氧化硫浓度", "µg/m³", True, 0, "air", "HJ 663 §3.3"),
    Metric("co", _("CO 95th percentile"), "一氧化碳第95百分位数浓度", "mg/m³", True, 1, "air", "HJ 663 §3.3"),
    Metric("o3", _("O3 MDA8 90th percentile"), "臭氧日最大8小时第90百分位数浓度", "µg/m³", True, 0, "air",
           "HJ 663 §3.3"),
    Metric("good_day_ratio", _("good-day ratio"), "优良天数比例", "%", False, 1, "air", "standards.md §3.7"),
    Metric("heavy_days", _("heavy-pollution days"), "重污染天数", "天", True, 0, "air", "standards.md §3.7"),
    Metric("composite_index", _("composite air quality index"), "环境空气质量综合指数", "", True, 2, "air",
           "HJ 663 §3.9 (standards.md §3.9)"),
)
# the measured indicators print as the bulletins print them (one table: vocabulary.measurements)
_PLACES = PRECISION
_FROM_CATALOGUE = tuple(
    Metric(i.code, i.zh, i.zh, i.unit, i.lower_is_better, _PLACES.get(i.code, 1), i.source)
    for i in INDICATORS if i.source in ("measurement", "water", "reported"))
_SUPERVISION = (
    Metric("on_time_ratio", _("on-time reporting"), "按时报送率", "%", False, 1, "supervision",
           "share of the cycles' reports submitted by their due date"),
    Metric("overdue_measures", _("overdue measures"), "逾期未完成任务数", "项", True, 0, "supervision",
           "measures past their deadline and not reported done"),
)
METRICS = _AIR + _FROM_CATALOGUE + _SUPERVISION
BY_CODE = {m.code: m for m in METRICS}
CODES = tuple(m.code for m in METRICS)

MAX_PLACES = 4  # a ranking definition may round to at most 4 decimals
MAX_N = 1000  # bottom/top N of a ranking: more than any district has sub-areas

# ranking on the improvement rate (改善率) instead of the value: higher is better, % to 0.1
ORDERS = (("value", _("value")), ("improvement", _("improvement rate")))

# how a publication rounds before it ranks: the codes of ``analytics.ranking.ROUNDINGS``, named
ROUNDING_RULES = (
    Term("gb8170", _("GB/T 8170 rounding"), "GB/T 8170数值修约"),  # half to even on the exact value
    Term("half_up", _("rounding half up"), "四舍五入"),
)
