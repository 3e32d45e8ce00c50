"""The engine: three source calls (period, previous, year before), the as-of cut, the levels."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from ecoplan.rankings.engine import RankingError, areas_of, rank_areas
from ecoplan.reporting.periods import parse

OCT, SEP, OCT_BEFORE = date(2026, 10, 1), date(2026, 9, 1), date(2025, 10, 1)


def fill(fake, start, **values):
    for name, value in values.items():
        fake.values[(name, start)] = value


@pytest.fixture
def october(fake_sources):
    fill(fake_sources, OCT, 东街道="35.4", 西街道="34.6", 南街道="40", 北镇="8 valid days of 31, fewer than 27 required")
    fill(fake_sources, SEP, 东街道="30", 西街道="41", 南街道="39", 北镇="33")
    fill(fake_sources, OCT_BEFORE, 东街道="40", 西街道="35", 南街道="40")
    return fake_sources


def test_three_calls_one_for_all_areas_each(district, october):
    result = rank_areas(district, "pm25", parse("2026-10"), level="street", as_of=date(2026, 11, 5))
    assert [(c[2].start, c[2].end) for c in october.calls] == [
        (OCT, date(2026, 10, 31)), (SEP, date(2026, 9, 30)), (OCT_BEFORE, date(2025, 10, 31))]
    assert all(c[1] == ("东街道", "南街道", "西街道") for c in october.calls)
    rows = {r.name: r for r in result.ranking.rows}
    assert (rows["东街道"].value, rows["东街道"].rank) == (Decimal("35"), 1)  # 35.4 → 35
    assert (rows["西街道"].value, rows["西街道"].rank) == (Decimal("35"), 1)  # 34.6 → 35: a tie
    assert rows["南街道"].rank == 3
    assert rows["东街道"].previous_rank == 1 and rows["西街道"].previous_rank == 3
    assert rows["东街道"].change == Decimal("5") and rows["东街道"].improvement == Decimal("12.5")
    assert set(result.areas) == {r.key for r in result.ranking.rows}
    assert result.areas[rows["南街道"].key].name == "南街道"
    assert result.metric.code == "pm25" and result.level == "street" and result.parent == district


def test_an_area_without_a_figure_is_listed_unranked_with_the_reason(district, october, english):
    result = rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 11, 5))
    unranked = {r.name: r.reason for r in result.ranking.unranked}
    assert unranked["北镇"] == "8 valid days of 31, fewer than 27 required"
    assert unranked["中乡"] == "no data for the period"  # the source said nothing of it
    assert result.ranking.ranked == 3


def test_one_query_besides_the_sources(district, october, django_assert_num_queries):
    with django_assert_num_queries(1):  # the areas; a source makes one query per call for all of them
        rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 11, 5))


def test_a_metric_without_a_source_says_so(district, english):
    from ecoplan.rankings import sources

    saved = dict(sources.SOURCES)
    sources.SOURCES.clear()
    try:
        result = rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 11, 5))
    finally:
        sources.SOURCES.update(saved)
    assert {r.reason for r in result.ranking.rows} == {"no source computes air figures"}


def test_levels(district):
    def names(level):
        return [a.name for a in areas_of(district, level)]

    assert names("street") == ["东街道", "南街道", "西街道"]
    assert names("town") == ["中乡", "北镇"]
    assert len(names("sub_area")) == 6
    assert sorted(a.name for a in areas_of(None, "district")) == ["示范区", "邻区"]
    with pytest.raises(RankingError):
        areas_of(None, "street")
    with pytest.raises(RankingError):
        areas_of(district, "district")
    with pytest.raises(RankingError):
        areas_of(district, "province")


def test_district_level(district, fake_sources):
    fill(fake_sources, OCT, 示范区="30", 邻区="28")
    result = rank_areas(None, "pm25", parse("2026-10"), level="district", as_of=date(2026, 11, 1))
    assert [(r.name, r.rank) for r in result.ranking.rows] == [("邻区", 1), ("示范区", 2)]


def test_never_reads_past_as_of_and_compares_the_same_days_a_year_before(district, october):
    rank_areas(district, "pm25", parse("2026-10"), level="street", as_of=date(2026, 10, 15))
    current, previous, before = (c[2] for c in october.calls)
    assert (current.start, current.end) == (OCT, date(2026, 10, 15))
    assert (previous.start, previous.end) == (SEP, date(2026, 9, 30))
    assert (before.start, before.end) == (OCT_BEFORE, date(2025, 10, 15))
    assert all(c[2].end <= date(2026, 10, 15) for c in october.calls)


def test_a_period_not_started_is_an_error(district, october, english):
    with pytest.raises(RankingError, match="has not started"):
        rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 9, 30))
    assert october.calls == []


def test_january_year_to_date_has_no_previous_period(district, fake_sources):
    fill(fake_sources, date(2026, 1, 1), 东街道="50")
    result = rank_areas(district, "pm25", parse("2026-01", "ytd"), level="street", as_of=date(2026, 3, 1))
    assert len(fake_sources.calls) == 2  # the period and the year before: nothing before January
    assert result.ranking.rows[0].previous is None


def test_direction_bottom_n_and_improvement_order(district, october):
    fill(october, OCT, 东街道="80.04", 西街道="75.55", 南街道="90")
    fill(october, OCT_BEFORE, 东街道="80", 西街道="70", 南街道="60")
    result = rank_areas(district, "good_day_ratio", parse("2026-10"), level="street", bottom_n=1, top_n=1,
                        as_of=date(2026, 11, 5))
    assert [r.name for r in result.ranking.rows] == ["南街道", "东街道", "西街道"]  # higher is better
    assert [r.name for r in result.ranking.bottom] == ["西街道"] and [r.name for r in result.ranking.top] == ["南街道"]
    assert result.ranking.rows[2].value == Decimal("75.6")  # 1 place as published
    by_improvement = rank_areas(district, "good_day_ratio", parse("2026-10"), level="street", order="improvement",
                                as_of=date(2026, 11, 5))
    assert [(r.name, r.improvement) for r in by_improvement.ranking.rows] == [
        ("南街道", Decimal("50.0")), ("西街道", Decimal("8.0")), ("东街道", Decimal("0.0"))]
    fill(october, OCT_BEFORE, 南街道="no site then")
    with translation.override("zh-hans"):
        by_improvement = rank_areas(district, "good_day_ratio", parse("2026-10"), level="street",
                                    order="improvement", as_of=date(2026, 11, 5))
    assert by_improvement.ranking.unranked[0].reason == "缺少去年同期数值"  # the rules' own reason, translated


def test_errors_are_clear(district, october, english):
    with pytest.raises(RankingError, match="not a ranking metric"):
        rank_areas(district, "pm2.5", parse("2026-10"))
    with pytest.raises(RankingError, match="not a rounding rule"):
        rank_areas(district, "pm25", parse("2026-10"), rounding="banker")
    with pytest.raises(RankingError, match="not a ranking order"):
        rank_areas(district, "pm25", parse("2026-10"), order="worst")
    with pytest.raises(RankingError):
        rank_areas(district, "pm25", parse("2026-10"), bottom_n=-1)


def test_the_rule_sentence_is_translated(district, october):
    with translation.override("en"):
        result = rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 11, 5))
        running = rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 10, 20), exclude_dust=True)
    # "as of" the last day read: October's end, not the day the ranking was made
    assert "lower is better" in result.rule and "Oct. 31, 2026" in result.rule and "GB/T 8170" in result.rule
    assert "Oct. 20, 2026" in running.rule and ".  " not in running.rule and "; as of Oct. 20, 2026. Sand" in running.rule
    with translation.override("zh-hans"):
        result = rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 11, 5))
        running = rank_areas(district, "pm25", parse("2026-10"), as_of=date(2026, 10, 20), exclude_dust=True)
    assert "2026年10月" in result.rule and "越低越好" in result.rule and "2026年10月31日" in result.rule
    assert " " not in running.rule.split("。")[1]  # Chinese sentences join without a space


def test_a_zero_base_has_its_own_reason_and_no_previous_rank_by_improvement(district, october):
    """0 heavy days a year before: no rate — said so (not "no value"), translated; ranked by
    improvement, the previous rank (of last period's values, not rates) is not shown."""
    fill(october, OCT, 东街道="2", 西街道="0", 南街道="3")
    fill(october, OCT_BEFORE, 东街道="4", 西街道="0", 南街道="6")
    with translation.override("zh-hans"):
        result = rank_areas(district, "heavy_days", parse("2026-10"), level="street", order="improvement",
                            as_of=date(2026, 11, 5))
    west = next(r for r in result.ranking.rows if r.name == "西街道")
    assert west.rank is None and west.reason == "上年同期为0，无法计算改善率"
    assert all(r.previous_rank is None for r in result.ranking.rows)
    by_value = rank_areas(district, "heavy_days", parse("2026-10"), level="street", as_of=date(2026, 11, 5))
    assert any(r.previous_rank is not None for r in by_value.ranking.rows)


def test_year_one_has_no_comparison(district, fake_sources):
    fill(fake_sources, date(1, 1, 1), 东街道="50")
    result = rank_areas(district, "pm25", parse("0001-01"), level="street", as_of=date(2026, 3, 1))
    assert len(fake_sources.calls) == 1 and result.ranking.rows[0].year_before is None


def test_a_definitions_n_overridden(district, october):
    """The bulletin gives a ranking saved without an N its template's: flagged by the ranking's rule
    (a tie at the line flagged whole)."""
    from ecoplan.rankings.engine import run_definition
    from ecoplan.rankings.models import RankingDefinition

    saved = RankingDefinition.objects.create(name="PM2.5", area=district, level="street", metric="pm25", bottom_n=0)
    fill(october, OCT, 东街道="30", 西街道="40", 南街道="40")
    assert run_definition(saved, parse("2026-10"), as_of=date(2026, 11, 5)).ranking.bottom == []
    result = run_definition(saved, parse("2026-10"), as_of=date(2026, 11, 5), bottom_n=1)
    assert result.ranking.bottom_n == 1 and {r.name for r in result.ranking.bottom} == {"西街道", "南街道"}
