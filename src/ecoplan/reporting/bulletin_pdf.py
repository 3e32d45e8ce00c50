"""A bulletin (`bulletin.Document`) as a multi-page A4 PDF — pure, no Django.

Laid out as the DOCX (`official`: GB/T 9704 margins and sizes), with the CJK TrueType font of
`fonts` subset-embedded so Chinese shows on a machine without Chinese fonts; tables split across
pages with their header row repeated; charts are vector drawings (`charts`); page numbers
(— 1 —) at the outer edge; a draft carries its mark at the top of every page.
"""
from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, HRFlowable, KeepTogether, Paragraph, SimpleDocTemplate, Spacer, TableStyle
from reportlab.platypus import Table as PdfTable
from reportlab.platypus.flowables import Flowable

from ecoplan.reporting import charts, kinsoku, official
from ecoplan.reporting.bulletin import BarChart, Document, Table, Text, clean
from ecoplan.reporting.bulletin_docx import closing_heading
from ecoplan.reporting.fonts import Fonts
from ecoplan.reporting.fonts import find as find_fonts
from ecoplan.reporting.pdf import INK, MUTED, esc

WIDTH = official.TEXT_WIDTH_MM * mm
HEIGHT: float = A4[1] - (official.TOP_MM + official.BOTTOM_MM) * mm


def _hex(code: str) -> colors.Color:
    return colors.HexColor("#" + code)


def _styles(f: Fonts) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=f.body, fontSize=official.BODY_PT, leading=official.LINE_PT,
                          textColor=INK, wordWrap="CJK", firstLineIndent=official.INDENT_CHARS * official.BODY_PT)
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    centred = ParagraphStyle("centred", parent=plain, alignment=TA_CENTER)
    return {
        "body": body,
        "emphasis": ParagraphStyle("emphasis", parent=body, fontName=f.heading),  # a TTF has no bold: 黑体
        "heading": ParagraphStyle("heading", parent=body, fontName=f.heading, spaceBefore=6),  # kept by `_heading`
        "plain": plain,
        "issuer": ParagraphStyle("issuer", parent=centred, fontName=f.heading, fontSize=official.ISSUER_PT,
                                 leading=official.ISSUER_PT * 1.4, textColor=_hex(official.RED)),
        "number": centred,
        "title": ParagraphStyle("title", parent=centred, fontName=f.heading, fontSize=official.TITLE_PT,
                                leading=official.TITLE_PT * 1.5, spaceBefore=official.LINE_PT,
                                spaceAfter=official.LINE_PT / 2),
        "correction": ParagraphStyle("correction", parent=plain, fontSize=official.TABLE_TITLE_PT,
                                     leading=official.TABLE_TITLE_PT * 1.6),
        "signature": ParagraphStyle("signature", parent=plain, alignment=TA_RIGHT,
                                    rightIndent=official.DATE_RIGHT_CHARS * official.BODY_PT),
        "table_title": ParagraphStyle("table_title", parent=centred, fontName=f.heading,
                                      fontSize=official.TABLE_TITLE_PT, leading=official.TABLE_TITLE_PT * 1.5,
                                      spaceBefore=6, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=plain, fontSize=official.TABLE_PT, leading=official.TABLE_PT * 1.3),
        "head_cell": ParagraphStyle("head_cell", parent=plain, fontName=f.heading, fontSize=official.TABLE_PT,
                                    leading=official.TABLE_PT * 1.3, alignment=TA_CENTER),
        "note": ParagraphStyle("note", parent=plain, fontSize=official.NOTE_PT, leading=official.NOTE_PT * 1.5,
                               textColor=MUTED, spaceBefore=3, spaceAfter=6),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    # kinsoku's Paragraph: no line starts with "，" or "）" nor ends with "（" (reportlab's CJK wrap lets them)
    return kinsoku.Paragraph(esc(text).replace("\n", "<br/>"), style)


def _cells(block: Table, st: dict[str, ParagraphStyle]) -> tuple[list[float], float, list[list[Any]]]:
    """The column widths, the cell padding and the rows of cells (the header first) of ``block``."""
    shares = block.shares()
    columns = len(shares)
    widths = [WIDTH * share for share in shares]
    side = min(4.0, min(widths) / 4) if widths else 4.0  # cell padding: less when there are very many columns
    pad = [""] * columns
    data: list[list[Any]] = [[_para(h, st["head_cell"]) for h in (list(block.header) + pad)[:columns]]]
    data += [[_para(c, st["cell"]) for c in (list(row) + pad)[:columns]] for row in block.rows]
    return widths, side, data


ROW_PADDING = 2 + 3  # a cell's TOPPADDING + BOTTOMPADDING (`_table`)


def _row_height(row: list[Any], widths: list[float], side: float) -> float:
    return float(max((cell.wrap(w - 2 * side, HEIGHT)[1] for cell, w in zip(row, widths)), default=0.0)) + ROW_PADDING



def _lead(block: Text | Table | BarChart, st: dict[str, ParagraphStyle], f: Fonts) -> float:
    """The height a block's start needs on a page: what a heading or a title must not be parted from
    (two lines of a paragraph; a table's title, header and first row; a whole chart)."""
    if isinstance(block, Text):
        return float(min(2 * official.LINE_PT, _para(block.text, st["body"]).wrap(WIDTH, HEIGHT)[1]))
    if isinstance(block, Table):
        title = float(_para(block.title, st["table_title"]).wrap(WIDTH, HEIGHT)[1]) + 10 if block.title else 0.0
        widths, side, data = _cells(block, st)
        rows = sum(_row_height(row, widths, side) for row in data[:2]) if widths else 0.0
        return min(title + rows, HEIGHT)
    return float(min(charts.drawing(block, WIDTH, f).height + 12, HEIGHT))


def _table(block: Table, st: dict[str, ParagraphStyle], f: Fonts) -> list[Flowable]:
    # the title with the header and the first row, or a new page (keepWithNext would move a long table
    # whole); a heading before it asks for the same room (`_heading`)
    out: list[Flowable] = [CondPageBreak(_lead(block, st, f))]
    if block.title:
        out.append(_para(block.title, st["table_title"]))
    widths, side, data = _cells(block, st)
    if widths:
        header = _row_height(data[0], widths, side)
        # the header repeats on every page unless it alone would fill a third of one
        tall = header > HEIGHT / 3
        # rows stay whole (a row cut at a page's foot left an empty piece under a repeated header);
        # only a row taller than a page (with the repeated header) is split inside
        room = HEIGHT - (0 if tall else header)
        huge = any(_row_height(row, widths, side) > room for row in data[1:])
        grid = len(data) - 1
        # the note as a last row without lines, spanning the table: never alone atop the next page
        noted = bool(block.note and block.rows)
        if noted:
            data.append([_para(block.note, st["note"])] + [""] * (len(widths) - 1))
        table = PdfTable(data, colWidths=widths, repeatRows=0 if tall else 1, splitInRow=1 if huge else 0)
        style = [("GRID", (0, 0), (-1, grid), 0.5, INK), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("BACKGROUND", (0, 0), (-1, 0), _hex(official.HEADER_FILL)),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                 ("LEFTPADDING", (0, 0), (-1, -1), side), ("RIGHTPADDING", (0, 0), (-1, -1), side)]
        style += [("BACKGROUND", (0, i + 1), (-1, i + 1), _hex(official.MARKED_FILL))
                  for i in block.marked if 0 <= i < len(block.rows)]
        if noted:
            style += [("SPAN", (0, -1), (-1, -1)), ("LEFTPADDING", (0, -1), (-1, -1), 0),
                      ("RIGHTPADDING", (0, -1), (-1, -1), 0)]
            if not huge:
                style.append(("NOSPLIT", (0, grid), (-1, -1)))
        table.setStyle(TableStyle(style))
        out.append(table)
    if block.note and not (widths and block.rows):
        out.append(_para(block.note, st["note"]))
    return out


def _heading(text: str, first: Text | Table | BarChart | None, st: dict[str, ParagraphStyle], f: Fonts) -> list[Flowable]:
    """A heading never alone at a page's foot: room for it and the start of what follows, else a new page
    (keepWithNext alone keeps it only with the next flowable, and a table's or chart's is a page break)."""
    heading = _para(text, st["heading"])
    need = heading.wrap(WIDTH, HEIGHT)[1] + st["heading"].spaceBefore + (_lead(first, st, f) if first else 0)
    return [CondPageBreak(min(need, HEIGHT)), heading]


def _blocks(blocks: list[Text | Table | BarChart], st: dict[str, ParagraphStyle], f: Fonts) -> list[Flowable]:
    out: list[Flowable] = []
    for block in blocks:
        if isinstance(block, Text):
            out.append(_para(block.text, st["emphasis" if block.emphasis else "body"]))
        elif isinstance(block, Table):
            out.extend(_table(block, st, f))
        else:
            out += [Spacer(1, 6), charts.drawing(block, WIDTH, f), Spacer(1, 6)]
    return out


def story(doc: Document, f: Fonts) -> list[Flowable]:
    """The flowables of the whole bulletin, in reading order."""
    st = _styles(f)
    out: list[Flowable] = []
    if doc.issuer:
        out.append(_para(doc.issuer, st["issuer"]))
    if doc.number:
        out.append(_para(doc.number, st["number"]))
    if doc.issuer or doc.number:
        out.append(HRFlowable(width="100%", thickness=1.2, color=_hex(official.RED), spaceBefore=4, spaceAfter=4))
    if doc.title:
        out.append(_para(doc.title, st["title"]))
    if doc.version > 1 and doc.correction:
        box = PdfTable([[_para(doc.correction, st["correction"])]], colWidths=[WIDTH])
        box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.8, _hex(official.MARK_RED)),
                                 ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        out += [box, Spacer(1, official.LINE_PT / 2)]
    if doc.recipients:
        recipients = clean(doc.recipients)
        out.append(_para(recipients if recipients.endswith(("：", ":")) else recipients + "：", st["plain"]))
    for section in doc.sections:
        if section.heading:
            out += _heading(section.heading, section.blocks[0] if section.blocks else None, st, f)
        out.extend(_blocks(section.blocks, st, f))
    heading, rest = closing_heading(doc)
    closing = (_heading(heading, rest[0] if rest else None, st, f) if heading else []) + _blocks(list(rest), st, f)
    tail: list[Flowable] = [_para(t, st["signature"]) for t in (doc.signature, doc.date) if t]
    if doc.footer:
        tail += [Spacer(1, official.LINE_PT / 2), _para(doc.footer, st["note"])]
    if tail:  # never a page with only the signature and date: the last words go with them
        last = closing[-1:] if closing and isinstance(closing[-1], Paragraph) else []
        if last and len(closing) > 1 and getattr(closing[-2], "style", None) is st["heading"]:  # nor their heading alone
            last = closing[-2:]
        out += closing[:len(closing) - len(last)]
        out.append(KeepTogether([*last, Spacer(1, official.LINE_PT * 1.5), *tail]))
    else:
        out += closing
    return out


def render(doc: Document, *, font_path: str | None = None) -> bytes:
    """The bulletin as PDF bytes; ``font_path`` a TrueType CJK font to embed (else `fonts.find`'s)."""
    f = find_fonts(font_path)
    buffer = io.BytesIO()
    width, height = A4
    mark = clean(doc.draft_mark) if doc.draft else ""

    def page(canvas: Canvas, template: Any) -> None:
        canvas.saveState()
        n = canvas.getPageNumber()
        canvas.setFont(f.body, official.PAGE_NUMBER_PT)
        canvas.setFillColor(INK)
        y = official.BOTTOM_MM * mm - 7 * mm - official.PAGE_NUMBER_PT
        inset = official.PAGE_NUMBER_PT  # 空一字
        if n % 2:  # odd pages: the number on the right; even pages: on the left
            canvas.drawRightString(width - official.RIGHT_MM * mm - inset, y, official.page_number(n))
        else:
            canvas.drawString(official.LEFT_MM * mm + inset, y, official.page_number(n))
        if mark:
            canvas.setFont(f.heading, official.TABLE_TITLE_PT)
            canvas.setFillColor(_hex(official.MARK_RED))
            canvas.drawRightString(width - official.RIGHT_MM * mm, height - 20 * mm, mark)
        canvas.restoreState()

    template = SimpleDocTemplate(buffer, pagesize=A4, topMargin=official.TOP_MM * mm,
                                 bottomMargin=official.BOTTOM_MM * mm, leftMargin=official.LEFT_MM * mm,
                                 rightMargin=official.RIGHT_MM * mm, title=clean(doc.title),
                                 author=clean(doc.issuer), creator="ecoplan", subject=clean(doc.number))
    content = story(doc, f) or [Spacer(1, 1)]
    template.build(content, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()
