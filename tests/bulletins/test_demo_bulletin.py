"""The demo district's October 2026 bulletin, as `ecoplan load_demo` makes it, in all three formats:
every sub-area of the district and every target of the plan are in the DOCX and the PDF."""
import io
import re

import docx
import openpyxl
import pdfplumber

from ecoplan.bulletins import demo as bulletin_demo
from ecoplan.bulletins.models import Bulletin
from ecoplan.plans.models import Area


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    parts += [p.text for section in document.sections for p in section.header.paragraphs]  # the draft mark
    return _squeeze("\n".join(parts))


def pdf_text(data: bytes) -> str:
    """The pages' text and, apart, each table cell's (a cell's lines wrap between other columns')."""
    parts = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            parts.append(page.extract_text() or "")
            parts += [cell or "" for table in page.extract_tables() for row in table for cell in row]
    return _squeeze("\n".join(parts))


def test_the_demo_october_bulletin_in_three_formats(demo):
    plan = demo["plan"]
    bulletin = Bulletin.objects.get(plan=plan, period=bulletin_demo.PERIOD)
    assert bulletin.is_draft and bulletin.snapshot["period"] == "2026-10"
    files = {fmt: (demo["folder"] / f"demo-bulletin-2026-10.{fmt}").read_bytes() for fmt in ("docx", "pdf", "xlsx")}
    assert files["docx"][:2] == b"PK" and files["pdf"][:5] == b"%PDF-" and files["xlsx"][:2] == b"PK"

    sub_areas = list(Area.objects.filter(parent=plan.district).values_list("name", flat=True))
    indicators = {_squeeze(t.indicator) for t in plan.targets.all()}
    assert len(sub_areas) == 3 and len(indicators) >= 8
    for name, text in (("docx", docx_text(files["docx"])), ("pdf", pdf_text(files["pdf"]))):
        assert "关于2026年10月演示区生态环境保护工作情况的通报" in text, name
        missing_areas = [a for a in sub_areas if a not in text]
        missing_targets = [i for i in indicators if i not in text]
        assert not missing_areas and not missing_targets, (name, missing_areas, missing_targets)
        assert "草稿" in text, name  # a draft says so

    book = openpyxl.load_workbook(io.BytesIO(files["xlsx"]))
    assert len(book.sheetnames) == 3 + len(bulletin.snapshot["rankings"])
    targets = book[book.sheetnames[0]]
    rows = list(targets.iter_rows(values_only=True))
    assert rows[0][0] == "指标" and len(rows) == 1 + len(bulletin.snapshot["targets"])
    figures = [row[3] for row in rows[1:] if row[3] is not None]
    assert figures and all(isinstance(v, int | float) for v in figures)  # numbers stay numbers


def test_every_ranking_lists_every_sub_area(demo):
    plan = demo["plan"]
    snapshot = Bulletin.objects.get(plan=plan).snapshot
    sub_areas = sorted(Area.objects.filter(parent=plan.district).values_list("name", flat=True))
    assert len(snapshot["rankings"]) == len(bulletin_demo.RANKINGS)
    for ranking in snapshot["rankings"]:
        assert sorted(row["name"] for row in ranking["rows"]) == sub_areas
        # ranked, or unranked with the reason said
        assert all(row["rank"] is not None or row["reason"] for row in ranking["rows"])
