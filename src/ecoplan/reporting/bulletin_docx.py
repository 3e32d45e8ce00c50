"""A bulletin (`bulletin.Document`) as a DOCX — the format a bureau edits and prints.  Pure, no Django.

Laid out by GB/T 9704 (`official`): A4 with its margins, the red issuer line with the 文号 under it
and a red rule, the title in 方正小标宋简体 二号 centred, 主送, body in 仿宋_GB2312 三号 at a fixed
28-point line with the first line indented two characters, first-level headings in 黑体 (Word's
Heading 1, so they show in the navigation pane), tables whose header row repeats on every page with
the marked rows (the bottom N) shaded, charts as PNG pictures (`charts.png`), page numbers — 1 —
at the outer edge, the draft mark in the header of every page, the correction note of a later
version, the closing and the signature and date on the right.

Fonts are named, not embedded: Chinese faces go in ``w:eastAsia`` (python-docx's ``font.name``
sets only the Latin slots), the theme-font attributes that would override them are removed, and
the document's East-Asian language is zh-CN, so Word and LibreOffice substitute an installed
Chinese font when 仿宋_GB2312 or 方正小标宋简体 is missing.
"""
from __future__ import annotations

import copy
import io
import re
from typing import Any

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from ecoplan.reporting import charts, official
from ecoplan.reporting.bulletin import BarChart, Block, Document, Section, Table, Text, clean
from ecoplan.reporting.fonts import find as find_fonts

LATIN = "Times New Roman"  # digits and Latin letters beside 仿宋, as official documents set them
PAGE_NUMBER_FONT = "宋体"
TABLE_STYLE, NOTE_STYLE = "Table Text", "Table Note"


# a first-level heading as numbered on from the sections: 七、下一步工作要求 (not a lead-in 一是……)
_HEADING = re.compile(r"[一二三四五六七八九十百]+、[^。；！？]{1,40}")


def closing_heading(doc: Document) -> tuple[str, list[Block]]:
    """The closing's heading and the rest: the closing arrives as paragraphs, its heading the first
    (emphasised, 七、下一步工作要求) — or as a `Section`; a heading is set as the sections' are."""
    closing: list[Any] = list(doc.closing)
    first = closing[0] if closing else None
    if isinstance(first, Section):
        return first.heading, [*first.blocks, *closing[1:]]
    if isinstance(first, Text) and first.emphasis and _HEADING.fullmatch(clean(first.text).strip()):
        return clean(first.text).strip(), closing[1:]
    return "", closing


def _set_fonts(element: Any, east_asia: str, latin: str = LATIN) -> None:
    """Name ``east_asia`` for Chinese and ``latin`` for the rest on a run or style element (``w:rPr``)."""
    rpr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)  # a theme font would win over the names
    for slot in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(slot), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


# the children that must follow a pBdr in w:pPr, a shd in w:tcPr, a lang in w:rPr (the schema's order)
AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
              "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
              "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
              "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
              "w:rPr", "w:sectPr", "w:pPrChange")
AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers",
             "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def _set(element: Any, tag: str, after: tuple[str, ...] = (), **attrs: str) -> Any:
    """Add (or replace) child ``tag`` of ``element`` with ``w:`` attributes, before the ``after`` tags."""
    for old in element.findall(qn(tag)):
        element.remove(old)
    child = OxmlElement(tag)
    for key, value in attrs.items():
        child.set(qn(f"w:{key}"), value)
    if after:
        element.insert_element_before(child, *after)
    else:
        element.append(child)
    return child


def _indent_chars(paragraph_format: Any, first: int = 0, right: int = 0, size: float = official.BODY_PT) -> None:
    """Indents in characters (``w:firstLineChars``: Word keeps two characters whatever the font size)."""
    ind = paragraph_format.element.get_or_add_pPr().get_or_add_ind()
    if first:
        ind.set(qn("w:firstLineChars"), str(first * 100))
        ind.set(qn("w:firstLine"), str(int(first * size * 20)))
    if right:
        ind.set(qn("w:rightChars"), str(right * 100))
        ind.set(qn("w:right"), str(int(right * size * 20)))


def _exact(paragraph_format: Any, points: float) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(points)


def _styles(book: Any, doc: Document) -> None:
    styles = book.styles
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults, doc.body_font)
    _set(defaults, "w:lang", AFTER_LANG, val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    normal = styles["Normal"]
    _set_fonts(normal.element, doc.body_font)
    normal.font.size = Pt(official.BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    _exact(normal.paragraph_format, official.LINE_PT)
    normal.paragraph_format.widow_control = False  # official text runs line by line to the page's end

    body = styles["Body Text"]
    body.base_style = normal
    body.paragraph_format.space_after = Pt(0)
    _indent_chars(body.paragraph_format, first=official.INDENT_CHARS)

    heading = styles["Heading 1"]
    heading.base_style = normal
    _set_fonts(heading.element, doc.heading_font)
    heading.font.size, heading.font.bold = Pt(official.BODY_PT), False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.space_before = heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.keep_with_next = True
    _exact(heading.paragraph_format, official.LINE_PT)
    _indent_chars(heading.paragraph_format, first=official.INDENT_CHARS)

    cell = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    cell.base_style = normal
    cell.font.size = Pt(official.TABLE_PT)
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = cell
    note.font.size = Pt(official.NOTE_PT)
    note.font.color.rgb = RGBColor(0x5B, 0x67, 0x63)
    note.paragraph_format.space_after = Pt(6)


def _page(book: Any) -> Any:
    section = book.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(official.TOP_MM), Mm(official.BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(official.LEFT_MM), Mm(official.RIGHT_MM)
    section.header_distance = Mm(18)
    section.footer_distance = Mm(official.BOTTOM_MM - 7 - 7)  # 一字线 7 mm under the text block
    return section


def _number_run(paragraph: Paragraph, text: str = "") -> Any:
    r = paragraph.add_run(text)
    _set_fonts(r._r, PAGE_NUMBER_FONT)
    r.font.size = Pt(official.PAGE_NUMBER_PT)
    return r


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A Word field (PAGE): begin, instruction, separate, the value shown until updated, end."""
    _set(_number_run(paragraph)._r, "w:fldChar", (), fldCharType="begin")
    code = _set(_number_run(paragraph)._r, "w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = instruction
    _set(_number_run(paragraph)._r, "w:fldChar", (), fldCharType="separate")
    _number_run(paragraph, shown)
    _set(_number_run(paragraph)._r, "w:fldChar", (), fldCharType="end")


def _page_numbers(book: Any, section: Any) -> None:
    """— n — on the right of odd pages and the left of even ones, one character in (空一字)."""
    book.settings.odd_and_even_pages_header_footer = True
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
        if odd:
            p.paragraph_format.right_indent = Pt(official.PAGE_NUMBER_PT)
        else:
            p.paragraph_format.left_indent = Pt(official.PAGE_NUMBER_PT)
        _number_run(p, f"{official.PAGE_DASH} ")
        _field(p, " PAGE ", "1")
        _number_run(p, f" {official.PAGE_DASH}")


def _draft_mark(section: Any, mark: str, font: str) -> None:
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        r = p.add_run(mark)
        _set_fonts(r._r, font)
        r.font.size = Pt(official.TABLE_TITLE_PT)
        r.font.color.rgb = RGBColor.from_string(official.MARK_RED)


def _run(p: Paragraph, text: str, font: str | None = None, size: float | None = None, bold: bool = False,
         color: str | None = None) -> None:
    r = p.add_run(clean(text))
    if font:
        _set_fonts(r._r, font)
    if size:
        r.font.size = Pt(size)
    if bold:
        r.font.bold = True
    if color:
        r.font.color.rgb = RGBColor.from_string(color)


def _centred(book: Any, text: str, font: str, size: float, line: float, color: str | None = None) -> Paragraph:
    p: Paragraph = book.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _exact(p.paragraph_format, line)
    _run(p, text, font, size, color=color)
    return p


def _rule_below(p: Paragraph, color: str) -> None:
    borders = _set(p._p.get_or_add_pPr(), "w:pBdr", AFTER_PBDR)
    _set(borders, "w:bottom", val="single", sz="12", space="6", color=color)


def _box(p: Paragraph, color: str) -> None:
    borders = _set(p._p.get_or_add_pPr(), "w:pBdr", AFTER_PBDR)
    for side in ("top", "left", "bottom", "right"):
        _set(borders, f"w:{side}", val="single", sz="6", space="4", color=color)


def _shade(cell: Any, fill: str) -> None:
    _set(cell._tc.get_or_add_tcPr(), "w:shd", AFTER_SHD, val="clear", color="auto", fill=fill)


def _table(book: Any, block: Table, doc: Document) -> None:
    if block.title:
        p = book.add_paragraph(style=TABLE_STYLE)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_before, p.paragraph_format.space_after = Pt(6), Pt(4)
        p.paragraph_format.keep_with_next = True
        _run(p, block.title, doc.heading_font, official.TABLE_TITLE_PT)
    shares = block.shares()
    columns = len(shares)
    if columns:
        widths = [Mm(official.TEXT_WIDTH_MM * share) for share in shares]
        # the header and one styled row through python-docx; every data row is a copy of that row's
        # XML with its texts set (a 330-row ranking: 0.1 s instead of 1 s of python-docx per cell)
        table = book.add_table(rows=2, cols=columns)
        table.style = book.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        for column, width in zip(table.columns, widths):
            column.width = width
        style_id = book.styles[TABLE_STYLE].style_id  # set as an id: python-docx looks a style up per call
        header, body = table.rows
        for n, row in enumerate((header, body)):
            tr_pr = row._tr.get_or_add_trPr()
            _set(tr_pr, "w:cantSplit")
            if n == 0:
                _set(tr_pr, "w:tblHeader")  # repeated at the top of every page the table runs onto
            for cell, width, value in zip(row.cells, widths, (list(block.header) + [""] * columns)[:columns]):
                cell.width = width
                p = cell.paragraphs[0]
                p._p.style = style_id
                if n == 0:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                    _run(p, str(value), doc.heading_font)
                    _shade(cell, official.HEADER_FILL)
                else:
                    p.add_run("-")  # a w:t for the copies to fill
        plain = body._tr
        marked_row = copy.deepcopy(plain)
        for tc in marked_row.iter(qn("w:tc")):
            _set(tc.get_or_add_tcPr(), "w:shd", AFTER_SHD, val="clear", color="auto", fill=official.MARKED_FILL)
        marked = {i for i in block.marked if 0 <= i < len(block.rows)}
        for n, values in enumerate(block.rows):
            tr = copy.deepcopy(marked_row if n in marked else plain)
            for t, value in zip(tr.iter(qn("w:t")), (list(values) + [""] * columns)[:columns]):
                t.text = clean(value)
                t.set(qn("xml:space"), "preserve")
            plain.addprevious(tr)
        table._tbl.remove(plain)
    if block.note:
        book.add_paragraph(clean(block.note), style=NOTE_STYLE)


def _chart(book: Any, block: BarChart, font_path: str | None) -> None:
    picture = charts.png(block, official.TEXT_WIDTH_MM * 72 / 25.4, fonts=find_fonts(font_path))
    p = book.add_paragraph(style=TABLE_STYLE)  # single line spacing: an exact 28 pt would crop the picture
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(6)
    p.add_run().add_picture(io.BytesIO(picture), width=Mm(official.TEXT_WIDTH_MM))


def _blocks(book: Any, blocks: list[Block], doc: Document, font_path: str | None) -> None:
    for block in blocks:
        if isinstance(block, Text):
            p = book.add_paragraph(style="Body Text")
            _run(p, block.text, bold=block.emphasis)
        elif isinstance(block, Table):
            _table(book, block, doc)
        else:
            _chart(book, block, font_path)


def render(doc: Document, *, font_path: str | None = None) -> bytes:
    """The bulletin as DOCX bytes; ``font_path``: the TrueType CJK font the chart pictures are drawn
    with (else `fonts.find`'s) — the text itself names the document's fonts."""
    book = docx.Document()
    _styles(book, doc)
    section = _page(book)
    _page_numbers(book, section)
    if doc.draft and doc.draft_mark:
        _draft_mark(section, clean(doc.draft_mark), doc.heading_font)
    book.core_properties.title = clean(doc.title)[:255]
    book.core_properties.author = clean(doc.issuer)[:255]
    book.core_properties.subject = clean(doc.number)[:255]
    book.core_properties.comments = clean(doc.footer)[:255]
    book.core_properties.revision = max(1, doc.version)

    last = None
    if doc.issuer:
        last = _centred(book, doc.issuer, doc.title_font, official.ISSUER_PT, official.ISSUER_PT * 1.5,
                        official.RED)
    if doc.number:
        last = _centred(book, doc.number, doc.body_font, official.BODY_PT, official.LINE_PT)
    if last is not None:
        _rule_below(last, official.RED)
    if doc.title:
        p = _centred(book, doc.title, doc.title_font, official.TITLE_PT, official.TITLE_PT * 1.6)
        p.paragraph_format.space_before = Pt(official.LINE_PT)
        p.paragraph_format.space_after = Pt(official.LINE_PT / 2)
    if doc.version > 1 and doc.correction:
        p = book.add_paragraph(style=TABLE_STYLE)
        p.paragraph_format.space_after = Pt(official.LINE_PT / 2)
        _box(p, official.MARK_RED)
        _run(p, doc.correction, size=official.TABLE_TITLE_PT)
    if doc.recipients:
        recipients = clean(doc.recipients)
        book.add_paragraph(recipients if recipients.endswith(("：", ":")) else recipients + "：")
    for part in doc.sections:
        if part.heading:
            _run(book.add_paragraph(style="Heading 1"), part.heading)
        _blocks(book, part.blocks, doc, font_path)
    heading, closing = closing_heading(doc)
    if heading:
        _run(book.add_paragraph(style="Heading 1"), heading)
    _blocks(book, closing, doc, font_path)
    tail = [t for t in (doc.signature, doc.date) if t]
    if tail and closing and isinstance(closing[-1], Text):
        book.paragraphs[-1].paragraph_format.keep_with_next = True  # never a page of only signature and date
    for n, text in enumerate(tail):
        p = book.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _indent_chars(p.paragraph_format, right=official.DATE_RIGHT_CHARS)
        p.paragraph_format.keep_with_next = n < len(tail) - 1
        if n == 0:
            p.paragraph_format.space_before = Pt(official.LINE_PT * 1.5)
        p.add_run(clean(text))
    if doc.footer:
        p = book.add_paragraph(clean(doc.footer), style=NOTE_STYLE)
        p.paragraph_format.space_before = Pt(official.LINE_PT / 2)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
