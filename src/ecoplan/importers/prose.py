"""Paragraphs and headings of prose plans (Changping's work plan, Fengtai's five-year plan).

Paragraphs come from markers, not blank lines (domain.md §2): a heading line (`第一章`, `一、`,
`（一）`, `1.`) stands alone, and a line that does not end a sentence (`。；！？：`) continues
into the next non-blank line (`…均达到` / `95%以上。`).  Each paragraph keeps the source lines
it spans.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import join_wrapped, to_simplified

HEADING_LEVELS = [
    ("chapter", re.compile(r"^第([一二三四五六七八九十]+)章\s*(\S.*)$")),
    ("part", re.compile(r"^([一二三四五六七八九十]+)、\s*(\S.*)$")),
    ("section", re.compile(r"^[（(]([一二三四五六七八九十]+)[)）]\s*(\S.*)$")),
    ("item", re.compile(r"^(\d{1,2})[.．、]\s*(\S.*)$")),
]
SENTENCE_END = ("。", "；", "！", "？", "：", ";", "!", "?", ":")


@dataclass
class Block:
    kind: str  # chapter / part / section / item / paragraph / table
    number: str
    text: str
    lines: list[int]

    @property
    def line(self) -> int:
        return self.lines[0]


def heading(line: str) -> tuple[str, str, str] | None:
    """(level, number, title) when the line is a heading; long sentences are not headings."""
    text = line.strip()
    for level, pattern in HEADING_LEVELS:
        if m := pattern.match(text):
            title = m.group(2).strip()
            # 规划原则 items are `1. 坚持绿色发展引领。牢固树立…`: a heading with inline text
            if level == "item" and len(title) > 40:
                return None
            if level in ("part", "section") and len(title) > 40:
                return None
            return level, m.group(1), title
    return None


def blocks(lines: list[str], start: int, end: int) -> list[Block]:
    """Headings, tab tables and paragraphs of lines[start:end] (0-based), in order."""
    out: list[Block] = []
    current: list[tuple[int, str]] = []

    def close() -> None:
        if current:
            out.append(Block("paragraph", "", join_wrapped([t for _, t in current]),
                             [n for n, _ in current]))
            current.clear()

    for index in range(start, end):
        raw = lines[index]
        text = raw.strip()
        number = index + 1
        if not text:
            continue
        if "\t" in raw:
            close()
            out.append(Block("table", "", raw, [number]))
            continue
        if not current and (h := heading(to_simplified(text))):
            level, num, title = h
            out.append(Block(level, num, join_wrapped([title]), [number]))
            continue
        current.append((number, text))
        if text.endswith(SENTENCE_END):
            close()
    close()
    return out


def first_sentence(text: str) -> tuple[str, str]:
    """`推动挥发性有机物治理。推进低 VOCs…` → ("推动挥发性有机物治理", "推进低 VOCs…")."""
    m = re.match(r"^(.{2,40}?)[。：:](.*)$", text, re.S)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    return "", text


def is_toc_line(text: str) -> bool:
    """`第三章 加快形成绿色低碳发展新格局.....⇥14 -`, `序言⇥- 1 -`."""
    return bool(re.search(r"\t\s*-?\s*\d{1,3}\s*-\s*$", text))
