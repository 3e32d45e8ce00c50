"""highlight.py: the printed characters a match in matching form stands for."""
import pytest

from ecoplan.search.highlight import parts, spans
from ecoplan.search.query import normalise

TEXT = "全力巩固空气质量改善成效，PM2.5 年均浓度不超过 33 微克/立方米"


@pytest.mark.parametrize("query, printed", [
    ("改善成效", "改善成效"),
    ("改善成效,pm2.5年均", "改善成效，PM2.5 年均"),  # half-width comma, lower case, no space
    ("ＰＭ２.５", "PM2.5"),  # full-width letters and digits
    ("33微克", "33 微克"),
    ("扬尘", None),
])
def test_spans_map_back_to_the_printed_text(query, printed):
    found = spans(TEXT, normalise(query))
    assert [TEXT[a:b] for a, b in found] == ([printed] if printed else [])


def test_every_occurrence_is_marked():
    assert [p for p, hit in parts("扬尘、道路扬尘", "扬尘") if hit] == ["扬尘", "扬尘"]


def test_traditional_characters_match_simplified_queries():
    assert [("環境", True)] == [p for p in parts("生態環境", normalise("环境")) if p[1]]


def test_window_cuts_long_text_around_the_first_match():
    text = "甲" * 200 + "扬尘" + "乙" * 200
    cut = parts(text, "扬尘", window=True)
    assert cut[0] == ("…", False) and cut[-1] == ("…", False)
    assert ("扬尘", True) in cut and sum(len(p) for p, _ in cut) < 130
