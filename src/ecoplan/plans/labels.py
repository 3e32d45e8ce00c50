"""Display labels for the codes the importers write (comparators, periods, document shapes,
import counts, skipped-line reasons), in the user's language.  The codes stay the data; only the
pages translate them, through the zh-hans catalogue.  (A unified vocabulary may absorb these.)"""
from __future__ import annotations

import re

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# plans.models.Target.COMPARATORS → what the plan said
COMPARATORS = {
    "<=": "≤", ">=": "≥", "<": "<", ">": ">", "=": "=", "≈": "≈",
    "improve": _("improve year on year"),
    "reduce_by": _("reduce by"),
    "not_worse": _("hold steady or improve"),
    "municipal": _("meet the municipal requirement"),
    "qualitative": _("qualitative"),
}

# Target.period: year / Q1 / by 2025 / cumulative / cumulative 2021-2025 / 2016-2020
PERIODS = [
    (re.compile(r"^year$"), _("the year")),
    (re.compile(r"^Q1$"), _("first quarter")),
    (re.compile(r"^by (?P<year>\d{4})$"), _("by %(year)s")),
    (re.compile(r"^cumulative$"), _("cumulative")),
    (re.compile(r"^cumulative (?P<start>\d{4})-(?P<end>\d{4})$"), _("cumulative %(start)s–%(end)s")),
    (re.compile(r"^(?P<start>\d{4})-(?P<end>\d{4})$"), _("%(start)s–%(end)s")),
]

SHAPES = {
    "tab_table": _("task table (tab-separated text)"),  # plans imported before header_table read these
    "table_text": _("task table (text)"),
    "fyp_plan": _("five-year plan"),
    "fyp_indicators": _("indicator table of a five-year plan"),
    "prose_plan": _("plan in numbered paragraphs"),
    "header_table": _("task table (columns named by their headers)"),
    "json": _("ecoplan JSON export"),
}

COUNTS = {
    "annexes": _("annexes"), "tasks": _("tasks"), "measures": _("measures"), "targets": _("targets"),
    "review": _("review items"), "skipped": _("skipped lines"),
}


def comparator_label(code: str) -> str:
    return str(COMPARATORS.get(code, code))


def period_label(code: str) -> str:
    for pattern, label in PERIODS:
        if m := pattern.match(code or ""):
            return str(label) % m.groupdict() if m.groupdict() else str(label)
    return code


def shape_label(code: str) -> str:
    return str(SHAPES.get(code, code))


def count_label(code: str) -> str:
    return str(COUNTS.get(code, code))


def skip_reason(entry: dict) -> str:
    """A skipped line's reason in the user's language: the importer writes an English msgid
    (with {placeholders} and their params since the reasons carry them)."""
    template = entry.get("template") or entry.get("reason", "")
    try:
        return gettext(template).format(**(entry.get("params") or {}))
    except (KeyError, IndexError, ValueError):
        return entry.get("reason", "")


def reason_text(reason) -> str:
    """An importer's ``Reason`` (why a shape reads a document, why a column's role was guessed) in
    the user's language."""
    return gettext(reason.template).format(**dict(reason.params))
