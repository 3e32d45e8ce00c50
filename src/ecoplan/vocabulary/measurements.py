"""Monthly measuring networks that are not hourly (standards.md §7): the kinds of measuring site,
the indicators each one measures, the unit spellings a measurement file may use, the flags a
value may carry, and the pollutants of the municipality's street/town ranking.

Pure (no Django).  The indicators themselves (code, name, unit, direction) are rows of
``vocabulary.indicators``; this module only says which site measures which of them.
"""
from __future__ import annotations

from . import Term
from . import gettext_noop as _

# 监测点位类型: what a site is, and the indicators (catalogue codes) its values may be
SITE_KINDS = (
    Term("dustfall_jar", _("dust-fall jar"), "降尘缸"),
    Term("tsp_site", _("TSP sampling site"), "TSP监测点位"),
    Term("road_dust_site", _("road dust load survey"), "道路尘负荷监测"),
    Term("residual_dust_site", _("residual road dust survey"), "道路尘土残存量监测"),
    Term("noise_point", _("noise monitoring point"), "噪声监测点位"),
)
SITE_KIND_CODES = tuple(t.code for t in SITE_KINDS)
MEASURES = {
    "dustfall_jar": ("dustfall",),
    "tsp_site": ("tsp",),
    "road_dust_site": ("road_dust",),
    "residual_dust_site": ("residual_dust",),
    "noise_point": ("noise_regional", "noise_traffic"),
}
MEASURED = tuple(code for codes in MEASURES.values() for code in codes)

# reporting precision (decimals) of each measured indicator, as the bulletins print it
PRECISION = {"dustfall": 1, "tsp": 0, "road_dust": 2, "residual_dust": 1, "noise_regional": 1, "noise_traffic": 1}

# a unit as a measurement file may print it → the catalogue's unit of that indicator
UNIT_SPELLINGS = {
    "dustfall": ("吨/平方公里·月", "t/km2·month", "t/(km2·month)", "t/(km²·month)", "t/km²·month",
                 "t/(km²·30d)", "t/(km2·30d)", "吨/(平方公里·月)", "t/km2/month"),
    "tsp": ("µg/m³", "μg/m³", "ug/m3", "μg/m3", "微克/立方米"),
    "road_dust": ("克/平方米", "g/m2", "g/m²"),
    "residual_dust": ("克/平方米", "g/m2", "g/m²"),
    "noise_regional": ("分贝", "dB", "dB(A)", "dBA"),
    "noise_traffic": ("分贝", "dB", "dB(A)", "dBA"),
}

# flags a monthly value may carry (a column of the file, or set by the register)
FLAGS = (
    Term("sand_dust", _("affected by sand and dust"), "受沙尘影响"),
    Term("estimated", _("estimated value"), "估算值"),
)
FLAG_CODES = tuple(t.code for t in FLAGS)

# 全市街道（乡镇）排名 — what the municipality ranks streets and towns on, and the _rank code
RANKED = (
    Term("pm25", _("PM2.5 monthly mean"), "PM2.5月均浓度"),
    Term("tsp", _("TSP monthly mean"), "TSP月均浓度"),
    Term("road_dust", _("road dust load"), "道路尘负荷"),
)
RANKED_CODES = tuple(t.code for t in RANKED)
