"""PDF text with the cells of a row interleaved across lines (``table_text``)."""
from ecoplan.importers import import_bytes, import_file

from ..conftest import seed_path


def test_xicheng_row_split_by_the_page_break_keeps_its_rest():
    """A1-4.2's text goes on after the page header at line 253 (lines 255–265); the gap after it
    and more text before any deadline show it is the rest of A1-4.2, not the start of A1-4.3."""
    result = import_file(seed_path("xicheng-2024-action-plan.txt"))
    task = result.annexes[0].tasks[3]
    assert task.title == "推进低（无）VOCs含量产品源头替代"
    second, third = task.measures[1], task.measures[2]
    assert second.text.startswith("工程建设领域大力推广绿色环保产品")
    assert "按照不低于 15%的比例对施工工地开展抽检" in second.text
    assert second.text.endswith("禁止使用不符合《建筑类涂料与胶粘剂挥发性有机化合物含量限值标准》（DB11/ 1983—2022）产品。")
    assert (second.line, second.end_line) == (236, 265)
    assert [u.printed for u in second.lead_units][:1] == ["区住房城市建设委"]
    assert third.text == "参照市级要求，加强销售、使用环节含 VOCs 产品检查、检测，重点加强印刷、汽修行业的检查和检测力度。"
    assert third.line == 267 and third.deadline.raw == "年底前"
    assert [u.printed for u in third.lead_units + third.co_units] == ["区发展改革委", "市交通委西城运输管理分局"]
    # a reading from layout, not from the words: the coordinator is told
    flagged = [r for r in result.review if r.kind == "page_break_text"]
    assert [(r.line, r.params["first"]) for r in flagged] == [(236, 255)]


# A Jiangsu district's task table as a PDF extractor prints it: other column names, no 附件 line,
# deadlines with their year, a deadline and units printed beside a cell's first line, the header
# reprinted per page (once in fragments `编` / `号`), a row going on after the page header.
WUZHONG = """\
吴中区2024年水污染防治工作任务分工表

编号 工作任务 具体措施 完成时间 责任部门 配合部门

一、保障饮用水安全

1
饮用水水源
地保护

开展集中式饮用水水源地环境状况评估，完成水源保护区 2024年6月底前 区水务局
标志设置和隔离防护设施建设，清理保护区内违法建设项目。

区生态环境局
各镇人民政府

加强水源地水质监测预警，每季度公开饮用水水源地水质
状况信息。

每季度
区生态环境局
区卫生健康委

2
农村供水
保障

推进城乡供水一体化，完成 12 个行政村供水管网改造。 2024年11月底前 区水务局 ——

二、加强工业污染防治

3
工业园区
整治

开展工业园区污水收集处理设施排查整治，建立问题清单，
实施“一园一策”整改，园区污水管网实现全覆盖，确保污
 编号 工作任务 具体措施 完成时间 责任部门 配合部门

水集中处理设施稳定达标运行。

年底前
区生态环境局
区工业和信息化局

吴中经济技术开发区
管委会
各镇人民政府

严格涉水企业排污许可管理，对重点排污单位开展执法检 长期坚持 区生态环境局 区市场监管局
查，依法查处超标排放等违法行为。

4
太湖蓝藻
防控

落实太湖蓝藻打捞处置，汛期加密巡查频次，确保太湖安
全度夏。

编
号
工作任务 具体措施 完成时间 责任部门 配合部门

2024年4月1日起 区水务局 区农业农村局
"""


def test_other_district_interleaved_pdf_text():
    result = import_bytes(WUZHONG.encode("utf-8"), "wuzhong-water-2024.txt")
    assert result.shape == "table_text"
    annex, = result.annexes
    assert annex.title == result.meta.title == "吴中区2024年水污染防治工作任务分工表"
    assert result.meta.period_start == 2024
    assert [(t.number, t.title, t.section) for t in annex.tasks] == [
        ("1", "饮用水水源地保护", "一、保障饮用水安全"), ("2", "农村供水保障", "一、保障饮用水安全"),
        ("3", "工业园区整治", "二、加强工业污染防治"), ("4", "太湖蓝藻防控", "二、加强工业污染防治")]
    read = [(m.text, m.deadline.raw, [u.printed for u in m.lead_units], [u.printed for u in m.co_units])
            for t in annex.tasks for m in t.measures]
    assert read == [
        ("开展集中式饮用水水源地环境状况评估，完成水源保护区标志设置和隔离防护设施建设，清理保护区内违法建设项目。",
         "2024年6月底前", ["区水务局"], ["区生态环境局", "各镇人民政府"]),
        ("加强水源地水质监测预警，每季度公开饮用水水源地水质状况信息。", "每季度", ["区生态环境局"], ["区卫生健康委"]),
        ("推进城乡供水一体化，完成 12 个行政村供水管网改造。", "2024年11月底前", ["区水务局"], []),
        ("开展工业园区污水收集处理设施排查整治，建立问题清单，实施“一园一策”整改，园区污水管网实现全覆盖，"
         "确保污水集中处理设施稳定达标运行。", "年底前", ["区生态环境局"],
         ["区工业和信息化局", "吴中经济技术开发区管委会", "各镇人民政府"]),
        ("严格涉水企业排污许可管理，对重点排污单位开展执法检查，依法查处超标排放等违法行为。", "长期坚持",
         ["区生态环境局"], ["区市场监管局"]),
        ("落实太湖蓝藻打捞处置，汛期加密巡查频次，确保太湖安全度夏。", "2024年4月1日起", ["区水务局"], ["区农业农村局"]),
    ]
    deadlines = [m.deadline for t in annex.tasks for m in t.measures]
    assert [(d.kind, str(d.start), str(d.end)) for d in deadlines] == [
        ("by_date", "None", "2024-06-30"), ("recurring", "None", "None"), ("by_date", "None", "2024-11-30"),
        ("year_end", "None", "2024-12-31"), ("long_term", "None", "None"), ("from_date", "2024-04-01", "None")]
    measure = annex.tasks[0].measures[0]
    assert (measure.lead_label, measure.co_label) == ("责任部门", "配合部门")
    skipped = {s.line: s.reason for s in result.skipped}
    assert [n for n, reason in skipped.items() if reason == "repeated page header"] == [3, 38, 60, 61, 62]
    kinds = {r.kind for r in result.review}
    assert not kinds & {"line_unread", "text_missing", "deadline_blank", "deadline_unrecognised", "lead_missing"}


# A Shandong county's annex: `附件1：` and a title line, one unit column (责任单位: every unit a lead).
JUXIAN = """\
附件1：
莒县2024年扬尘污染防治重点任务清单

序号 主要任务 工作内容 时间节点 责任单位

1
施工扬尘
管控

严格落实建筑工地“六个百分之百”，
规模以上工地安装视频监控并联网。
长期坚持
县住房城乡建设局
县综合行政执法局

2
道路扬尘

提升城市道路机械化清扫率至 90%以上。 2024年9月30日前 县综合行政执法局
- 2 -
序号 主要任务 工作内容 时间节点 责任单位

3
裸地覆盖

完成城区裸露地块排查和绿化覆盖。 第三季度 县自然资源局 各乡镇人民政府
"""


def test_single_unit_column_and_annex_marker_with_colon():
    result = import_bytes(JUXIAN.encode("utf-8"), "juxian.txt")
    assert result.shape == "table_text"
    annex, = result.annexes
    assert (annex.number, annex.title) == ("1", "莒县2024年扬尘污染防治重点任务清单")
    read = [(t.number, t.title, m.text, m.deadline.raw, [u.printed for u in m.lead_units], m.co_units)
            for t in annex.tasks for m in t.measures]
    assert read == [
        ("1", "施工扬尘管控", "严格落实建筑工地“六个百分之百”，规模以上工地安装视频监控并联网。", "长期坚持",
         ["县住房城乡建设局", "县综合行政执法局"], []),
        ("2", "道路扬尘", "提升城市道路机械化清扫率至 90%以上。", "2024年9月30日前", ["县综合行政执法局"], []),
        ("3", "裸地覆盖", "完成城区裸露地块排查和绿化覆盖。", "第三季度", ["县自然资源局", "各乡镇人民政府"], []),
    ]
    assert [str(m.deadline.end) for t in annex.tasks for m in t.measures] == ["None", "2024-09-30", "2024-09-30"]
    assert annex.tasks[0].measures[0].lead_label == "责任单位"
    kinds = {r.kind for r in result.review}
    assert not kinds & {"line_unread", "units_ambiguous", "deadline_blank", "deadline_unrecognised"}


def test_other_district_text_in_a_real_pdf_reads_the_same():
    """Drawn line by line (no rules): no table for pdfplumber's finder, the page text goes to table_text."""
    from .test_pdf import pdf_of

    from_text = import_bytes(WUZHONG.encode("utf-8"), "wuzhong.txt")
    from_pdf = import_bytes(pdf_of([line for line in WUZHONG.split("\n") if line.strip()]), "wuzhong.pdf")
    assert from_pdf.shape == "table_text"

    def read(result):
        return [(t.title, m.text, m.deadline.raw, [u.printed for u in m.lead_units + m.co_units])
                for a in result.annexes for t in a.tasks for m in t.measures]

    assert len(read(from_pdf)) == 6
    assert read(from_pdf) == read(from_text)
