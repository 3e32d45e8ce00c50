"""Prose plans in the forms real governments print: one reader for numbered paragraphs.

The documents in tests/importers/documents/prose-*.txt are written here in other forms than the
Changping seed (a national work plan with （一）/1．/（1） numbering and 部委 units, a city plan of
another province with `责任单位：` lines, ① items and `〔…〕` clauses, a 2024—2025 district plan with a
工作目标 section and `到2025年…` sentences in its tasks, and Changping's own plan re-rendered with
a responsibility clause after every item).  Each test states what a reader finds, counted by hand.
"""
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ecoplan.importers import TEXT_SHAPES, detect_shape, import_bytes, import_file, prose_plan, responsibility
from ecoplan.importers.model import PlanImportError

from ..conftest import seed_path

DOCUMENTS = Path(__file__).parent / "documents"


def _units(units):
    return [u.canonical for u in units]


def _read(name):
    result = import_file(DOCUMENTS / name)
    assert result.shape == "prose_plan"
    text = (DOCUMENTS / name).read_text("utf-8")
    assert result.unaccounted(text) == []  # every line read or listed as skipped
    assert not [r for r in result.review if r.kind == "line_unread"]
    return result


def test_national_work_plan():
    """（一）sections are annexes, `1．` items tasks, `（1）` sub-items their measures; 部委 units."""
    result = _read("prose-national-autumn-winter-2024.txt")
    meta = result.meta
    assert meta.title == "2024—2025年秋冬季重点区域大气污染综合治理攻坚方案"
    assert (meta.doc_number, meta.issue_date) == ("环大气发〔2024〕18号", date(2024, 9, 20))
    assert meta.issuing_body == "生态环境部"  # the ministry signing over the date
    assert (meta.period_start, meta.period_end) == (2024, 2025)
    assert [a.title for a in result.annexes] == ["推进产业结构优化调整", "深化移动源污染治理", "强化面源污染治理"]
    assert {a.theme for a in result.annexes} == {"air"}  # chapters of a 大气 plan: its campaign
    assert [[t.title for t in a.tasks] for a in result.annexes] == [
        ["依法淘汰落后产能", "推进重点行业超低排放改造"], ["加快老旧车辆淘汰", "加强非道路移动机械监管"],
        ["加强扬尘管控", "推进秸秆综合利用和禁烧"]]
    measures = result.measures()
    assert [len(t.measures) for a in result.annexes for t in a.tasks] == [1, 2, 1, 1, 1, 1]
    assert [(_units(m.lead_units), _units(m.co_units)) for m in measures] == [
        (["国家发展改革委", "工业和信息化部"], ["生态环境部", "等部门"]),
        (["生态环境部"], ["国家发展改革委", "工业和信息化部"]),
        (["生态环境部"], []),
        (["交通运输部"], ["公安部", "生态环境部", "商务部"]),
        (["生态环境部"], ["各省级生态环境部门"]),  # （X指导，Y落实）
        (["住房城乡建设部", "生态环境部"], []),  # 按职责分工负责
        (["农业农村部"], ["生态环境部"]),  # 〔…牵头，…配合〕
    ]
    assert [(m.deadline.kind, m.deadline.end) for m in measures] == [
        ("year_end", date(2024, 12, 31)), ("by_date", date(2024, 12, 31)), ("long_term", None),
        ("by_date", date(2025, 3, 31)), ("recurring", None), ("by_date", date(2025, 12, 31)), ("blank", None)]
    # the clause leaves the measure text and is kept as printed
    assert measures[0].text == "严格执行《产业结构调整指导目录》，2024年12月底前完成年度淘汰任务。"
    assert measures[0].attributes[prose_plan.DUTY_ATTRIBUTE] == "（国家发展改革委、工业和信息化部牵头，生态环境部等部门参与）"
    assert all("牵头" not in m.text and "负责）" not in m.text for m in measures)
    assert [(t.indicator_code, t.comparator, t.value, t.period) for t in result.targets] == [
        ("pm25", "reduce_by", 3, "by 2025"), ("heavy_days", "reduce_by", 10, "by 2025"),
        ("good_day_ratio", ">=", 65, "by 2025"), ("dustfall", "<=", 7, "by 2025")]
    assert [r.kind for r in result.review if r.kind.startswith("deadline")] == ["deadline_blank"]


def test_provincial_city_plan_with_responsibility_lines():
    """`责任单位：` lines after the items they name, `牵头单位：…；配合单位：…`, ① items, 〔…〕 clauses,
    and the note that the first unit of 责任单位 leads."""
    result = _read("prose-huzhou-water-2024.txt")
    assert result.meta.title == "湖州市2024年水污染防治工作计划"
    assert (result.meta.period_start, result.meta.period_end) == (2024, 2024)
    assert [a.title for a in result.annexes] == ["工业污染防治", "城镇生活污染治理"]
    assert [[len(t.measures) for t in a.tasks] for a in result.annexes] == [[2, 1], [1, 2]]
    measures = result.measures()
    assert [(_units(m.lead_units), _units(m.co_units)) for m in measures] == [
        # 市经信局, 市发改委 as printed: the lexicon's aliases of the city bodies
        (["市生态环境局"], ["市经济和信息化局"]),
        (["市生态环境局"], ["市经济和信息化局", "各区县人民政府"]),  # the 责任单位 line, first unit leads
        (["市建设局"], ["市生态环境局", "市发展改革委"]),
        (["市建设局"], ["市生态环境局"]),  # `市建设局（牵头）`
        (["市农业农村局"], ["各区县人民政府"]),
        (["市生态环境局"], ["市农业农村局", "市水利局"]),
    ]
    assert measures[1].attributes[prose_plan.DUTY_ATTRIBUTE] == "责任单位：市生态环境局、市经信局、各区县人民政府"
    assert not [r for r in result.review if r.kind.startswith("unit")]  # another province's units, known
    assert [(m.lead_label, m.co_label) for m in measures[2:4]] == [("牵头单位", "配合单位"), ("责任单位", "")]
    assert [(m.deadline.kind, m.deadline.start, m.deadline.end) for m in measures] == [
        ("by_date", None, date(2024, 6, 30)), ("year_end", None, date(2024, 12, 31)),
        ("window", date(2024, 7, 1), date(2024, 12, 31)), ("window", date(2024, 7, 1), date(2024, 9, 30)),
        ("year_end", None, date(2024, 12, 31)), ("long_term", None, None)]
    assert [(t.indicator, t.comparator, t.value) for t in result.targets] == [
        ("优良水体比例", ">=", 90), ("集中式饮用水水源地水质达标率", ">=", 100), ("劣Ⅴ类水体比例", "=", 0)]
    assert result.targets[1].raw == "县级以上集中式饮用水水源地水质达标率保持100%"


def test_targets_in_a_work_goal_section_and_in_tasks():
    """`一、工作目标` holds targets; `到2025年，…达到…%` sentences inside tasks are targets by 2025."""
    result = _read("prose-chengdu-air-2024-2025.txt")
    assert (result.meta.period_start, result.meta.period_end) == (2024, 2025)
    assert [len(a.tasks) for a in result.annexes] == [2, 2, 1]
    assert [(t.line, t.indicator, t.comparator, t.value, t.unit, t.period) for t in result.targets] == [
        (6, "PM2.5年均浓度", "<=", 33, "µg/m³", "by 2025"),
        (6, "优良天数比率", ">=", 85, "%", "by 2025"),
        (6, "重污染天数", "<=", 2, "天", "by 2025"),
        (7, "大气环境质量", "qualitative", None, "", "by 2025"),  # the statement's own line
        (10, "全区新能源公交车占比", ">=", 95, "%", "by 2025"),  # outside the catalogue, kept as printed
        (14, "绿化覆盖率", ">=", 42, "%", "by 2025"),
    ]
    assert result.targets[4].annex_number == "1"
    measures = result.measures()
    assert [(_units(m.lead_units), _units(m.co_units)) for m in measures] == [
        (["区交通运输局"], []), (["区生态环境局"], ["各街道办事处"]),
        (["区住建交通局"], ["区城市管理委", "区生态环境局"]),  # 区城管委: an alias
        (["区公园城市局"], []), (["区经济和信息化局", "区生态环境局"], [])]
    assert [(m.deadline.kind, m.deadline.end) for m in measures] == [
        ("by_date", date(2025, 12, 31)), ("recurring", None), ("by_date", date(2024, 6, 30)),
        ("by_date", date(2025, 12, 31)), ("by_date", date(2025, 6, 30))]
    unknown = sorted({r.text for r in result.review if r.kind == "unit_unknown"})
    assert "区生态环境局" not in unknown  # known units are not sent to review


def test_changping_re_rendered_with_responsibility_clauses():
    """The seed's content, one item a line, each closed by a clause: the same outline as the seed,
    every measure with its units and the clause out of its text."""
    result = _read("prose-changping-with-duties-2024.txt")
    seed = import_file(seed_path("changping-2024-work-plan.txt"))
    assert [len(a.tasks) for a in result.annexes] == [3, 7, 3, 4, 7, 9, 3]
    assert result.measures_by_annex() == seed.measures_by_annex()
    assert [t.title for a in result.annexes for t in a.tasks] == [t.title for a in seed.annexes for t in a.tasks]
    measures = result.measures()
    assert all(m.lead_units for m in measures)
    assert sum(len(m.co_units) for m in measures) == 23  # counted by hand in the document
    assert not any(k in m.text for m in measures for k in ("牵头", "参与）", "负责）", "配合〕"))
    assert [r.kind for r in result.review if r.kind == "units_missing"] == []
    dated = [(m.deadline.kind, m.deadline.raw, m.deadline.end) for m in measures if m.deadline.raw]
    assert dated == [("by_date", "6月底前", date(2024, 6, 30)), ("by_date", "9月底前", date(2024, 9, 30)),
                     ("long_term", "长期坚持", None)]
    # （区发展改革委指导，各镇人民政府、各街道办事处落实）
    assert (_units(measures[8].lead_units), _units(measures[8].co_units)) == (
        ["区发展改革委"], ["各镇人民政府", "各街道办事处"])
    # 18 headline statements + 5 in the tasks (one more than the seed: 重点建设用地安全利用率达到100% is
    # no longer cut off by a page break)
    assert len(result.targets) == 23
    assert [t.raw for t in result.targets[:18]] == [t.raw for t in seed.targets[:18]]


def test_wrapped_lines_and_yishi_items_with_clauses():
    """A PDF's wrapped lines (a clause broken over two lines), `一是` items closed by clauses, targets
    in 主要目标 — qualitative and outside the catalogue ones included."""
    result = _read("prose-minhang-wrapped-2024.txt")
    assert (result.meta.title, result.meta.district) == ("闵行区2024年生态环境保护工作要点", "闵行区")
    assert [[t.title for t in a.tasks] for a in result.annexes] == [
        ["推进挥发性有机物源头替代", "加强扬尘精细化管控"], ["完成雨污混接改造", "推进河湖生态治理"]]
    measures = result.measures()
    assert [(m.line, m.end_line) for m in measures] == [(10, 11), (11, 12), (14, 15), (15, 16)]
    assert measures[0].text == "推进挥发性有机物源头替代，完成20家企业低VOCs原辅材料替代。"
    assert [(_units(m.lead_units), m.lead_label) for m in measures] == [
        (["区生态环境局"], "牵头"), (["区建管委"], "负责"), (["区水务局"], "牵头"), (["区水务局"], "负责")]
    assert _units(measures[0].co_units) == ["区经委"]
    assert [(m.deadline.kind, m.deadline.end) for m in measures] == [
        ("year_end", date(2024, 12, 31)), ("long_term", None), ("by_date", date(2024, 9, 30)),
        ("by_date", date(2025, 12, 31))]
    assert [(t.indicator, t.comparator, t.value, t.period) for t in result.targets] == [
        ("PM2.5年均浓度", "≈", 30, "year"), ("AQI优良率", ">=", 85, "year"), ("考核断面达标率", ">=", 100, "year"),
        ("受污染耕地安全利用率", ">=", 95, "year"), ("重点建设用地安全利用", "qualitative", None, "year"),
        ("全区河湖水面率", ">=", Decimal("10.5"), "by 2025")]


@pytest.mark.parametrize("name", sorted(p.name for p in DOCUMENTS.glob("prose-*.txt")))
def test_prose_documents_detected_and_deterministic(name):
    text = (DOCUMENTS / name).read_text("utf-8")
    assert detect_shape(text)[0] == "prose_plan"
    data = text.encode("utf-8")
    assert import_bytes(data, name) == import_bytes(data, name)


@pytest.mark.parametrize("name", ["xicheng-2024-action-plan.txt", "daxing-2024-action-plan.txt",
                                  "tongzhou-2024-action-plans.txt", "fengtai-14th-fyp-2021-2025.txt"])
def test_prose_reader_yields_to_the_other_seeds(name):
    text = seed_path(name).read_text("utf-8")
    scores = {shape: module.detect(text).score for shape, module in TEXT_SHAPES.items()}
    assert scores["prose_plan"] < max(scores.values())


def test_chapters_and_a_table_of_contents():
    """`第X章` chapters (without 十四五 in the title, so not the five-year-plan shape), a table of
    contents read as such, a narrative chapter, and `（一）` items with inline text as tasks."""
    text = ("某县生态环境保护规划（2021—2025年）\n目录\n第一章 发展基础\t1\n第二章 主要任务\t3\n"
            "第一章 发展基础\n过去五年，全县生态环境质量明显改善。\n第二章 主要任务\n一、深化大气污染治理\n"
            "（一）推进工业源治理。完成燃煤锅炉清洁能源改造，到2025年，PM2.5年均浓度控制在35微克/立方米以下"
            "（县生态环境局牵头，县发展改革局参与）。\n（二）加强扬尘管控。建筑工地扬尘在线监测全覆盖（县住房城乡建设局负责）。\n"
            "二、加强水污染防治\n（一）推进污水处理。新建污水管网30公里（县水务局负责）。\n")
    result = import_bytes(text.encode("utf-8"), "plan.txt")
    assert result.shape == "prose_plan" and result.unaccounted(text) == []
    assert result.meta.title == "某县生态环境保护规划（2021—2025年）"
    assert (result.meta.period_start, result.meta.period_end) == (2021, 2025)
    assert [s.reason for s in result.skipped if s.line in (3, 4)] == ["table of contents"] * 2
    assert [(a.title, [t.title for t in a.tasks]) for a in result.annexes] == [
        ("深化大气污染治理", ["推进工业源治理", "加强扬尘管控"]), ("加强水污染防治", ["推进污水处理"])]
    assert [(t.indicator_code, t.value, t.period, t.line) for t in result.targets] == [
        ("pm25", Decimal(35), "by 2025", 9)]
    assert _units(result.measures()[0].co_units) == ["县发展改革局"]


def test_a_tab_table_is_not_prose():
    table = "一、大气\n（一）扬尘\n序号\t工作措施\t牵头单位\n1\t加强扬尘治理（区住建委牵头）\t区住建委\n"
    assert prose_plan.detect(table).score == 0.0
    # a table copied from a web page, one cell a line
    cells = "一、大气\n（一）扬尘\n序号\n工作措施\n牵头单位\n1\n加强扬尘治理（区住建委牵头）\n区住建委\n"
    assert prose_plan.detect(cells).score == 0.0


def test_prose_without_numbered_headings_is_refused_clearly():
    with pytest.raises(PlanImportError) as error:
        import_bytes("某区工作计划\n加强管理。\n".encode(), "plan.txt", )
    assert "plan.txt" in str(error.value)
    with pytest.raises(PlanImportError, match="no numbered heading"):
        from ecoplan.importers import import_text
        import_text("某区工作计划\n加强管理。\n", "plan.txt", "0", shape="prose_plan")


@pytest.mark.parametrize("printed,leads,cos", [
    ("（市生态环境局牵头，市发展改革委、市工业和信息化局参与）", ["市生态环境局"], ["市发展改革委", "市工业和信息化局"]),
    ("〔区水务局牵头，区生态环境局配合〕", ["区水务局"], ["区生态环境局"]),
    ("（区生态环境局负责）", ["区生态环境局"], []),
    ("（区生态环境局指导，各街道办事处落实）", ["区生态环境局"], ["各街道办事处"]),
    ("（各街道办事处落实）", ["各街道办事处"], []),
    ("（区发展改革委、区生态环境局按职责分工负责）", ["区发展改革委", "区生态环境局"], []),
])
def test_bracket_clauses(printed, leads, cos):
    text, duty = responsibility.trailing("加强扬尘治理" + printed + "。")
    assert text == "加强扬尘治理。"
    assert (_units(duty.lead_units), _units(duty.co_units), duty.printed) == (leads, cos, printed)


def test_brackets_that_are_not_clauses_stay():
    for text in ("降尘量控制在4.5吨/平方公里·月左右（扣除沙尘影响）。", "推进奥北森林公园（三期）建设。"):
        assert responsibility.trailing(text) == (text, None)


@pytest.mark.parametrize("printed,leads,cos,first", [
    ("牵头单位：区住房城乡建设委；配合单位：区生态环境局、区城市管理委", ["区住房城乡建设委"],
     ["区生态环境局", "区城市管理委"], False),
    ("责任单位：区水务局牵头，区生态环境局配合", ["区水务局"], ["区生态环境局"], False),
    ("责任单位：区水务局（牵头）、区生态环境局", ["区水务局"], ["区生态环境局"], False),
    ("责任单位：区水务局、区生态环境局", ["区水务局", "区生态环境局"], [], False),
    ("责任单位：区水务局、区生态环境局", ["区水务局"], ["区生态环境局"], True),
    ("（责任单位：区水务局）", ["区水务局"], [], False),
])
def test_labelled_clauses(printed, leads, cos, first):
    duty = responsibility.labelled(printed, first)
    assert (_units(duty.lead_units), _units(duty.co_units)) == (leads, cos)


@pytest.mark.parametrize("text,kind,end", [
    ("2025年6月底前完成治理", "by_date", date(2025, 6, 30)),
    ("6月30日前完成", "by_date", date(2024, 6, 30)),
    ("完成年度任务，长期坚持。", "long_term", None),
    ("持续推进节水型社会建设", None, None),  # a verb, not a deadline
    ("制定实施《生态文明建设规划（2023-2035年）》", None, None),  # a document's name
    ("3月底前完成方案，9月底前完成验收", "by_date", date(2024, 9, 30)),
    ("到2025年，绿化覆盖率达到42%", "by_date", date(2025, 12, 31)),
    ("2024—2025年逐步推进", "window", date(2025, 12, 31)),
])
def test_deadlines_printed_in_the_text(text, kind, end):
    found = prose_plan.deadline_in_text(text, 2024)
    assert (found.kind if found else None, found.end if found else None) == (kind, end)
    if text.startswith("3月底前"):
        assert found.milestones == [date(2024, 3, 31), date(2024, 9, 30)]


def test_target_statement_outside_the_catalogue_keeps_its_wording():
    from ecoplan.importers import targets
    found = targets.statements("城镇生活污水集中收集率保持100%，重污染天数同比减少10%。", 3, 2024)
    assert [(t.indicator, t.comparator, t.value, t.raw) for t in found] == [
        ("城镇生活污水集中收集率", "=", Decimal(100), "城镇生活污水集中收集率保持100%"),
        ("重污染天数", "reduce_by", Decimal(10), "重污染天数同比减少10%")]


def test_five_year_plan_is_read_by_the_prose_reader():
    """A county 十四五 plan (a cover notice, a contents list paged `⇥1`, two narrative chapters
    with a 总体目标 part and 表1, two chapters of work) whose measures close with responsibility
    clauses and a `责任单位：` line, as city plans print them: the paragraphs come from the prose
    reader, so the clauses give units and a heading after an unclosed line is still a heading."""
    name = "fyp-county-14th-duties.txt"
    result = import_file(DOCUMENTS / name)
    assert result.shape == "fyp_plan"
    assert result.unaccounted((DOCUMENTS / name).read_text("utf-8")) == []
    meta = result.meta
    assert (meta.title, meta.doc_number, meta.issue_date) == ("某县“十四五”生态环境保护规划", "某府发〔2022〕3号",
                                                              date(2022, 3, 15))
    assert (meta.period_start, meta.period_end) == (2021, 2025)
    assert [(a.title, a.line) for a in result.annexes] == [("深入打好蓝天保卫战", 43), ("深入打好碧水保卫战", 63)]
    assert [[(t.title, t.section) for t in a.tasks] for a in result.annexes] == [
        [("实施重点行业超低排放改造", "推进工业源深度治理"), ("加强挥发性有机物综合治理", "推进工业源深度治理"),
         ("强化移动源污染防治", "")],
        [("保护饮用水水源", "")]]
    measures = result.measures()
    assert [(m.line, m.text, m.deadline.end) for m in measures] == [
        (49, "到2025年，全县水泥企业完成超低排放改造。", date(2025, 12, 31)),
        (51, "推进工业炉窑清洁能源替代，淘汰燃煤热风炉。", None),
        (55, "开展涉挥发性有机物企业排查整治，建立“一企一策”管理台账。", None),
        (61, "淘汰国三及以下排放标准营运柴油货车。", None),
        (67, "到2025年，完成乡镇集中式饮用水水源地规范化建设。", date(2025, 12, 31))]
    assert [(_units(m.lead_units), _units(m.co_units)) for m in measures] == [
        (["县经济信息化局"], ["县生态环境局"]),
        (["县经济信息化局"], []),
        (["县生态环境局", "县市场监管局"], []),  # the 责任单位 line under it
        (["县交通运输局"], ["县公安局", "县生态环境局"]),
        (["县生态环境局", "县水利局"], [])]  # 按职责分工负责
    assert measures[0].attributes[prose_plan.DUTY_ATTRIBUTE] == "（县经济信息化局牵头，县生态环境局参与）"
    assert [(t.line, t.indicator_code, t.comparator, t.value, t.baseline_value) for t in result.targets] == [
        (34, "pm25", "<=", Decimal(33), None), (34, "good_day_ratio", ">=", Decimal(88), None),
        (39, "pm25", "<=", Decimal(33), Decimal(36)), (40, "good_day_ratio", ">=", Decimal(88), Decimal("85.2")),
        (41, "good_water_ratio", ">=", Decimal(100), Decimal(80))]
    assert [r.kind for r in result.review] == ["deadline_implicit"]
    assert result.meta.issuing_body == "某县人民政府"  # signing over the date
    assert [s.line for s in result.skipped if s.reason == "table of contents"] == [17, 18, 19, 20]


def test_sub_items_closed_by_one_clause_and_every_goal_statement():
    """Sichuan district plan: `（1）（2）` sub-items closed by one clause on its own line take its
    units (no empty measure); 工作目标 statements outside the catalogue are targets as printed."""
    result = _read("prose-sichuan-xindu-water-2025.txt")
    assert [a.title for a in result.annexes] == ["深化工业污染防治", "推进城乡生活污水治理", "加强河湖生态保护"]
    assert [[len(t.measures) for t in a.tasks] for a in result.annexes] == [[1, 1], [1, 1], [2, 1]]
    measures = result.measures()
    assert all(m.text for m in measures)
    assert [(_units(m.lead_units), _units(m.co_units)) for m in measures[4:6]] == [
        (["区水务局"], ["各镇人民政府、街道办事处"])] * 2
    assert [(m.deadline.kind, m.deadline.end) for m in measures] == [
        ("by_date", date(2025, 6, 30)), ("year_end", date(2025, 12, 31)), ("year_end", date(2025, 12, 31)),
        ("year_end", date(2025, 12, 31)), ("recurring", None), ("window", date(2025, 9, 30)), ("long_term", None)]
    assert [(t.indicator, t.comparator, t.value, t.raw) for t in result.targets] == [
        ("全区国省控断面水质优良比例", ">=", 100, "全区国省控断面水质优良比例达到100%"),
        ("集中式饮用水水源地水质达标率", ">=", 100, "县级及以上集中式饮用水水源地水质达标率保持100%"),
        ("城市建成区黑臭水体", "qualitative", None, "城市建成区黑臭水体保持动态清零")]
    assert not [r for r in result.review if r.kind == "units_missing"]


def test_yishi_items_on_the_heading_line_and_a_duty_line_for_all():
    """Henan county plan: `（一）标题。一是…二是…` on one line — the title is the campaign's, the
    items its tasks; the `责任单位：` line after them names every item's units, not the last only."""
    result = _read("prose-henan-huaxian-soil-2024.txt")
    assert [a.title for a in result.annexes] == [
        "加强耕地土壤污染源头防控", "严格建设用地准入管理", "推进地下水污染防治", "加强农业面源污染治理"]
    assert [[t.title for t in a.tasks] for a in result.annexes][0] == [
        "开展涉镉等重金属行业企业排查整治", "推进农药化肥减量增效"]
    assert [[len(t.measures) for t in a.tasks] for a in result.annexes] == [[1, 1], [1, 1], [1], [1, 1, 1]]
    measures = result.measures()
    assert [(_units(m.lead_units), _units(m.co_units)) for m in measures] == [
        (["县农业农村局", "县生态环境局", "各乡镇人民政府"], [])] * 2 + [
        (["县自然资源局"], ["县生态环境局", "县住房和城乡建设局"])] * 2 + [(["县生态环境局"], [])] + [
        (["县农业农村局", "各乡镇人民政府"], [])] * 3
    assert measures[0].text == "开展涉镉等重金属行业企业排查整治，2024年9月底前完成排查。"
    assert [(m.deadline.kind, m.deadline.end) for m in measures][::4] == [
        ("by_date", date(2024, 9, 30)), ("by_date", date(2024, 11, 30))]
    assert measures[-1].deadline.kind == "recurring"
    assert [(t.indicator, t.comparator, t.value) for t in result.targets] == [
        ("受污染耕地安全利用率", ">=", 93), ("重点建设用地安全利用", "qualitative", None),
        ("地下水国控点位水质", "qualitative", None)]


def test_town_plan_with_clauses_inside_yishi_items():
    """Guangdong town plan: `（一）大气污染防治。一是…（…牵头，…配合）。二是…` — every item a task
    with its own clause; the town's offices (镇…办) are units the lexicon does not know yet."""
    result = _read("prose-guangdong-paitan-town-2025.txt")
    assert [a.title for a in result.annexes] == ["大气污染防治", "水污染防治", "农村人居环境整治"]
    assert [[len(t.measures) for t in a.tasks] for a in result.annexes] == [[1, 1], [1, 1, 1], [1]]
    measures = result.measures()
    assert [(_units(m.lead_units), _units(m.co_units)) for m in measures] == [
        (["镇农业农村办"], ["各村〈社区〉"]), (["镇生态环境办"], ["镇市场监管所", "镇综合行政执法办"]),
        (["镇河长办"], []), (["镇规划建设办"], ["各村〈社区〉"]), (["镇农业农村办"], []),
        (["镇综合行政执法办"], ["各村〈社区〉"])]
    assert [(m.deadline.kind, m.deadline.end) for m in measures] == [
        ("recurring", None), ("by_date", date(2025, 6, 30)), ("year_end", date(2025, 12, 31)),
        ("by_date", date(2025, 10, 31)), ("year_end", date(2025, 12, 31)), ("by_date", date(2025, 12, 31))]  # 第四季度前: by the quarter’s end
    assert [(t.indicator, t.comparator, t.value) for t in result.targets] == [
        ("优良天数比率", ">=", 95), ("增江派潭河段水质", "qualitative", None), ("农村生活污水治理率", ">=", 95)]


def test_a_section_introduction_holding_measures_is_sent_to_review():
    """Nothing vanishes silently: an opening text with a clause that the reader cannot place."""
    text = ("某县2024年大气污染防治工作方案\n一、重点任务\n"
            "（一）加强扬尘管控。2024年9月底前完成工地排查（县住房和城乡建设局负责）。具体如下：\n"
            "1.加强道路保洁，每日机扫两次。（县城市管理局负责）\n"
            "2.加强工地围挡，2024年6月底前完成。（县住房和城乡建设局负责）\n"
            "二、保障措施\n加强组织领导。\n")
    result = import_bytes(text.encode("utf-8"), "plan.txt")
    unread = [r for r in result.review if r.kind == "line_unread"]
    assert [(r.line, r.params["number"]) for r in unread] == [(3, 3)]
    assert len(result.measures()) == 2


def test_five_year_plan_with_divisions_and_a_table_note():
    """Inner Mongolia banner 十四五 plan: 规划背景/总体要求 chapters are narrative (their 主要目标 节
    holds only qualitative aims), the work chapters' `第X节` are their tasks, dated sentences
    (`2023年底前完成`) deadlines, the note under 表1 no measure, `〔1200〕` a five-year sum."""
    result = import_file(DOCUMENTS / "fyp-inner-mongolia-banner-14th.txt")
    assert result.shape == "fyp_plan"
    assert result.unaccounted((DOCUMENTS / "fyp-inner-mongolia-banner-14th.txt").read_text("utf-8")) == []
    # 保障措施 stays an annex, as in the Fengtai seed (whose pinned counts hold its chapter's measures)
    assert [a.title for a in result.annexes] == ["深入打好蓝天保卫战", "持续打好碧水保卫战", "保障措施"]
    assert [[t.title for t in a.tasks] for a in result.annexes][:2] == [
        ["推进工业源深度治理", "加强移动源污染防治"], ["保障饮用水安全", "加强工业废水治理"]]
    measures = result.measures()
    assert measures[0].text.startswith("推动煤化工") and not any("第一节" in m.text for m in measures)
    assert [(m.deadline.kind, m.deadline.end) for m in measures[:4]] == [
        ("by_date", date(2023, 12, 31)), ("blank", None), ("by_date", date(2022, 12, 31)), ("blank", None)]
    assert len(result.targets) == 10
    cumulative = [(t.indicator, t.value, t.period, t.raw) for t in result.targets if t.period == "cumulative"]
    assert cumulative == [("化学需氧量重点工程减排量", 1200, "cumulative", "〔1200〕"),
                          ("氮氧化物重点工程减排量", 3500, "cumulative", "〔3500〕")]


def test_a_duty_line_after_numbered_sub_items_names_them_all():
    """`（1）…（2）…` then `责任单位：…`: the line names both items, not the last only."""
    text = ("某县2024年土壤污染防治工作方案\n一、重点任务\n（一）加强耕地土壤污染源头防控。\n"
            "（1）开展涉镉等重金属行业企业排查整治，2024年9月底前完成排查。\n（2）推进农药化肥减量增效。\n"
            "责任单位：县农业农村局、县生态环境局\n（二）严格建设用地准入管理。\n（1）动态更新名录。\n"
            "（2）落实土壤污染状况调查制度（县自然资源局负责）。\n责任单位：县生态环境局\n")
    result = import_bytes(text.encode("utf-8"), "plan.txt")
    assert [(_units(m.lead_units), _units(m.co_units)) for m in result.measures()] == [
        (["县农业农村局", "县生态环境局"], [])] * 2 + [(["县生态环境局"], []), (["县自然资源局"], [])]


def test_sections_closed_by_labelled_brackets_and_a_signature():
    # 02: `（一）标题。…（责任单位：A，B；完成时限：…）`: one measure per item, 落款 not work
    result = _read("prose-02-fj-minhou-2025-paiwukou.txt")
    assert [(a.title, len(a.tasks)) for a in result.annexes] == [("主要任务", 5)]
    measures = result.measures()
    assert len(measures) == 5
    assert [m.line for m in measures] == [8, 9, 10, 11, 12]
    assert measures[0].text.startswith("按照“有口皆查") and "责任单位" not in measures[0].text
    assert _units(measures[0].lead_units) == ["县生态环境局", "县水利局"] and measures[0].co_units == []
    assert _units(measures[1].co_units) == ["各乡镇人民政府"]
    assert measures[1].attributes[prose_plan.DUTY_ATTRIBUTE].startswith("（责任单位：县生态环境局；配合单位")
    assert [(m.deadline.kind, m.deadline.end) for m in measures] == [
        ("by_date", date(2025, 6, 30)), ("by_date", date(2025, 9, 30)), ("by_date", date(2025, 12, 31)),
        ("long_term", None), ("by_date", date(2026, 6, 30))]
    assert measures[3].deadline.raw == "长期坚持"
    # the 落款 is never work: the notice reader takes it as the issuing body and date
    assert {17, 18} <= set(result.meta_lines) and result.meta.issuing_body and result.meta.issue_date
    assert not [r for r in result.review if r.kind in ("units_missing", "deadline_implicit", "lead_missing")]
    assert [(t.raw, t.comparator, t.period) for t in result.targets] == [
        ("整治完成率达到80%以上", ">=", "by 2025"), ("基本完成全县入河排污口整治", "qualitative", "by 2027")]


def test_numbered_items_closed_by_labelled_sentences():
    # 03: `1.标题。…。责任单位：A，B；完成时限：长期坚持。` — detected as prose by default
    text = (DOCUMENTS / "prose-03-gz-yaxi-2025-renju.txt").read_text("utf-8")
    assert detect_shape(text)[0] == "prose_plan"
    result = _read("prose-03-gz-yaxi-2025-renju.txt")
    measures = result.measures()
    assert [t.title for a in result.annexes for t in a.tasks] == [
        "推进农村厕所革命", "治理农村生活污水", "整治农村生活垃圾", "开展村庄清洁行动", "推进畜禽粪污资源化利用"]
    assert measures[0].text == "完成户厕改造200户，其中石堡村60户、大坝村80户、鸭溪村60户。"
    assert _units(measures[1].lead_units) == ["镇村镇建设服务中心"] and _units(measures[1].co_units) == ["大坝村"]
    assert (measures[2].deadline.kind, measures[2].deadline.raw) == ("long_term", "长期坚持")
    assert (measures[3].deadline.kind, measures[3].deadline.raw) == ("recurring", "每季度")
    assert measures[0].deadline.end == date(2025, 10, 31)
    assert all(m.lead_units for m in measures)
    assert len(result.targets) == 2
    # the 落款 is never work: the notice reader takes it as the issuing body and date
    assert {15, 16} <= set(result.meta_lines) and result.meta.issuing_body and result.meta.issue_date
    assert not [r for r in result.review if r.kind in ("units_missing", "deadline_implicit")]


def test_yishi_items_with_labelled_trailers_under_a_cover_notice():
    # 10: `一是…。牵头单位：A；配合单位：B、C。完成时限：…` under `一、` parts; title after the notice
    result = _read("prose-10-gz-kaili-2025-soil.txt")
    assert result.meta.title == "凯里市土壤污染防治2025年工作计划"
    assert [(a.title, len(a.tasks)) for a in result.annexes] == [
        ("加强农用地分类管理", 2), ("强化建设用地准入管理", 2), ("防控工矿企业污染", 2)]
    measures = result.measures()
    assert len(measures) == 6
    first = measures[0]
    assert first.text == "落实受污染耕地安全利用措施，安全利用率达到93%以上。"
    assert result.annexes[0].tasks[0].title == "落实受污染耕地安全利用措施"
    assert _units(first.lead_units) == ["市农业农村局"]
    assert _units(first.co_units) == ["市生态环境局", "各镇人民政府"]
    assert first.deadline.end == date(2025, 12, 31)
    assert first.attributes[prose_plan.DUTY_ATTRIBUTE].startswith("牵头单位：市农业农村局；配合单位")
    assert [len(m.lead_units) for m in measures] == [1] * 6
    assert sum(1 for m in measures if m.co_units) == 3
    assert (measures[2].deadline.kind, measures[2].deadline.raw) == ("long_term", "长期坚持")
    assert measures[-1].end_line == 17 and "凯里市人民政府办公室" not in measures[-1].text
    # the 落款 is never work: the notice reader takes it as the issuing body and date
    assert {19, 20} <= set(result.meta_lines) and result.meta.issuing_body and result.meta.issue_date
    assert not [r for r in result.review if r.kind in ("units_missing", "deadline_implicit")
                or "no plan title" in r.message]


@pytest.mark.parametrize(("printed", "rest", "leads", "cos", "deadline"), [
    ("推进…。牵头单位：市农业农村局；配合单位：市生态环境局、各镇人民政府。完成时限：2025年12月底。", "推进…。",
     ["市农业农村局"], ["市生态环境局", "各镇人民政府"], "2025年12月底"),
    ("开展排查。（责任单位：县生态环境局；完成时限：长期坚持）", "开展排查。", ["县生态环境局"], [], "长期坚持"),
    ("开展排查，达到100%。", "开展排查，达到100%。", None, None, None),
])
def test_labelled_trailers(printed, rest, leads, cos, deadline):
    body, duty = responsibility.split(printed)
    assert body == rest
    if leads is None:
        assert duty is None
        return
    assert duty is not None and duty.deadline == deadline
    assert _units(duty.lead_units) == leads and _units(duty.co_units) == cos


def test_only_the_items_without_a_printed_deadline_are_said_due_at_the_year_end():
    text = (DOCUMENTS / "prose-10-gz-kaili-2025-soil.txt").read_text("utf-8").replace(
        "牵头单位：市生态环境局；完成时限：2025年6月底。", "牵头单位：市生态环境局。")
    result = import_bytes(text.encode("utf-8"), "kaili.txt")
    undated = [m for m in result.measures() if not m.deadline.raw]
    assert [(m.line, m.deadline.kind, m.deadline.end) for m in undated] == [(14, "year_end", date(2025, 12, 31))]
    assert [r.message for r in result.review if r.kind == "deadline_implicit"] == [
        "1 measures print no 完成时限: they are due at the end of the plan year"]
