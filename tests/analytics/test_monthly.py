"""Period statistics of monthly measurements: site → sub-area → district, completeness, the
sand-dust exclusion and the 左右 tolerance (``analytics.monthly``)."""
from datetime import date
from decimal import Decimal as D

import pytest

from ecoplan.analytics.judgement import judge_level
from ecoplan.analytics.monthly import MonthlyValue, Rules, dust_months, months_between, period_figure

START, END = date(2024, 1, 1), date(2024, 12, 31)


def v(site, sub, month, value, flagged=False):
    return MonthlyValue(site, sub, date(2024, month, 1), D(str(value)), flagged)


# two jars in A, one in B, one on the district itself
VALUES = [v("a1", "A", 1, 4), v("a2", "A", 1, 6), v("b1", "B", 1, 8), v("d1", None, 1, 2),
          v("a1", "A", 2, 3), v("b1", "B", 2, 5), v("d1", None, 2, 4)]


def figure(**kw):
    defaults = {"published_to": date(2024, 2, 1), "period_over": False}
    return period_figure(VALUES, START, END, **{**defaults, **kw})


def test_a_sub_area_is_the_mean_of_its_sites_month_by_month():
    a = figure(sub_area="A")
    assert a.months == [(date(2024, 1, 1), D(5)), (date(2024, 2, 1), D(3))]
    assert a.value == D(4) and a.sites == 2


def test_the_district_is_the_mean_of_all_its_sites_not_of_its_sub_areas():
    district = figure()
    # January: (4 + 6 + 8 + 2) / 4 = 5 (the mean of sub-areas A 5, B 8 would be 6.5); February: 4
    assert district.months == [(date(2024, 1, 1), D(5)), (date(2024, 2, 1), D(4))]
    assert district.value == D("4.5") and district.sites == 4


def test_completeness_runs_to_the_latest_published_month_while_the_period_runs():
    assert (figure().completeness.valid, figure().completeness.required) == (2, 2)
    late = figure(published_to=date(2024, 3, 1))  # March published for some site, none here
    assert (late.completeness.valid, late.completeness.required, late.completeness.short) == (2, 3, ["2024-03"])
    assert not late.completeness.sufficient
    over = figure(period_over=True)  # a finished year asks for all twelve months
    assert over.completeness.required == 12 and not over.completeness.sufficient


def test_a_minimum_share_below_one_tolerates_gaps():
    late = figure(published_to=date(2024, 3, 1), rules=Rules(min_share=D("0.6")))
    assert late.completeness.required == 2 and late.completeness.sufficient and late.completeness.short == []


def test_dust_months_need_the_configured_number_of_registered_days():
    days = [date(2024, 3, 5), date(2024, 3, 6), date(2024, 4, 1)]
    assert dust_months(days, Rules(dust_days=1)) == {date(2024, 3, 1), date(2024, 4, 1)}
    assert dust_months(days, Rules(dust_days=2)) == {date(2024, 3, 1)}


def test_excluding_dust_leaves_out_registered_months_and_flagged_values():
    values = [v("a1", "A", 1, 4), v("a1", "A", 2, 20), v("a1", "A", 3, 5, flagged=True), v("a2", "A", 3, 7),
              v("a1", "A", 4, 9, flagged=True)]
    kept = period_figure(values, START, END, published_to=date(2024, 4, 1), period_over=False, sub_area="A",
                         exclude_dust=True, dust_days=[date(2024, 2, 14)])
    # February: a registered dust day; March: a1 flagged (a2 kept); April: every value flagged
    assert kept.excluded_months == [date(2024, 2, 1), date(2024, 4, 1)]
    assert kept.months == [(date(2024, 1, 1), D(4)), (date(2024, 3, 1), D(7))]
    assert kept.excluded_values == 2
    assert (kept.completeness.valid, kept.completeness.required) == (2, 2)
    whole = period_figure(values, START, END, published_to=date(2024, 4, 1), period_over=False, sub_area="A",
                          dust_days=[date(2024, 2, 14)])
    assert whole.excluded_months == [] and whole.value == D(4 + 20 + 6 + 9) / 4
    assert [m for m, _ in whole.months] == months_between(date(2024, 1, 1), date(2024, 4, 1))


@pytest.mark.parametrize("about, target, band", [("5%", D(5), D("0.25")), ("5%", D("4.5"), D("0.225")),
                                                 ("0.3", D(5), D("0.3"))])
def test_the_tolerance_is_a_share_or_a_band(about, target, band):
    assert Rules(about=about).tolerance(target) == band


@pytest.mark.parametrize("value, status", [("5.3", "met"), ("5.2", "met"), ("5.4", "missed"), ("4.1", "met")])
def test_about_at_just_inside_and_just_outside_the_band(value, status):
    """目标 5 左右 with a band of 0.3: 5.3 (at) and 5.2 (inside) meet it, 5.4 (outside) does not;
    lower is better, so far below is met."""
    band = Rules(about="0.3").tolerance(D(5))
    j = judge_level("≈", D(5), D(value), unit="t", complete=True, lower_is_better=True, precision=1, tolerance=band)
    assert j.status == status, j.reason


def test_about_compares_the_reported_figure():
    """5 % of 5 is 0.25: 5.25 reports (GB/T 8170, one decimal) as 5.2 — inside; 5.26 as 5.3 — outside."""
    band = Rules().tolerance(D(5))
    inside = judge_level("≈", D(5), D("5.25"), unit="t", complete=True, lower_is_better=True, tolerance=band)
    outside = judge_level("≈", D(5), D("5.26"), unit="t", complete=True, lower_is_better=True, tolerance=band)
    assert (inside.status, outside.status) == ("met", "missed")
