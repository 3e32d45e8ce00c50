"""The XLSX annex: typed values, a frozen bold header, Chinese-wide columns, formulas kept as text."""
import io

import openpyxl
import pytest

from ecoplan.reporting import bulletin_xlsx
from ecoplan.reporting.bulletin import Document, Sheet
from tests.reporting.sample import area_names, sample_document


def opened(doc: Document):
    return openpyxl.load_workbook(io.BytesIO(bulletin_xlsx.render(doc)))


@pytest.fixture(scope="module")
def book():
    return opened(sample_document())


def test_one_sheet_per_annex_sheet_with_typed_values(book):
    assert book.sheetnames == ["PM2.5排名", "目标"]
    ranking = book["PM2.5排名"]
    rows = list(ranking.iter_rows(values_only=True))
    assert rows[0] == ("排名", "街道（乡镇）", "浓度", "改善率")
    assert len(rows) == 1 + 330
    assert isinstance(rows[1][0], int) and isinstance(rows[1][2], int | float)
    assert {r[1] for r in rows[1:]} == set(area_names(330))
    assert rows[-1][0] is None and rows[-1][2] is None  # the unranked sub-area: empty cells, not "—"


def test_header_bold_frozen_filtered_and_printed_on_every_page(book):
    ws = book["PM2.5排名"]
    assert all(c.font.bold for c in ws[1])
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:D331"
    assert ws.print_title_rows == "$1:$1"
    assert "关于2026年10月全区生态环境保护工作情况的通报" in ws.oddHeader.center.text


def test_columns_are_wide_enough_for_chinese(book):
    ws = book["PM2.5排名"]
    assert ws.column_dimensions["B"].width >= 2 * len("街道（乡镇）")
    assert ws.column_dimensions["A"].width < ws.column_dimensions["B"].width


def test_formula_looking_text_stays_text(book):
    cell = book["目标"]["A3"]
    assert cell.value == '=HYPERLINK("x")' and cell.data_type == "s" and cell.quotePrefix
    assert book["目标"]["C3"].value == -2  # a negative number is still a number


def test_sheet_names_are_made_valid_and_unique():
    taken: set[str] = set()
    assert bulletin_xlsx.sheet_name("排名[1]/2026:10?*", taken) == "排名_1__2026_10__"
    assert bulletin_xlsx.sheet_name("排名[1]/2026:10?*", taken) == "排名_1__2026_10__(2)"
    assert len(bulletin_xlsx.sheet_name("长" * 40, taken)) == 31
    assert bulletin_xlsx.sheet_name("", taken) == "Sheet"
    assert bulletin_xlsx.sheet_name("History", taken) == "History_"


def test_without_an_annex_one_sheet_names_the_bulletin():
    book = opened(Document(issuer="演示区生态环境局", title="关于2026年10月的通报", number="演环通〔2026〕10号"))
    assert book.sheetnames == ["关于2026年10月的通报"]
    assert [r[0] for r in book.active.iter_rows(values_only=True)] == ["演示区生态环境局", "关于2026年10月的通报",
                                                                        "演环通〔2026〕10号"]
    assert opened(Document(issuer="", title="")).sheetnames == ["Sheet"]


def test_ragged_rows_and_odd_values():
    sheet = Sheet("数据", ["a"], [[1, 2.5, None, float("nan")], [], ["x\x01y"]])
    rows = list(opened(Document("", "", annex=[sheet])).active.iter_rows(values_only=True))
    assert rows == [("a", None, None, None), (1, 2.5, None, None), (None,) * 4, ("xy", None, None, None)]


def test_decimals_keep_their_places():
    """A Decimal is a number shown with its own places: 71.0 reads 71.0 in Excel, not 71."""
    from decimal import Decimal

    rows: list[list] = [[Decimal("71.0")], [Decimal("5")], [Decimal("0.25")], [Decimal("NaN")], [1.5]]
    doc = Document(issuer="", title="t", annex=[Sheet("s", ["v"], rows)])
    ws = opened(doc)["s"]
    assert [(c.value, c.number_format) for c in ws["A"][1:4]] == [(71, "0.0"), (5, "0"), (0.25, "0.00")]
    assert ws["A5"].value is None and ws["A6"].number_format == "General"
