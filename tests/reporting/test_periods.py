"""Reporting periods: how they are written and read, the period before (环比), the same period a
year before (同比), as the bulletins print them."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ecoplan.reporting.periods import SPAN_CODES, Period, PeriodError, latest_complete, parse


@pytest.mark.parametrize("text, span, expected", [
    ("2026-10", None, Period("month", 2026, 10)),
    ("2026-1", None, Period("month", 2026, 1)),
    ("2026-Q3", None, Period("quarter", 2026, 9)),
    ("2026q1", None, Period("quarter", 2026, 3)),
    ("2026-01..10", None, Period("ytd", 2026, 10)),
    ("2026-..10", None, Period("ytd", 2026, 10)),
    ("2026", None, Period("year", 2026, 12)),
    ("2026-10", "ytd", Period("ytd", 2026, 10)),
    ("2026-10", "quarter", Period("quarter", 2026, 12)),
    ("2026-08", "quarter", Period("quarter", 2026, 9)),
    ("2026-10", "year", Period("year", 2026, 12)),
    (" 2026-Q3 ", "quarter", Period("quarter", 2026, 9)),
])
def test_parse(text, span, expected):
    assert parse(text, span) == expected


@pytest.mark.parametrize("text, span, says", [
    ("2026-13", None, "month 13"),
    ("2026-00", None, "month 0"),
    ("October", None, "not a period"),
    ("", None, "not a period"),
    ("2026-Q5", None, "not a period"),
    ("2026-01..13", None, "month 13"),
    ("2026-Q3", "month", "is a quarter, not a month"),
    ("2026-10", "week", "week"),
    ("0000-10", None, "year"),
])
def test_parse_errors_say_what_is_expected(text, span, says):
    with pytest.raises(PeriodError, match=says):
        parse(text, span)


def test_a_period_must_end_its_span():
    with pytest.raises(PeriodError):
        Period("quarter", 2026, 10)
    with pytest.raises(PeriodError):
        Period("year", 2026, 6)
    with pytest.raises(PeriodError):
        Period("week", 2026, 6)


@pytest.mark.parametrize("period, start, end, previous, zh", [
    (Period("month", 2026, 10), date(2026, 10, 1), date(2026, 10, 31), Period("month", 2026, 9), "2026年10月"),
    (Period("month", 2026, 1), date(2026, 1, 1), date(2026, 1, 31), Period("month", 2025, 12), "2026年1月"),
    (Period("month", 2028, 2), date(2028, 2, 1), date(2028, 2, 29), Period("month", 2028, 1), "2028年2月"),
    (Period("quarter", 2026, 3), date(2026, 1, 1), date(2026, 3, 31), Period("quarter", 2025, 12),
     "2026年第一季度"),
    (Period("quarter", 2026, 9), date(2026, 7, 1), date(2026, 9, 30), Period("quarter", 2026, 6), "2026年第三季度"),
    (Period("ytd", 2026, 10), date(2026, 1, 1), date(2026, 10, 31), Period("ytd", 2026, 9), "2026年1—10月"),
    (Period("ytd", 2026, 1), date(2026, 1, 1), date(2026, 1, 31), None, "2026年1月"),
    (Period("year", 2026, 12), date(2026, 1, 1), date(2026, 12, 31), Period("year", 2025, 12), "2026年"),
])
def test_bounds_previous_and_chinese(period, start, end, previous, zh):
    assert (period.start, period.end, period.previous(), period.zh) == (start, end, previous, zh)
    assert period.year_before() == Period(period.span, period.year - 1, period.month)


@pytest.mark.parametrize("span, today, expected", [
    ("month", date(2026, 11, 3), "2026-10"),
    ("month", date(2026, 1, 3), "2025-12"),
    ("quarter", date(2026, 11, 3), "2026-Q3"),
    ("quarter", date(2026, 2, 3), "2025-Q4"),
    ("quarter", date(2026, 4, 1), "2026-Q1"),
    ("ytd", date(2026, 11, 3), "2026-01..10"),
    ("ytd", date(2026, 1, 3), "2025-01..12"),
    ("year", date(2026, 11, 3), "2025"),
])
def test_latest_complete(span, today, expected):
    assert str(latest_complete(span, today)) == expected
    assert latest_complete(span, today).end < today


periods = st.builds(lambda span, year, month: Period(span, year, {"quarter": (month + 2) // 3 * 3, "year": 12}.get(
    span, month)), st.sampled_from(SPAN_CODES), st.integers(1901, 9999), st.integers(1, 12))


@given(periods)
def test_written_and_read_back(period):
    assert parse(str(period)) == period
    assert period.start <= period.end and period.end.month == period.month
    assert period.months == {"month": 1, "quarter": 3, "year": 12, "ytd": period.month}[period.span]


@given(periods)
def test_the_previous_period_ends_the_day_before(period):
    previous = period.previous()
    if period.span == "ytd":
        assert previous is None if period.month == 1 else previous.end.month == period.month - 1
    else:
        assert previous.end + timedelta(days=1) == period.start and previous.span == period.span


@given(periods)
def test_a_year_before(period):
    before = period.year_before()
    assert (before.start.replace(year=period.year), before.span, before.months) == (period.start, period.span,
                                                                                    period.months)


def test_year_one_and_year_9999_have_no_period_beyond():
    """No date holds year 0 or 10000: no period before year 1's first, none after 9999's last."""
    assert parse("0001-01").previous() is None and parse("0001-01").year_before() is None
    assert parse("0001-Q1").previous() is None and parse("0001").previous() is None
    assert parse("0001-01..01").previous() is None and parse("0001-01..02").previous() == parse("0001-01..01")
    assert parse("0001-02").previous() == parse("0001-01") and parse("0002-01").year_before() == parse("0001-01")
    assert parse("9999-12").next() is None and parse("9999-Q4").next() is None and parse("9999").next() is None
    assert parse("2026-12").next() == parse("2027-01") and parse("2026-Q4").next() == parse("2027-Q1")
    assert parse("2026-01..12").next() is None and parse("2026-01..10").next() == parse("2026-01..11")
    assert str(parse("0001-01")) == "0001-01" and parse(str(parse("0001-Q1"))) == parse("0001-Q1")


def test_a_period_error_carries_its_msgid_and_params():
    with pytest.raises(PeriodError) as caught:
        parse("2026-13")
    assert caught.value.message == "“%(text)s”: month %(month)s is not 1–12"
    assert caught.value.params == {"text": "2026-13", "month": 13} and str(caught.value) == "“2026-13”: month 13 is not 1–12"
    with pytest.raises(PeriodError) as caught:
        parse("2026-Q3", "month")
    catalogue = {"“%(text)s” is a %(found)s, not a %(span)s": "“%(text)s”是%(found)s，不是%(span)s",
                 "quarter": "季度", "month": "月份"}
    assert caught.value.translated(lambda m: catalogue.get(m, m)) == "“2026-Q3”是季度，不是月份"
