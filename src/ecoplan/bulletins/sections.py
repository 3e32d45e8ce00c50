"""The sections a bulletin (通报) may have, in their default order — defined once, as data.

A bureau's template lists the codes it wants, in its order (``BulletinTemplate.sections``); the
builder (``content.py``) has one function per code.  Each section opens with a paragraph the
coordinator may edit before issuing (``Bulletin.narratives``, keyed by the code).
"""
from __future__ import annotations

from ecoplan.vocabulary import Term, by_code
from ecoplan.vocabulary import gettext_noop as _

SECTIONS = (
    Term("targets", _("Progress against the plan's targets"), "主要目标完成情况"),
    Term("rankings", _("Rankings of the streets and towns"), "街道（镇）排名情况"),
    Term("bottom", _("Streets and towns at the bottom of the rankings"), "排名靠后的街道（镇）"),
    Term("reporting", _("Units that have not reported"), "工作任务报送情况"),
    Term("overdue", _("Overdue measures"), "逾期未完成任务"),
    Term("narrative", _("Work done and problems found"), "工作开展情况及存在问题"),
)
CODES = tuple(t.code for t in SECTIONS)
BY_CODE = by_code(SECTIONS)
# the paragraph before the first section (the template's opening, placeholders filled)
OPENING = "opening"
# Chinese ordinals of the section headings: 一、二、…
ORDINALS = "一二三四五六七八九十"

# what a title, number, opening or closing pattern may name: {period} → 2026年10月, {next_month}
# → 2026年11月 (the month after the period's end: the usual deadline of 下一步工作要求) …
PLACEHOLDERS = ("period", "next_month", "district", "plan", "year", "month", "abbr", "seq", "issuer")
