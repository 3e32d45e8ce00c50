from datetime import date

import pytest

from ecoplan.importers.deadlines import parse

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
