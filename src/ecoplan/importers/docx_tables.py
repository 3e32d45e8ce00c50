"""Word documents (.docx): paragraphs become lines, table rows become tab-separated lines.

A vertically merged cell (vMerge) is printed once: its continuation cells become blank, so the
table reads exactly like the merged-cell text tables (blank 序号/重点任务 → same task).  The
result is then read by the text shapes.
"""
from __future__ import annotations

import io
import zipfile

from .model import PlanImportError

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def to_text(data: bytes, source: str) -> str:
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise PlanImportError(f"not a readable .docx file ({exc})", source=source) from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == W + "p":
            lines.append("".join(t.text or "" for t in child.iter(W + "t")))
        elif child.tag == W + "tbl":
            lines.extend(_table_lines(child))
            lines.append("")
    return "\n".join(lines)


def _table_lines(table) -> list[str]:
    rows = []
    for tr in table.iter(W + "tr"):
        cells = []
        for tc in tr.iter(W + "tc"):
            merge = tc.find(f"{W}tcPr/{W}vMerge")
            continued = merge is not None and merge.get(W + "val") in (None, "continue")
            text = "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in tc.iter(W + "p"))
            span = tc.find(f"{W}tcPr/{W}gridSpan")
            cells.append("" if continued else " ".join(text.split("\n")).strip())
            if span is not None:
                cells.extend([""] * (int(span.get(W + "val", "1")) - 1))
        rows.append("\t".join(cells))
    return rows
