"""Reporting periods of rankings and bulletins — pure, no Django.

A bureau ranks and reports by **month** (月), **quarter** (季度), **year to date** (累计: January
to the end of a month, the Beijing bulletins' 1—10月) and **year** (年度).  A period is written
``2026-10`` (month), ``2026-Q3`` (quarter), ``2026-01..10`` (year to date) or ``2026`` (year).

Two periods compare with it: the **previous** one (环比: the month, quarter or year before; a
year to date one month shorter) and the **same period a year before** (同比).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from ecoplan.vocabulary import Term
from ecoplan.vocabulary import gettext_noop as _

SPANS = (
    Term("month", _("month"), "月"),
    Term("quarter", _("quarter"), "季度"),
    Term("ytd", _("year to date"), "累计"),
    Term("year", _("year"), "年度"),
)
SPAN_CODES = tuple(t.code for t in SPANS)

_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_QUARTER = re.compile(r"^(\d{4})-?[Qq]([1-4])$")
_YTD = re.compile(r"^(\d{4})-(?:0?1)?\.\.(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")


_LABEL = {t.code: t.label for t in SPANS}


class PeriodError(ValueError):
    """A period that cannot be read; the message says what is expected.  ``message`` is the
    English msgid and ``params`` its values (this module cannot translate: it has no Django);
    ``translated(gettext)`` is the message in the active language, ``str()`` the English one."""

    def __init__(self, message: str, params: dict[str, object] | None = None, spans: tuple[str, ...] = ()):
        self.message, self.params, self.spans = message, dict(params or {}), spans
        super().__init__(message % self.params)

    def translated(self, gettext: Callable[[str], str]) -> str:
        """The message through ``gettext``, the spans among its params named in that language too."""
        return gettext(self.message) % {k: gettext(str(v)) if k in self.spans else v for k, v in self.params.items()}


def _not_a_span(span: str) -> PeriodError:
    return PeriodError(_("“%(span)s” is not one of %(known)s"), {"span": span, "known": ", ".join(SPAN_CODES)})


@dataclass(frozen=True, order=True)
class Period:
    span: str  # one of SPAN_CODES
    year: int
    month: int  # the last month: 10 for 2026-10 and 2026-01..10, 9 for 2026-Q3, 12 for 2026

    def __post_init__(self) -> None:
        if self.span not in SPAN_CODES:
            raise _not_a_span(self.span)
        if not 1 <= self.year <= 9999:  # what a date can hold: 0000-10 is a typing slip, not a period
            raise PeriodError(_("year %(year)s is not 1–9999"), {"year": self.year})
        if not 1 <= self.month <= 12 or (self.span == "quarter" and self.month % 3) or \
                (self.span == "year" and self.month != 12):
            raise PeriodError(_("month %(month)s does not end a %(span)s"),
                              {"month": self.month, "span": _LABEL[self.span]}, spans=("span",))

    @property
    def start(self) -> date:
        if self.span == "month":
            return date(self.year, self.month, 1)
        if self.span == "quarter":
            return date(self.year, self.month - 2, 1)
        return date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    @property
    def months(self) -> int:
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period | None:
        """环比: the period before — None for January's year to date (nothing before it) and
        before year 1 (no date holds it)."""
        if self.span == "month":
            year, month = self.year - (self.month == 1), (self.month - 2) % 12 + 1
        elif self.span == "quarter":
            year, month = self.year - (self.month == 3), (self.month - 4) % 12 + 1
        elif self.span == "ytd":
            year, month = self.year, self.month - 1
            if month == 0:
                return None
        else:
            year, month = self.year - 1, 12
        return Period(self.span, year, month) if year >= 1 else None

    def next(self) -> Period | None:
        """The period after (the one whose ``previous()`` this is) — None after December's year to
        date and after year 9999."""
        if self.span == "month":
            year, month = self.year + self.month // 12, self.month % 12 + 1
        elif self.span == "quarter":
            year, month = self.year + self.month // 12, self.month % 12 + 3
        elif self.span == "ytd":
            year, month = self.year, self.month + 1
            if month == 13:
                return None
        else:
            year, month = self.year + 1, 12
        return Period(self.span, year, month) if year <= 9999 else None

    def year_before(self) -> Period | None:
        """同比: the same period a year before — None in year 1 (no date holds year 0)."""
        return Period(self.span, self.year - 1, self.month) if self.year > 1 else None

    def __str__(self) -> str:
        """The period as it is written (``parse`` reads it back)."""
        if self.span == "month":
            return f"{self.year:04d}-{self.month:02d}"
        if self.span == "quarter":
            return f"{self.year:04d}-Q{self.month // 3}"
        if self.span == "ytd":
            return f"{self.year:04d}-01..{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def zh(self) -> str:
        """As the bulletins print it: 2026年10月, 2026年第三季度, 2026年1—10月, 2026年."""
        if self.span == "month":
            return f"{self.year}年{self.month}月"
        if self.span == "quarter":
            return f"{self.year}年第{'一二三四'[self.month // 3 - 1]}季度"
        if self.span == "ytd":
            return f"{self.year}年1—{self.month}月" if self.month > 1 else f"{self.year}年1月"
        return f"{self.year}年"


def parse(text: str, span: str | None = None) -> Period:
    """``2026-10``, ``2026-Q3``, ``2026-01..10`` or ``2026``; ``span`` turns a month into the
    quarter, year to date or year it ends (``parse("2026-10", "ytd")`` = 2026-01..10)."""
    text = (text or "").strip()
    if m := _MONTH.match(text):
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise PeriodError(_("“%(text)s”: month %(month)s is not 1–12"), {"text": text, "month": month})
        if span in (None, "month", "ytd"):
            return Period(span or "month", year, month)
        if span == "quarter":
            return Period("quarter", year, (month + 2) // 3 * 3)
        if span == "year":
            return Period("year", year, 12)
        raise _not_a_span(str(span))
    found = None
    if m := _QUARTER.match(text):
        found = Period("quarter", int(m[1]), int(m[2]) * 3)
    elif m := _YTD.match(text):
        found = Period("ytd", int(m[1]), int(m[2]))
    elif m := _YEAR.match(text):
        found = Period("year", int(m[1]), 12)
    if found is None:
        raise PeriodError(_("“%(text)s” is not a period: write 2026-10 (a month), 2026-Q3 (a quarter), "
                            "2026-01..10 (year to date) or 2026 (a year)"), {"text": text})
    if span not in (None, found.span):
        raise PeriodError(_("“%(text)s” is a %(found)s, not a %(span)s"),
                          {"text": text, "found": _LABEL[found.span], "span": _LABEL.get(span, span)},
                          spans=("found", "span") if span in _LABEL else ("found",))
    return found


def latest_complete(span: str, today: date) -> Period:
    """The last period of ``span`` that ended before ``today`` (a monthly bulletin is of last month)."""
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    if span == "quarter":
        month -= month % 3
        if month == 0:
            year, month = year - 1, 12
    if span == "year":
        return Period("year", today.year - 1, 12)
    return Period(span, year, month)
