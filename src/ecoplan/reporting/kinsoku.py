"""Chinese line breaking (禁则, kinsoku) for reportlab paragraphs — pure, no Django.

reportlab's ``wordWrap="CJK"`` breaks after any character that overflows and keeps only what is in
``reportlab.lib.textsplit.ALL_CANNOT_START`` on the line — a list without the full-width comma,
semicolon or colon (，；：), hanging at most one character, and it never looks at the characters
that may not end a line (（《“).  So a bulletin printed lines starting with "，" or "）；" and ending
with "（".  ``Paragraph`` here breaks a line only where both rules allow: never before closing
punctuation, never after an opening bracket, never inside a run of Latin letters and digits
(4.5%, PM2.5); where a line offers no such place it breaks where it must.
"""
from __future__ import annotations

from typing import Any
from unicodedata import category

from reportlab.platypus import paragraph as rl
from reportlab.platypus.paragraph import ParaLines, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

# may not begin a line: closing brackets and quotes, stops, commas, the units that follow a number
CANNOT_START = frozenset("，。、；：！？）》」』】〕］｝〉”’…—·％‰°℃/,.;:!?)]}%")
# may not end a line: opening brackets and quotes
CANNOT_END = frozenset("（《「『【〔［｛〈“‘([{")


def _joined(left: str, right: str) -> bool:
    """Two characters of one Latin word or number (no break inside 4.5 or PM2.5)."""
    return all(c and ord(c[0]) < 0x3000 and not c.isspace() for c in (left, right))


def may_break(before: str, after: str) -> bool:
    """Whether a line may end after ``before`` and the next begin with ``after``."""
    if before and category(before[0]) == "Zs":
        return after not in CANNOT_START
    return not (after in CANNOT_START or before in CANNOT_END or _joined(before, after))


def split(frags: list[Any], max_widths: list[float], calc_bounds: bool, encoding: str = "utf8") -> Any:
    """``frags`` as lines no wider than ``max_widths`` (the last repeats): reportlab's
    ``cjkFragSplit`` with the breaks ``may_break`` allows."""
    glyphs: list[Any] = []
    for f in frags:
        text = f.text.decode(encoding) if isinstance(f.text, bytes) else f.text
        glyphs.extend([cjkU(t, f, encoding) for t in text] if text else [cjkU(text, f, encoding)])
    lines: list[Any] = []
    n, start = len(glyphs), 0

    def width_of(g: Any, limit: float) -> float:
        w = g.width
        if hasattr(w, "normalizedValue"):
            w._normalizer = limit
            w = w.normalizedValue(limit)
        return float(w)

    while start < n:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used, i, end, forced = 0.0, start, n, False
        while i < n:
            g = glyphs[i]
            used += width_of(g, limit)
            if hasattr(g.frag, "lineBreak"):  # <br/>: the line ends here, whatever its width
                end, forced = i + 1, True
                break
            if used > limit + _FUZZ and i > start:  # glyph i does not fit: break before it, or earlier
                end = next((b for b in range(i, start, -1) if may_break(glyphs[b - 1], glyphs[b])), i)
                break
            i += 1
        else:
            end = n
        width = sum(width_of(g, limit) for g in glyphs[start:end])
        lines.append(makeCJKParaLine(glyphs[start:end], limit, width, limit - width, forced, calc_bounds))
        start = end
    return ParaLines(kind=1, lines=lines)


class Paragraph(rl.Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A reportlab Paragraph whose CJK wrapping (``wordWrap="CJK"``) keeps the line-breaking rules."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802, N803 (reportlab's names)
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara  # the rest of a split paragraph: already broken
        style = self.style
        self.height = 0
        rl._handleBulletWidth(self.bulletText, style, maxWidths)
        if not self.frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return split(self.frags, list(maxWidths), auto_leading not in ("", "off"))
