"""Builds a real text-layer PDF holding a ruled task table, as a word processor prints one.

The rules are drawn lines (what pdfplumber's table finder reads); the header is reprinted on every
page; a row that does not fit is split at the page end, its rest on the next page with the 编号
and task cells blank; a cell None is covered by the merged cell above (no rule between them); a
row of one cell spans the table (a section row).  Font: the Adobe CID font STSong-Light, as in
test_pdf.py.
"""
from __future__ import annotations

import io

FONT, SIZE, LEADING, PAD = "STSong-Light", 10, 13, 4
PAGE_TOP, PAGE_BOTTOM, LEFT = 560, 40, 30


def _wrap(text: str, width: int) -> list[str]:
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


def ruled_table_pdf(title_lines: list[str], header: list[str], rows: list[list[str | None]],
                    widths: list[int], repeat_header: bool = True, rules: bool = True,
                    next_table: tuple[list[str], list[list[str | None]]] | None = None) -> bytes:
    """``widths``: characters a line in each column; ``rules=False`` prints the same table without
    its rules (a borderless table: columns only by the words' positions); ``next_table`` (header,
    rows) is another table as wide, at the top of the next page."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w * SIZE + 2 * PAD)
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=landscape(A4))
    if not rules:
        page.line = lambda *args: None  # type: ignore[method-assign]
    page.setFont(FONT, SIZE)
    y = PAGE_TOP
    page_number = 1
    unmerged = [False] * len(widths)

    def lines_of(cells: list[str | None]) -> list[list[str]]:
        if len(cells) == 1:
            return [_wrap(cells[0] or "", sum(widths))]
        return [_wrap(c or "", widths[i]) for i, c in enumerate(cells)]

    def draw(cells: list[str | None], merged: list[bool]) -> None:
        nonlocal y
        lines = lines_of(cells)
        height = max(len(l) for l in lines) * LEADING + 2 * PAD
        for i in range(len(widths)):
            if not merged[i]:
                page.line(xs[i], y, xs[i + 1], y)
        for i in ([0, len(widths)] if len(cells) == 1 else range(len(widths) + 1)):
            page.line(xs[i], y, xs[i], y - height)
        for i, cell_lines in enumerate(lines):
            for j, text in enumerate(cell_lines):
                page.drawString(xs[i] + PAD, y - PAD - SIZE - j * LEADING, text)
        y -= height

    def new_page() -> None:
        nonlocal y, page_number
        page.line(xs[0], y, xs[-1], y)
        page.drawString(400, 20, f"— {page_number} —")
        page.showPage()
        page.setFont(FONT, SIZE)
        page_number += 1
        y = PAGE_TOP
        if repeat_header:
            draw(header, unmerged)

    for line in title_lines:
        page.drawString(LEFT, y - SIZE, line)
        y -= LEADING + 4
    draw(header, unmerged)
    for cells in rows:
        merged = [c is None for c in cells] if len(cells) > 1 else unmerged
        lines = lines_of(cells)
        height = max(len(l) for l in lines) * LEADING + 2 * PAD
        if y - height < PAGE_BOTTOM:
            room = int((y - PAGE_BOTTOM - 2 * PAD) // LEADING)
            if len(cells) > 1 and room >= 2:  # split: what fits here, the rest on the next page
                draw(["".join(l[:room]) for l in lines], merged)
                new_page()
                draw(["".join(l[room:]) for l in lines], unmerged)
                continue
            new_page()
            merged = unmerged
        draw(cells, merged)
    if next_table is not None:
        repeat_header = False
        new_page()
        draw(next_table[0], unmerged)
        for cells in next_table[1]:
            draw(cells, unmerged)
    page.line(xs[0], y, xs[-1], y)
    page.save()
    return buffer.getvalue()
