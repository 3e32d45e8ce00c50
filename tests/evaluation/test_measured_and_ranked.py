"""The judges ``measurement`` and ``ranking`` on the Tongzhou 2024 seed: its dust-fall targets
(5 吨/平方公里·月左右, 扣除沙尘影响) and its rank targets (后30名频次同比下降, 不进入后10名,
后30名频次不超过2次) judged on synthetic monthly values and a synthetic ranking."""
from datetime import date
from decimal import Decimal

import pytest

from ecoplan.evaluation.services import judge_plan
from ecoplan.monitoring.models import ExclusionDay, Measurement, MeasurementSite, RankingEntry
from ecoplan.plans import actions
from ecoplan.plans.models import Area

pytestmark = pytest.mark.django_db


@pytest.fixture
def tongzhou(seed):
    path = seed("tongzhou-2024-action-plans.txt")
    plan = actions.import_document(path.read_bytes(), path.name)[1]
    district = plan.district
    subs = {name: Area.objects.create(name=name, parent=district, kind=Area.Kind.SUB_AREA)
            for name in ("永顺镇", "梨园镇")}
    return plan, district, subs


def rows(plan, as_of, source):
    return [r for r in judge_plan(plan, as_of) if r.source == source]


def test_the_seed_keeps_each_rank_targets_n_and_scope(tongzhou):
    plan, _, _ = tongzhou
    ranks = plan.targets.filter(indicator_code__endswith="_rank").order_by("order")
    assert [(t.indicator_code, t.comparator, t.value, t.conditions, t.area_printed) for t in ranks] == [
        ("pm25_rank", "improve", None, ["bottom_30"], "各街道乡镇"),
        ("pm25_rank", "=", Decimal(0), ["bottom_10"], "各街道乡镇"),
        ("tsp_rank", "improve", None, ["bottom_30"], "各街道乡镇"),
        ("tsp_rank", "=", Decimal(0), ["bottom_10"], "各街道乡镇"),
        ("road_dust_rank", "<=", Decimal(2), ["bottom_30"], "各街道乡镇"),
        ("road_dust_rank", "=", Decimal(0), ["bottom_10"], "各街道乡镇")]


def place(area, pollutant, year, month, position, total=330):
    RankingEntry.objects.create(pollutant=pollutant, month=date(year, month, 1), area=area, position=position,
                                total=total)


def test_rank_targets_per_sub_area_with_ties_and_the_months_that_counted(tongzhou):
    plan, _, subs = tongzhou
    yong, li = subs["永顺镇"], subs["梨园镇"]
    for month in range(1, 13):
        for year in (2023, 2024):
            place(li, "pm25", year, month, 50)
            place(yong, "pm25", year, month, 150)
            place(yong, "road_dust", year, month, 100)
            place(li, "road_dust", year, month, 100)
    RankingEntry.objects.filter(area=yong, pollutant="pm25", month__in=[date(2023, 1, 1), date(2023, 2, 1),
                                                                        date(2023, 3, 1)]).update(position=305)
    RankingEntry.objects.filter(area=yong, pollutant="pm25", month=date(2024, 2, 1)).update(position=322)
    # a tie across the line: ranked 300 with others (places 300–302) — published at 300, not in the bottom 30
    RankingEntry.objects.filter(area=li, pollutant="pm25", month=date(2024, 3, 1)).update(position=300)
    RankingEntry.objects.filter(area=li, pollutant="road_dust", month__in=[date(2024, 1, 1), date(2024, 5, 1),
                                                                           date(2024, 9, 1)]).update(position=310)
    RankingEntry.objects.filter(area=yong, pollutant="road_dust", month__in=[date(2024, 1, 1), date(2024, 5, 1)]
                                ).update(position=301)
    found = {(r.target.indicator_code, r.target.comparator, r.area_name): r for r in rows(plan, date(2025, 1, 20), "ranking")}
    yoy = found[("pm25_rank", "improve", "永顺镇")]
    assert yoy.status == "met" and yoy.judgement.params["months"] == "2024-02 (322/330)"
    assert yoy.judgement.params["months_before"] == "2023-01 (305/330), 2023-02 (305/330), 2023-03 (305/330)"
    assert found[("pm25_rank", "=", "永顺镇")].status == "missed"  # 322 of 330: in the bottom 10
    assert found[("pm25_rank", "improve", "梨园镇")].status == "met"  # never, either year
    assert found[("pm25_rank", "improve", "梨园镇")].judgement.code == "rank_yoy_none"
    assert found[("pm25_rank", "=", "梨园镇")].status == "met"
    three = found[("road_dust_rank", "<=", "梨园镇")]
    assert three.status == "missed" and three.judgement.value == 3
    assert three.judgement.params["months"] == "2024-01 (310/330), 2024-05 (310/330), 2024-09 (310/330)"
    assert found[("road_dust_rank", "<=", "永顺镇")].status == "met"
    assert found[("tsp_rank", "improve", "永顺镇")].judgement.code == "rank_no_data"
    # while the year runs: passing the limit is already missed, within it on track
    running = {(r.target.indicator_code, r.target.comparator, r.area_name): r.status
               for r in rows(plan, date(2024, 6, 15), "ranking")}
    assert running[("road_dust_rank", "<=", "梨园镇")] == "on_track"  # 2 of ≤ 2 so far
    assert running[("pm25_rank", "=", "永顺镇")] == "missed"


def test_a_sub_area_missing_from_a_published_month_is_insufficient(tongzhou):
    plan, _, subs = tongzhou
    for month in range(1, 13):
        place(subs["梨园镇"], "road_dust", 2024, month, 10)
        if month != 4:
            place(subs["永顺镇"], "road_dust", 2024, month, 10)
    found = {(r.target.comparator, r.area_name): r for r in rows(plan, date(2025, 1, 20), "ranking")
             if r.target.indicator_code == "road_dust_rank"}
    assert found[("<=", "永顺镇")].status == "insufficient_data"
    assert found[("<=", "梨园镇")].status == "met"


def jar(code, area):
    return MeasurementSite.objects.create(code=code, name=code, kind="dustfall_jar", area=area, synthetic=True)


def test_dust_fall_about_five_excluding_dust(tongzhou):
    plan, district, subs = tongzhou
    sites = [jar("J1", subs["永顺镇"]), jar("J2", subs["永顺镇"]), jar("J3", subs["梨园镇"])]
    levels = {"J1": Decimal("4.9"), "J2": Decimal("5.3"), "J3": Decimal("5.6")}
    for month in range(1, 13):
        for site in sites:
            value = levels[site.code] + (Decimal(6) if month == 4 else 0)  # April: a sand-dust month
            Measurement.objects.create(site=site, indicator="dustfall", start=date(2024, month, 1),
                                       end=date(2024, month, 28), value=value, unit="吨/平方公里·月")
    ExclusionDay.objects.create(area=district, day=date(2024, 4, 12), kind="dust")
    found = {(r.target.area_printed, r.area_name): r for r in rows(plan, date(2025, 1, 20), "measurement")}
    whole = found[("", "通州区")]
    # the district: mean of its three jars, (4.9 + 5.3 + 5.6) / 3 = 5.27 → 5.3, within 5 ± 0.25? no: 5.3 > 5.25
    assert whole.judgement.value == Decimal("5.3") and whole.status == "missed"
    assert "2024-04" in whole.judgement.params["notes"][1][1]["months"]
    assert found[("各街道乡镇", "永顺镇")].judgement.value == Decimal("5.1")
    assert found[("各街道乡镇", "永顺镇")].status == "met"  # 5.1 within 5 ± 0.25
    assert found[("各街道乡镇", "梨园镇")].status == "missed"
    assert found[("各街道乡镇", "梨园镇")].judgement.completeness.valid == 11  # April left out


def test_dust_fall_tolerance_is_configurable_and_shown(tongzhou, settings):
    from django.utils import translation

    plan, _, subs = tongzhou
    site = jar("J1", subs["永顺镇"])
    for month in range(1, 13):
        Measurement.objects.create(site=site, indicator="dustfall", start=date(2024, month, 1),
                                   end=date(2024, month, 28), value=Decimal("5.3"), unit="吨/平方公里·月")
    settings.ECOPLAN_ABOUT_TOLERANCE = "0.3"
    district = next(r for r in rows(plan, date(2025, 1, 20), "measurement") if r.area_name == "通州区")
    assert district.status == "met" and "± 0.3 (a set band)" in district.judgement.reason
    settings.ECOPLAN_ABOUT_TOLERANCE = "5%"
    district = next(r for r in rows(plan, date(2025, 1, 20), "measurement") if r.area_name == "通州区")
    assert district.status == "missed" and "± 0.25 (5 % of the target)" in district.judgement.reason
    with translation.override("zh-hans"):
        assert "目标的 5 %" in district.reason


def test_dust_fall_with_a_missing_month_is_insufficient_and_running_is_on_track(tongzhou):
    plan, _, subs = tongzhou
    site = jar("J1", subs["永顺镇"])
    for month in (1, 2, 4, 5):
        Measurement.objects.create(site=site, indicator="dustfall", start=date(2024, month, 1),
                                   end=date(2024, month, 28), value=Decimal("4.8"), unit="吨/平方公里·月")
    found = {r.area_name: r for r in rows(plan, date(2024, 6, 20), "measurement") if not r.target.area_printed}
    assert found["通州区"].status == "insufficient_data"
    assert found["通州区"].judgement.completeness.short == ["2024-03"]
    Measurement.objects.create(site=site, indicator="dustfall", start=date(2024, 3, 1), end=date(2024, 3, 31),
                               value=Decimal("4.8"), unit="吨/平方公里·月")
    found = {r.area_name: r for r in rows(plan, date(2024, 6, 20), "measurement") if not r.target.area_printed}
    assert found["通州区"].status == "on_track"


def test_a_yearly_figure_for_trajectories(tongzhou):
    from ecoplan.evaluation import measurement, ranking
    from ecoplan.evaluation.sources import Context

    plan, district, subs = tongzhou
    site = jar("J1", subs["永顺镇"])
    for month in range(1, 13):
        Measurement.objects.create(site=site, indicator="dustfall", start=date(2023, month, 1),
                                   end=date(2023, month, 28), value=Decimal(month), unit="吨/平方公里·月")
        place(subs["永顺镇"], "road_dust", 2023, month, 325 if month < 3 else 1)
    target = plan.targets.filter(indicator_code="dustfall").first()
    ctx = Context(plan, date(2025, 1, 1), 2024)
    value, completeness = measurement.yearly(ctx, target, district, 2023)
    assert value == Decimal("6.5") and (completeness.valid, completeness.required) == (12, 12)
    rank_target = plan.targets.filter(indicator_code="road_dust_rank", comparator="<=").first()
    assert ranking.yearly(ctx, rank_target, subs["永顺镇"], 2023)[0] == 2


def test_a_rank_year_on_year_needs_last_years_rankings_and_a_year_needs_all_its_months(tongzhou):
    """Second read of #9: a missing previous year is not "0 times"; "never, either year" still asks for
    the months; a year over is final only with every month's ranking published."""
    plan, _, subs = tongzhou
    yong, li = subs["永顺镇"], subs["梨园镇"]
    for month in range(1, 12):  # 2024-01 … 2024-11 published; no 2023 ranking, no December
        place(li, "pm25", 2024, month, 50)
        place(yong, "pm25", 2024, month, 320 if month == 1 else 50)
    found = {(r.target.comparator, r.area_name): r for r in rows(plan, date(2024, 12, 10), "ranking")
             if r.target.indicator_code == "pm25_rank"}
    assert (found[("improve", "永顺镇")].status, found[("improve", "永顺镇")].judgement.code) == (
        "insufficient_data", "insufficient_previous")
    assert found[("improve", "梨园镇")].status == "insufficient_data"  # not "never, nor a year before"
    for month in range(1, 12):  # last year published: the 同比 can be judged while the year runs
        place(li, "pm25", 2023, month, 50)
        place(yong, "pm25", 2023, month, 50)
    found = {(r.target.comparator, r.area_name): r for r in rows(plan, date(2024, 12, 10), "ranking")
             if r.target.indicator_code == "pm25_rank"}
    assert found[("improve", "永顺镇")].status == "at_risk" and found[("improve", "梨园镇")].status == "on_track"
    after = {(r.target.comparator, r.area_name): r for r in rows(plan, date(2025, 1, 20), "ranking")
             if r.target.indicator_code == "pm25_rank"}
    assert after[("=", "梨园镇")].status == "insufficient_data"  # December 2024 was never published
    assert "2024-12: no ranking published" in after[("=", "梨园镇")].judgement.completeness.short
