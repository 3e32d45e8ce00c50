"""The indicator catalogue: every indicator a plan sets a target on (domain.md §6).

One row each: code, the name as the catalogue prints it, default unit, direction (lower is
better: concentrations, days, ratios of bad things), and how it is measured:

* ``air`` — computed by ecoplan's air engine from station hours (judged automatically);
* ``monitoring`` — another monitoring network (water sections, dustfall, TSP), not in ecoplan yet;
* ``statistics`` — a statistical or departmental figure (emissions, cover rates, GDP ratios);
* ``count`` — works done, counted from the units' reports.

``_q1`` codes are the first-quarter variant of their base; ``_rank`` codes (citywide bottom N)
are built by the reader from a base code.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    code: str
    zh: str
    unit: str
    lower_is_better: bool
    measured: str  # air / monitoring / statistics / count


INDICATORS = (
    Indicator("pm25_q1", "一季度PM2.5累计浓度", "µg/m³", True, "air"),
    Indicator("pm25", "PM2.5年均浓度", "µg/m³", True, "air"),
    Indicator("tsp", "TSP年均浓度", "µg/m³", True, "monitoring"),
    Indicator("good_day_ratio", "优良天数比率", "%", False, "air"),
    Indicator("heavy_days_q1", "一季度重污染天数", "天", True, "air"),
    Indicator("heavy_ratio", "重污染天数比率", "%", True, "air"),
    Indicator("heavy_days", "重污染天数", "天", True, "air"),
    Indicator("dustfall", "降尘量", "吨/平方公里·月", True, "monitoring"),
    Indicator("voc_reduction", "VOCs减排量", "吨", False, "statistics"),
    Indicator("nox_reduction", "NOx减排量", "吨", False, "statistics"),
    Indicator("cod_reduction", "COD减排量", "吨", False, "statistics"),
    Indicator("nh3n_reduction", "氨氮减排量", "吨", False, "statistics"),
    Indicator("good_water_ratio", "优良水体比例", "%", False, "monitoring"),
    Indicator("worse_v_water", "劣Ⅴ类水体比例", "%", True, "monitoring"),
    Indicator("section_compliance", "考核断面达标率", "%", False, "monitoring"),
    Indicator("farmland_safe_use", "受污染耕地安全利用率", "%", False, "statistics"),
    Indicator("construction_safe_use", "重点建设用地安全利用率", "%", False, "statistics"),
    Indicator("co2_intensity", "碳排放强度下降率", "%", False, "statistics"),
    Indicator("eco_index", "生态环境质量指数（EI）", "", False, "statistics"),
    Indicator("green_cover", "绿化覆盖率", "%", False, "statistics"),
    Indicator("forest_cover", "森林覆盖率", "%", False, "statistics"),
    Indicator("wetland_protection", "湿地保护率", "%", False, "statistics"),
    Indicator("green_view", "绿视率", "%", False, "statistics"),
    Indicator("sponge_city", "海绵城市达标面积比例", "%", False, "statistics"),
    Indicator("water_use_per_gdp", "万元GDP用水量", "%", True, "statistics"),
    Indicator("afforestation", "造林绿化面积", "亩", False, "statistics"),
    Indicator("biodiversity_reserves", "生物多样性保育小区", "个", False, "count"),
    Indicator("water_energy_per_gdp", "单位GDP水耗、能耗", "", False, "statistics"),
    Indicator("voc_product_samples", "含VOCs产品抽检数量", "个", False, "count"),
    Indicator("forklifts_electrified", "叉车电动化数量", "辆", False, "count"),
    Indicator("gas_station_leak_checks", "加油站、储油库防渗漏抽查", "家", False, "count"),
)
BY_CODE = {i.code: i for i in INDICATORS}
MEASURED = ("air", "monitoring", "statistics", "count")

LOWER_IS_BETTER = frozenset(i.code for i in INDICATORS if i.lower_is_better)
# what ecoplan can judge today: the indicators its air engine computes
EVALUABLE = frozenset(i.code for i in INDICATORS if i.measured == "air")


def default_comparator(code: str) -> str:
    """达到 / a bare table value: ≤ where lower is better (concentrations, days), else ≥ (§6)."""
    return "<=" if code in LOWER_IS_BETTER else ">="
