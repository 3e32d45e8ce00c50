"""The bulletin's bar chart, defined once as a reportlab Drawing — pure, no Django.

The PDF places the Drawing itself (vector); the DOCX gets a PNG of the same Drawing.  reportlab 5
rasterises only through rlPyCairo (pycairo, built from source against libcairo), so the PNG is made
by drawing the chart into a one-page PDF with the embedded CJK font and rasterising that page with
pdfium (``pypdfium2``, already installed for pdfplumber, wheels for every platform).
"""
from __future__ import annotations

import io
import math

import pypdfium2
from reportlab.graphics import renderPDF
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ecoplan.reporting.bulletin import BarChart, clean
from ecoplan.reporting.fonts import Fonts
from ecoplan.reporting.fonts import find as find_fonts

BAR, ALERT, LINE = colors.HexColor("#1f6b4f"), colors.HexColor("#c0392b"), colors.HexColor("#3b5bdb")
INK, GRID = colors.HexColor("#1c2b27"), colors.HexColor("#dfe5e2")
PLOT_HEIGHT = 150  # points
FEW = 12  # up to this many bars, each carries its value
ROTATE_OVER = 8  # more categories than this: labels turned 45°


def _number(value: float) -> str:
    return f"{value:.10g}"


def drawing(chart: BarChart, width: float, fonts: Fonts) -> Drawing:
    """The chart ``width`` points wide: title, unit, bars (``marked`` ones in the alert colour), the
    reference line with its label, category labels under the bars (turned when there are many)."""
    names = [clean(c) for c in chart.categories]
    values = [v if v is not None and math.isfinite(v) else None for v in chart.values[:len(names)]]
    values += [None] * (len(names) - len(values))
    font, size = fonts.body, 8 if len(names) <= 20 else 6.5
    rotate = len(names) > ROTATE_OVER
    longest = max((stringWidth(n, font, size) for n in names), default=0)
    longest = min(longest, 120)  # a very long name runs past the drawing rather than squashing the plot
    below = (longest * math.sin(math.radians(45)) + 12) if rotate else 2 * size + 8
    top = 36 if chart.unit or chart.title else 12
    height = PLOT_HEIGHT + below + top
    d = Drawing(width, height)
    if chart.title:
        d.add(String(width / 2, height - 14, clean(chart.title), fontName=fonts.heading, fontSize=10.5,
                     textAnchor="middle", fillColor=INK))
    if chart.unit:
        d.add(String(4, height - 30, clean(chart.unit), fontName=font, fontSize=7.5, fillColor=INK))
    if not names:
        return d
    has_line = chart.line is not None and math.isfinite(chart.line)
    shown = [v for v in values if v is not None] + ([float(chart.line or 0)] if has_line else [])
    low = min([0.0] + shown)
    high = max([0.0] + shown)
    # room above the highest bar; a range too small to scale (all zero, 1e-308) drawn as 0 to 1
    high = high + (high - low) * 0.12 if high - low > 1e-9 else low + 1.0
    label = clean(chart.line_label) if has_line else ""
    right = min(stringWidth(label, font, 7), width / 4) + 6 if label else 0
    bars = VerticalBarChart()
    bars.x, bars.y, bars.width, bars.height = 36, below, width - 48 - right, PLOT_HEIGHT
    bars.data = [values]
    bars.valueAxis.valueMin, bars.valueAxis.valueMax = low, high
    bars.valueAxis.labels.fontName, bars.valueAxis.labels.fontSize = font, 7
    bars.valueAxis.visibleGrid, bars.valueAxis.gridStrokeColor = True, GRID
    bars.valueAxis.labelTextFormat = _number
    bars.categoryAxis.categoryNames = names
    labels = bars.categoryAxis.labels
    labels.fontName, labels.fontSize, labels.fillColor = font, size, INK
    if rotate:
        labels.angle, labels.boxAnchor, labels.dx, labels.dy = 45, "ne", 2, -2
    bars.barWidth, bars.groupSpacing = 6, 3 if len(names) > 40 else 6
    bars.bars.strokeColor = None
    bars.bars[0].fillColor = BAR
    for i in chart.marked:
        if 0 <= i < len(names):
            bars.bars[(0, i)].fillColor = ALERT
    if len(names) <= FEW:
        places = chart.places
        bars.barLabelFormat = _number if places is None or not 0 <= places <= 10 else f"%.{places}f"
        bars.barLabels.fontName, bars.barLabels.fontSize, bars.barLabels.nudge = font, 7, 6
    d.add(bars)
    if has_line:
        y = bars.y + (float(chart.line or 0) - low) / (high - low) * bars.height
        d.add(Line(bars.x, y, bars.x + bars.width, y, strokeColor=LINE, strokeWidth=0.8, strokeDashArray=[3, 2]))
        if label:  # beside the line's end, clear of the bars
            d.add(String(bars.x + bars.width + 4, y - 2.5, label, fontName=font, fontSize=7, fillColor=LINE))
    return d


def png(chart: BarChart, width: float, *, dpi: int = 200, fonts: Fonts | None = None) -> bytes:
    """The same chart as a PNG ``width`` points wide at ``dpi``, for the DOCX."""
    pdf = renderPDF.drawToString(drawing(chart, width, fonts or find_fonts()))
    document = pypdfium2.PdfDocument(pdf)
    try:
        image = document[0].render(scale=dpi / 72).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
