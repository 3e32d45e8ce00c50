"""PDF files: the text of each page (pdfplumber), then read by the text shapes.

PDF tables come out as the space-flattened text the Xicheng seed shows (page headers repeated,
cells over several lines), which ``table_text`` reads.  A PDF with no text layer (a scan) is
refused: ecoplan does not guess from images.
"""
from __future__ import annotations

import io

from .model import PlanImportError


def to_text(data: bytes, source: str) -> str:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_text() or "" for page in pdf.pages]
    except (PdfminerException, ValueError, KeyError) as exc:
        raise PlanImportError(f"not a readable PDF ({exc})", source=source) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise PlanImportError("the PDF has no text layer (a scan?): export its text first",
                              source=source)
    return text
