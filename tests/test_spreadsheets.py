"""Formula injection: text that a spreadsheet would run as a formula is written as text."""
import io

import pytest
from openpyxl import Workbook, load_workbook

from ecoplan.spreadsheets import append_row, looks_like_formula

DANGEROUS = ["=1+2", '=HYPERLINK("http://evil.example","x")', "+1+2", "-1+2", "@SUM(A1:A2)",
             "\t=1+2", "\r=1+2", "=cmd|' /C calc'!A0"]


def written(values):
    book = Workbook()
    append_row(book.active, values)
    buffer = io.BytesIO()
    book.save(buffer)
    return list(load_workbook(io.BytesIO(buffer.getvalue())).active[1])


@pytest.mark.parametrize("text", DANGEROUS)
def test_formula_like_text_is_written_as_text(text):
    [cell] = written([text])
    assert cell.value == text and cell.data_type == "s" and cell.quotePrefix


def test_plain_text_and_numbers_are_left_alone():
    text, number = written(["绿水青山 = 金山银山", 42])
    assert (text.value, text.data_type, text.quotePrefix) == ("绿水青山 = 金山银山", "s", False)
    assert (number.value, number.data_type) == (42, "n")


def test_without_the_helper_openpyxl_would_write_a_formula():
    # why append_row exists: openpyxl turns "=…" into a formula cell
    book = Workbook()
    book.active.append(["=1+2"])
    assert book.active["A1"].data_type == "f"
    assert looks_like_formula("=1+2") and not looks_like_formula("1+2") and not looks_like_formula(3)
