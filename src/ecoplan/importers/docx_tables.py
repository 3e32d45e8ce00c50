"""Word documents (.docx): paragraphs become lines, table rows become tab-separated lines.

A vertically merged cell (vMerge) is printed once: its continuation cells read ``MERGED_CELL``,
so the table reader carries a merged 责任单位/完成时限 down and reads a merged 序号/重点任务 blank,
as in the merged-cell text tables (blank → same task).  The result is then read by the text shapes.
"""
from __future__ import annotations

import io
from functools import partial
from typing import TYPE_CHECKING

from ecoplan.vocabulary.cells import MERGED_CELL

from . import limits
from .model import PlanImportError

if TYPE_CHECKING:  # python-docx's elements are lxml elements
    from lxml.etree import _Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def to_text(data: bytes, source: str) -> str:
    limits.check_zip(data, partial(PlanImportError, source=source), ".docx")
    try:
        from docx import Document

        body = Document(io.BytesIO(data)).element.body
    except Exception as exc:  # python-docx lets zipfile, zlib, lxml and its own errors through
        raise PlanImportError(f"not a readable .docx file ({type(exc).__name__}: {str(exc)[:200]})",
                              source=source) from exc
    if body is None:
        raise PlanImportError("not a readable .docx file (the document has no body)", source=source)
    lines: list[str] = []
    for child in body.iterchildren():
        if child.tag == W + "p":
            lines.append("".join(t.text or "" for t in child.iter(W + "t")))
        elif child.tag == W + "tbl":
            lines.extend(_table_lines(child))
            lines.append("")
    return "\n".join(lines)


def _table_lines(table: _Element) -> list[str]:
    rows = []
    for tr in table.iter(W + "tr"):
        cells = []
        for tc in tr.iter(W + "tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = merge is not None and merge.get(W + "val") in (None, "continue")
            text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iter(W + "p"))
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            cells.append(MERGED_CELL if continued else " ".join(text.split("\n")).strip())
            if span is not None:
                cells.extend([""] * (limits.span(span.get(W + "val", "1")) - 1))
        rows.append("\t".join(cells))
    return rows



