"""Finding a Chinese TrueType font to embed: the caller's, the environment's, Debian's, else the CID font."""
from pathlib import Path

import pytest

from ecoplan.reporting import fonts

UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"
ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
needs = pytest.mark.skipif


@pytest.fixture(autouse=True)
def _no_env(monkeypatch):
    monkeypatch.delenv(fonts.ENV, raising=False)


@needs(not (Path(UMING).exists() and Path(ZENHEI).exists()), reason="fonts-arphic-uming, fonts-wqy-zenhei (make fonts)")
def test_debian_fonts_uming_for_the_body_zenhei_for_headings():
    found = fonts.find()
    assert found.embedded and found.paths == (UMING, ZENHEI)
    assert (found.body, found.heading) == ("CJK-uming-0", "CJK-wqy-zenhei-0")


@needs(not Path(ZENHEI).exists(), reason="fonts-wqy-zenhei (make fonts)")
def test_the_callers_font_wins_for_body_and_headings_and_a_sub_font_can_be_named(monkeypatch):
    assert fonts.find(ZENHEI) == fonts.Fonts("CJK-wqy-zenhei-0", "CJK-wqy-zenhei-0", True, (ZENHEI,))
    monkeypatch.setenv(fonts.ENV, ZENHEI + "#1")  # the Mono face of the collection
    assert fonts.find().body == "CJK-wqy-zenhei-1"


def test_cff_opentype_is_refused_with_the_reason(tmp_path, monkeypatch):
    """Noto/Source Han CJK are CFF-flavoured ('OTTO'): reportlab cannot embed them."""
    cff = tmp_path / "NotoSansCJK.otf"
    cff.write_bytes(b"OTTO" + bytes(60))
    garbage = tmp_path / "notafont.ttf"
    garbage.write_bytes(b"hello")
    for bad in (cff, garbage):
        with pytest.raises(fonts.FontUnusable):
            fonts.register(str(bad))
    monkeypatch.setattr(fonts, "BODY_CANDIDATES", ((str(cff), 0),))
    found = fonts.find(str(garbage))
    assert not found.embedded and found.body == found.heading == fonts.CID_FALLBACK
    assert "postscript outlines are not supported" in found.problems[1]
    assert found.problems[0].startswith(str(garbage))


@needs(not Path(DEJAVU).exists(), reason="fonts-dejavu-core")
def test_a_font_without_chinese_is_refused():
    with pytest.raises(fonts.FontUnusable, match="no Chinese glyphs"):
        fonts.register(DEJAVU)


def test_a_missing_path_falls_through(monkeypatch):
    monkeypatch.setattr(fonts, "BODY_CANDIDATES", (("/nonexistent/a.ttc", 0),))
    found = fonts.find("/nonexistent/b.ttf")
    assert not found.embedded
    assert found.problems == ("/nonexistent/b.ttf: no such file",)  # absent Debian paths are not noise
