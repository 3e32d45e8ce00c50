"""A Chinese TrueType font for the PDFs and chart images — pure, no Django.

A PDF opened on a fresh machine shows Chinese only if the glyphs travel with it, so the bulletin
embeds (subsets) a TrueType CJK font: the path the caller gives (the app passes
``settings.ECOPLAN_CJK_FONT``), else ``$ECOPLAN_CJK_FONT``, else the Debian packages the Makefile
installs (``make fonts``): AR PL UMing (明体, close to the 宋体 of official documents) for the body,
WenQuanYi Zen Hei (正黑, close to 黑体) for headings.  reportlab embeds TrueType outlines only:
Noto/Source Han CJK (``fonts-noto-cjk``) are CFF-based OpenType ('OTTO') and reportlab refuses them
("postscript outlines are not supported") — they are tried like any other and skipped with that
reason.  With no usable file the PDF falls back to the Adobe CID font STSong-Light, which is not
embedded (the reader supplies the glyphs) and draws nothing in chart images: `Fonts.embedded` says
so, for the app's system check.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

ENV = "ECOPLAN_CJK_FONT"
CID_FALLBACK = "STSong-Light"
PROBE = "通报排名街道"  # a font that cannot draw these is no use for a bulletin

# (path, sub-font index of a .ttc) in order of preference for the body (宋体-like first)
BODY_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),  # fonts-arphic-uming: AR PL UMing CN
    ("/usr/share/fonts/truetype/arphic-gbsn00lp/gbsn00lp.ttf", 0),  # fonts-arphic-gbsn00lp: 宋体
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),  # fonts-wqy-zenhei
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),  # fonts-wqy-microhei
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),  # fonts-droid-fallback
    ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 2),  # CFF: refused, listed to say why
)
# headings (黑体-like); when none is there, headings use the body font
HEADING_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
)


@dataclass(frozen=True)
class Fonts:
    """The reportlab font names to use; ``embedded`` False means the CID fallback (nothing embedded)."""

    body: str
    heading: str
    embedded: bool
    paths: tuple[str, ...] = ()  # the files used
    problems: tuple[str, ...] = ()  # files tried and refused, each "path: reason"


class FontUnusable(Exception):
    pass


@lru_cache(maxsize=16)
def register(path: str, index: int = 0) -> str:
    """Register ``path`` (a .ttf, or sub-font ``index`` of a .ttc) with reportlab once; its font name.
    Raises FontUnusable when the file is missing, not TrueType, or has no Chinese glyphs."""
    if not Path(path).is_file():
        raise FontUnusable("no such file")
    name = f"CJK-{Path(path).stem}-{index}"
    try:
        font = TTFont(name, path, subfontIndex=index)
    except (TTFError, OSError, ValueError) as error:
        raise FontUnusable(str(error).replace(f'"{path}"', "").strip()) from error
    missing = [c for c in PROBE if ord(c) not in font.face.charToGlyph]
    if missing:
        raise FontUnusable(f"no Chinese glyphs ({''.join(missing)})")
    pdfmetrics.registerFont(font)
    return name


def _first(candidates: tuple[tuple[str, int], ...], problems: list[str]) -> tuple[str, str] | None:
    for path, index in candidates:
        try:
            return register(path, index), path
        except FontUnusable as error:
            if Path(path).exists():  # absent Debian paths are not worth reporting
                problems.append(f"{path}: {error}")
    return None


def _split(spec: str) -> tuple[str, int]:
    """``/path/font.ttc`` or ``/path/font.ttc#1`` (the sub-font of a collection)."""
    path, _, index = spec.partition("#")
    return path, int(index) if index.isdigit() else 0


def find(path: str | None = None) -> Fonts:
    """The fonts to use: ``path`` (or ``$ECOPLAN_CJK_FONT``) for body and headings when it is usable,
    else the known Debian files, else the non-embedded CID font."""
    problems: list[str] = []
    given = path or os.environ.get(ENV, "")
    if given:
        file, index = _split(given)
        try:
            name = register(file, index)
            return Fonts(name, name, True, (file,))
        except FontUnusable as error:
            problems.append(f"{file}: {error}")
    body = _first(BODY_CANDIDATES, problems)
    if body is None:
        if CID_FALLBACK not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(CID_FALLBACK))
        return Fonts(CID_FALLBACK, CID_FALLBACK, False, (), tuple(problems))
    heading = _first(HEADING_CANDIDATES, []) or body
    paths = tuple(dict.fromkeys((body[1], heading[1])))
    return Fonts(body[0], heading[0], True, paths, tuple(problems))
