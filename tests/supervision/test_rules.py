"""Pure rules: official working days, measure activity and due states, assessment scoring."""
from datetime import date
from decimal import Decimal

import pytest

from ecoplan.reporting import duties, scoring, workdays


def test_second_working_day_after_national_day():
    assert workdays.report_due_date(date(2024, 9, 1), 2) == workdays.WorkingDay(date(2024, 10, 9), True)


@pytest.mark.parametrize("month,n,expected", [
    (date(2024, 1, 1), 2, date(2024, 2, 2)),     # February 2024 begins on a Thursday
    (date(2024, 1, 1), 1, date(2024, 2, 1)),
    (date(2024, 4, 1), 1, date(2024, 5, 6)),     # Labour Day holiday 1–5 May
    (date(2025, 1, 1), 2, date(2025, 2, 6)),     # Spring Festival 28 Jan – 4 Feb 2025: 5th, 6th
    (date(2024, 12, 1), 1, date(2025, 1, 2)),    # New Year's Day, then the 2nd
])
def test_report_due_dates_follow_the_official_calendar(month, n, expected):
    assert workdays.report_due_date(month, n).day == expected


def test_make_up_working_day_counts():
    # Sunday 2024-02-04 was a make-up working day (调休上班)
    assert workdays.is_working_day(date(2024, 2, 4)) == (True, True)


def test_year_beyond_the_calendar_data_says_so():
    due = workdays.report_due_date(date(2031, 5, 1), 2)
    assert due.official is False and due.day.weekday() < 5


PERIOD = (date(2024, 1, 1), date(2024, 12, 31))


@pytest.mark.parametrize("kind,start,end,month,active", [
    ("year_end", None, date(2024, 12, 31), date(2024, 3, 1), True),
    ("by_date", None, date(2024, 4, 30), date(2024, 3, 1), True),
    ("by_date", None, date(2024, 4, 30), date(2024, 6, 1), True),  # overdue stays on the report
    ("from_date", date(2024, 4, 1), None, date(2024, 3, 1), False),
    ("from_date", date(2024, 4, 1), None, date(2024, 4, 1), True),
    ("window", date(2024, 6, 1), date(2024, 9, 30), date(2024, 5, 1), False),
    ("window", date(2024, 6, 1), date(2024, 9, 30), date(2024, 9, 1), True),
    ("long_term", None, None, date(2024, 11, 1), True),
    ("long_term", None, None, date(2025, 1, 1), False),  # outside the plan's period
])
def test_active_in_month(kind, start, end, month, active):
    assert duties.active_in(duties.Deadline(kind, start, end), month, PERIOD) is active


def test_done_measures_leave_later_reports():
    d = duties.Deadline("by_date", None, date(2024, 4, 30))
    assert not duties.active_in(d, date(2024, 6, 1), PERIOD, done_on=date(2024, 3, 31))
    assert duties.active_in(d, date(2024, 3, 1), PERIOD, done_on=date(2024, 3, 31))


@pytest.mark.parametrize("end,today,done,latest,state", [
    (date(2024, 4, 30), date(2024, 3, 1), None, None, "on_track"),
    (date(2024, 4, 30), date(2024, 4, 20), None, None, "due_soon"),
    (date(2024, 4, 30), date(2024, 5, 2), None, None, "overdue"),
    (date(2024, 4, 30), date(2024, 6, 1), date(2024, 5, 31), None, "done_late"),
    (date(2024, 4, 30), date(2024, 6, 1), date(2024, 4, 30), None, "done"),
])
def test_due_states(end, today, done, latest, state):
    assert duties.due_state(duties.Deadline("by_date", None, end), today, done, latest) == state


def test_standing_obligations_are_judged_by_their_reports():
    d = duties.Deadline("long_term", None, None)
    assert duties.due_state(d, date(2024, 5, 1), None, None) == "not_reported"
    assert duties.due_state(d, date(2024, 5, 1), None, "blocked") == "blocked"
    assert duties.due_state(d, date(2024, 5, 1), None, "in_progress") == "reported"


def test_scoring_breakdown_reweighting_and_ties():
    a = scoring.score("甲", {"timely_reporting": (10, 12), "done_on_time": (3, 4), "targets_met": (1, 1)})
    # 40 × 10/12 + 40 × 3/4 + 20 × 1 = 33.33 + 30 + 20
    assert a.score == Decimal("83.33")
    b = scoring.score("乙", {"timely_reporting": (12, 12), "done_on_time": (0, 0), "targets_met": (0, 0)})
    assert b.score == Decimal("100.00") and "re-weighted" in str(b.notes[0])
    c = scoring.score("丙", {"timely_reporting": (10, 12), "done_on_time": (3, 4), "targets_met": (1, 1)})
    ranked = scoring.rank([a, b, c])
    assert [(s.unit, s.rank) for s in ranked] == [("乙", 1), ("丙", 2), ("甲", 2)]
    assert [str(n) for n in scoring.score("丁", {}).notes] == ["nothing was due in the period"]


@pytest.mark.parametrize("text,expected", [
    ("全年抽样检测量不低于 12 组", (Decimal(12), "组")),
    ("完成雨污合流管网改造 5 公里", (Decimal(5), "公里")),
    ("全年抽查加油站渗漏家数不少于 4 家", (Decimal(4), "家")),
    ("按北京市统一要求开展 2024年度化学物质环境信息统计调查工作", None),
])
def test_quantified_measures(text, expected):
    assert duties.quantity_of(text) == expected
