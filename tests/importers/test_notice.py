"""The plan's own metadata, as the document prints it (notice.py; issue #8 point 4: the year and the
text never invented, the metadata true): the 文号 in every form governments print, the district a
title or an issuing body names, the title of a plan body printed above its annexed task table, the
issue date, and the targets that body states above the table.

Three documents of our tester (tests/importers/documents/01-…, 07-…, 14-…) are checked whole: what the
document prints (counted by hand) against what the importer reads.
"""
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ecoplan.importers import import_bytes, import_file
from ecoplan.importers.model import ImportResult, PlanMeta
from ecoplan.importers.notice import district_of, doc_number, read_signature, title_line, town_district

DOCUMENTS = Path(__file__).parent / "documents"


def _read(text: str, name: str = "plan.txt"):
    return import_bytes(text.encode("utf-8"), name)


def _reviews(result, kind):
    return [r.message for r in result.review if r.kind == kind]


# --- 文号 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("printed,expected", [
    ("南府办〔2025〕12号", "南府办〔2025〕12号"),  # 办 without 发
    ("粤府〔2023〕1号", "粤府〔2023〕1号"),  # a province's government: two characters
    ("豫政办〔2024〕3号", "豫政办〔2024〕3号"),
    ("环大气〔2024〕5号", "环大气〔2024〕5号"),  # a ministry's department
    ("成府函〔2024〕5号", "成府函〔2024〕5号"),  # 函
    ("粤环字〔2025〕7号", "粤环字〔2025〕7号"),  # 字
    ("京兴政办发〔2024〕2号", "京兴政办发〔2024〕2号"),  # 发, as before
    (" 西政办发〔2024〕2 号", "西政办发〔2024〕2号"),  # Xicheng's PDF spacing
    ("南府办[2025]12号", "南府办〔2025〕12号"),  # the brackets a keyboard has
    ("南府办（2025）12号", "南府办〔2025〕12号"),
    ("南府办(2025)12号", "南府办〔2025〕12号"),
    ("南府办［2025］12号", "南府办〔2025〕12号"),
    ("南府办【2025】12号", "南府办〔2025〕12号"),
    ("（粤府〔2023〕1号）", "粤府〔2023〕1号"),  # in brackets under a web page's title
    ("文号：南府办〔2025〕12号", "南府办〔2025〕12号"),  # a web page's label
    ("发文字号：成府函〔2024〕5号", "成府函〔2024〕5号"),
    ("南府办〔2025〕12号\u3000\u3000签发人：张明", "南府办〔2025〕12号"),  # beside the signer
])
def test_doc_number_in_the_forms_governments_print(printed, expected):
    assert doc_number(printed) == expected


@pytest.mark.parametrize("sentence", [
    "根据《空气质量持续改善行动计划》（国发〔2023〕24号）要求，制定本方案。",  # another document's, cited
    "按照省政府办公厅豫政办〔2024〕3号文件要求，结合我区实际，制定本方案。",
    "2025年，全区PM2.5年均浓度控制在22微克/立方米以内。",
    "全区共排查涉VOCs企业（2025年）12家。",
    "（2025）12号",  # no issuing organ
    "区政府第（2025）12号令",
    "完成2025年12号线沿线扬尘治理",
    "附件1（2025年版）",
    "各镇（街道）2025年12月底前完成",
    "详见南府办〔2025〕12号附件。",
])
def test_a_sentence_is_no_doc_number(sentence):
    assert doc_number(sentence) == ""


def test_a_cited_doc_number_is_not_the_plans_and_its_absence_is_true():
    result = _read("\n".join([
        "某区2025年大气污染防治工作方案",
        "根据《空气质量持续改善行动计划》（国发〔2023〕24号）要求，制定本方案。",
        "某区2025年大气污染防治重点任务分工表",
        "序号\t重点任务\t工作措施\t完成时限\t牵头单位",
        "1\t工业治理\t完成5家企业治理。\t2025年6月底前\t区生态环境局",
    ]))
    assert result.meta.doc_number == ""
    assert "no 文号 printed in the document" in _reviews(result, "meta_missing")


def test_doc_number_without_fa_is_read_and_not_asked_for():
    result = _read("\n".join([
        "某区2025年大气污染防治工作方案",
        "南府办（2025）12号",
        "某区2025年大气污染防治重点任务分工表",
        "序号\t重点任务\t工作措施\t完成时限\t牵头单位",
        "1\t工业治理\t完成5家企业治理。\t6月底前\t区生态环境局",
    ]))
    assert result.meta.doc_number == "南府办〔2025〕12号"
    assert "no 文号 printed in the document" not in _reviews(result, "meta_missing")
    assert 2 in result.meta_lines
    assert result.meta.period_start == 2025  # the year of the title, the 文号 agreeing


# --- the district ------------------------------------------------------------------------------

@pytest.mark.parametrize("title,district", [
    ("成都市新都区2025年水污染防治工作要点", "新都区"),  # not 市新都区
    ("佛山市南海区2025年大气污染防治工作实施方案", "南海区"),
    ("无锡市梁溪区“无废城市”建设2025年重点任务清单", "梁溪区"),
    ("重庆市万州区2025年柴油货车污染治理攻坚任务表", "万州区"),  # under a municipality
    ("广州市增城区派潭镇2025年生态环境保护工作要点", "增城区"),  # a town's plan: its district
    ("广东省佛山市南海区2025年大气污染防治工作实施方案", "南海区"),
    ("湖州市长兴县2025年治水工作任务清单", "长兴县"),
    ("滑县2024年土壤污染防治攻坚战实施方案", "滑县"),
    ("商城县2025年大气污染防治攻坚方案", "商城县"),
    ("伊金霍洛旗“十四五”生态环境保护规划", "伊金霍洛旗"),  # a banner
    ("昌吉市2025年大气污染防治重点任务清单", "昌吉市"),  # a county-level city's own plan
    ("昆山市2025年臭氧污染防治攻坚行动任务分工", "昆山市"),
    ("苏州市昆山市2025年臭氧污染防治攻坚行动任务分工", "昆山市"),
    ("表1 蒲江县“十四五”生态环境保护主要指标", "蒲江县"),  # after a table's number
    ("附件：金水区2025年扬尘污染防治重点任务分工表", "金水区"),
    ("上海市金山区人民政府办公室", "金山区"),  # an issuing body
    ("北京市西城区人民政府办公室", "西城区"),
    ("大兴区持续深入打好污染防治攻坚战 2024年行动计划", "大兴区"),
    ("昌平区 2024年生态文明建设和生态环境保护工作计划和措施", "昌平区"),
    ("济南市市中区2025年生态环境保护工作要点", "市中区"),  # a district named 市中
    ("演示区持续深入打好污染防治攻坚战 2026年行动计划", "演示区"),  # not in the national table
    ("苏州市2025年大气污染防治工作计划", ""),  # a city's plan names no district
    ("湖州市2024年水污染防治工作计划", ""),
    ("郑州市人民政府办公厅", ""),
    ("广东省2025年大气污染防治工作方案", ""),
    ("北京市2025年生态环境保护工作要点", ""),
    ("2024—2025年秋冬季重点区域大气污染综合治理攻坚方案", ""),  # a national plan: 重点区域 is no district
    ("某市2024年蓝天保卫战重点任务分工", ""),
    ("全区2025年生态环境保护重点任务", ""),
    ("工业园区2025年挥发性有机物治理方案", ""),
    ("重点区域2025年秋冬季大气污染综合治理攻坚方案", ""),
    ("县域农村生活污水治理专项规划", ""),
    ("推进美丽西城建设持续深入打好污染防治攻坚战 2024年行动计划", ""),  # 西城 without 区: its body says
])
def test_district_is_the_lowest_division_the_title_names(title, district):
    assert district_of(title) == district


def test_district_from_the_issuing_body_when_the_title_names_none():
    result = _read("\n".join([
        "关于印发《2025年清洁空气行动重点任务分工表》的通知",
        "上海市金山区人民政府办公室",
        "2025年3月10日",
        "序号\t重点任务\t工作内容\t牵头部门\t完成时限",
        "1\t工业治理\t完成5家企业治理。\t区生态环境局\t2025年6月底前",
    ]))
    assert result.meta.title == "2025年清洁空气行动重点任务分工表"
    assert result.meta.district == "金山区"


# --- the title of a plan body above its table --------------------------------------------------

@pytest.mark.parametrize("lines,expected", [
    (["佛山市南海区2025年大气污染防治工作实施方案", "南府办〔2025〕12号", "为深入打好蓝天保卫战，制定本方案。"], 0),
    (["某区人民政府办公室文件", "", "某政办〔2025〕1号", "某区2025年扬尘污染防治工作方案", "一、工作目标"], 3),
    (["关于印发《某区2025年行动计划》的通知", "各镇人民政府："], None),  # the notice's 《…》 names it
    (["首页 > 政务公开 > 规划计划", "某区2025年行动计划"], None),  # a site's path first: not a title
    (["一、工作目标", "2025年，全区PM2.5年均浓度控制在22微克/立方米以内。"], None),
    (["附件：某区2025年重点任务分工表"], None),  # an annex's caption
    (["2025年3月10日"], None),
])
def test_title_line_of_a_plan_body(lines, expected):
    assert title_line(lines, len(lines)) == expected


# --- targets stated above the table ------------------------------------------------------------

def test_target_paragraph_and_dated_sentence_above_a_table_become_targets():
    result = _read("\n".join([
        "样板县2025年大气污染防治工作方案",  # 1
        "",
        "一、主要目标",  # 3
        "全县细颗粒物（PM2.5）年均浓度控制在35微克/立方米以内，",  # 4: a paragraph wrapped over two lines
        "重污染天数不超过3天。",  # 5
        "二、重点任务",  # 6
        "各乡镇要高度重视，2025年完成各项任务。",  # 7: a year, no target: notice text
        "2025年，全县空气质量优良天数比率达到80%以上。",  # 8: a dated sentence outside the 目标 part
        "三、保障措施",  # 9
        "严格考核，考核结果纳入2025年度综合考评，优良天数比率低于75%的予以通报。",  # 10: not dated, not read
        "附件",
        "样板县2025年大气污染防治重点任务分工表",  # 12
        "序号\t重点任务\t工作措施\t完成时限\t牵头单位",
        "1\t工业治理\t完成5家企业治理。\t6月底前\t县生态环境局",
    ]))
    found = [(t.indicator_code, t.comparator, t.value, t.line) for t in result.targets]
    assert found == [("pm25", "<=", Decimal(35), 4), ("heavy_days", "<=", Decimal(3), 5),
                     ("good_day_ratio", ">=", Decimal(80), 8)]
    assert all(t.annex_number == "" for t in result.targets)  # the plan's, not an annex's
    skipped = {s.line: s.reason for s in result.skipped}
    assert {n: skipped.get(n) for n in (3, 6, 7, 9, 10)} == dict.fromkeys((3, 6, 7, 9, 10), "notice text")
    assert result.meta.title == "样板县2025年大气污染防治工作方案"
    assert result.annexes[0].title == "样板县2025年大气污染防治重点任务分工表"
    assert result.meta.district == "样板县"
    assert not _reviews(result, "line_unread")


def test_a_target_heading_with_its_text_on_the_line():
    result = _read("\n".join([
        "某区2025年扬尘污染防治工作方案",
        "（一）工作目标。全区降尘量控制在5吨/平方公里·月以内，空气质量优良天数比率达到85%。",
        "附件：某区2025年扬尘污染防治重点任务分工表",
        "序号\t重点任务\t工作措施\t完成时限\t牵头单位",
        "1\t道路扬尘\t主次干道机械化清扫率达到100%。\t3月底前\t区城市管理局",
    ]))
    assert [(t.indicator, t.comparator, t.value, t.line) for t in result.targets] == [
        ("降尘量", "<=", Decimal(5), 2), ("优良天数比率", ">=", Decimal(85), 2)]


@pytest.mark.parametrize("name", ["daxing-2024-action-plan.txt", "xicheng-2024-action-plan.txt"])
def test_seed_notices_state_no_targets(name):
    """The seeds' notices (Daxing's 一、切实提高政治站位… paragraphs, Xicheng's 一是…) state no target:
    every target is read from the annexes (counts pinned in test_seeds.py)."""
    from ..conftest import seed_path

    result = import_file(seed_path(name))
    assert result.targets and all(t.line > result.annexes[0].line for t in result.targets)


# --- tester documents: what they print against what is read ------------------------------------
# title, 文号, district, issue date, issuing body, annex titles, tasks and measures per annex,
# targets (indicator code or printed indicator, comparator, value, line) — counted by hand.

TESTER = {
    "01-gd-nanhai-2025-air.txt": {  # a 实施方案 body (目标, 任务, 保障) above its annexed 分工表
        "title": "佛山市南海区2025年大气污染防治工作实施方案", "doc_number": "南府办〔2025〕12号",
        "district": "南海区", "issue_date": None, "issuing_body": "",
        "annexes": ["南海区2025年大气污染防治重点任务分工表"], "tasks": [5], "measures": [12],
        "targets": [("pm25", "<=", Decimal(22), 7), ("good_day_ratio", ">=", Decimal(90), 7),
                    ("臭氧浓度上升趋势", "qualitative", None, 7)],
        "missing": ["no issue date printed in the document", "no issuing body printed in the document"],
    },
    "shanghai-jinshan-2025-air.html": {  # a site's page: notice, signature over the date, then the table
        "title": "金山区2025年清洁空气行动重点任务分工表", "doc_number": "金府办发〔2025〕8号",
        "district": "金山区", "issue_date": date(2025, 3, 10), "issuing_body": "上海市金山区人民政府办公室",
        "annexes": ["金山区2025年清洁空气行动重点任务分工表"], "tasks": [3], "measures": [6],
        "targets": [], "missing": [],
    },
    "14-hn-jinshui-2025-dust-2rowheader.docx": {  # a 工作方案 body, `附件：` caption, two-row header
        "title": "郑州市金水区2025年扬尘污染防治工作方案", "doc_number": "金政办〔2025〕6号",
        "district": "金水区", "issue_date": None, "issuing_body": "",
        "annexes": ["金水区2025年扬尘污染防治重点任务分工表"], "tasks": [3], "measures": [5],
        "targets": [("pm25", "<=", Decimal(40), 4), ("PM10年均浓度", "<=", Decimal(70), 4),
                    ("good_day_ratio", ">=", Decimal(70), 4)],
        "missing": ["no issue date printed in the document", "no issuing body printed in the document"],
    },
}


@pytest.mark.parametrize("name", TESTER)
def test_tester_document_read_as_printed(name):
    expected = TESTER[name]
    result = import_file(DOCUMENTS / name)
    meta = result.meta
    assert result.shape == "header_table"
    assert (meta.title, meta.doc_number, meta.district, meta.issue_date, meta.issuing_body) == (
        expected["title"], expected["doc_number"], expected["district"], expected["issue_date"],
        expected["issuing_body"])
    assert meta.period_start == meta.period_end == 2025
    assert [a.title for a in result.annexes] == expected["annexes"]
    assert [len(a.tasks) for a in result.annexes] == expected["tasks"]
    assert result.measures_by_annex() == expected["measures"]
    assert [(t.indicator_code or t.indicator, t.comparator, t.value, t.line) for t in result.targets] == \
        expected["targets"]
    # only what the document really does not print is asked for (no false "no 文号 printed")
    assert _reviews(result, "meta_missing") == expected["missing"]
    assert not _reviews(result, "line_unread")


def test_nanhai_measures_units_and_deadlines():
    result = import_file(DOCUMENTS / "01-gd-nanhai-2025-air.txt")
    tasks = result.annexes[0].tasks
    assert [t.title for t in tasks] == ["工业源深度治理", "移动源污染防治", "扬尘污染管控", "面源污染治理", "重污染天气应对"]
    first = tasks[0].measures[0]
    assert first.text == "完成5家陶瓷企业脱硫脱硝除尘设施升级改造"
    assert first.deadline.end == date(2025, 6, 30)
    assert [u.printed for u in first.lead_units] == ["区生态环境局"]
    assert [u.printed for u in first.co_units] == ["区工业和信息化局", "各镇人民政府（街道办事处）"]
    assert tasks[1].measures[0].deadline.kind == "long_term"
    assert tasks[3].measures[1].deadline.start == date(2025, 7, 1)  # 第三季度 of the plan year


def test_jinshan_date_line_is_the_issue_date_not_a_title():
    result = import_file(DOCUMENTS / "shanghai-jinshan-2025-air.html")
    assert 7 in result.meta_lines  # `2025年3月10日`: the issue date
    assert all(a.title != "2025年3月10日" for a in result.annexes)
    assert [len(t.measures) for t in result.annexes[0].tasks] == [3, 2, 1]


# --- the closing signature (落款) -----------------------------------------------------------------

# the body of our tester's 10-gz-kaili (invented content), without its notice
_PROSE_BODY = """凯里市土壤污染防治2025年工作计划

    一、加强农用地分类管理。
    一是落实受污染耕地安全利用措施，安全利用率达到93%以上。牵头单位：市农业农村局；配合单位：市生态环境局、各镇人民政府。完成时限：2025年12月底。
    二是开展耕地土壤环境质量类别动态调整。牵头单位：市农业农村局；完成时限：2025年10月底。
    二、强化建设用地准入管理。
    一是依法开展土壤污染状况调查，未经调查评估的地块不得进入用地程序。牵头单位：市自然资源局；配合单位：市生态环境局。完成时限：长期坚持。
    二是建立疑似污染地块名单，动态更新。牵头单位：市生态环境局；完成时限：2025年6月底。
    三、防控工矿企业污染。
    一是督促土壤污染重点监管单位完成隐患排查和自行监测。牵头单位：市生态环境局；完成时限：2025年11月底。
    二是开展舟阳河流域涉重金属企业排查整治。牵头单位：市生态环境局；配合单位：市工业和信息化局、炉山镇人民政府、万潮镇人民政府。完成时限：2025年9月底。
"""


@pytest.mark.parametrize("ending,body,day,public", [
    # our tester's 10-gz-kaili: the body over the date, the last lines of the document
    ("\n凯里市人民政府办公室\n2025年3月28日\n", "凯里市人民政府办公室", date(2025, 3, 28), False),
    # followed by 此件公开发布 and the 抄送 block
    ("\n凯里市人民政府办公室\n2025年3月28日\n（此件公开发布）\n抄送：州生态环境局。\n",
     "凯里市人民政府办公室", date(2025, 3, 28), True),
    # two bodies issuing jointly on one line (our tester's 03-gz-yaxi)
    ("\n中共凯里市委办公室  凯里市人民政府办公室\n2025年2月20日\n",
     "中共凯里市委办公室、凯里市人民政府办公室", date(2025, 2, 20), False),
])
def test_signature_at_the_end_is_the_issuing_body_and_date(ending, body, day, public):
    result = _read(_PROSE_BODY + ending)
    assert (result.meta.issuing_body, result.meta.issue_date, result.meta.public) == (body, day, public)
    assert result.meta.district == "凯里市"  # a county-level city, named by the signature
    assert not [m for m in _reviews(result, "meta_missing") if "issu" in m]
    last = len((_PROSE_BODY + ending).rstrip("\n").split("\n"))
    assert not [s for s in result.skipped if s.line >= last - 1]  # metadata, not notice text


def test_read_signature_marks_its_lines_as_metadata():
    lines = ["某某工作方案", "", "正文", "闽侯县人民政府办公室", "2025年4月2日", "（此件公开发布）", ""]
    result = ImportResult(source_name="plan.txt", sha256="", shape="prose_plan", meta=PlanMeta())
    result.skip(4, "notice text", lines[3])  # a shape that listed it as skipped
    assert read_signature(lines, result) == {4, 5, 6}
    assert (result.meta.issuing_body, result.meta.issue_date, result.meta.public) == \
        ("闽侯县人民政府办公室", date(2025, 4, 2), True)
    assert sorted(result.meta_lines) == [4, 5, 6] and not result.skipped
    assert district_of(result.meta.issuing_body) == "闽侯县"


def test_a_last_line_that_is_not_a_signature_is_left_alone():
    result = _read(_PROSE_BODY + "\n各单位要高度重视\n2025年3月28日\n")
    assert result.meta.issuing_body == ""
    assert "no issuing body printed in the document" in _reviews(result, "meta_missing")


@pytest.mark.parametrize("title,text,expected", [
    # our tester's 03-gz-yaxi: a town's plan, its county printed in a unit's name
    ("鸭溪镇2025年农村人居环境整治提升工作方案",
     "责任单位：镇农业服务中心，播州区生态环境局鸭溪分局；完成时限：2025年12月底。", "播州区"),
    ("中共鸭溪镇委员会办公室、鸭溪镇人民政府办公室", "（播州区生态环境局鸭溪分局）", "播州区"),
    ("鸭溪镇2025年工作方案", "全镇各村（社区）", ""),  # no county printed: asked, not guessed
    ("鸭溪镇2025年工作方案", "播州区、汇川区各一次", ""),  # two, equally often: not guessed
    ("凯里市2025年工作计划", "播州区生态环境局", ""),  # not a town's plan
])
def test_a_town_plan_is_in_the_county_it_prints(title, text, expected):
    assert town_district(title, text) == expected
    if "镇" in title:
        assert district_of(title) == ""  # a 镇 is not a district
