"""Whatever text a coordinator pastes or a data source carries — control characters XML forbids, lone
surrogates, very long names, markup — every renderer writes a file that opens again."""
import io

import docx
import openpyxl
import pdfplumber
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecoplan.reporting import bulletin_docx, bulletin_pdf, bulletin_xlsx
from ecoplan.reporting.bulletin import BarChart, Document, Section, Sheet, Table, Text, clean

odd = st.text(st.characters(exclude_categories=()), max_size=40) | st.sampled_from(
    ["\x00\x01\x0b\x1f", "\ud800", "\ufffe", "<b>&amp;</b>", "=HYPERLINK(\"x\")", "长" * 300,
     "W" * 400, "街道\n第二行\t制表", ""])
numbers = st.none() | st.floats(allow_nan=True, allow_infinity=True) | st.integers(-10**12, 10**12)


@st.composite
def documents(draw):
    names = draw(st.lists(odd, min_size=0, max_size=6))
    rows = [[draw(odd) for _ in range(3)] for _ in names]
    values = draw(st.lists(st.none() | st.floats(-1e6, 1e6), min_size=len(names), max_size=len(names)))
    blocks = [Text(draw(odd), emphasis=draw(st.booleans())),
              Table(draw(odd), ["名称", draw(odd), "值"], rows, marked=tuple(draw(st.lists(st.integers(-2, 8)))),
                    widths=draw(st.none() | st.lists(st.floats(-1, 5), max_size=4)), note=draw(odd)),
              BarChart(draw(odd), names, values, unit=draw(odd), marked=(0, 99),
                       line=draw(st.none() | st.floats(allow_nan=True)), line_label=draw(odd))]
    annex = [Sheet(draw(odd), [draw(odd)], [[draw(odd), draw(numbers)] for _ in range(3)]) for _ in range(2)]
    return Document(issuer=draw(odd), title=draw(odd), number=draw(odd), date=draw(odd), recipients=draw(odd),
                    sections=[Section(draw(odd), blocks), Section(draw(odd))], closing=[Text(draw(odd))],
                    signature=draw(odd), draft=draw(st.booleans()), draft_mark=draw(odd),
                    version=draw(st.integers(1, 3)), correction=draw(odd), footer=draw(odd), annex=annex)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_odd_text_does_not_break_a_renderer(doc):
    book = docx.Document(io.BytesIO(bulletin_docx.render(doc)))
    first_line = (clean(doc.title).splitlines() or [""])[0]  # python-docx writes a line break for \r and \n
    assert any(first_line in p.text for p in book.paragraphs)
    with pdfplumber.open(io.BytesIO(bulletin_pdf.render(doc))) as pdf:
        assert len(pdf.pages) >= 1
    sheets = openpyxl.load_workbook(io.BytesIO(bulletin_xlsx.render(doc))).sheetnames
    assert len(sheets) == 2 and len(set(sheets)) == 2
