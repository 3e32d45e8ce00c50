"""Indicator tables of five-year plans (规划指标表) under other names, in other containers.

Each document below is a tiny five-year plan written here in a form real plans print: a 十三五
table with bare-year columns (`2015年 | 2020年`) and 约束性/预期性, a 现状值/规划值 table with
`。` decimals and full-width digits in `|` text, the same in a Word file.  The tests state the
targets a reader finds in it: indicator, value, unit, baseline year and value, binding.
"""
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ecoplan.importers import import_bytes
from ecoplan.importers.indicator_table import number_text, read_header
from ecoplan.vocabulary.indicator_columns import role_of


def _read(text: str, name: str = "plan.txt"):
    return import_bytes(text.encode("utf-8"), name)


def _plan(title: str, table: list[str]) -> list[str]:
    """A five-year plan around an indicator table: the notice, three chapters, one measure each."""
    return [
        title,
        "",
        "第一章 发展基础",
        "“十二五”期间，全县生态环境质量持续改善。",
        "",
        "第二章 指导思想和目标",
        "一、主要目标",
        "到规划期末，生态环境质量总体改善。",
        "",
        "表 1 规划指标",
        "",
        *table,
        "",
        "第三章 打好蓝天保卫战",
        "一、推进工业污染治理",
        "完成全县燃煤锅炉清洁能源改造。",
        "",
        "第四章 打好碧水保卫战",
        "一、保护饮用水水源",
        "完成乡镇饮用水水源地规范化建设。",
    ]


# --- a 十三五 county plan: 指标 | 单位 | 2015年 | 2020年 | 属性, tab text ---------------------------

THIRTEENTH = "\n".join(_plan("某省某县“十三五”生态环境保护规划", [
    "序号\t指标\t单位\t2015年\t2020年\t属性",
    "1\t细颗粒物（PM2.5）年均浓度\t微克/立方米\t58\t45\t约束性",
    "2\t空气质量优良天数比例\t%\t70.5\t80\t约束性",
    "3\t地表水国控断面达到或好于Ⅲ类水体比例\t%\t50\t66.7\t约束性",
    "4\t森林覆盖率\t%\t30.2\t32\t预期性",
    "5\t化学需氧量累计减排量\t吨\t/\t1200\t约束性",
]))


def test_thirteenth_plan_with_bare_year_columns():
    result = _read(THIRTEENTH)
    assert result.shape == "fyp_plan"
    assert (result.meta.period_start, result.meta.period_end) == (2016, 2020)
    table = [t for t in result.targets if t.line >= 12]
    assert len(table) == 5
    got = [(t.indicator, t.indicator_code, t.comparator, t.value, t.unit, t.period, t.baseline_year,
            t.baseline_value, t.binding) for t in table]
    assert got == [
        ("细颗粒物（PM2.5）年均浓度", "pm25", "<=", Decimal("45"), "µg/m³", "by 2020", 2015, Decimal("58"), "binding"),
        ("空气质量优良天数比例", "good_day_ratio", ">=", Decimal("80"), "%", "by 2020", 2015, Decimal("70.5"), "binding"),
        ("地表水国控断面达到或好于Ⅲ类水体比例", "good_water_ratio", ">=", Decimal("66.7"), "%", "by 2020", 2015,
         Decimal("50"), "binding"),
        ("森林覆盖率", "forest_cover", ">=", Decimal("32"), "%", "by 2020", 2015, Decimal("30.2"), "expected"),
        ("化学需氧量累计减排量", "cod_reduction", ">=", Decimal("1200"), "吨", "by 2020", 2015, None, "binding"),
    ]
    assert result.measures_by_annex() == [1, 1]
    assert not [r for r in result.review if r.kind == "indicator_year_inferred"]  # the header gives them
    assert not [r for r in result.review if r.kind == "line_unread"]  # every line was read


# --- a 十四五 district plan: 指标名称 | 现状值 | 规划值 | 指标属性, `|` text, `。` and full-width digits ----

FOURTEENTH_ROWS = [
    "| 序号 | 指标类别 | 指标名称 | 单位 | 现状值 | 规划值 | 指标属性 |",
    "|---|---|---|---|---|---|---|",
    "| １ | 环境质量 | 细颗粒物年均浓度 | 微克/立方米 | ４２．５ | ３５ | 约束 |",
    "| 2 |  | 优良天数比率 | % | 78。6 | 82。0 | 约束 |",
    "| 3 |  | 重污染天数 | 天 | 6 | ≤３ | 预期 |",
    "| 4 | 生态保护 | 森林覆盖率 | % | 27。97 | 28。4 | 预期 |",
    "| 5 | 污染减排 | 挥发性有机物重点工程减排量 | 吨 | / | ≥970 | 约束 |",
]
FOURTEENTH = "\n".join(_plan("某市某区“十四五”时期生态环境保护规划", FOURTEENTH_ROWS))

FOURTEENTH_EXPECTED = [
    ("细颗粒物年均浓度", "pm25", "<=", Decimal("35"), "µg/m³", "by 2025", 2020, Decimal("42.5"), "binding", "３５"),
    ("优良天数比率", "good_day_ratio", ">=", Decimal("82.0"), "%", "by 2025", 2020, Decimal("78.6"), "binding",
     "82。0"),
    ("重污染天数", "heavy_days", "<=", Decimal("3"), "天", "by 2025", 2020, Decimal("6"), "expected", "≤３"),
    ("森林覆盖率", "forest_cover", ">=", Decimal("28.4"), "%", "by 2025", 2020, Decimal("27.97"), "expected",
     "28。4"),
    ("挥发性有机物重点工程减排量", "voc_reduction", ">=", Decimal("970"), "吨", "by 2025", 2020, None, "binding",
     "≥970"),
]


def _table_targets(result):
    return [(t.indicator, t.indicator_code, t.comparator, t.value, t.unit, t.period, t.baseline_year,
             t.baseline_value, t.binding, t.raw) for t in result.targets if t.line >= 12]


def test_status_and_planned_values_in_pipe_text_with_odd_decimals():
    result = _read(FOURTEENTH)
    assert result.shape == "fyp_plan"
    assert _table_targets(result) == FOURTEENTH_EXPECTED
    # 现状值 / 规划值 print no year: taken from the plan period, and said so in the review queue
    inferred = [r for r in result.review if r.kind == "indicator_year_inferred"]
    assert len(inferred) == 1 and inferred[0].params == {"baseline": 2020, "target": 2025}
    assert not [r for r in result.review if r.kind == "line_unread"]


def test_the_same_table_in_a_word_file():
    from docx import Document

    document = Document()
    lines = FOURTEENTH.split("\n")
    start = lines.index(FOURTEENTH_ROWS[0])
    for line in lines[:start]:
        document.add_paragraph(line)
    rows = [[c.strip() for c in row.strip("|").split("|")] for row in FOURTEENTH_ROWS if "---" not in row]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    for line in lines[start + len(FOURTEENTH_ROWS):]:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_bytes(buffer.getvalue(), "规划.docx")
    assert result.shape == "fyp_plan"
    assert [row[:9] for row in _table_targets(result)] == [row[:9] for row in FOURTEENTH_EXPECTED]
    assert not [r for r in result.review if r.kind == "line_unread"]


# --- headers as the reader maps them -------------------------------------------------------------

@pytest.mark.parametrize("cells,roles,years,achieved", [
    (["指标", "单位", "2015年", "2020年", "属性"],
     {"indicator": 0, "unit": 1, "baseline": 2, "target": 3, "attribute": 4}, (2015, 2020), None),
    (["指标名称", "2020年（基期）", "2025年（目标）", "指标属性"],
     {"indicator": 0, "baseline": 1, "target": 2, "attribute": 3}, (2020, 2025), None),
    (["序号", "指标", "基准值", "目标值", "属性"],
     {"number": 0, "indicator": 1, "baseline": 2, "target": 3, "attribute": 4}, (None, None), None),
    (["序號", "指標類別", "指標名稱", "2020 年目標", "2020 年現狀"],
     {"number": 0, "category": 1, "indicator": 2, "target": 3}, (None, 2020), 4),
    (["指标名称", "２０２０年", "２０２５年"], {"indicator": 0, "baseline": 1, "target": 2}, (2020, 2025), None),
])
def test_header_roles(cells, roles, years, achieved):
    header = read_header(cells)
    assert header is not None
    assert header.roles == roles
    assert (header.baseline_year, header.target_year) == years
    assert header.achieved == achieved


def test_a_task_table_header_is_not_an_indicator_header():
    assert read_header(["序号", "重点任务", "工作措施", "完成时限", "牵头单位"]) is None
    assert role_of("规划值") == "target" and role_of("现状值") == "baseline"


@pytest.mark.parametrize("printed,read", [("４２．５", "42.5"), ("42。5", "42.5"), ("≥９７０", "≥970"), ("100%", "100%")])
def test_number_text(printed, read):
    assert number_text(printed) == read


# --- the previous plan's review table ------------------------------------------------------------

REVIEW = "\n".join(_plan("某市某区“十四五”时期生态环境保护规划", [
    "序号\t指标名称\t2020年目标\t2020年现状",
    "1\t细颗粒物年均浓度下降率（%）\t30\t58.6",
    "2\t森林覆盖率（%）\t27.9\t27.97",
]))


def test_previous_plan_review_rows_are_not_targets_of_this_plan():
    result = _read(REVIEW)
    rows = [t for t in result.targets if t.line >= 12]
    assert [(t.indicator_code, t.comparator, t.value, t.period, t.baseline_value, t.baseline_text)
            for t in rows] == [
        ("pm25", "reduce_by", Decimal("30"), "2016-2020", None, "2020年现状 58.6"),
        ("forest_cover", ">=", Decimal("27.9"), "2016-2020", None, "2020年现状 27.97"),
    ]
    assert not [r for r in result.review if r.kind == "line_unread"]


# --- the table on its own: an .xlsx sheet named by its caption, and tab text -----------------------

SHEET_ROWS = [
    ["序号", "指标名称", "单位", "2020年（基期）", "2025年（目标）", "属性"],
    [1, "细颗粒物年均浓度", "微克/立方米", 38, 33, "约束性"],
    [2, "优良天数比例", "%", 76.2, 80, "约束性"],
    [None, "重污染天数", "天", 5, "基本消除", "预期性"],
    [4, "化学需氧量重点工程减排量", "万吨", "/", "0。52", "约束性"],
]
SHEET_EXPECTED = [
    ("细颗粒物年均浓度", "pm25", "<=", Decimal("33"), "µg/m³", "by 2025", 2020, Decimal("38"), "binding"),
    ("优良天数比例", "good_day_ratio", ">=", Decimal("80"), "%", "by 2025", 2020, Decimal("76.2"), "binding"),
    ("重污染天数", "heavy_days", "≈", Decimal("0"), "天", "by 2025", 2020, Decimal("5"), "expected"),
    ("化学需氧量重点工程减排量", "", "=", Decimal("0.52"), "万吨", "by 2025", 2020, None, "binding"),
]


def _rows(result):
    return [(t.indicator, t.indicator_code, t.comparator, t.value, t.unit, t.period, t.baseline_year,
             t.baseline_value, t.binding) for t in result.targets]


def test_a_standalone_indicator_sheet():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "某区十四五生态环境保护规划指标"
    for row in SHEET_ROWS:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_bytes(buffer.getvalue(), "指标.xlsx")
    assert result.shape == "fyp_indicators"
    assert result.meta.title == "某区十四五生态环境保护规划指标"
    assert (result.meta.period_start, result.meta.period_end) == (2021, 2025)
    assert _rows(result) == SHEET_EXPECTED
    assert result.annexes == []
    assert not [r for r in result.review if r.kind == "line_unread"]


def test_a_standalone_table_as_tab_text_takes_its_period_from_the_header():
    text = "\n".join(["主要指标", *("\t".join("" if c is None else str(c) for c in row) for row in SHEET_ROWS),
                      "", "注：重污染天数指重度及以上污染天数。"])
    result = _read(text, "指标.txt")
    assert result.shape == "fyp_indicators"
    assert (result.meta.period_start, result.meta.period_end) == (2021, 2025)
    assert _rows(result) == SHEET_EXPECTED
    assert [s.reason for s in result.skipped][-1] == "text after the indicator table"
    assert not [r for r in result.review if r.kind == "line_unread"]


def test_a_fall_a_five_year_sum_and_a_value_left_to_the_city():
    """`…排放降低 | 18` is a fall of 18 %, `〔1200〕` a five-year sum (注：〔〕内为五年累计数), and
    `完成市下达任务` waits for the city's value (printed wording kept, in review)."""
    result = _read("\n".join(_plan("某县“十四五”生态环境保护规划", [
        "序号\t指标\t单位\t2020年\t2025年\t属性",
        "1\t单位地区生产总值二氧化碳排放降低\t%\t—\t18\t约束性",
        "2\t化学需氧量重点工程减排量\t吨\t—\t〔1200〕\t约束性",
        "3\t氮氧化物排放量下降比例\t%\t—\t完成市下达任务\t约束性",
        "注：〔〕内为五年累计数。",
    ])))
    assert [(t.indicator, t.comparator, t.value, t.period, t.raw) for t in result.targets] == [
        ("单位地区生产总值二氧化碳排放降低", "reduce_by", 18, "by 2025", "18"),
        ("化学需氧量重点工程减排量", "=", 1200, "cumulative", "〔1200〕"),
        ("氮氧化物排放量下降比例", "municipal", None, "by 2025", "完成市下达任务")]
    assert [(r.kind, r.line) for r in result.review if r.kind == "target_municipal"] == [("target_municipal", 15)]
    assert not [m for m in result.measures() if "〔〕" in m.text]


DOCUMENTS = Path(__file__).parent / "documents"


def test_daoli_fyp_full_width_square_brackets_are_five_year_sums():
    """Our tester's Heilongjiang 十四五 plan (fyp-heilongjiang-daoli-14th-brackets.txt), counted by hand:
    8 indicator rows, `［1200］` and `［350］` five-year sums (注：［］内为五年累计数), 4 measures of 第三章
    in 2 sections with their (…牵头，…配合) units, 2 of them dated."""
    from ecoplan.importers import import_file

    result = import_file(DOCUMENTS / "fyp-heilongjiang-daoli-14th-brackets.txt")
    assert (result.meta.period_start, result.meta.period_end, result.meta.district) == (2021, 2025, "道里区")
    rows = {t.line: t for t in result.targets}
    assert sorted(rows) == list(range(11, 19))  # every row of 表1, one target each
    for line, value in ((15, Decimal(1200)), (16, Decimal(350))):
        sums = rows[line]
        assert (sums.value, sums.period, sums.unit, sums.binding) == (value, "cumulative", "吨", "binding")
        assert sums.raw == sums.value_text == f"［{value}］"  # as printed
    assert (rows[11].comparator, rows[11].value, rows[11].baseline_year, rows[11].baseline_value) == \
        ("<=", Decimal(35), 2020, Decimal(38))
    assert rows[13].comparator == "municipal"  # 完成市下达任务
    assert (rows[18].comparator, rows[18].value) == ("≈", Decimal(93))  # 93左右
    assert rows[17].binding == "expected"
    tasks = {t.title: t for a in result.annexes for t in a.tasks}
    air, water = tasks["持续改善大气环境质量"], tasks["持续改善水环境质量"]
    assert [len(air.measures), len(water.measures)] == [2, 2]
    assert [[u.printed for u in m.lead_units] for m in air.measures + water.measures] == \
        [["区发改局"], ["区住建局"], ["区水务局"], ["区水务局"]]
    assert [u.printed for u in water.measures[0].co_units] == ["区生态环境局", "区城管局"]
    assert [m.deadline.end for m in air.measures + water.measures] == \
        [date(2023, 12, 31), None, None, date(2024, 12, 31)]


@pytest.mark.parametrize("cell,value,period", [
    ("〔1200〕", Decimal(1200), "cumulative"),
    ("［1200］", Decimal(1200), "cumulative"),  # full-width square brackets
    ("[1200]", Decimal(1200), "cumulative"),
    ("【1200】", Decimal(1200), "cumulative"),
    ("1200", Decimal(1200), "by 2025"),
])
def test_a_bracketed_value_is_a_five_year_sum(cell, value, period):
    from ecoplan.importers.targets import parse_cell

    target = parse_cell("化学需氧量重点工程减排量", number_text(cell), 15, "by 2025")
    assert target is not None and (target.value, target.period) == (value, period)


def test_a_previous_year_actual_column_is_the_baseline():
    """Our tester's 07 (Lhasa Chengguan): `2024年实际 | 2025年目标`; a bare value of an indicator outside
    the catalogue keeps `=` (its direction is not known), a catalogue ratio is ≥."""
    text = ("拉萨市城关区2025年生态环境保护主要指标\n序号\t指标名称\t单位\t2024年实际\t2025年目标\n"
            "1\t环境空气质量优良天数比例\t%\t99.7\t99\n2\t城镇生活污水集中处理率\t%\t95\t96\n")
    result = _read(text)
    good, sewage = result.targets
    assert (good.baseline_year, good.baseline_value, good.comparator) == (2024, Decimal("99.7"), ">=")
    assert (sewage.baseline_year, sewage.baseline_value, sewage.comparator, sewage.value) == \
        (2024, Decimal(95), "=", Decimal(96))
    assert not [r for r in result.review if r.kind == "columns_unmapped"]
    header = read_header(["指标", "2020年目标", "2020年实际"])
    assert header is not None and header.achieved == 2  # the target's own year: what was achieved
