""".docx and .xlsx tables read like the text tables; a PDF's text goes to the text shapes."""
import io

from ecoplan.importers import import_bytes

from ..conftest import DEMO


def _demo_rows():
    return DEMO.read_text("utf-8").split("\n")


def test_docx_with_merged_cells_matches_text():
    from docx import Document

    document = Document()
    rows = _demo_rows()
    table = None
    for line in rows:
        if "\t" not in line:
            table = None
            document.add_paragraph(line)
            continue
        cells = line.split("\t")
        if table is None:
            table = document.add_table(rows=0, cols=len(cells))
        row = table.add_row()
        for cell, value in zip(row.cells, cells):
            cell.text = value
    # merge 序号 and 重点任务 vertically where the text leaves them blank (merged cells)
    for table in document.tables:
        for col in (0, 1):
            for r in range(1, len(table.rows)):
                if not table.cell(r, col).text and table.cell(r - 1, col).text \
                        and table.cell(r, 2).text and not table.cell(r - 1, 0).text.startswith("序"):
                    table.cell(r - 1, col).merge(table.cell(r, col))
    buffer = io.BytesIO()
    document.save(buffer)
    from_docx = import_bytes(buffer.getvalue(), "demo.docx")
    from_text = import_bytes(DEMO.read_bytes(), "demo.txt")
    assert from_docx.measures_by_annex() == from_text.measures_by_annex()
    assert [len(a.tasks) for a in from_docx.annexes] == [len(a.tasks) for a in from_text.annexes]


def test_xlsx_with_title_rows_and_merged_cells():
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for line in _demo_rows():
        sheet.append(line.split("\t") if "\t" in line else [line])
    # merge a task label over its two measure rows
    for r in range(2, sheet.max_row + 1):
        if sheet.cell(r, 2).value == "推进低（无）VOCs 含量产品源头替代":
            sheet.merge_cells(start_row=r, start_column=2, end_row=r + 1, end_column=2)
    buffer = io.BytesIO()
    book.save(buffer)
    result = import_bytes(buffer.getvalue(), "demo.xlsx")
    assert result.counts()["measures"] == import_bytes(DEMO.read_bytes(), "d.txt").counts()["measures"]
    assert result.meta.doc_number == "演政办发〔2026〕1号"
