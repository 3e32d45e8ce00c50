"""A real PDF (text layer, CJK CID font) of the Xicheng plan imports to the same plan as its text."""
import io

from ecoplan.importers import import_bytes

from ..conftest import seed_path


def pdf_of(lines: list[str]) -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # Adobe CID font: nothing to embed
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=landscape(A4))
    y = 560
    for line in lines:
        if y < 30:
            page.showPage()
            y = 560
        page.setFont("STSong-Light", 9)
        page.drawString(20, y, line)
        y -= 11
    page.save()
    return buffer.getvalue()


def test_pdf_imports_like_its_text():
    path = seed_path("xicheng-2024-action-plan.txt")
    text = path.read_text("utf-8")
    from_text = import_bytes(path.read_bytes(), path.name)
    from_pdf = import_bytes(pdf_of([l for l in text.split("\n") if l.strip()]), "xicheng.pdf")
    assert from_pdf.shape == "table_text"
    assert from_pdf.measures_by_annex() == from_text.measures_by_annex() == [61, 28, 26, 34, 14, 0]
    assert from_pdf.meta.doc_number == "西政办发〔2024〕2号"
    assert len(from_pdf.targets) == len(from_text.targets)
