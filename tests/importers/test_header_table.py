"""Task tables in other wordings and containers: columns mapped to roles by the header vocabulary.

Each document below is written here in a form real plans print (other column names, `|` text,
two-row headers, repeated headers, section rows, no 附件 line, a standalone sheet, a Word file
holding only the table); the test states what a reader finds in it.
"""
import io
import json
from datetime import date
from pathlib import Path

import pytest

from ecoplan.importers import import_bytes, import_file
from ecoplan.importers.model import PlanImportError
from ecoplan.vocabulary.columns import role_of


def _read(text: str, name: str = "plan.txt"):
    return import_bytes(text.encode("utf-8"), name)


def _units(units):
    return [u.printed for u in units]


# --- tab text, other column names, `附件1：` with the title on the line, extra column ----------------

CITY_TABS = "\n".join([
    "附件1：某市2024年蓝天保卫战重点任务分工",
    "编号\t主要任务\t工作内容\t完成时间\t牵头单位\t责任单位\t备注",
    "1\t工业污染治理\t完成10家企业挥发性有机物深度治理。\t6月底前\t市生态环境局\t市工业和信息化局、各区政府\t",
    "\t\t开展涉气企业执法检查。\t每季度\t市生态环境局\t市公安局\t",
    "2\t移动源治理\t淘汰国三排放标准柴油货车500辆。\t年底前\t市交通局\t市公安局交通管理局、市生态环境局\t市财政资金",
    "",
    "附件2：某市2024年碧水保卫战重点任务分工",
    "编号\t主要任务\t工作内容\t完成时间\t牵头单位\t责任单位\t备注",
    "1\t水源保护\t完成饮用水水源地规范化建设。\t9月底前\t市水务局\t市生态环境局\t",
])


def test_tab_text_with_other_column_names():
    result = _read(CITY_TABS)
    assert result.shape == "header_table"
    assert [a.number for a in result.annexes] == ["1", "2"]
    assert result.annexes[0].title == "某市2024年蓝天保卫战重点任务分工"
    assert result.annexes[1].theme == "water"
    assert [[t.title for t in a.tasks] for a in result.annexes] == [["工业污染治理", "移动源治理"], ["水源保护"]]
    assert result.measures_by_annex() == [3, 1]
    first, second, third, water = result.measures()
    assert first.text == "完成10家企业挥发性有机物深度治理。"
    assert first.deadline.kind == "by_date" and first.deadline.end == date(2024, 6, 30)
    assert second.deadline.kind == "recurring"
    assert third.deadline.end == date(2024, 12, 31)
    # 牵头单位 beside 责任单位: the 责任单位 column names the co-units
    assert _units(first.lead_units) == ["市生态环境局"]
    assert _units(first.co_units) == ["市工业和信息化局", "各区政府"]
    assert _units(third.co_units) == ["市公安局交通管理局", "市生态环境局"]
    assert (first.lead_label, first.co_label) == ("牵头单位", "责任单位")
    assert _units(water.lead_units) == ["市水务局"]
    # 备注 has no role: kept beside each measure, and named once per table for the coordinator
    assert [m.attributes for m in (first, third)] == [{}, {"备注": "市财政资金"}]
    unmapped = [r for r in result.review if r.kind == "columns_unmapped"]
    assert [(r.line, r.params["columns"]) for r in unmapped] == [(2, "备注"), (8, "备注")]


@pytest.mark.django_db
def test_other_columns_are_stored_with_the_measure(client):
    from ecoplan.plans import actions
    from ecoplan.plans.export import plan_to_dict
    from ecoplan.plans.models import Measure

    plan = actions.import_document(CITY_TABS.encode("utf-8"), "city.txt")[1]
    stored = Measure.objects.get(task__annex__plan=plan, text__startswith="淘汰国三")
    assert stored.attributes == {"备注": "市财政资金"}
    assert stored.co_label == "责任单位"
    assert "备注：市财政资金" in client.get(f"/plans/{plan.pk}/").content.decode()  # shown with the measure
    # and they survive the JSON export and its re-import
    exported = plan_to_dict(plan)
    plan.delete()
    again = actions.do_import_plan(import_bytes(json.dumps(exported).encode(), "export.json"))
    assert Measure.objects.get(task__annex__plan=again, text__startswith="淘汰国三").attributes == \
        {"备注": "市财政资金"}


# --- `|` text: two-row header, repeated header, section rows, no 附件 line ----------------------

DISTRICT_PIPES = "\n".join([
    "某区2025年水污染防治工作方案任务清单",
    "| 序号 | 重点任务 | 具体措施 | 时间节点 | 责任单位 | |",
    "| | | | | 牵头部门 | 配合部门 |",
    "|---|---|---|---|---|---|",
    "| 一、水环境治理 | | | | | |",
    "| 1 | 黑臭水体治理 | 完成3条黑臭水体整治。 | 6月底前 | 区水务局 | 各街道办事处 |",
    "| | | 建立河长巡河制度。 | 长期坚持 | 区水务局 | 区生态环境局、区城管委 |",
    "| 序号 | 重点任务 | 具体措施 | 时间节点 | 责任单位 | |",
    "| | | | | 牵头部门 | 配合部门 |",
    "| 二、土壤污染防治 | | | | | |",
    "| 2 | 建设用地管控 | 开展重点地块土壤污染状况调查。 | 年底前 | 区生态环境局 | 区规划和自然资源局 |",
])


def test_pipe_text_with_two_row_header_repeated_header_and_sections():
    result = _read(DISTRICT_PIPES, "district.md")
    assert result.shape == "header_table"
    annex, = result.annexes
    assert (annex.number, annex.title) == ("1", "某区2025年水污染防治工作方案任务清单")
    assert result.meta.title == annex.title and result.meta.period_start == 2025
    assert [(t.title, t.section, len(t.measures)) for t in annex.tasks] == [
        ("黑臭水体治理", "一、水环境治理", 2), ("建设用地管控", "二、土壤污染防治", 1)]
    first, second, third = result.measures()
    assert first.deadline.end == date(2025, 6, 30)
    assert second.deadline.kind == "long_term"
    assert _units(second.lead_units) == ["区水务局"]
    assert _units(second.co_units) == ["区生态环境局", "区城管委"]
    assert (first.lead_label, first.co_label) == ("牵头部门", "配合部门")
    assert _units(third.co_units) == ["区规划和自然资源局"]
    reasons = {s.line: s.reason for s in result.skipped}
    assert reasons[2] == reasons[3] == "table header"
    assert reasons[4] == "table rule line"
    assert reasons[8] == reasons[9] == "repeated page header"
    assert reasons[5] == reasons[10] == "section row (kept as the tasks' section)"
    assert not [r for r in result.review if r.kind == "line_unread"]


def test_page_number_before_a_repeated_header_is_no_new_table():
    lines = DISTRICT_PIPES.split("\n")
    text = "\n".join(lines[:7] + ["— 2 —", ""] + lines[7:])
    result = _read(text, "district.md")
    assert len(result.annexes) == 1 and result.measures_by_annex() == [3]
    assert {s.line: s.reason for s in result.skipped}[8] == "text outside the table rows"


@pytest.mark.parametrize("marker,number,title", [
    ("附件 1 某区2024年蓝天保卫战重点任务", "1", "某区2024年蓝天保卫战重点任务"),
    ("附件3：某区2024年净土保卫战任务", "3", "某区2024年净土保卫战任务"),
    ("附件十二\n某区2024年碧水保卫战任务", "12", "某区2024年碧水保卫战任务"),
])
def test_annex_markers(marker, number, title):
    text = marker + "\n" + "\n".join(CITY_TABS.split("\n")[1:5])
    annex, = _read(text).annexes
    assert (annex.number, annex.title, len(annex.tasks)) == (number, title, 2)


# --- 附件二 with its title below, no task column, officials ------------------------------------

COUNTY_OFFICIALS = "\n".join([
    "附件二",
    "2024年扬尘治理工作任务",
    "序号\t工作措施\t完成期限\t责任领导\t主责单位\t协办单位",
    "1\t加强施工工地扬尘管控。\t3月底前\t张三\t区住房城乡建设委\t区城管执法局",
    "2\t开展道路清扫保洁。\t每月\t李 四\t区城市管理委\t各街道",
])


def test_chinese_annex_number_title_below_and_officials():
    result = _read(COUNTY_OFFICIALS)
    annex, = result.annexes
    assert (annex.number, annex.title) == ("2", "2024年扬尘治理工作任务")
    assert [t.number for t in annex.tasks] == ["1", "2"]
    first, second = result.measures()
    assert first.lead_officials == ["张三"] and second.lead_officials == ["李四"]
    assert first.deadline.end == date(2024, 3, 31)
    assert second.deadline.kind == "recurring"
    assert _units(first.lead_units) == ["区住房城乡建设委"] and _units(first.co_units) == ["区城管执法局"]
    assert _units(second.co_units) == ["各街道"]


# --- a standalone .xlsx task sheet: title row, header, merged cells -----------------------------

def _sheet(title_row: bool, sheet_name: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name
    if title_row:
        sheet.append(["某县2024年臭氧污染防治攻坚任务表"])
        sheet.merge_cells("A1:F1")
    first = sheet.max_row + 1 if title_row else 1
    rows = [
        ["序号", "任务名称", "任务内容", "完成时限", "责任单位", "配合单位"],
        [1, "VOCs治理", "完成5家企业VOCs治理。", "6月底前", "县生态环境局", "县工业和信息化局"],
        [None, None, "开展加油站油气回收检查。", None, "县市场监管局", "县生态环境局"],
        [2, "移动源管控", "推广新能源公交车20辆。", "年底前", "县交通运输局", None],
        ["二、其他任务", None, None, None, None, None],
        [3, "秸秆禁烧", "落实秸秆禁烧网格化监管。", "长期", "各乡镇", "县农业农村局"],
    ]
    for row in rows:
        sheet.append(row)
    for col in ("A", "B", "D"):  # the task and its deadline merged over its two measures
        sheet.merge_cells(f"{col}{first + 1}:{col}{first + 2}")
    sheet.merge_cells(f"A{first + 4}:F{first + 4}")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("title_row,sheet_name,file_name,title", [
    (True, "附件2", "任务表.xlsx", "某县2024年臭氧污染防治攻坚任务表"),
    (False, "Sheet1", "臭氧攻坚任务.xlsx", "臭氧攻坚任务"),
])
def test_standalone_xlsx_sheet(title_row, sheet_name, file_name, title):
    result = import_bytes(_sheet(title_row, sheet_name), file_name)
    assert result.shape == "header_table"
    annex, = result.annexes
    assert annex.title == title
    assert [(t.title, len(t.measures)) for t in annex.tasks] == [("VOCs治理", 2), ("移动源管控", 1), ("秸秆禁烧", 1)]
    assert annex.tasks[2].section == "二、其他任务"
    voc, check, bus, straw = result.measures()
    assert check.text == "开展加油站油气回收检查。"
    assert check.deadline.raw == "6月底前"  # the merged deadline cell, read for both measures
    # without a review item: a merged cell is printed for every row it covers (not a guess)
    assert [r.kind for r in result.review if r.line == check.line and r.kind.startswith("deadline")] == []
    assert _units(check.lead_units) == ["县市场监管局"] and _units(check.co_units) == ["县生态环境局"]
    assert _units(bus.co_units) == []
    assert straw.deadline.kind == "long_term"
    assert _units(voc.co_units) == ["县工业和信息化局"]


def test_sheet_named_as_annex_and_a_workbook_of_two_tables():
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_sheet(False, "附件2")))
    second = book.create_sheet("Sheet2")
    second.append(["某县2024年水污染防治任务"])
    second.append(["序号", "重点任务", "具体工作", "完成时间", "牵头部门", "协助单位"])
    second.append([1, "污水管网建设", "新建污水管网10公里。", "年底前", "县水务局", "各乡镇"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_bytes(buffer.getvalue(), "通州区攻坚任务.xlsx")
    assert [(a.number, a.title, len(a.tasks)) for a in result.annexes] == [
        ("2", "通州区攻坚任务", 3), ("3", "某县2024年水污染防治任务", 1)]
    assert result.measures_by_annex() == [4, 1]
    pipes = result.measures()[-1]
    assert _units(pipes.lead_units) == ["县水务局"] and _units(pipes.co_units) == ["各乡镇"]


# --- a .docx holding only the table (vertically merged cells) ------------------------------------

def test_docx_holding_only_the_table():
    from docx import Document

    rows = [
        ["序号", "重点任务", "主要内容", "完成时限", "牵头单位", "配合单位"],
        ["1", "燃煤锅炉治理", "完成燃煤锅炉清洁能源改造。", "10月底前", "区发展改革委", "区生态环境局"],
        ["", "", "开展锅炉排放监督性监测。", "11月底前", "区生态环境局", "—"],
        ["2", "扬尘管控", "道路机扫率达到90%。", "年底前", "区城市管理委", "各街道办事处"],
    ]
    document = Document()
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    for col in (0, 1):
        table.cell(1, col).merge(table.cell(2, col))
    buffer = io.BytesIO()
    document.save(buffer)
    result = import_bytes(buffer.getvalue(), "锅炉整治任务.docx")
    assert result.shape == "header_table"
    annex, = result.annexes
    assert annex.title == "锅炉整治任务"
    assert [(t.title, len(t.measures)) for t in annex.tasks] == [("燃煤锅炉治理", 2), ("扬尘管控", 1)]
    boiler, watch, roads = result.measures()
    assert boiler.deadline.kind == "by_date" and watch.deadline.raw == "11月底前"
    assert _units(watch.lead_units) == ["区生态环境局"] and watch.co_units == []
    assert _units(roads.co_units) == ["各街道办事处"]


# --- a seed's table read through the vocabulary reads as its own shape reads it ------------------

NUMBERED_TASKS = ("附件 1\n\n某区2024年行动计划\n\n序号\t重点任务\t工作措施\t完成时限\t牵头单位\t协办单位\n"
                  "1\t治理扬尘\t措施甲。\t6月底前\t区住房城乡建设委\t\n"
                  "\t\t措施乙。\t\t区城市管理委\t\n"
                  "2\t治理扬尘\t措施丙。\t年底前\t区生态环境局\t\n")


@pytest.mark.parametrize("numbers_measures,tasks", [(False, [2]), (True, [1])])
def test_what_the_number_column_numbers(numbers_measures, tasks):
    """序号 blank with its merged 重点任务 numbers key tasks (Daxing: two tasks, one printed twice);
    filled on every row it numbers measures (Tongzhou: the label groups them), and a blank
    完成时限 is then the merged cell above."""
    text = NUMBERED_TASKS.replace("\t\t措施乙", "2\t\t措施乙").replace("2\t治理扬尘\t措施丙", "3\t治理扬尘\t措施丙") \
        if numbers_measures else NUMBERED_TASKS
    result = _read(text)
    assert result.shape == "header_table"
    assert [len(a.tasks) for a in result.annexes] == tasks
    second = result.measures()[1]
    assert (second.text, second.deadline.raw) == ("措施乙。", "6月底前")  # the merged cell above


# --- refusal names what was found ----------------------------------------------------------------

def test_refusal_names_the_columns_found():
    text = "人员名单\n姓名\t年龄\t住址\n张三\t30\t北京\n"
    with pytest.raises(PlanImportError) as caught:
        _read(text, "people.txt")
    error = caught.value
    assert error.line == 2 and error.field == "header"
    assert "a table with columns 姓名, 年龄, 住址; none maps to a measure (工作措施/具体措施" in error.message


def test_header_words_are_data():
    assert role_of("时间安排") == "deadline"
    assert role_of("参与单位") == "co_unit"
    assert role_of("区级领导") == "lead_official"
    assert role_of("天气") == ""


# --- headers close to the vocabulary: guessed, for review -------------------------------------------

@pytest.mark.parametrize("printed,role", [
    ("工作措施内容", "measure"), ("具体工作措施及要求", "measure"), ("牵头责任单位", "lead_unit"),
    ("配合责任单位", "co_unit"), ("完成时间节点", "deadline"), ("完成时线", "deadline"),  # a typo
    ("牵投单位", "lead_unit"), ("重点仼务", "task"),
    # not guessed: another column that contains a role's word, or no word close enough
    ("完成情况", ""), ("牵头单位负责人", ""), ("工作进展", ""), ("责任人", ""), ("备注", ""), ("资金来源", ""),
])
def test_a_header_close_to_a_vocabulary_word_is_guessed(printed, role):
    from ecoplan.importers.header_table import column_role

    assert column_role(printed)[0] == role


def test_city_table_with_headers_outside_the_vocabulary():
    """guangdong-city-ozone-tasks-fuzzy-headers.txt, by hand: 3 key tasks, 4 measures, deadlines with a
    year, lead and co-units in columns named 牵头责任单位 / 配合责任单位, 完成情况 kept beside."""
    path = Path(__file__).parent / "documents" / "guangdong-city-ozone-tasks-fuzzy-headers.txt"
    result = import_file(path)
    assert result.shape == "header_table"
    annex, = result.annexes
    assert annex.title == "佛山市2024年臭氧污染防治攻坚行动任务清单" and result.meta.period_start == 2024
    assert [(t.title, len(t.measures)) for t in annex.tasks] == \
        [("推进涉VOCs企业综合治理", 2), ("强化移动源污染管控", 1), ("加强油品储运销监管", 1)]
    vocs, check, bus, fuel = result.measures()
    assert [m.deadline.end for m in (vocs, check, bus)] == [date(2024, 10, 31), date(2024, 6, 30), date(2024, 12, 31)]
    assert fuel.deadline.kind == "recurring"
    assert _units(check.lead_units) == ["市生态环境局"] and _units(check.co_units) == ["市工业和信息化局"]
    assert _units(fuel.co_units) == ["市生态环境局", "市商务局"]
    assert (vocs.lead_label, vocs.co_label) == ("牵头责任单位", "配合责任单位")
    assert vocs.attributes == {"完成情况": "进行中"} and check.attributes == {}
    guessed = [r for r in result.review if r.kind == "column_guessed"]
    assert [r.params["printed"] for r in guessed] == ["具体工作措施及要求", "完成时间节点", "牵头责任单位", "配合责任单位"]
    assert guessed[0].message == ("column “具体工作措施及要求” is not in the column vocabulary: read as the 工作措施 "
                                  "column, being close to “工作措施”")
    assert result.unaccounted(path.read_text("utf-8")) == []


def test_a_new_synonym_is_a_data_change(monkeypatch):
    from ecoplan.importers import header_table
    from ecoplan.vocabulary import columns

    text = "序号\t落实举措\t牵头单位\n1\t完成燃气锅炉低氮改造。\t区城市管理委\n"
    with pytest.raises(PlanImportError):
        _read(text)  # 落实举措 names no role: no measure column
    header_table.column_role.cache_clear()
    monkeypatch.setitem(columns.HEADER_WORDS, "measure", columns.HEADER_WORDS["measure"] + ("落实举措",))
    try:
        result = _read(text)
        assert [m.text for m in result.measures()] == ["完成燃气锅炉低氮改造。"]
        assert not [r for r in result.review if r.kind in ("column_guessed", "columns_unmapped")]
    finally:
        header_table.column_role.cache_clear()
