"""A task table in a real PDF (ruled or borderless), under other column names, goes to the one
table reader: header reprinted on page 2 skipped, the row split by the page break joined, merged
task cells and section rows read as printed."""
import io

import pytest

from ecoplan.importers import import_bytes, pdf_text

from .ruled_pdf import ruled_table_pdf

HEADER = ["编号", "工作任务", "具体措施", "完成时间", "责任部门", "配合部门"]
WIDTHS = [3, 7, 30, 8, 9, 13]
LONG = ("开展非道路移动机械编码登记和排放检验，建立联合执法机制，每季度开展一次联合检查，依法查处冒黑烟等"
        "违法行为。" * 14 + "检查结果按季度通报。")
# section → task → (measure, deadline, lead, co-units): a Zhejiang city's plan, as printed
PLAN = [
    ("一、调整优化产业结构", [
        ("推进重点行业绿色转型", [
            ("完成全市水泥、玻璃行业超低排放改造评估监测，未完成改造的企业实施错峰生产。", "2024年6月底前",
             "市经信局", "市生态环境局、市发展改革委"),
            ("开展涉挥发性有机物产业集群排查整治，建立问题清单，实施分类整治，整治一批、提升一批。",
             "2024年9月底前", "市生态环境局", "各区县政府"),
        ]),
        ("淘汰落后产能", [
            ("依法依规淘汰落后产能，严格执行能耗、环保、质量、安全、技术等法律法规和标准。", "年底前",
             "市发展改革委", "市经信局、市市场监管局"),
        ]),
    ]),
    ("二、优化调整交通运输结构", [
        ("推动运输结构调整", [
            ("推进大宗货物“公转铁”“公转水”，提高铁路和水路货运量占比，推动港口集疏运体系建设，确保全年水路"
             "货运量占比稳步提升。", "长期坚持", "市交通运输局", "市发展改革委、湖州海事局"),
            ("加快淘汰国三及以下排放标准营运柴油货车，鼓励新能源车辆推广应用。", "2024年11月底前", "市交通运输局",
             "市公安局、市生态环境局"),
        ]),
        ("强化移动源监管", [(LONG, "每季度", "市生态环境局", "市住建局、市交通运输局、市公安局")]),
        ("加强油品储运监管", [
            ("推进加油站油气回收在线监控系统建设，实现年销售汽油量5000吨以上加油站全覆盖。", "2024年10月底前",
             "市商务局", "市生态环境局、市市场监管局"),
        ]),
    ]),
    ("三、深化面源污染治理", [
        ("加强扬尘综合治理", [
            ("严格落实施工工地“六个百分百”要求，将扬尘管理纳入文明施工管理范畴。", "长期坚持", "市住建局",
             "市综合执法局、市交通运输局、市水利局"),
            ("推进城市道路机械化清扫，城市建成区道路机械化清扫率达到85%以上。", "年底前", "市综合执法局", "各区县政府"),
        ]),
        ("推进秸秆综合利用", [
            ("加强秸秆综合利用和露天禁烧管控，秸秆综合利用率稳定在96%以上。", "2024年12月31日前", "市农业农村局",
             "市生态环境局、各区县政府"),
        ]),
    ]),
]
TITLE = "湖州市2024年大气污染防治重点工作任务分工表"


def _rows() -> list[list[str | None]]:
    rows: list[list[str | None]] = []
    number = 0
    for section, tasks in PLAN:
        rows.append([section])
        for task, measures in tasks:
            for i, (text, deadline, lead, co) in enumerate(measures):
                number += 1
                rows.append([str(number), task if i == 0 else None, text, deadline, lead, co])  # merged task cell
    return rows


def _pdf(repeat_header: bool = True, rules: bool = True) -> bytes:
    return ruled_table_pdf(["附件1", TITLE], HEADER, _rows(), WIDTHS, repeat_header, rules)


def _expected() -> list[tuple[str, str, str, str, list[str], list[str]]]:
    return [(section, task, text, deadline, [lead], co.split("、"))
            for section, tasks in PLAN for task, measures in tasks for text, deadline, lead, co in measures]


def test_the_document_is_what_it_claims():
    """The PDF really splits row 6 over the page break and reprints the header on page 2."""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(_pdf())) as pdf:
        assert len(pdf.pages) == 2
        second = pdf.pages[1].find_tables()[0].extract()
    assert second[0] == HEADER
    assert second[1][0] == "" and second[1][3] == "" and "检查结果按季度通报" in second[1][2].replace("\n", "")


@pytest.mark.parametrize("repeat_header,rules", [(True, True), (False, True), (True, False), (False, False)])
def test_ruled_pdf_table_imports_every_measure(repeat_header, rules):
    """Ruled: pdfplumber's lines strategy; borderless: its text strategy, a printed line a row,
    the lines of one row gathered by the 编号 column."""
    result = import_bytes(_pdf(repeat_header, rules), "huzhou-air-2024.pdf")
    assert result.shape == "header_table"
    annex, = result.annexes
    assert annex.title == TITLE
    read = [(t.section, t.title, m.text, m.deadline.raw, [u.printed for u in m.lead_units],
             [u.printed for u in m.co_units]) for t in annex.tasks for m in t.measures]
    assert read == _expected()  # 10 measures; the split row whole, once
    assert [t.title for t in annex.tasks] == [task for _, tasks in PLAN for task, _ in tasks]  # 7 tasks
    ends = [str(m.deadline.end) for t in annex.tasks for m in t.measures]
    assert ends == ["2024-06-30", "2024-09-30", "2024-12-31", "None", "2024-11-30", "None", "2024-10-31",
                    "None", "2024-12-31", "2024-12-31"]
    assert [m.deadline.kind for t in annex.tasks for m in t.measures if m.deadline.end is None] == [
        "long_term", "recurring", "long_term"]
    assert annex.tasks[0].measures[0].lead_label == "责任部门"
    assert annex.tasks[0].measures[0].co_label == "配合部门"
    kinds = {r.kind for r in result.review}
    assert not kinds & {"line_unread", "text_missing", "deadline_blank", "task_unclear", "columns_unmapped"}


def test_pdf_rows_keep_cells_and_drop_the_reprinted_header():
    text = pdf_text.to_text(_pdf(), "huzhou.pdf")
    assert text.count("编号\t工作任务\t具体措施") == 1
    rows = [line.split("\t") for line in text.split("\n") if line.count("\t") == 5]
    assert sum(1 for r in rows if r[0].isdigit()) == 10
    assert [r[2] for r in rows if r[0] == "6"] == [LONG]


def test_another_table_at_the_top_of_the_next_page_is_not_read_as_rows():
    """As wide as the task table and at the top of a page, but with its own header: not the task
    table going on."""
    indicators = (["序号", "指标", "单位", "2023年", "2024年目标", "属性"],
                  [["1", "PM2.5年均浓度", "微克/立方米", "31", "30", "约束性"],
                   ["2", "空气质量优良天数比率", "%", "84.1", "85", "约束性"]])
    pdf = ruled_table_pdf(["附件1", TITLE], HEADER, _rows(), WIDTHS, next_table=indicators)
    result = import_bytes(pdf, "huzhou-air-2024.pdf")
    assert result.measures_by_annex() == [10]
    read = [(t.section, t.title, m.text, m.deadline.raw, [u.printed for u in m.lead_units],
             [u.printed for u in m.co_units]) for t in result.annexes[0].tasks for m in t.measures]
    assert read == _expected()
    assert "\n序号 指标 单位 2023年 2024年目标 属性\n" in pdf_text.to_text(pdf, "huzhou.pdf")  # kept as its text
