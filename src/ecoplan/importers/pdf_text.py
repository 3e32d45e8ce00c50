"""PDF files: the text of each page (pdfplumber), then read by the text shapes.

PDF tables come out as the space-flattened text the Xicheng seed shows (page headers repeated,
cells over several lines), which ``table_text`` reads.  A PDF with no text layer (a scan) is
refused: ecoplan does not guess from images.
"""
from __future__ import annotations

import io

from . import limits
from .model import PlanImportError


def to_text(data: bytes, source: str) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > limits.MAX_PAGES:
                raise PlanImportError(f"the PDF has {len(pdf.pages):,} pages, more than the limit of "
                                      f"{limits.MAX_PAGES:,}", source=source)
            pages = [page.extract_text() or "" for page in pdf.pages]
    except PlanImportError:
        raise
    except Exception as exc:  # pdfminer raises many kinds for a damaged file (PSEOF, TypeError …)
        raise PlanImportError(f"not a readable PDF ({type(exc).__name__}: {str(exc)[:200]})",
                              source=source) from exc
    text = "\n".join(pages)
    if not text.strip():
        raise PlanImportError("the PDF has no text layer (a scan?): export its text first",
                              source=source)
    return text
