"""Documents of other districts a tester tried (issue #8), each checked against what it prints:
tasks, measures, units and deadlines (dated), real vs imported.

- xinjiang-changji-2025-tasklist.xlsx: two sheets (大气, 水), each a title row, a header and merged
  重点任务 cells; on 大气 the 责任单位 of measure 5 is merged with the one above (D6:D7), its
  完成时限 left blank (F7, not merged).
- shanghai-jinshan-2025-air.html: a district site's notice page; 序号 numbers measures, 重点任务 and
  one 完成时限 are rowspan cells.
- henan-shangcheng-2025-ledger-gbk.txt: a 督察整改台账 in GBK with no vocabulary header (整改措施,
  责任股室, 整改时限), dated by bare dates (2025年9月30日): read under the mapping the refusal suggests.
- chongqing-wanzhou-2025-diesel-datecells.xlsx: a Sheet1 whose 完成时间 cells are Excel dates.
"""
from datetime import date
from pathlib import Path

import pytest

from ecoplan.importers import import_bytes, import_file

DOCUMENTS = Path(__file__).parent / "documents"


def _units(units):
    return [u.printed for u in units]


def _deadlines(result):
    return [(m.deadline.kind, m.deadline.end) for m in result.measures()]


def _kinds(result, line):
    return sorted(r.kind for r in result.review if r.line == line)


def test_changji_workbook_of_two_sheets_with_a_merged_unit():
    """Real: 2 annexes, 5 tasks (3 + 2), 11 measures, 11 with a lead unit; 10 deadlines printed (6
    dated, 2 recurring, 2 long-term) and one cell left blank under a dated one (F7)."""
    result = import_file(DOCUMENTS / "xinjiang-changji-2025-tasklist.xlsx")
    assert result.shape == "header_table"
    assert [(a.title, [(t.title, len(t.measures)) for t in a.tasks]) for a in result.annexes] == [
        ("昌吉市2025年大气污染防治重点任务清单", [("燃煤污染治理", 3), ("工业污染治理", 2), ("扬尘治理", 2)]),
        ("昌吉市2025年水污染防治重点任务清单", [("饮用水水源保护", 2), ("污水处理", 2)]),
    ]
    measures = result.measures()
    assert all(m.lead_units for m in measures)  # 11 of 11
    kiln = measures[4]
    assert kiln.text == "开展工业炉窑综合治理"
    # D6:D7 is merged: the unit holds for measure 5, no review; F7 is blank (not merged): the deadline
    # above is a guess, reviewed
    assert _units(kiln.lead_units) == ["市生态环境局"] and _units(kiln.co_units) == ["市工业和信息化局"]
    assert _kinds(result, kiln.line) == ["deadline_inherited"]
    assert _deadlines(result) == [
        ("by_date", date(2025, 10, 31)), ("by_date", date(2025, 10, 15)), ("recurring", None),
        ("year_end", date(2025, 12, 31)), ("year_end", date(2025, 12, 31)), ("long_term", None), ("long_term", None),
        ("by_date", date(2025, 9, 30)), ("recurring", None), ("year_end", date(2025, 12, 31)),
        ("year_end", date(2025, 12, 31)),
    ]
    assert _units(measures[1].co_units) == ["各乡镇人民政府", "各街道办事处"]
    assert measures[1].attributes == {"备注": "采暖季前"}
    assert not [r for r in result.review if r.kind in ("lead_missing", "deadline_unrecognised")]


def test_jinshan_page_with_a_rowspan_deadline():
    """Real: 1 table, 3 tasks, 6 measures, 6 lead units, 6 deadlines (measure 5's a rowspan cell)."""
    result = import_file(DOCUMENTS / "shanghai-jinshan-2025-air.html")
    assert result.shape == "header_table"
    annex, = result.annexes
    assert [(t.title, len(t.measures)) for t in annex.tasks] == [
        ("工业VOCs治理", 3), ("交通污染治理", 2), ("扬尘治理", 1)]
    assert (result.meta.doc_number, result.meta.issuing_body) == ("金府办发〔2025〕8号", "上海市金山区人民政府办公室")
    measures = result.measures()
    assert [_units(m.lead_units) for m in measures] == [
        ["区生态环境局"], ["区经委"], ["区生态环境局"], ["区交通委"], ["区交通委"], ["区建设管理委"]]
    assert _units(measures[0].co_units) == ["上海化学工业区管委会", "金山第二工业区管委会"]
    assert _deadlines(result) == [
        ("by_date", date(2025, 6, 30)), ("by_date", date(2025, 12, 31)), ("by_date", date(2025, 9, 30)),
        ("year_end", date(2025, 12, 31)), ("year_end", date(2025, 12, 31)), ("recurring", None)]
    shore = measures[4]
    assert shore.deadline.raw == "2025年12月底前"  # the rowspan cell, printed for this row too
    assert _kinds(result, shore.line) == []  # no deadline_inherited: a merged cell is not a guess


@pytest.mark.parametrize("mapped", [False, True])
def test_shangcheng_gbk_ledger_with_or_without_the_mapping(mapped):
    """Real: 5 problems, each one measure with its lead 股室 and a bare date (2025年9月30日) or 长期坚持.
    整改措施, 责任股室 and 整改时限 are vocabulary words (a 整改台账's columns): the ledger reads as it
    is, and the same under the coordinator's mapping."""
    data = (DOCUMENTS / "henan-shangcheng-2025-ledger-gbk.txt").read_bytes()
    spec = "编号=number,问题描述=attribute,整改措施=measure,责任股室=lead_unit,整改时限=deadline,整改状态=attribute"
    columns = dict(part.split("=") for part in spec.split(",")) if mapped else None
    result = import_bytes(data, "ledger.txt", columns=columns)
    annex, = result.annexes
    assert annex.title == "商城县2025年中央生态环境保护督察反馈问题整改台账"
    measures = result.measures()
    assert len(annex.tasks) == 5 and len(measures) == 5
    assert [_units(m.lead_units) for m in measures] == [
        ["县住建局"], ["县城管局"], ["县生态环境分局"], ["县工信局"], ["县农业农村局"]]
    assert _deadlines(result) == [
        ("by_date", date(2025, 9, 30)), ("by_date", date(2025, 6, 30)), ("by_date", date(2025, 4, 30)),
        ("long_term", None), ("by_date", date(2025, 12, 31))]
    assert measures[2].attributes == {"问题描述": "鲇鱼山水库一级保护区内存在农家乐", "整改状态": "已完成"}
    assert not [r for r in result.review if r.kind.startswith("deadline")]


def test_wanzhou_sheet_with_excel_date_cells():
    """Real: 2 tasks, 3 measures, 3 lead units; two deadlines are date-typed cells (2025-11-30,
    2025-12-31), read as the dates they are."""
    result = import_file(DOCUMENTS / "chongqing-wanzhou-2025-diesel-datecells.xlsx")
    annex, = result.annexes
    assert annex.title == "重庆市万州区2025年柴油货车污染治理攻坚任务表"
    assert [(t.title, len(t.measures)) for t in annex.tasks] == [("源头管控", 2), ("执法监管", 1)]
    measures = result.measures()
    assert [m.deadline.raw for m in measures] == ["2025年11月30日", "2025年12月31日", "每月"]
    assert _deadlines(result) == [("by_date", date(2025, 11, 30)), ("by_date", date(2025, 12, 31)), ("recurring", None)]
    assert [_units(m.lead_units) for m in measures] == [["区生态环境局"], ["区交通运输委"], ["区生态环境局"]]
    assert _units(measures[0].co_units) == ["区公安局", "区商务委"]
    assert not [r for r in result.review if r.kind.startswith("deadline")]


def test_chengguan_docx_with_an_indicator_table_then_a_task_table():
    """xizang-chengguan-2025-yaodian.docx (a 工作要点, two Word tables): 一、主要指标 (4 indicators,
    `2024年实际 | 2025年目标`) then 二、重点任务 with no measure column (序号 | 重点任务 | 牵头单位 |
    配合单位 | 完成时限).  Real: 4 targets, 6 tasks of one measure each (the task is the measure),
    6 leads, 8 co-units, 6 deadlines.  Both tables are read: none of their rows skipped."""
    result = import_file(DOCUMENTS / "xizang-chengguan-2025-yaodian.docx")
    assert result.shape == "header_table"
    assert [(t.indicator, t.value_text) for t in result.targets] == [
        ("环境空气质量优良天数比例", "≥99"), ("拉萨河城关段水质", "Ⅱ类以上"),
        ("城镇生活污水集中处理率", "96"), ("生活垃圾无害化处理率", "100")]
    tasks = [t for a in result.annexes for t in a.tasks]
    assert len(tasks) == 6 and all(len(t.measures) == 1 and t.title == t.measures[0].text for t in tasks)
    measures = result.measures()
    assert measures[0].text == "推进拉萨河城关段河道保洁，每周开展一次巡河"
    assert [_units(m.lead_units) for m in measures] == [
        ["区水利局"], ["区农业农村局"], ["区林业和草原局"], ["区市场监督管理局"], ["区林业和草原局"], ["区生态环境局"]]
    assert sum(len(m.co_units) for m in measures) == 8
    assert [m.deadline.raw for m in measures] == [
        "长期坚持", "2025年10月底前", "2025年11月底前", "2025年9月底前", "2025年12月底前", "2025年下半年"]
    assert not [s for s in result.skipped if "\t" in s.text and s.reason not in (
        "table header", "indicator table header")]  # every other table row read


def test_a_table_row_no_shape_reads_is_reviewed():
    """Rows of a table that is neither the task table nor an indicator table are never dropped unseen."""
    text = ("某区2025年工作要点\n甲\t乙\t丙\n1\t2\t3\n附件1\n"
            "序号\t工作措施\t牵头单位\t完成时限\n1\t开展巡河\t区水务局\t2025年底前\n")
    from ecoplan.importers import import_text
    result = import_text(text, "要点.txt", "0" * 64)
    assert result.counts()["measures"] == 1
    assert {r.line for r in result.review if r.kind == "line_unread"} >= {2, 3}


def test_licheng_single_unit_column_marking_its_lead():
    """shandong-licheng-2025-lantian.txt: a notice, 工作目标 (3 targets), a bare `附件` line and a
    task table whose one 责任单位 column marks the lead `区生态环境分局（牵头）、区工业和信息化局`.
    Real: 1 annex, 4 tasks, 7 measures, 3 targets, 7 leads and 8 co-units; the mark is no part of
    the unit's name (one 区生态环境分局, not two)."""
    result = import_file(DOCUMENTS / "shandong-licheng-2025-lantian.txt")
    assert result.shape == "header_table"
    assert (len(result.annexes), len(result.annexes[0].tasks), len(result.measures()), len(result.targets)) == (
        1, 4, 7, 3)
    measures = result.measures()
    assert [[u.canonical for u in m.lead_units] for m in measures] == [
        ["区生态环境分局"], ["区生态环境分局"], ["区交通运输局"], ["区生态环境分局"], ["区住房和城乡建设局"],
        ["区城市管理局"], ["区农业农村局"]]
    assert [[u.canonical for u in m.co_units] for m in measures] == [
        ["区工业和信息化局"], ["区工业和信息化局", "各街道办事处"], ["区公安分局", "区商务局"], [],
        ["区城市管理局", "区水务局"], [], ["各街道办事处"]]
    assert _units(measures[0].lead_units) == ["区生态环境分局（牵头）"]  # as printed
    assert not [r for r in result.review if r.kind.startswith("unit")]


def test_fancheng_sheet_whose_note_makes_the_first_unit_lead():
    """hubei-fancheng-2025-water.xlsx: a title row, a 填报说明 row (`2.责任单位第一个为牵头单位`), a
    header 序号 | 任务名称 | 具体内容 | 责任单位 | 完成时限 | 进展情况.  Real: 7 tasks (黑臭水体治理
    twice), 8 measures, each with its first unit leading and 4 co-units in all; 8 deadlines."""
    result = import_file(DOCUMENTS / "hubei-fancheng-2025-water.xlsx")
    assert result.shape == "header_table"
    tasks = [t for a in result.annexes for t in a.tasks]
    assert [len(t.measures) for t in tasks] == [2, 1, 1, 1, 1, 1, 1]
    measures = result.measures()
    assert measures[0].text == "巩固小清河城区段黑臭水体治理成效，开展水质监测"
    assert [[u.canonical for u in m.lead_units] for m in measures] == [
        ["区住建局"], ["区水利和湖泊局"], ["区住建局"], ["区生态环境分局"], ["区农业农村局"], ["区生态环境分局"],
        ["区河湖长办"], ["区生态环境分局"]]
    assert [[u.canonical for u in m.co_units] for m in measures] == [
        ["区生态环境分局"], [], [], ["牛首镇"], [], ["区水利和湖泊局", "太平店镇"], [], []]
    assert all(m.deadline.raw for m in measures)
    assert not [r for r in result.review if r.kind == "units_ambiguous"]


def test_a_lead_mark_beside_a_co_unit_column():
    from ecoplan.importers import organisations
    leads, cos = organisations.parse_marked("区水务局、区生态环境局(牵头)")
    assert [(u.printed, u.canonical) for u in leads] == [("区生态环境局(牵头)", "区生态环境局")]
    assert [u.canonical for u in cos] == ["区水务局"]
    assert organisations.parse_marked("区水务局、区生态环境局") is None
