"""The station registry keeps control sites out of area means; `ecoplan air compare-rules` and the
page show an area's year under the 2012 and 2026 rules, with the air targets of the plans covering it."""
import csv
import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.monitoring.actions import do_ingest_air, do_register_stations
from ecoplan.monitoring.models import Station
from ecoplan.monitoring.store import area_key, open_store, sync_registry
from ecoplan.plans.models import Area, Plan, Target

pytestmark = pytest.mark.django_db
UCI_REGISTRY = Path(__file__).resolve().parents[2] / "src" / "ecoplan" / "monitoring" / "data" / "uci-beijing-stations.csv"


def registry(path: Path, rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "area", "district", "kind", "synthetic"])
        writer.writerows(rows)
    return path


def hourly(path: Path, series) -> Path:
    """series: (station, first day, days, pm25 of day d)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["station", "time", "so2", "no2", "co", "o3", "pm10", "pm25"])
        for station, first, days, pm25 in series:
            for d in range(days):
                for h in range(24):
                    ts = datetime.combine(first + timedelta(days=d), datetime.min.time()) + timedelta(hours=h)
                    writer.writerow([station, ts.strftime("%Y-%m-%d %H:%M:%S"), 5, 20, "0.5", 60, 40, pm25(d)])
    return path


@pytest.fixture
def air(settings, tmp_path):
    """测试区 with 甲街道: an evaluation site (2025: PM2.5 60.5 and 60.6 on alternate days) and a
    control site (10 µg/m³) that must not enter the means."""
    settings.DATA_DIR = tmp_path
    do_register_stations(registry(tmp_path / "stations.csv", [
        ["E1", "评价点（合成）", "甲街道", "测试区", "evaluation", "true"],
        ["C1", "对照点（合成）", "甲街道", "测试区", "control", "true"]]))
    do_ingest_air(hourly(tmp_path / "h.csv", [
        ("E1", date(2025, 1, 1), 365, lambda d: "60.5" if d % 2 == 0 else "60.6"),
        ("C1", date(2025, 1, 1), 365, lambda d: 10)]))
    district = Area.objects.get(name="测试区", parent=None)
    street = Area.objects.get(name="甲街道", parent=district)
    plan = Plan.objects.create(title="测试区2025年行动计划（合成）", kind=Plan.Kind.ACTION_PLAN, period_start=2025,
                               district=district, source_name="t.txt", source_sha256="0" * 64, source_shape="text")
    Target.objects.create(plan=plan, indicator="优良天数比率", indicator_code="good_day_ratio", comparator=">=",
                          value=Decimal(80), period="year", raw="优良天数比率达到80%", order=1)
    Target.objects.create(plan=plan, indicator="PM2.5年均浓度", indicator_code="pm25", comparator="<=",
                          value=Decimal(65), period="year", raw="各街道PM2.5年均浓度不超过65微克/立方米",
                          area_printed="各街道", order=2)
    return district, street


def test_control_sites_stay_out_of_area_means(air):
    district, street = air
    with open_store() as store:
        sync_registry(store)
        assert store.stations() == {"E1"}  # the control site is in no area
        pm25 = store.query("SELECT DISTINCT area, pm25, n_stations FROM area_daily WHERE day = DATE '2025-01-01'")
        both = {(area_key(district), 60.5, 1), (area_key(street), 60.5, 1)}
        assert {(r["area"], r["pm25"], r["n_stations"]) for r in pm25} == both
        assert store.query("SELECT pm25 FROM daily WHERE station = 'C1' AND day = DATE '2025-01-01'") == [{"pm25": 10.0}]


def test_the_uci_registry_registers_dingling_as_control(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    assert do_register_stations(UCI_REGISTRY) == 12
    assert list(Station.objects.filter(kind=Station.Kind.CONTROL).values_list("code", flat=True)) == ["Dingling"]
    with open_store() as store:
        sync_registry(store)
        assert len(store.stations()) == 11 and "Dingling" not in store.stations()


def test_compare_rules_command_text_and_json(air, capsys):
    district, street = air
    call_command("air", "compare-rules", "测试区", "2025", "--as-of", "2026-01-10")
    text = capsys.readouterr().out
    assert "good-day ratio %" in text and "100.0 (365)" in text and "50.1 (183)" in text
    assert "pm25 annual" in text and "≤ 35 exceeded" in text and "≤ 30 exceeded" in text
    assert "优良天数比率 >= 80 (year) — CHANGED" in text  # the district's own target: met → missed
    call_command("air", "compare-rules", str(street.pk), "2025", "--as-of", "2026-01-10", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["area_name"] == "甲街道" and data["figures"]["2026"]["levels"] == {"良": 183, "轻度污染": 182}
    # the district's 各街道 target speaks of the street; its PM2.5 does not change with the rules
    [target] = data["targets"]
    assert target["indicator_code"] == "pm25" and not target["changed"]
    assert {b: j["status"] for b, j in target["judgements"].items()} == {"2012": "met", "2026": "met", "in_force": "met"}


def test_compare_rules_command_refuses_unknown_and_ambiguous_areas(air):
    district, _ = air
    with pytest.raises(CommandError, match="no area"):
        call_command("air", "compare-rules", "无此区", "2025")
    Area.objects.create(name="甲街道", parent=Area.objects.create(name="别区", kind=Area.Kind.DISTRICT),
                        kind=Area.Kind.SUB_AREA)
    with pytest.raises(CommandError, match="2 areas are named '甲街道': give the id"):
        call_command("air", "compare-rules", "甲街道", "2025")


def test_compare_page_json_twin_and_link(air, client):
    district, _ = air
    area_page = client.get(f"/air/areas/{district.pk}/", {"year": 2025}).content.decode()
    assert f'href="/air/areas/{district.pk}/compare/2025/"' in area_page
    page = client.get(f"/air/areas/{district.pk}/compare/2025/")
    html = page.content.decode()
    assert page.status_code == 200 and 'id="synthetic"' in html
    assert "新旧标准（2012 与 2026）对比" in html and "轻度污染" in html and "超标" in html
    assert 'class="changed"' in html and "优良天数比率达到80%" in html  # met → missed with the rules
    assert "已达成" in html and "未达成" in html
    data = client.get(f"/air/areas/{district.pk}/compare/2025.json").json()
    [target] = data["targets"]
    assert target["changed"] and target["judgements"]["2026"]["status"] == "missed"
    assert data["baseline"] == {}  # no 2024 data
    assert client.get("/air/areas/999999/compare/2025/").status_code == 404
    assert client.get(f"/air/areas/{district.pk}/compare/1999/").status_code == 400


def test_the_evaluation_says_insufficient_data_below_the_gates(settings, tmp_path):
    """A year with 200 valid days: insufficient data with the counts, never met — through the plan's
    evaluation (evaluation.air), and the yearly figure a five-year trajectory asks carries it too."""
    from ecoplan.evaluation.services import judge_plan
    from ecoplan.evaluation.sources import JUDGES, Context

    settings.DATA_DIR = tmp_path
    do_register_stations(registry(tmp_path / "stations.csv", [["E1", "评价点（合成）", "", "少数据区", "evaluation", "true"]]))
    do_ingest_air(hourly(tmp_path / "h.csv", [("E1", date(2025, 1, 1), 200, lambda d: 20)]))
    district = Area.objects.get(name="少数据区")
    plan = Plan.objects.create(title="少数据区2025年行动计划（合成）", kind=Plan.Kind.ACTION_PLAN, period_start=2025,
                               district=district, source_name="t.txt", source_sha256="1" * 64, source_shape="text")
    target = Target.objects.create(plan=plan, indicator="PM2.5年均浓度", indicator_code="pm25", comparator="<=",
                                   value=Decimal(35), period="year", raw="PM2.5年均浓度不超过35微克/立方米")
    [row] = judge_plan(plan, date(2026, 1, 10))
    assert row.status == "insufficient_data" and row.source == "air"
    assert (row.judgement.completeness.valid, row.judgement.completeness.required) == (200, 324)
    assert "2025-08: 0 < 27" in row.judgement.params["short"]
    settings.ECOPLAN_AIR_ANNUAL_RULE = "lenient"  # still short of 324 days
    assert judge_plan(plan, date(2026, 1, 10))[0].status == "insufficient_data"
    ctx = Context(plan, date(2026, 1, 10), 2025)
    value, enough = JUDGES["air"].yearly(ctx, target, district, 2025)
    ctx.close()
    assert value == Decimal("20.0") and not enough.sufficient


def test_an_unknown_annual_rule_fails_the_system_check(settings):
    from ecoplan.monitoring.checks import check_annual_rule

    assert check_annual_rule(None) == []
    settings.ECOPLAN_AIR_ANNUAL_RULE = "loose"
    [error] = check_annual_rule(None)
    assert error.id == "monitoring.E001" and "strict, lenient" in error.msg
