"""Validity gates — may a period's air figure be judged?  GB 3095 表4 (standards.md §3.1).

An annual mean needs ≥ 324 valid daily means, and (strict reading: the monthly clause sits in the
annual row) ≥ 27 in every month, ≥ 25 in February; a month's or a quarter's mean needs the monthly
rule in each of its months.  The daily rules (≥ 20 hours a day, ≥ 6 hours an 8-h window, ≥ 14
windows an MDA8) are applied where the daily values are computed (``analytics.daily``): a day that
fails them is no valid day here.

A running period is judged on its elapsed part: each (sub-)period must still be able to reach its
minimum.  The fewest valid days asked so far is ``max(0, minimum − days of it not yet elapsed)``:
a month that is over needs its 27 (25) days, the current month only as many as the days left in
it cannot make up — so the current month is judged pro rata to what is already lost, never
excluded, and never failed for days that have not come yet.  "Elapsed" ends at the last day with
data (days after it are not yet due) or, once the period is over, at its end.

``annual_rule``: ``strict`` (324 days and every month) or ``lenient`` (324 days; the months are
still counted and shown, not a gate) — the reading of 表4 is the installation's choice
(settings.ECOPLAN_AIR_ANNUAL_RULE).
"""
from __future__ import annotations

import calendar
from collections.abc import Mapping
from datetime import date

from ecoplan.standards import assessment, packs

from . import judgement  # a module import: judgement calls this module too

ANNUAL_RULES = ("strict", "lenient")


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _months(start: date, end: date) -> list[tuple[int, int]]:
    out, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def completeness(valid: int, months: Mapping[str, int] | None, start: date, end: date, through: date,
                 annual_rule: str = "strict") -> judgement.Completeness:
    """The completeness of a figure over [start, end] resting on ``valid`` valid days, with the
    valid days per month (``"YYYY-MM"`` → n; None when not known: only the count rule applies),
    elapsed to ``through``."""
    if annual_rule not in ANNUAL_RULES:
        raise ValueError(f"annual rule {annual_rule!r}: one of {', '.join(ANNUAL_RULES)}")
    rules = packs.rules_for(end)  # 表4 is the same in both editions; the clause names the one in force
    yearly = start == date(start.year, 1, 1) and end == date(start.year, 12, 31)
    through = min(through, end)
    short: list[str] = []
    month_required = 0
    for y, m in _months(start, end):
        first, last = max(start, date(y, m, 1)), min(end, date(y, m, calendar.monthrange(y, m)[1]))
        if first > through:
            break  # not begun: nothing is due yet
        need = assessment.month_min_days(y, m, rules)
        required = max(0, need - max(0, (last - through).days))
        month_required += required
        if months is not None and months.get(month_key(y, m), 0) < required:
            short.append(f"{month_key(y, m)}: {months.get(month_key(y, m), 0)} < {required}")
    if yearly:
        required = max(0, assessment.annual_min_days(rules) - max(0, (end - through).days))
        strict = annual_rule == "strict"
        rule = f"{rules.limits.id} 表4 ({annual_rule})"
        return judgement.Completeness(valid, required, "days", rule, short if strict else [])
    return judgement.Completeness(valid, month_required, "days", f"{rules.limits.id} 表4", short)
