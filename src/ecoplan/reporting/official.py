"""The official-document layout both bulletin renderers follow — GB/T 9704-2012 党政机关公文格式,
as far as a generated 通报 needs it.  Pure: plain numbers, no Django, no renderer.

A4, 天头 (top) 37 mm, 订口 (left) 28 mm, so the text block (版心) is 156 × 225 mm; 22 lines of 28
characters of 三号 仿宋 a page; the title 二号 小标宋 centred; first-level headings 黑体; page numbers
4号 宋体 between em dashes (— 1 —), odd pages on the right and even pages on the left, one
character in from the edge; the date 右空四字 (four characters in from the right).  Sizes in points.
"""
from __future__ import annotations

TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37, 35, 28, 26  # 版心 156 × 225 mm on A4
TEXT_WIDTH_MM = 210 - LEFT_MM - RIGHT_MM

ISSUER_PT = 26  # 发文机关标志 (red; its size is the issuer's choice, smaller than 上级 marks)
TITLE_PT = 22  # 二号
BODY_PT = 16  # 三号
LINE_PT = 28  # 22 lines a page: exact line spacing
TABLE_TITLE_PT = 12  # 小四
TABLE_PT = 10.5  # 五号
NOTE_PT = 9  # 小五
PAGE_NUMBER_PT = 14  # 4号
INDENT_CHARS = 2  # 正文 first line
DATE_RIGHT_CHARS = 4  # 成文日期 右空四字

RED = "D40000"  # 红头: the issuer line and the rule under the 文号
MARK_RED = "C00000"  # the draft mark
MARKED_FILL = "FBE3E1"  # a marked (bottom N) row or bar
HEADER_FILL = "E8EFEC"


PAGE_DASH = "—"  # 一字线 each side of the page number


def page_number(n: int) -> str:
    """— 3 — : the number between em dashes, as GB/T 9704 prints it."""
    return f"{PAGE_DASH} {n} {PAGE_DASH}"
