"""The one bar chart: a reportlab Drawing for the PDF, the same drawing as a PNG for the DOCX."""
import io

from PIL import Image

from ecoplan.reporting import charts
from ecoplan.reporting.bulletin import BarChart
from ecoplan.reporting.fonts import find
from tests.reporting.sample import area_names


def alert_pixels(png: bytes) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    target = charts.ALERT.rgb()
    want = tuple(round(c * 255) for c in target)
    return sum(1 for p in image.get_flattened_data() if all(abs(a - b) < 8 for a, b in zip(p, want)))


def test_png_is_the_drawing_at_the_requested_resolution():
    chart = BarChart("图1 各街道PM2.5浓度", area_names(20), [30 + i for i in range(20)], unit="微克/立方米",
                     marked=(17, 18, 19), line=35, line_label="目标 35")
    drawing = charts.drawing(chart, 442, find())
    png = charts.png(chart, 442, dpi=144)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert abs(image.size[0] - 442 * 2) <= 1 and abs(image.size[1] - drawing.height * 2) <= 1


def test_marked_bars_in_the_alert_colour_only_when_marked():
    names, values = area_names(6), [30.0, 31.0, 29.5, 40.0, 41.0, 28.0]
    plain = charts.png(BarChart("", names, values), 300, dpi=72)
    marked = charts.png(BarChart("", names, values, marked=(3, 4)), 300, dpi=72)
    assert alert_pixels(plain) == 0 and alert_pixels(marked) > 100


def test_many_categories_turn_their_labels_and_few_carry_values():
    f = find()
    many = charts.drawing(BarChart("", area_names(30), [1.0] * 30), 442, f)
    few = charts.drawing(BarChart("", area_names(3), [1.0, None, 2.5]), 442, f)
    bars_many = next(c for c in many.contents if hasattr(c, "categoryAxis"))
    bars_few = next(c for c in few.contents if hasattr(c, "categoryAxis"))
    assert bars_many.categoryAxis.labels.angle == 45 and bars_few.categoryAxis.labels.angle == 0
    assert bars_few.barLabelFormat is not None and bars_many.barLabelFormat is None


def test_empty_and_odd_charts_draw():
    f = find()
    assert charts.drawing(BarChart("", [], []), 200, f).contents == []
    odd = BarChart("x", ["a", "b"], [float("nan"), -3.0], line=float("inf"))
    assert charts.png(odd, 200, dpi=72).startswith(b"\x89PNG")


def test_bar_labels_keep_the_published_places():
    """71.0 is published as 71.0: the bar says so, not "71"."""
    import pdfplumber
    from reportlab.graphics import renderPDF

    chart = BarChart("", ["东湖街道", "西山街道"], [71.0, 27.4], places=1)
    pdf = renderPDF.drawToString(charts.drawing(chart, 300, find()))
    with pdfplumber.open(io.BytesIO(pdf)) as opened:
        words = {w["text"] for w in opened.pages[0].extract_words()}
    assert {"71.0", "27.4"} <= words and "71" not in words


def test_values_too_close_to_scale_draw():
    """±1e-308 (found by the odd-text test): the axis of a vanishing range overflowed reportlab."""
    for values in ([1.1125369292536007e-308], [-1.1125369292536007e-308], [0.0, 0.0]):
        assert charts.png(BarChart("", ["a"] * len(values), values), 200, dpi=72).startswith(b"\x89PNG")
