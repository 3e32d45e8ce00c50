"""Tables copied from a web page one cell per line, regrouped into rows for the table reader."""
from datetime import date
from pathlib import Path

from ecoplan.importers import import_bytes, import_file

DOCUMENTS = Path(__file__).parent / "documents"


def _units(units):
    return [u.printed for u in units]


def test_county_task_list_copied_from_its_site():
    """zhejiang-county-water-tasks-copied.txt, by hand: 3 key tasks, 4 measures, 2 sections; measure 2's
    重点任务 cell was copied once (merged), measure 3's text wraps over two lines."""
    path = DOCUMENTS / "zhejiang-county-water-tasks-copied.txt"
    result = import_file(path)
    assert result.shape == "header_table"
    annex, = result.annexes
    assert annex.title == "湖州市长兴县2025年治水工作任务清单"  # the source note below it is no title
    assert [(t.title, t.section, len(t.measures)) for t in annex.tasks] == [
        ("巩固提升地表水水质", "一、水环境质量", 2),
        ("提升污水处理能力", "二、污水处理", 1),
        ("农村生活污水治理", "二、污水处理", 1),
    ]
    quality, taihu, sewers, rural = [m for t in annex.tasks for m in t.measures]
    # each measure covers the lines of its cells: nothing is lost between them
    assert [(m.line, m.end_line) for m in (quality, taihu, sewers, rural)] == [(10, 15), (16, 20), (22, 28), (29, 34)]
    assert quality.deadline.end == date(2025, 12, 31) and taihu.deadline.end == date(2025, 10, 31)
    assert _units(taihu.lead_units) == ["县水利局"] and _units(taihu.co_units) == ["县农业农村局"]
    assert sewers.text == "新建城镇污水管网20公里，完成3个老旧小区雨污分流改造。"
    assert sewers.deadline.end == date(2025, 11, 30)
    assert _units(sewers.co_units) == ["县综合行政执法局", "各乡镇（街道）"]
    assert rural.deadline.kind == "recurring"
    regrouped = {r.line: r.message for r in result.review if r.kind == "cells_regrouped"}
    assert regrouped == {
        16: "the row prints 5 of 6 cells: the 重点任务 cells were read as merged with the row above (blank)",
        22: "the row prints 7 lines for 6 cells: lines 3–4 were read as one cell wrapped",
    }
    text = path.read_text("utf-8")
    assert result.unaccounted(text) == []
    assert {s.line: s.reason for s in result.skipped if s.line >= 35} == \
        {35: "text outside the table rows", 36: "document trailer"}


UNNUMBERED = "\n".join([
    "附件2",
    "某县2024年秸秆禁烧工作安排",
    "主要任务", "具体措施", "时间安排", "责任部门",
    "一、宣传引导",
    "宣传发动", "发放告知书，签订承诺书。", "3月底前", "县农业农村局",
    "二、巡查管控",
    "网格巡查", "落实乡镇网格员每日巡查。", "长期坚持", "各乡镇",
    "主要任务", "具体措施", "时间安排", "责任部门",
    "卫星监测", "利用卫星遥感监测火点。", "每季度", "县生态环境局",
])


def test_cells_without_a_number_column_are_taken_n_at_a_time():
    result = import_bytes(UNNUMBERED.encode("utf-8"), "copied.txt")
    annex, = result.annexes
    assert (annex.number, annex.title) == ("2", "某县2024年秸秆禁烧工作安排")
    assert [(t.title, t.section) for t in annex.tasks] == \
        [("宣传发动", "一、宣传引导"), ("网格巡查", "二、巡查管控"), ("卫星监测", "二、巡查管控")]
    assert [m.deadline.kind for t in annex.tasks for m in t.measures] == ["by_date", "long_term", "recurring"]
    assert {s.line: s.reason for s in result.skipped if 17 <= s.line <= 20} == \
        dict.fromkeys(range(17, 21), "repeated page header")
    assert result.unaccounted(UNNUMBERED) == []
