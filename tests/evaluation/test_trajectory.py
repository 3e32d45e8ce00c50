"""Five-year trajectories through Django (evaluation/trajectory.py, air.py yearly_air, the page) on
Fengtai's 十四五 plan (baseline 2020 → 2025) with synthetic yearly air figures."""
import csv
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command

from ecoplan.evaluation.sources import JUDGES, Context
from ecoplan.evaluation.trajectory import plan_trajectories, trajectory_for
from ecoplan.plans import actions as plan_actions

from ..conftest import seed_path

pytestmark = pytest.mark.django_db

# heavy-pollution days (PM2.5 160 µg/m³, AQI 210) a year; the other days 40 µg/m³ (AQI 57, good)
HEAVY = {2021: 8, 2022: 10}
SHORT_2023 = 200  # days of 2023 with data: fewer than GB 3095 表4's 324


@pytest.fixture
def fengtai(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return load_fengtai(tmp_path)


def load_fengtai(tmp_path):
    """Fengtai's plan and one synthetic station in 丰台区 with hours of 2021, 2022 and part of 2023."""
    path = seed_path("fengtai-14th-fyp-2021-2025.txt")
    plan = plan_actions.import_document(path.read_bytes(), path.name)[1]
    registry = tmp_path / "stations.csv"
    registry.write_text("code,name,area,district\nF1,丰台合成站,卢沟桥街道,丰台区\n", "utf-8")
    call_command("air", "stations", str(registry))
    hours = tmp_path / "hours.csv"
    with hours.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["station", "time", "so2", "no2", "co", "o3", "pm10", "pm25"])
        for year, days in ((2021, 365), (2022, 365), (2023, SHORT_2023)):
            for n in range(days):
                day = date(year, 1, 1) + timedelta(days=n)
                pm25 = 160 if n < HEAVY.get(year, 0) else 40
                for h in range(24):
                    writer.writerow(["F1", f"{day} {h:02d}:00:00", 5, 30, 0.5, 80, 60, pm25])
    call_command("air", "ingest", str(hours))
    return plan


def _rows(plan, as_of):
    return {(r.target.pk, r.area_name): r for r in plan_trajectories(plan, as_of)}


def _table_row(plan, code):
    return plan.targets.get(indicator_code=code, binding__in=("binding", "expected"))


def test_air_yearly_figures_with_completeness(fengtai):
    plan = fengtai
    target = _table_row(plan, "heavy_ratio")
    ctx = Context(plan, date(2024, 3, 1), 2021)
    try:
        yearly = JUDGES["air"].yearly
        value, c = yearly(ctx, target, plan.district, 2021)
        assert (value, c.valid, c.required, c.sufficient) == (Decimal("2.2"), 365, 324, True)  # 8 / 365
        value, c = yearly(ctx, target, plan.district, 2023)
        assert (c.valid, c.sufficient, c.rule) == (SHORT_2023, False, "GB 3095-2012 表4 (strict)")
        good = _table_row(plan, "good_day_ratio")
        assert yearly(ctx, good, plan.district, 2022)[0] == Decimal("97.3")  # 355 / 365
        pm25 = _table_row(plan, "pm25")
        assert yearly(ctx, pm25, plan.district, 2021)[0] == Decimal("42.6")  # (8 × 160 + 357 × 40) / 365
        assert yearly(ctx, pm25, plan.district, 2019) == (None, yearly(ctx, pm25, plan.district, 2019)[1])
    finally:
        ctx.close()


def test_fengtai_trajectories_binding_and_expected(fengtai):
    plan = fengtai
    rows = _rows(plan, date(2024, 3, 1))
    # 重度及以上污染天数比例 3.3 → 基本消除 (预期性): 2.64 in 2021, 1.98 in 2022
    heavy = rows[(_table_row(plan, "heavy_ratio").pk, "丰台区")].trajectory
    assert heavy.kind == "linear"
    assert [(y.year, y.status) for y in heavy.years] == [
        (2021, "met"), (2022, "behind"), (2023, "insufficient_data"), (2024, "no_figure"), (2025, "not_due")]
    assert heavy.midterm.status == "behind_expectation" and heavy.midterm.from_year == 2022
    # 优良天数比例 75.1 → 稳步提升 (约束性): 97.8 in 2021, 97.3 in 2022 — worse than the year before
    good = rows[(_table_row(plan, "good_day_ratio").pk, "丰台区")].trajectory
    assert good.kind == "year_on_year"
    assert [y.status for y in good.years[:2]] == ["met", "behind"]
    assert good.midterm.status == good.outlook.status == "at_risk"
    # 细颗粒物 达到市级要求: no path until the municipal value is entered, the figures still shown
    pm25 = rows[(_table_row(plan, "pm25").pk, "丰台区")].trajectory
    assert (pm25.kind, pm25.path.code, pm25.years[0].value) == ("none", "traj_municipal_pending", Decimal("42.6"))
    # a reported target: no value reported for any year yet, and each year says so
    forest = rows[(_table_row(plan, "forest_cover").pk, "丰台区")].trajectory
    assert forest.kind == "linear" and {y.code for y in forest.years if y.year <= 2024} == {"traj_no_figure"}
    # restated in the prose (森林覆盖率达到28.4%): the baseline and binding of its 表2 row
    prose = plan.targets.get(indicator_code="forest_cover", period="by 2025", baseline_year__isnull=True)
    restated = rows[(prose.pk, "丰台区")].trajectory
    assert (restated.kind, restated.goal.baseline, restated.goal.binding) == ("linear", Decimal("27.97"), "binding")
    # the previous plan's review rows (2016-2020) are records: no trajectory
    assert all(r.target.period == "by 2025" for r in rows.values())


def test_municipal_value_entered_gives_a_line(fengtai):
    plan = fengtai
    target = _table_row(plan, "pm25")
    target.value, target.value_source = Decimal(34), "市级考核要求（合成）"
    target.save()
    pm25 = _rows(plan, date(2024, 3, 1))[(target.pk, "丰台区")].trajectory
    assert [str(p.expected) for p in pm25.path.points] == ["35.6", "35.2", "34.8", "34.4", "34"]
    assert [y.status for y in pm25.years[:2]] == ["behind", "behind"]  # 42.6, 43.1 µg/m³
    assert pm25.midterm.status == "at_risk"


def test_trajectory_for_gives_json_and_none_for_records(fengtai):
    plan = fengtai
    ctx = Context(plan, date(2024, 3, 1), 2021)
    try:
        data = trajectory_for(ctx, _table_row(plan, "heavy_ratio"), plan.district)
        assert json.loads(json.dumps(data)) == data  # plain JSON
        assert (data["binding"], data["kind"], data["baseline"], data["target"]) == ("expected", "linear", "3.3",
                                                                                    "0")
        assert data["years"][2]["completeness"] == {"valid": SHORT_2023, "required": 324, "unit": "days",
                                                    "rule": "GB 3095-2012 表4 (strict)", "sufficient": False}
        assert data["midterm"]["status"] == "behind_expectation"
        record = plan.targets.get(period="2016-2020", indicator_code="pm25")
        assert trajectory_for(ctx, record, plan.district) is None
    finally:
        ctx.close()


def test_page_in_chinese_with_chart(fengtai, client):
    plan = fengtai
    page = client.get(f"/evaluation/plans/{plan.pk}/trajectory/", {"as_of": "2024-03-01"},
                      HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "约束性指标存在完不成风险" in page and "低于预期进度" in page and "数据不足" in page
    assert "达到年度进度" in page and "落后于年度进度" in page and "基准值至目标值线性推进" in page
    assert "echarts-5.6.0.min.js" in page and 'id="charts"' in page
    charts = json.loads(page.split('<script id="charts" type="application/json">')[1].split("</script>")[0])
    assert any(c["figures"][1:3] == [2.2, 2.7] for c in charts.values())  # the heavy ratio of 2021, 2022


def test_page_english_and_bad_input(fengtai, client):
    plan = fengtai
    page = client.get(f"/evaluation/plans/{plan.pk}/trajectory/", {"as_of": "2024-03-01"},
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "binding target at risk" in page and "behind expectation" in page
    assert client.get(f"/evaluation/plans/{plan.pk}/trajectory/", {"as_of": "2024-13-01"}).status_code == 400
    assert client.get("/evaluation/plans/999/trajectory/").status_code == 404
