"""The indicator catalogue: every indicator a plan sets a target on (domain.md §6).

One row each: code, the name as the catalogue prints it, default unit, direction (lower is
better: concentrations, days, ratios of bad things), and the **source** that judges it — one of
``SOURCES`` below, each a way ecoplan comes by the figure:

* ``air`` — the air engine, from station hours (HJ 633 / HJ 663);
* ``water`` — the surface-water sections and their samples (GB 3838-2002);
* ``measurement`` — a monthly measuring network that is not hourly: dust-fall jars, TSP, road
  dust load, noise points;
* ``ranking`` — the municipality's published ranking of streets and towns (``_rank`` codes);
* ``reported`` — a figure a unit reports with its source and evidence (statistics, emission
  reductions, cover rates, works counted), accepted by the coordinator.

Two more sources depend on the target, not the indicator (``source_of``): ``qualitative`` (no
measurable quantity: 得到有效管控 — judged by the coordinator with a reason) and ``record`` (a
period that ended before the plan began: the previous plan's achievement, shown, not judged).

``_q1`` codes are the first-quarter variant of their base; ``_rank`` codes (citywide bottom N)
are built by the reader from a base code.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import Term
from . import gettext_noop as _


@dataclass(frozen=True)
class Indicator:
    code: str
    zh: str
    unit: str
    lower_is_better: bool
    source: str  # one of SOURCES


SOURCES = (
    Term("air", _("air monitoring"), "空气质量监测"),
    Term("water", _("surface-water sections"), "地表水断面监测"),
    Term("measurement", _("monthly measurements"), "月度监测"),
    Term("ranking", _("municipal ranking"), "全市排名"),
    Term("reported", _("reported value"), "报送数值"),
    Term("qualitative", _("coordinator's judgement"), "定性评价"),
    Term("record", _("previous plan's record"), "上期规划完成情况"),
)
SOURCE_CODES = tuple(t.code for t in SOURCES)

INDICATORS = (
    Indicator("pm25_q1", "一季度PM2.5累计浓度", "µg/m³", True, "air"),
    Indicator("pm25", "PM2.5年均浓度", "µg/m³", True, "air"),
    Indicator("so2_annual", "二氧化硫年均浓度", "µg/m³", True, "air"),
    Indicator("no2_annual", "二氧化氮年均浓度", "µg/m³", True, "air"),
    Indicator("good_day_ratio", "优良天数比率", "%", False, "air"),
    Indicator("heavy_days_q1", "一季度重污染天数", "天", True, "air"),
    Indicator("heavy_ratio", "重污染天数比率", "%", True, "air"),
    Indicator("heavy_days", "重污染天数", "天", True, "air"),
    Indicator("tsp", "TSP年均浓度", "µg/m³", True, "measurement"),
    Indicator("dustfall", "降尘量", "吨/平方公里·月", True, "measurement"),
    Indicator("road_dust", "道路尘负荷", "克/平方米", True, "measurement"),
    Indicator("residual_dust", "道路尘土残存量", "克/平方米", True, "measurement"),
    Indicator("noise_regional", "区域环境噪声平均值", "分贝", True, "measurement"),
    Indicator("noise_traffic", "交通干线噪声平均值", "分贝", True, "measurement"),
    Indicator("good_water_ratio", "优良水体比例", "%", False, "water"),
    Indicator("worse_v_water", "劣Ⅴ类水体比例", "%", True, "water"),
    Indicator("worse_v_river_length", "劣Ⅴ类水质河长比例", "%", True, "water"),
    Indicator("section_compliance", "考核断面达标率", "%", False, "water"),
    Indicator("drinking_source_compliance", "集中式饮用水水源地水质达标率", "%", False, "water"),
    Indicator("voc_reduction", "VOCs减排量", "吨", False, "reported"),
    Indicator("nox_reduction", "NOx减排量", "吨", False, "reported"),
    Indicator("so2_reduction", "二氧化硫削减率", "%", False, "reported"),
    Indicator("cod_reduction", "COD减排量", "吨", False, "reported"),
    Indicator("nh3n_reduction", "氨氮减排量", "吨", False, "reported"),
    Indicator("farmland_safe_use", "受污染耕地安全利用率", "%", False, "reported"),
    Indicator("construction_safe_use", "重点建设用地安全利用率", "%", False, "reported"),
    Indicator("carbon_total", "碳排放总量", "万吨", True, "reported"),
    Indicator("co2_intensity", "碳排放强度下降率", "%", False, "reported"),
    Indicator("eco_index", "生态环境质量指数（EI）", "", False, "reported"),
    Indicator("eco_redline_ratio", "生态保护红线占全域面积比例", "%", False, "reported"),
    Indicator("green_cover", "绿化覆盖率", "%", False, "reported"),
    Indicator("forest_cover", "森林覆盖率", "%", False, "reported"),
    Indicator("wetland_protection", "湿地保护率", "%", False, "reported"),
    Indicator("green_view", "绿视率", "%", False, "reported"),
    Indicator("sponge_city", "海绵城市达标面积比例", "%", False, "reported"),
    Indicator("water_use_per_gdp", "万元GDP用水量", "立方米/万元", True, "reported"),
    Indicator("afforestation", "造林绿化面积", "亩", False, "reported"),
    Indicator("water_energy_per_gdp", "单位GDP水耗、能耗", "", False, "reported"),
    Indicator("sewage_treatment", "污水处理率", "%", False, "reported"),
    Indicator("industrial_wastewater_compliance", "工业废水排放稳定达标率", "%", False, "reported"),
    Indicator("industrial_gas_compliance", "工业废气排放稳定达标率", "%", False, "reported"),
    Indicator("medical_wastewater_compliance", "医疗废水排放达标率", "%", False, "reported"),
    Indicator("hazardous_waste_disposal", "危险废物处置利用率", "%", False, "reported"),
    Indicator("waste_recycling", "生活垃圾回收利用率", "%", False, "reported"),
    Indicator("grid_coverage", "网格化监管覆盖率", "%", False, "reported"),
    Indicator("biodiversity_reserves", "生物多样性保育小区", "个", False, "reported"),
    Indicator("voc_product_samples", "含VOCs产品抽检数量", "个", False, "reported"),
    Indicator("forklifts_electrified", "叉车电动化数量", "辆", False, "reported"),
    Indicator("gas_station_leak_checks", "加油站、储油库防渗漏抽查", "家", False, "reported"),
)
BY_CODE = {i.code: i for i in INDICATORS}
# the campaign each indicator belongs to (plans.models.Annex.Theme): how the pages group targets
THEMES = {
    "air": ("pm25_q1", "pm25", "so2_annual", "no2_annual", "good_day_ratio", "heavy_days_q1", "heavy_ratio",
            "heavy_days", "tsp", "dustfall", "road_dust", "residual_dust", "voc_reduction", "nox_reduction", "so2_reduction",
            "voc_product_samples", "forklifts_electrified", "gas_station_leak_checks"),
    "water": ("good_water_ratio", "worse_v_water", "worse_v_river_length", "section_compliance",
              "drinking_source_compliance", "cod_reduction", "nh3n_reduction", "water_use_per_gdp", "sponge_city",
              "sewage_treatment", "industrial_wastewater_compliance", "medical_wastewater_compliance"),
    "soil": ("farmland_safe_use", "construction_safe_use", "hazardous_waste_disposal", "waste_recycling"),
    "climate": ("carbon_total", "co2_intensity", "water_energy_per_gdp"),
    "ecology": ("eco_index", "eco_redline_ratio", "green_cover", "forest_cover", "wetland_protection", "green_view",
                "afforestation", "biodiversity_reserves"),
    "other": ("noise_regional", "noise_traffic", "industrial_gas_compliance", "grid_coverage"),
}
THEME_OF = {code: theme for theme, codes in THEMES.items() for code in codes}
RANK_SUFFIX = "_rank"  # pm25_rank: the times a sub-area was in the citywide bottom N
# a ranking target's N, kept in Target.conditions as printed (后30名 → "bottom_30")
BOTTOM_PREFIX = "bottom_"
QUARTER_SUFFIX = "_q1"

# the air indicators judged on a pollutant's period mean (HJ 663 §3.3), and that pollutant
MEAN_OF = {"pm25": "pm25", "so2_annual": "so2", "no2_annual": "no2"}

LOWER_IS_BETTER = frozenset(i.code for i in INDICATORS if i.lower_is_better)
# what the air engine computes (ecoplan.analytics.judgement judges these)
EVALUABLE = frozenset(i.code for i in INDICATORS if i.source == "air")


def base_code(code: str) -> str:
    """pm25_q1 → pm25; pm25_rank → pm25: the catalogue row a variant belongs to."""
    return code.removesuffix(QUARTER_SUFFIX).removesuffix(RANK_SUFFIX)


def bottom_n(conditions: list[str]) -> int | None:
    """The N of a ``_rank`` target (its conditions hold ``bottom_30`` for 后30名), None if unstated."""
    for condition in conditions:
        if condition.startswith(BOTTOM_PREFIX) and condition[len(BOTTOM_PREFIX):].isdigit():
            return int(condition[len(BOTTOM_PREFIX):])
    return None


def source_of(code: str, comparator: str, *, before_plan: bool = False) -> str:
    """The source that judges a target: ``record`` for the previous plan's period, ``ranking`` for
    ``_rank`` codes, ``qualitative`` for a target with no indicator or no measurable comparator,
    else the catalogue's source of the indicator."""
    if before_plan:
        return "record"
    if code.endswith(RANK_SUFFIX):
        return "ranking"
    if not code or comparator == "qualitative" or base_code(code) not in BY_CODE:
        return "qualitative"
    return BY_CODE[base_code(code)].source


def theme_of(code: str) -> str | None:
    """The catalogue's theme of an indicator (its variants included); None for an uncatalogued one."""
    return THEME_OF.get(base_code(code))


def default_comparator(code: str) -> str:
    """达到 / a bare table value: ≤ where lower is better (concentrations, days), else ≥ (§6)."""
    return "<=" if code in LOWER_IS_BETTER else ">="
