"""HJ 633 IAQI/AQI: the standard's test vectors (standards.md §2.7), properties, both editions."""
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecoplan.standards import aqi, packs

P2012 = packs.get("2012").aqi
P2026 = packs.get("2026").aqi

VECTORS = [  # series, concentration, IAQI 2012, IAQI 2026
    ("pm25_24h", "35", 50, 50),
    ("pm25_24h", "36", 52, 52),
    ("pm25_24h", "60", 82, 100),
    ("pm25_24h", "75", 100, 114),
    ("pm25_24h", "76", 102, 115),
    ("pm10_24h", "120", 85, 100),
    ("pm10_24h", "150", 100, 112),
    ("so2_24h", "151", 101, 101),
    ("co_24h", "4.1", 101, 101),
    ("o3_8h", "266", 201, 201),
    ("pm25_24h", "116", 152, 152),
    ("pm25_24h", "151", 201, 201),
    ("pm25_24h", "251", 301, 301),
]


@pytest.mark.parametrize("series,conc,v2012,v2026", VECTORS)
def test_iaqi_vectors(series, conc, v2012, v2026):
    assert aqi.iaqi(P2012, series, Decimal(conc)) == v2012
    assert aqi.iaqi(P2026, series, Decimal(conc)) == v2026


def test_above_the_table():
    # SO2 1-h > 800: 2012 uses the 24-h IAQI, 2026 fixes 200; O3 8-h > 800: 1-h IAQI / 300
    assert aqi.iaqi(P2012, "so2_1h", 801, {"so2_24h": 151}) == 101
    assert aqi.iaqi(P2026, "so2_1h", 801) == 200
    assert aqi.iaqi(P2012, "o3_8h", 801, {"o3_1h": 801}) == 301
    assert aqi.iaqi(P2026, "o3_8h", 801) == 300


def test_2026_pre_rounding_half_even():
    assert aqi.iaqi(P2026, "pm25_24h", Decimal("60.5")) == 100  # → 60 (half-even)
    assert aqi.iaqi(P2026, "pm25_24h", Decimal("60.6")) == 101
    assert aqi.iaqi(P2012, "pm25_24h", Decimal("60.5")) == 82  # 81.875: no pre-rounding in 2012


def test_float_noise_does_not_cross_a_level():
    assert aqi.iaqi(P2012, "pm25_24h", 35.0) == 50


def test_aqi_level_primary_and_exceeding():
    r = aqi.daily_aqi(P2012, {"pm25_24h": 76, "pm10_24h": 150, "so2_24h": 5, "no2_24h": 30,
                               "co_24h": 1, "o3_1h_max": 100, "o3_8h_max": 80})
    assert (r.aqi, r.level, r.category, r.colour) == (102, "三级", "轻度污染", "#FF7E00")
    assert r.primary == ["pm25_24h"] and r.exceeding == ["pm25_24h"]
    assert r.primary_text == "细颗粒物(PM2.5)"


def test_no_primary_pollutant_at_or_below_50():
    r = aqi.daily_aqi(P2012, {**{s: 1 for s in P2012.daily_series}, "co_24h": "0.1"})
    assert r.aqi == 3 and r.category == "优" and r.primary == []


def test_2026_missing_indicator_rule():
    partial = {"pm25_24h": 40, "pm10_24h": 40}
    assert aqi.daily_aqi(P2026, partial).aqi is None  # ≤ 100 with data missing: NA
    assert aqi.daily_aqi(P2026, {"pm25_24h": 200}).aqi == 250  # > 100: published
    assert aqi.daily_aqi(P2026, partial).iaqi["pm25_24h"] == 60
    assert aqi.daily_aqi(P2026, {"pm25_24h": 0, **{s: 0 for s in P2026.daily_series}}).aqi == 1


conc = st.decimals(min_value=0, max_value=500, places=1, allow_nan=False, allow_infinity=False)


@given(conc, conc)
def test_iaqi_is_monotone(a, b):
    lo, hi = sorted((a, b))
    for pack in (P2012, P2026):
        assert aqi.iaqi(pack, "pm25_24h", lo) <= aqi.iaqi(pack, "pm25_24h", hi)


@given(st.sampled_from(["pm25_24h", "pm10_24h", "so2_24h", "no2_24h", "co_24h", "o3_8h"]),
       st.sampled_from([P2012, P2026]), st.data())
def test_iaqi_continuous_at_breakpoints_and_a_ceiling(series, pack, data):
    table = pack.breakpoints[series]
    index = data.draw(st.integers(min_value=1, max_value=len(table.conc) - 1))
    bp = table.conc[index]
    assert aqi.iaqi(pack, series, bp) == table.iaqi[index]  # exact at the breakpoint
    step = Decimal("0.1") if series.startswith("co") or pack.pre_round == "none" else Decimal(1)
    below = aqi.iaqi(pack, series, bp - step)
    assert table.iaqi[index - 1] <= below <= table.iaqi[index]  # no jump across it
    # ceiling: the IAQI is never below the exact interpolated value
    lo = table.conc[index - 1]
    mid = (lo + bp) / 2
    rounded = aqi.pre_round(pack, series, mid)
    exact = (Fraction(table.iaqi[index] - table.iaqi[index - 1]) * Fraction(rounded - lo)
             / Fraction(bp - lo) + table.iaqi[index - 1])
    assert aqi.iaqi(pack, series, mid) >= exact
    assert aqi.iaqi(pack, series, mid) - exact < 1


def test_rule_set_by_date():
    from datetime import date

    assert packs.rules_for(date(2024, 5, 1)).name == "2012"
    assert packs.rules_for(date(2026, 3, 1)).name == "2026"
    assert packs.rules_for(date(2026, 2, 28)).name == "2012"
    assert packs.rules_for(date(2031, 1, 1)).limits.limit("pm25", "annual") == 25
    assert packs.get("2026").limits.limit("pm25", "annual") == 30
