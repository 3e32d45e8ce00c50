"""One vocabulary: each domain idea of ecoplan defined once, as rows of data.

Pure (no Django).  A term is a row: its ``code`` (what is stored), its English ``label`` (the
gettext msgid the pages translate) and ``zh``, the Chinese term as the documents and the zh-hans
pages print it.  The Django models' choices, the API schemas, the templates and the zh-hans
catalogue are derived from these rows; tests/vocabulary proves that they agree.

=================  ==========================================================
deadlines          完成时限 kinds, standing kinds, month end
cells              empty-cell markers of plan tables; missing readings of air files
pollutants         pollutants, AQI series and the table column each is computed in
indicators         the indicator catalogue: code, name, unit, direction, how measured
areas              the 各… sub-area groups and the kinds of unit they stand for; ranking levels
rank_metrics       what a ranking may rank (排名指标), how it rounds
review             kinds of review item the importers raise
states             report, entry and due states
=================  ==========================================================
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def gettext_noop(message: str) -> str:
    """Marks an English label for makemessages; the pages translate it when they show it."""
    return message


@dataclass(frozen=True)
class Term:
    code: str
    label: str  # English: the gettext msgid
    zh: str  # the Chinese term as printed (= the msgid's zh-hans translation)


def codes(terms: Iterable[Term]) -> tuple[str, ...]:
    return tuple(t.code for t in terms)


def by_code(terms: Iterable[Term]) -> dict[str, Term]:
    return {t.code: t for t in terms}
