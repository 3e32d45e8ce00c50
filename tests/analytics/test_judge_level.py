"""judge_level: any period figure (water ratio, dust fall, reported value) against its target."""
from decimal import Decimal as D

import pytest

from ecoplan.analytics.judgement import Completeness, judge_level


def level(comparator, target, value, complete=True, lower=True, **kw):
    return judge_level(comparator, None if target is None else D(target), None if value is None else D(value),
                       unit="%", complete=complete, lower_is_better=lower, **kw)


@pytest.mark.parametrize("comparator, target, value, status", [
    ("<=", "35", "35.0", "met"), ("<=", "35", "35.04", "met"),  # compared at one decimal (GB/T 8170)
    ("<=", "35", "35.06", "missed"), (">=", "76", "75.96", "met"), (">=", "76", "75.94", "missed"),
    (">", "95", "95.0", "missed"), (">", "95", "95.1", "met"), ("<", "4", "3.9", "met"), ("<", "4", "4", "missed"),
    ("=", "0", "0", "met"), ("=", "100", "99.9", "missed"),
])
def test_a_complete_period_is_met_or_missed_at_the_reporting_precision(comparator, target, value, status):
    assert level(comparator, target, value).status == status


def test_a_running_period_is_on_track_or_at_risk_never_met():
    assert level("<=", "35", "30", complete=False).status == "on_track"
    assert level("<=", "35", "40", complete=False).status == "at_risk"


@pytest.mark.parametrize("value, status", [("4.5", "met"), ("4.9", "met"), ("5.0", "met"), ("5.1", "missed")])
def test_about_a_level_is_met_within_the_tolerance_on_the_wrong_side(value, status):
    """控制在4.5左右 with ± 0.5: lower is better, so 5.0 holds and 5.1 does not."""
    judged = level("≈", "4.5", value, tolerance=D("0.5"))
    assert judged.status == status and judged.params["band"] == D("0.5")


def test_about_a_level_where_higher_is_better():
    """累计下降15%左右 with ± 1: 14.0 holds, 13.9 does not."""
    assert level("≈", "15", "14.0", lower=False, tolerance=D(1)).status == "met"
    assert level("≈", "15", "13.9", lower=False, tolerance=D(1)).status == "missed"


def test_year_on_year_follows_the_indicator_direction():
    assert level("improve", None, "30", previous=D(32)).status == "met"  # intensity fell
    assert level("improve", None, "32", previous=D(32)).status == "missed"  # held is not improved
    assert level("not_worse", None, "32", previous=D(32)).status == "met"
    assert level("not_worse", None, "61.2", lower=False, previous=D("61.5")).status == "missed"  # EI fell
    assert level("improve", None, "30").code == "yoy_no_previous"


def test_reduce_by_needs_the_baseline():
    assert level("reduce_by", "1", "99", baseline=D(100)).status == "met"
    assert level("reduce_by", "1", "99.2", baseline=D(100)).status == "missed"
    assert level("reduce_by", "1", "99").code == "no_baseline"


def test_too_little_data_is_insufficient_never_met():
    thin = Completeness(valid=200, required=324, unit="days", rule="GB 3095-2012 表4")
    judged = level("<=", "35", "20", completeness=thin)
    assert (judged.status, judged.params["valid"], judged.params["required"]) == ("insufficient_data", 200, 324)
    short = Completeness(valid=330, required=324, unit="days", short=["2024-02: 20 < 25"])
    assert level("<=", "35", "20", completeness=short).status == "insufficient_data"
    assert level("<=", "35", "20", completeness=Completeness(324, 324, "days")).status == "met"


def test_no_value_and_unknown_comparators_say_why():
    assert level("<=", "35", None).code == "no_data"
    assert level("<=", None, "3").code == "no_value"
    assert level("municipal", "3", "3").code == "bad_comparator"
