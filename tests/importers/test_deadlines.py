from datetime import date

import pytest

from ecoplan.importers.deadlines import in_text_milestones, needs_year, parse

CASES = [
    ("年底前", "year_end", None, date(2024, 12, 31)),
    ("4 月底前", "by_date", None, date(2024, 4, 30)),
    ("3月底", "by_date", None, date(2024, 3, 31)),
    ("2月底前", "by_date", None, date(2024, 2, 29)),
    ("4 月 1 日起", "from_date", date(2024, 4, 1), None),
    ("6-9 月", "window", date(2024, 6, 1), date(2024, 9, 30)),
    ("一季度", "window", date(2024, 1, 1), date(2024, 3, 31)),
    ("长期实施", "long_term", None, None),
    ("长期", "long_term", None, None),
    ("持续推进", "continuous", None, None),
    ("按时间节点 完成", "per_milestone", None, None),
    ("", "blank", None, None),
    ("——", "blank", None, None),
    ("到2025年", "by_date", None, date(2025, 12, 31)),
    ("2月底、8月底前", "by_date", None, date(2024, 8, 31)),
    ("雨后随时", "unrecognised", None, None),
]


@pytest.mark.parametrize("raw,kind,start,end", CASES)
def test_deadline_vocabulary(raw, kind, start, end):
    deadline = parse(raw, 2024)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)
    assert deadline.raw == raw.strip()


def test_twice_yearly_milestones():
    assert parse("2月底、8月底前", 2024).milestones == [date(2024, 2, 29), date(2024, 8, 31)]


# Deadlines printed with their own year keep it whatever the plan year (issue #8, point 4);
# the other forms of the issue take the plan year.  (raw, plan year, kind, start, end)
OWN_YEAR = [
    ("2019年9月底前", 2024, "by_date", None, date(2019, 9, 30)),
    ("2021年3月底前", 2024, "by_date", None, date(2021, 3, 31)),
    ("2025年6月30日前", 2024, "by_date", None, date(2025, 6, 30)),
    ("2019年上半年", 2024, "by_date", None, date(2019, 6, 30)),
    ("2024—2025年", 2030, "window", date(2024, 1, 1), date(2025, 12, 31)),
    ("2024年-2025年", 2030, "window", date(2024, 1, 1), date(2025, 12, 31)),
    ("2023年4月1日起", 2024, "from_date", date(2023, 4, 1), None),
    ("2019年9月底前", None, "by_date", None, date(2019, 9, 30)),
    ("2025年6月30日前", None, "by_date", None, date(2025, 6, 30)),
    ("2024—2025年", None, "window", date(2024, 1, 1), date(2025, 12, 31)),
    ("第三季度", 2024, "window", date(2024, 7, 1), date(2024, 9, 30)),
    ("三季度", 2022, "window", date(2022, 7, 1), date(2022, 9, 30)),
    ("下半年", 2024, "window", date(2024, 7, 1), date(2024, 12, 31)),
    ("每季度", 2024, "recurring", None, None),
    ("长期坚持", 2024, "long_term", None, None),
    ("逐年推进", 2024, "continuous", None, None),
    ("2019年13月底前", 2024, "unrecognised", None, None),
]


@pytest.mark.parametrize("raw,year,kind,start,end", OWN_YEAR)
def test_deadlines_with_their_own_year_and_other_forms(raw, year, kind, start, end):
    deadline = parse(raw, year)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)
    assert deadline.raw == raw


@pytest.mark.parametrize("raw,kind", [
    ("年底前", "year_end"), ("4 月底前", "by_date"), ("6月30日前", "by_date"), ("4月1日起", "from_date"),
    ("6-9月", "window"), ("第三季度", "window"), ("上半年", "by_date"), ("2月底、8月底前", "by_date"),
])
def test_without_a_plan_year_a_deadline_keeps_kind_and_text_but_no_date(raw, kind):
    """The year is never the machine's: the date waits until the coordinator gives the plan year."""
    deadline = parse(raw, None)
    assert (deadline.kind, deadline.raw, deadline.start, deadline.end, deadline.milestones) == \
        (kind, raw, None, None, [])
    assert needs_year(deadline)
    assert not needs_year(parse(raw, 2024))


def test_standing_kinds_never_need_a_year():
    for raw in ("长期实施", "持续推进", "每季度", "", "雨后随时", "2025年6月30日前"):
        assert not needs_year(parse(raw, None))


def test_in_text_milestones_only_with_a_year():
    text = "6月底前完成方案，2025年9月底前全部建成"
    assert in_text_milestones(text, 2024) == [date(2024, 6, 30), date(2025, 9, 30)]
    assert in_text_milestones(text, None) == [date(2025, 9, 30)]


# Forms the trial documents of other districts print (issue #8): bare dates, dates in digits, a month
# alone, 年底前完成, two quarters, 第X季度前.  (raw, plan year, kind, start, end)
OTHER_FORMS = [
    ("2025年9月30日", 2024, "by_date", None, date(2025, 9, 30)),  # no 前: by that date
    ("9月30日", 2025, "by_date", None, date(2025, 9, 30)),
    ("2025-09-30", 2024, "by_date", None, date(2025, 9, 30)),
    ("2025.9.30", 2024, "by_date", None, date(2025, 9, 30)),
    ("2025/9/30", 2024, "by_date", None, date(2025, 9, 30)),
    ("2025-09-30前", None, "by_date", None, date(2025, 9, 30)),
    ("2025-11-30 00:00:00", 2024, "by_date", None, date(2025, 11, 30)),  # an Excel date cell as str()
    ("2025年9月", 2024, "by_date", None, date(2025, 9, 30)),  # within the month: by its end
    ("2025年12月", 2024, "year_end", None, date(2025, 12, 31)),
    ("2025年底前完成", 2024, "by_date", None, date(2025, 12, 31)),
    ("第二、三季度", 2025, "window", date(2025, 4, 1), date(2025, 9, 30)),
    ("第三季度前完成", 2025, "by_date", None, date(2025, 9, 30)),  # by the end of the quarter
    ("第四季度前", 2025, "by_date", None, date(2025, 12, 31)),
    ("2025-02-30", 2024, "unrecognised", None, None),  # no such date
    ("2025.13.1", 2024, "unrecognised", None, None),
    ("2025年2月30日", 2024, "unrecognised", None, None),
    ("2025-9/30", 2024, "unrecognised", None, None),  # two separators: not a date
]


@pytest.mark.parametrize("raw,year,kind,start,end", OTHER_FORMS)
def test_dates_printed_bare_in_digits_and_by_quarter(raw, year, kind, start, end):
    deadline = parse(raw, year)
    assert (deadline.kind, deadline.start, deadline.end) == (kind, start, end)
    assert deadline.raw == raw


def test_an_excel_date_cell_reads_as_the_printed_date():
    from datetime import datetime

    from ecoplan.importers.xlsx_tables import _cell

    assert _cell(datetime(2025, 11, 30)) == "2025年11月30日"
    assert parse(_cell(datetime(2025, 11, 30)), None).end == date(2025, 11, 30)
    assert _cell(date(2025, 6, 1)) == "2025年6月1日"
    assert _cell(datetime(2025, 6, 1, 14, 30)) == "2025-06-01 14:30:00"  # a time of day is not a deadline's


@pytest.mark.parametrize("raw,year,kind,end", [
    # a due date with a standing part after it: the date counts, the printed text keeps the rest
    ("2025年9月底前，并长期坚持", None, "by_date", date(2025, 9, 30)),
    ("9月底前，长期坚持", 2025, "by_date", date(2025, 9, 30)),
    ("6月30日前；持续推进", 2025, "by_date", date(2025, 6, 30)),
    # 立行立改 (at once) then 长期坚持: standing, there is no date to be due by
    ("立行立改，长期坚持", 2025, "long_term", None),
    ("立行立改", 2025, "unrecognised", None),  # alone: the coordinator says what it means
    # during a heavy-pollution alert (our tester's 04-sx-huyi): due with each alert, no date
    ("预警期间", 2025, "event", None),
    ("预警解除前", 2025, "event", None),
    ("重污染天气预警期间", None, "event", None),
    ("按预警响应", 2025, "event", None),
    ("预警", 2025, "unrecognised", None),
])
def test_standing_parts_at_once_and_alerts(raw, year, kind, end):
    deadline = parse(raw, year)
    assert (deadline.kind, deadline.end, deadline.raw) == (kind, end, raw)
    assert not needs_year(deadline)


def test_an_alert_measure_is_standing_and_never_done():
    from ecoplan.vocabulary.deadlines import NEVER_DONE, STANDING
    assert "event" in STANDING and "event" in NEVER_DONE
