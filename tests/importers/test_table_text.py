"""PDF text with the cells of a row interleaved across lines (``table_text``)."""
from ecoplan.importers import import_file

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
