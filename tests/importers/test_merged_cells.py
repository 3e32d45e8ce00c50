"""A merged 责任单位 or 完成时限 cell holds for every row it covers (issue #8): the containers mark
the covered cells (``MERGED_CELL``), the table reader carries the value down without a review
item, a merged 序号/重点任务 still reads as the same task, and a cell left blank in text is still
reviewed."""
import io

import pytest

from ecoplan.importers import import_bytes, import_text
from ecoplan.vocabulary.cells import MERGED_CELL

HEADER = ["序号", "重点任务", "工作措施", "牵头单位", "配合单位", "完成时限"]
ROWS = [
    ["1", "工业治理", "推进企业超低排放改造。", "市生态环境局", "市工业和信息化局", "2025年12月底前"],
    ["", "", "开展工业炉窑综合治理。", "", "市工业和信息化局", ""],  # 序号, 任务, 牵头, 时限 merged above
    ["2", "扬尘治理", "道路机械化清扫率达到80%。", "市城市管理局", "", "长期坚持"],
]
MERGED = (0, 1, 3, 5)  # the columns merged over rows 1–2
TITLE = "某市2025年大气污染防治任务清单"


def _docx() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for r, values in enumerate([HEADER, *ROWS]):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    for col in MERGED:
        table.cell(1, col).merge(table.cell(2, col))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([TITLE])
    sheet.merge_cells("A1:F1")
    for row in [HEADER, *ROWS]:
        sheet.append([v or None for v in row])
    for col in "ABDF":
        sheet.merge_cells(f"{col}3:{col}4")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _html() -> bytes:
    def cell(value: str, c: int, r: int) -> str:
        if r == 1 and c in MERGED:
            return f"<td rowspan=2>{value}</td>"
        return "" if r == 2 and c in MERGED else f"<td>{value}</td>"

    body = "".join("<tr>" + "".join(cell(v, c, r) for c, v in enumerate(row)) + "</tr>"
                   for r, row in enumerate([HEADER, *ROWS]))
    return f"<html><body><h2>{TITLE}</h2><table>{body}</table></body></html>".encode()


@pytest.mark.parametrize("make,name", [(_docx, "t.docx"), (_xlsx, "t.xlsx"), (_html, "t.html")])
def test_a_merged_unit_and_deadline_hold_for_every_row_they_cover(make, name):
    result = import_bytes(make(), name)
    annex, = result.annexes
    assert [(t.title, len(t.measures)) for t in annex.tasks] == [("工业治理", 2), ("扬尘治理", 1)]
    first, kiln, roads = [m for t in annex.tasks for m in t.measures]
    assert [u.printed for u in kiln.lead_units] == ["市生态环境局"]
    assert [u.printed for u in kiln.co_units] == ["市工业和信息化局"]
    assert (kiln.deadline.kind, kiln.deadline.raw) == ("year_end", "2025年12月底前")
    assert not [r for r in result.review if r.line == kiln.line]  # no lead_missing, no deadline_inherited
    assert not any(MERGED_CELL in s.text for s in result.skipped)
    assert not any(MERGED_CELL in r.text for r in result.review)


def test_a_blank_cell_of_a_text_table_is_still_reviewed():
    text = "\n".join([TITLE, "\t".join(HEADER), *("\t".join(r) for r in ROWS)])
    result = import_text(text, "t.txt", "0")
    kiln = result.annexes[0].tasks[0].measures[1]
    assert kiln.lead_units == []
    assert kiln.deadline.raw == "2025年12月底前"  # inherited, as a guess
    assert {r.kind for r in result.review if r.line == kiln.line} == {"lead_missing", "deadline_inherited"}


def test_a_blank_cell_beside_merged_ones_is_still_reviewed():
    """Only the cells a merged range covers are carried down: a blank lead unit in an .xlsx row
    whose deadline is merged is still a missing lead."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([TITLE])
    for row in [HEADER, *ROWS]:
        sheet.append([v or None for v in row])
    sheet.merge_cells("F3:F4")
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_bytes(buffer.getvalue(), "t.xlsx")
    kiln = result.annexes[0].tasks[0].measures[1]
    assert kiln.deadline.raw == "2025年12月底前"
    assert {r.kind for r in result.review if r.line == kiln.line} == {"lead_missing"}


def test_other_shapes_read_the_covered_cells_blank():
    """Only the table reader knows the mark: a prose plan or a table read by another shape gets
    the covered cell blank, as printed."""
    from ecoplan.importers import shape_text

    text = f"1\t任务\t措施\n{MERGED_CELL}\t{MERGED_CELL}\t措施乙"
    assert shape_text("header_table", text) == text
    assert shape_text("prose_plan", text) == "1\t任务\t措施\n\t\t措施乙"
