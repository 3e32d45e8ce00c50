"""The plan year comes from the document — title, 文号, issue date, dated deadlines — never the clock."""
from datetime import date

import pytest

from ecoplan.importers import import_bytes
from ecoplan.importers.model import PlanMeta
from ecoplan.importers.notice import YEAR_EVIDENCE, plan_year
from ecoplan.vocabulary.deadlines import DATED

from ..conftest import DEMO

# (title, 文号, issue date, text, expected year)
EVIDENCE = [
    ("演示区 2026 年行动计划", "演政办发〔2025〕1号", date(2025, 12, 30), "", 2026),  # title first
    ("演示区2024年度大气污染防治工作要点", "", None, "", 2024),
    ("大兴区持续深入打好污染防治攻坚战 2024年行动计划", "", None, "", 2024),
    ("演示区蓝天保卫战行动计划", "演政办发〔2025〕1号", date(2024, 12, 30), "", 2025),  # 文号 next
    ("演示区蓝天保卫战行动计划", "", date(2024, 12, 30), "", 2024),  # then the issue date
    ("演示区蓝天保卫战行动计划", "", None, "2023年9月底前\n2023年6月30日前\n2024年3月底前", 2023),  # then deadlines
    ("演示区蓝天保卫战行动计划", "", None, "2024年9月底前\n2023年6月30日前", 2023),  # a tie: the earlier
    ("演示区 2024—2025 年行动计划", "", None, "", None),  # a range names no single year
    ("演示区大气污染防治行动计划（2024-2025年）", "", None, "", None),
    ("到2025年演示区蓝天保卫战方案", "", None, "", None),  # a horizon is not the plan year
    ("演示区蓝天保卫战行动计划", "", None, "到2025年，PM2.5 年均浓度下降；年底前完成", None),
    ("", "", None, "", None),
]


@pytest.mark.parametrize("title,doc_number,issued,text,year", EVIDENCE)
def test_plan_year_from_the_document(title, doc_number, issued, text, year):
    meta = PlanMeta(title=title, doc_number=doc_number, issue_date=issued)
    assert plan_year(meta, text) == year


def test_annex_titles_are_evidence_when_the_plan_prints_no_title():
    assert plan_year(PlanMeta(), "", ["通州区蓝天保卫战 2024年行动计划"]) == 2024


def test_evidence_order_is_data():
    assert [name for name, _rule in YEAR_EVIDENCE] == ["title", "doc_number", "issue_date", "deadlines"]


def _without_year(text: str) -> str:
    """The demo plan with every printed year taken out: title, 文号 and date line."""
    return (text.replace("2026 年行动计划", "行动计划").replace("演政办发〔2026〕1号", "演政办发1号")
            .replace("2026 年 3 月 20 日", "三月二十日"))


def test_a_plan_without_a_year_keeps_its_deadlines_undated_and_asks_for_the_year():
    text = _without_year(DEMO.read_text("utf-8"))
    assert "2026" not in text
    result = import_bytes(text.encode(), "demo.txt")
    assert result.meta.period_start is None
    measures = result.measures()
    year_ends = [m.deadline for m in measures if m.deadline.raw == "年底前"]
    assert year_ends and all(d.kind == "year_end" and d.end is None for d in year_ends)
    asked = [r for r in result.review if r.kind == "year_unknown"]
    assert len(asked) == 1
    undated = [m for m in measures if m.deadline.kind in DATED]
    assert all(m.deadline.start is None and m.deadline.end is None for m in undated)
    assert asked[0].params["count"] == len(undated) > 0
    assert asked[0].line == min(m.line for m in undated)


def test_a_plan_year_read_from_its_dated_deadlines():
    text = _without_year(DEMO.read_text("utf-8")).replace("\t年底前\t", "\t2027年9月底前\t", 2)
    result = import_bytes(text.encode(), "demo.txt")
    assert result.meta.period_start == 2027
    ends = {m.deadline.raw: m.deadline.end for m in result.measures()}
    assert ends["年底前"] == date(2027, 12, 31) and ends["2027年9月底前"] == date(2027, 9, 30)
    assert not [r for r in result.review if r.kind == "year_unknown"]


def test_the_demo_plan_year_is_its_title_year():
    result = import_bytes(DEMO.read_bytes(), "demo.txt")
    assert result.meta.period_start == 2026
    assert not [r for r in result.review if r.kind == "year_unknown"]


@pytest.mark.parametrize("title,theme", [
    ("通州区蓝天保卫战 2024年行动计划", "air"),
    ("常州市2025年扬尘污染防治重点任务分工表", "air"),
    ("2024—2025年秋冬季大气污染综合治理攻坚方案", "air"),
    ("某县黑臭水体治理工作方案", "water"),
    ("某市无废城市建设实施方案", "soil"),
    ("某区碳达峰实施方案", "climate"),
    ("某县农村人居环境整治工作台账", "other"),
])
def test_annex_theme_from_the_campaign_words_of_its_title(title, theme):
    from ecoplan.importers.notice import theme_of
    assert theme_of(title) == theme
