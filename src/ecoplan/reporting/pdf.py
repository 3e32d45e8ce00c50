"""One-page PDF summaries (the leader's overview; bulletins reuse it) drawn with reportlab.

Pure (no Django): fed with plain, already translated text and figures.  Chinese is set in the
TrueType CJK font the bulletins embed (``reporting.fonts``: the glyphs travel with the file, so a
fresh machine shows them; nothing is fetched), else reportlab's CID font STSong-Light.  The whole page is one
frame that shrinks its content to fit (``KeepInFrame``): the summary is always one A4 page.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field

from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from ecoplan.reporting import fonts
from ecoplan.reporting.bulletin import clean

INK, MUTED, RULE, HEAD = colors.HexColor("#1c2b27"), colors.HexColor("#5b6763"), colors.HexColor("#c9d3cf"), \
    colors.HexColor("#e8efec")
SERIES = [colors.HexColor("#1f6b4f"), colors.HexColor("#3b7dd8"), colors.HexColor("#b8322a")]


@dataclass(frozen=True)
class Figure:
    """A headline figure: 逾期 12."""

    label: str
    value: str
    alert: bool = False


@dataclass(frozen=True)
class Rows:
    """A titled table; ``more``: what the page leaves out (“另有 12 项”), said under it."""

    title: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float] | None = None  # relative column widths
    more: str = ""


@dataclass(frozen=True)
class Trend:
    """A small line chart: ``months`` on the x axis, one line per (name, values)."""

    title: str
    months: list[str]
    series: list[tuple[str, list[float]]]
    empty: str = ""  # said instead of the chart when there is no month yet


@dataclass(frozen=True)
class Page:
    title: str
    subtitle: str = ""
    figures: list[Figure] = field(default_factory=list)
    blocks: list[Rows | Trend] = field(default_factory=list)
    footer: str = ""


def _font() -> str:
    """The embedded TrueType CJK font the bulletins use (``fonts.find``), else the CID fallback."""
    return fonts.find().body


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=_font(), fontSize=8.5, leading=11, textColor=INK, wordWrap="CJK")
    return {"base": base,
            "title": ParagraphStyle("title", parent=base, fontSize=16, leading=20, spaceAfter=2),
            "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=9, textColor=MUTED, spaceAfter=6),
            "h": ParagraphStyle("h", parent=base, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=3),
            "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10),
            "muted": ParagraphStyle("muted", parent=base, fontSize=7.5, textColor=MUTED),
            "figure": ParagraphStyle("figure", parent=base, fontSize=15, leading=18, alignment=1),
            "figure_label": ParagraphStyle("figure_label", parent=base, fontSize=7.5, textColor=MUTED, alignment=1)}


def esc(text: object) -> str:
    """``text`` for reportlab's paragraph markup: XML-illegal characters dropped, ``& < >`` escaped."""
    return clean(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _figures(figures: list[Figure], width: float, st: dict[str, ParagraphStyle]) -> Table:
    cells = [[Paragraph(f'<font color="{"#b8322a" if f.alert else "#1c2b27"}">{esc(f.value)}</font>',
                        st["figure"]) for f in figures],
             [Paragraph(esc(f.label), st["figure_label"]) for f in figures]]
    table = Table(cells, colWidths=[width / len(figures)] * len(figures))
    table.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, -1), HEAD),
                               ("LINEAFTER", (0, 0), (-2, -1), 0.5, RULE), ("TOPPADDING", (0, 0), (-1, 0), 5),
                               ("BOTTOMPADDING", (0, 1), (-1, 1), 5)]))
    return table


def _rows(block: Rows, width: float, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(esc(block.title), st["h"])]
    weights = block.widths or [1] * len(block.header)
    widths = [width * w / sum(weights) for w in weights]
    data = [[Paragraph(f"<b>{esc(h)}</b>", st["cell"]) for h in block.header]]
    data += [[Paragraph(esc(c), st["cell"]) for c in row] for row in block.rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), HEAD), ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    out.append(table)
    if block.more:
        out.append(Paragraph(esc(block.more), st["muted"]))
    return out


def _trend(block: Trend, width: float, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = [Paragraph(esc(block.title), st["h"])]
    if not block.months:
        return out + ([Paragraph(esc(block.empty), st["muted"])] if block.empty else [])
    drawing = Drawing(width, 110)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 30, 18, width - 150, 80
    chart.data = [[v or 0 for v in values] for _name, values in block.series]
    chart.categoryAxis.categoryNames = block.months
    for axis in (chart.categoryAxis.labels, chart.valueAxis.labels):
        axis.fontName, axis.fontSize = _font(), 7
    chart.valueAxis.valueMin = 0
    top = max([v or 0 for _n, values in block.series for v in values] + [1])
    chart.valueAxis.valueMax = top * 1.1
    for i in range(len(block.series)):
        chart.lines[i].strokeColor = SERIES[i % len(SERIES)]
        chart.lines[i].strokeWidth = 1.5
    legend = Legend()
    legend.x, legend.y, legend.fontName, legend.fontSize = width - 112, 90, _font(), 7.5
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], name) for i, (name, _v) in enumerate(block.series)]
    drawing.add(chart)
    drawing.add(legend)
    out.append(drawing)
    return out


def one_page(page: Page) -> bytes:
    """The page as PDF bytes: title, headline figures, then the blocks; shrunk to fit one A4 page."""
    st = _styles()
    buffer = io.BytesIO()
    margin = 14 * mm
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                            bottomMargin=margin, title=page.title, author="ecoplan")
    width, height = A4[0] - 2 * margin, A4[1] - 2 * margin
    story: list[Flowable] = [Paragraph(esc(page.title), st["title"])]
    if page.subtitle:
        story.append(Paragraph(esc(page.subtitle), st["subtitle"]))
    if page.figures:
        story.append(_figures(page.figures, width, st))
    for block in page.blocks:
        story.extend(_rows(block, width, st) if isinstance(block, Rows) else _trend(block, width, st))
    if page.footer:
        story += [Spacer(1, 6), Paragraph(esc(page.footer), st["muted"])]
    doc.build([KeepInFrame(width, height - 2, story, mode="shrink")])
    return buffer.getvalue()
