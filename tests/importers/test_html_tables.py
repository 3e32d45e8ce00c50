"""Web pages (.html): a government site's page with its task table, rowspan/colspan expanded."""
from datetime import date
from pathlib import Path

import pytest

from ecoplan.importers import html_tables, import_bytes, import_file, limits
from ecoplan.importers.model import PlanImportError
from ecoplan.vocabulary.cells import MERGED_CELL

DOCUMENTS = Path(__file__).parent / "documents"


def _units(units):
    return [u.printed for u in units]


def _text(html: str) -> str:
    return html_tables.to_text(html.encode("utf-8"), "page.html")


def test_city_page_with_a_rowspan_task_table():
    """jiangsu-city-dust-plan.html, by hand: 1 annex, 3 key tasks, 6 measures, 2 sections, 6 deadlines
    (one a merged cell over two measures), lead and co-units in a two-row header (责任单位 over
    牵头部门 | 配合部门)."""
    path = DOCUMENTS / "jiangsu-city-dust-plan.html"
    result = import_file(path)
    assert result.shape == "header_table"
    annex, = result.annexes
    assert (annex.number, annex.title) == ("1", "常州市2025年扬尘污染防治重点任务分工表")
    assert result.meta.period_start == 2025
    assert [(t.number, t.title, t.section, len(t.measures)) for t in annex.tasks] == [
        ("1", "强化建筑工地扬尘管控", "一、施工扬尘治理", 2),
        ("2", "加强道路扬尘治理", "一、施工扬尘治理", 1),
        ("3", "整治堆场扬尘", "二、堆场扬尘治理", 3),
    ]
    site, inspect, roads, port, yards, ledger = [m for t in annex.tasks for m in t.measures]
    # a <br> inside a cell is a wrapped line: joined as printed
    assert site.text == "全市在建工地严格落实“六个百分百”要求，规模以上工地安装视频监控。"
    assert (site.deadline.kind, site.deadline.end) == ("by_date", date(2025, 6, 30))
    assert inspect.deadline.kind == "recurring" and roads.deadline.kind == "long_term"
    assert yards.deadline.raw == "2025年9月底前"  # rowspan=2 deadline, read for both measures
    # a merged cell is printed for every row it covers: no guess, so no review item (it was
    # `deadline_inherited` while the container left the covered cell blank)
    assert [r.kind for r in result.review if r.line == yards.line and r.kind.startswith("deadline")] == []
    assert ledger.deadline.end == date(2025, 12, 31)
    assert _units(site.lead_units) == ["市住房城乡建设局"] and _units(site.co_units) == ["各区政府"]
    assert _units(roads.co_units) == []  # &nbsp; is an empty cell
    assert _units(port.co_units) == ["市港口管理处"]
    assert _units(ledger.co_units) == ["市交通运输局", "市工业和信息化局"]
    assert (site.lead_label, site.co_label) == ("牵头部门", "配合部门")
    text = html_tables.to_text(path.read_bytes(), path.name)
    assert result.unaccounted(text) == []


def test_rowspan_and_colspan_print_once():
    """A spanned cell prints in its first row and column; below it, its first column reads the
    mark of a covered cell (M), the other columns of a block blank."""
    text = _text("<table><tr><td rowspan=3>1</td><td rowspan=2>任务</td><td>a</td><td colspan=2>x</td></tr>"
                 "<tr><td>b</td><td>y</td><td>z</td></tr>"
                 "<tr><td>c2</td><td>c</td><td>y2</td><td>z2</td></tr>"
                 "<tr><td rowspan=2 colspan=2>块</td><td>d</td><td>e</td><td>f</td></tr>"
                 "<tr><td>g</td><td>h</td><td>i</td></tr></table>")
    assert text.replace(MERGED_CELL, "M").split("\n") == [
        "1\t任务\ta\tx\t", "M\tM\tb\ty\tz", "M\tc2\tc\ty2\tz2", "块\t\td\te\tf", "M\t\tg\th\ti", ""]


def test_text_outside_tables_keeps_its_lines_and_skips_scripts():
    text = _text("<html><head><title>页面标题</title><script>var t='<table>';</script></head><body>"
                 "<h2>某区2024年行动计划</h2><p>附件 1</p><div>第一行<br>第二行</div>"
                 "<table><tr><td>甲<table><tr><td>内</td></tr></table></td><td>乙</td></tr></table>"
                 "<p>抄送：区委办公室</body>")
    assert text.split("\n") == ["某区2024年行动计划", "附件 1", "第一行", "第二行", "甲内\t乙", "", "抄送：区委办公室"]


def test_unclosed_cells_and_rows_are_read():
    text = _text("<table><tr><td>序号<td>工作措施<td>牵头单位<tr><td>1<td>措施<td>区生态环境局</table>")
    assert text.split("\n")[:2] == ["序号\t工作措施\t牵头单位", "1\t措施\t区生态环境局"]


def test_a_colspan_beyond_the_column_limit_is_bounded():
    text = _text(f'<table><tr><td colspan="{10**9}">x</td></tr></table>')
    assert text.split("\n")[0].count("\t") == limits.MAX_COLUMNS - 1


def test_a_page_without_a_plan_is_refused_with_what_was_found():
    page = "<html><body><h1>通知公告</h1><table><tr><td>姓名</td><td>年龄</td><td>住址</td></tr>" \
           "<tr><td>张三</td><td>30</td><td>北京</td></tr></table></body></html>"
    with pytest.raises(PlanImportError) as caught:
        import_bytes(page.encode("utf-8"), "people.html")
    assert caught.value.source == "people.html" and "姓名, 年龄, 住址" in caught.value.message


def test_a_gbk_page_and_the_htm_suffix():
    page = (DOCUMENTS / "jiangsu-city-dust-plan.html").read_text("utf-8").replace('charset="utf-8"', 'charset="gbk"')
    result = import_bytes(page.encode("gb18030"), "plan.htm")
    assert result.counts()["measures"] == 6


def test_the_upload_form_accepts_html():
    from ecoplan.plans.forms import ACCEPTED

    assert ".html" in ACCEPTED and ".htm" in ACCEPTED
