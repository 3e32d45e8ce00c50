from decimal import Decimal

import pytest

from ecoplan.importers.targets import extract, parse_cell


def one(text, **kw):
    found = extract(text, 1, 2024, **kw)
    assert len(found) == 1, found
    return found[0]


def test_concentration_reached_means_at_most():
    t = one("PM2.5 年均浓度达到 30 微克/立方米")
    assert (t.indicator_code, t.comparator, t.value, t.unit) == ("pm25", "<=", Decimal(30), "µg/m³")


def test_rate_reached_means_at_least():
    assert one("优良天数比率达到 76%").comparator == ">="


def test_dust_exclusion_and_about():
    t = one("全区降尘量控制在 5 吨/平方公里·月左右（扣除沙尘影响）")
    assert (t.comparator, t.conditions) == ("≈", ["excluding_dust"])


def test_two_indicators_share_a_phrase():
    found = extract("PM2.5、TSP 年均浓度实现同比下降", 1, 2024)
    assert [(t.indicator_code, t.comparator) for t in found] == [("pm25", "improve"), ("tsp", "improve")]


def test_eliminate_and_municipal():
    assert one("无劣Ⅴ类水体").value == 0
    assert one("单位国内生产总值水耗、能耗达到市级要求").comparator == "municipal"


def test_soft_target():
    assert one("生态环境质量指数（EI）力争稳中向好").soft


def test_table_cells():
    assert parse_cell("x", ">95", 1).comparator == ">"
    assert parse_cell("x", "≥970", 1).value == 970
    assert parse_cell("x", "15 左右", 1).comparator == "≈"
    assert parse_cell("x", "达到市级要求", 1).comparator == "municipal"
    assert parse_cell("x", "基本消除", 1).comparator == "≈"
    assert parse_cell("x", "/", 1) is None


@pytest.mark.parametrize("sentence,values", [
    ("氮氧化物、挥发性有机物重点工程减排量分别不低于 1730 吨和 970 吨", {"nox_reduction": 1730, "voc_reduction": 970}),
    ("挥发性有机物、氮氧化物累计减排量分别达到 500 吨、800 吨", {"voc_reduction": 500, "nox_reduction": 800}),
])
def test_respectively_pairs_values_in_order(sentence, values):
    """分别: the n-th value belongs to the n-th indicator (issue #8, Fengtai line 246)."""
    assert {t.indicator_code: t.value for t in extract(sentence, 1, 2025)} == values


def test_a_rank_target_keeps_its_n_and_a_continuing_clause_its_scope():
    """后 30 名 / 后 10 名: the N is kept (``bottom_30``) for the ranking judge; the 并力争… clause
    speaks of the same 各街道乡镇 as the clause before it."""
    from ecoplan.importers.targets import statements
    from ecoplan.vocabulary.indicators import bottom_n

    text = "各街道乡镇全年进入全市 PM2.5 月均浓度后 30 名的频次同比下降，并力争不进入每月全市 PM2.5 浓度后 10 名。"
    assert [(t.area, t.conditions) for t in statements(text, 1)] == [("各街道乡镇", ["bottom_30"]),
                                                                     ("各街道乡镇", ["bottom_10"])]
    first, second = extract(text, 1)
    assert (first.indicator_code, first.comparator, bottom_n(first.conditions), first.area) == \
        ("pm25_rank", "improve", 30, "各街道乡镇")
    assert (second.comparator, second.value, bottom_n(second.conditions), second.area) == \
        ("=", 0, 10, "各街道乡镇")
    assert {t.area for t in extract("PM2.5 年均浓度达到 35 微克/立方米，并力争达到 33 微克/立方米。", 1)} == {""}
