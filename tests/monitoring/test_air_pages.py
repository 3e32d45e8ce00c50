"""Monitoring registry, ingest through Django, the air pages and the judged targets."""
import csv
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ecoplan.monitoring import demo
from ecoplan.monitoring.models import IngestRun, Station
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Area

from ..conftest import DEMO

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_air(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    plan = plan_actions.import_document(DEMO.read_bytes(), DEMO.name)[1]
    counts = demo.load(tmp_path / "demo", date(2026, 4, 30))
    return plan, counts


def test_demo_air_loads_and_judges_targets(demo_air, client):
    plan, counts = demo_air
    assert counts["stations"] == 6 and counts["daily"] > 6 * 480
    page = client.get(f"/evaluation/plans/{plan.pk}/", {"as_of": "2026-04-30"}).content.decode()
    assert "东湖街道" in page and "南苑镇" in page and "剩余 245 天均值需低于" in page


def test_area_page_calendar_table_and_synthetic_label(demo_air, client):
    district = Area.objects.get(name="演示区", parent=None)
    page = client.get(f"/air/areas/{district.pk}/", {"year": 2026}).content.decode()
    assert 'id="synthetic"' in page and "echarts-5.6.0.min.js" in page
    assert 'id="realtime"' in page and "2026-04-30 23时" in page  # the latest hour with data
    assert "南苑镇" in page and "HJ 633-2026" in page  # per-street table with its rule sets
    assert "target = 33.0;" in page  # the district's line: PM2.5 ≤ 33
    street = Area.objects.get(name="南苑镇")
    assert "target = 35.0;" in client.get(f"/air/areas/{street.pk}/", {"year": 2026}).content.decode()  # 各镇、街道 ≤ 35
    calendar = json.loads(page.split("var calendar = ")[1].split(", cumulative")[0])
    assert len(calendar) == 120 and calendar[0][0] == "2026-01-01"


def test_ingest_reports_gaps(demo_air):
    run = IngestRun.objects.get(file="demo-hours.csv")
    assert run.flags["gaps: missing station-hours between a station's first and last hour"] > 6 * 30


def test_station_page_shows_gaps(demo_air, client):
    page = client.get("/air/stations/DEMO01/", {"year": 2026}).content.decode()
    assert 'class="gap"' in page and "<td>30</td></tr>" in page  # the 30-hour outage, as a gap row


def test_judge_command_json(demo_air, capsys):
    plan, _ = demo_air
    call_command("targets", str(plan.pk), "--as-of", "2026-04-30", "--json")
    rows = json.loads(capsys.readouterr().out)["targets"]
    statuses = {(r["indicator_code"], r["area"]): r["status"] for r in rows}
    assert statuses[("heavy_days", "演示区")] in ("on_track", "at_risk")
    # the air figures carry their rule sets (a reported target awaiting its value has none)
    assert all(r["rule_sets"] for r in rows if r["source"] == "air" and r["status"] != "not_evaluable")


def test_aqi_command_picks_the_rules_of_the_date(capsys):
    call_command("air", "aqi", "--pollutant", "pm25", "--value", "80", "--date", "2024-05-01")
    assert json.loads(capsys.readouterr().out)["iaqi"] == 107
    call_command("air", "aqi", "--pollutant", "pm25", "--value", "80", "--date", "2026-05-01")
    out = json.loads(capsys.readouterr().out)
    assert (out["iaqi"], out["rule_set"][:11]) == (119, "HJ 633-2026")


def test_ingest_command_records_flags(settings, tmp_path, capsys):
    _one_station_day(settings, tmp_path, {3: -1})
    assert "negative: 1" in capsys.readouterr().out
    assert IngestRun.objects.get().flags == {"negative": 1}  # 24 hours in a row: no gaps
    assert Station.objects.get(code="S1").memberships.count() == 2


def test_bad_registry_names_the_row(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    registry = tmp_path / "stations.csv"
    registry.write_text("code,name,area,district,kind\nS1,站一,甲街道,乙区,evaluation\nS2,站二,,乙区,weird\n", "utf-8")
    with pytest.raises(CommandError, match=r"stations.csv:3 \[kind\]"):
        call_command("air", "stations", str(registry))
    assert not Station.objects.exists()  # all rows or none


def test_aqi_command_above_the_2012_table_uses_the_other_value(capsys):
    """Regression: O3 8-h > 800 and SO2 1-h > 800 raised a TypeError under the 2012 rules.
    HJ 633-2012 表1 注(2)(3): the IAQI of the 1-h O3 / 24-h SO2 value is used."""
    for pollutant, averaging, flag in (("o3", "8h", "--o3-1h"), ("so2", "1h", "--so2-24h")):
        with pytest.raises(CommandError, match=rf"HJ 633-2012 表1 注.*{flag}"):
            call_command("air", "aqi", "--pollutant", pollutant, "--value", "801", "--averaging", averaging,
                         "--date", "2024-05-01")
    call_command("air", "aqi", "--pollutant", "o3", "--value", "801", "--averaging", "8h", "--o3-1h", "801",
                 "--date", "2024-05-01")
    assert json.loads(capsys.readouterr().out)["iaqi"] == 301
    call_command("air", "aqi", "--pollutant", "so2", "--value", "900", "--averaging", "1h", "--so2-24h", "151",
                 "--date", "2024-05-01")
    assert json.loads(capsys.readouterr().out)["iaqi"] == 101
    call_command("air", "aqi", "--pollutant", "o3", "--value", "801", "--averaging", "8h", "--date", "2026-05-01")
    assert json.loads(capsys.readouterr().out)["iaqi"] == 300  # 2026: a fixed IAQI


def test_compute_follows_the_2012_rules_from_2013_and_says_what_it_skipped(settings, tmp_path, capsys):
    """Regression: `air compute` silently produced nothing before 2016-01-01 (Beijing applied
    GB 3095-2012 from 2013); days before the 2012 rules existed are reported, not dropped silently."""
    _one_station_day(settings, tmp_path, {}, days=("2011-12-01", "2013-03-01"), compute=False)
    capsys.readouterr()
    call_command("air", "compute")
    out = capsys.readouterr().out
    assert "1 day(s) before 2012-02-29 skipped" in out and "GB 3095-2012" in out
    from ecoplan.monitoring.store import open_store

    with open_store() as store:
        rows = store.query("SELECT day, rule_set FROM daily ORDER BY day")
    assert [(str(r["day"]), r["rule_set"][:11]) for r in rows] == [("2013-03-01", "HJ 633-2012")]


def test_station_flags_are_shown_as_words(settings, tmp_path, client):
    """The ingest's flag codes (negative, impossible (> 1000) …) appear in the user's language."""
    _one_station_day(settings, tmp_path, {3: -1, 4: 9999})
    page = client.get("/air/stations/S1/", {"year": 2024}, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "负值" in page and "不可能的数值（&gt; " in page
    assert "negative" not in page and "impossible" not in page


def _one_station_day(settings, tmp_path, pm25: dict[int, float], days: tuple[str, ...] = ("2024-05-01",),
                     compute: bool = True) -> None:
    """Register station S1 and ingest its hours of ``days``; ``pm25`` overrides hours (default 40)."""
    settings.DATA_DIR = tmp_path
    registry = tmp_path / "stations.csv"
    registry.write_text("code,name,area,district\nS1,站一,甲街道,乙区\n", "utf-8")
    call_command("air", "stations", str(registry))
    hours = tmp_path / "h.csv"
    with hours.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["station", "time", "so2", "no2", "co", "o3", "pm10", "pm25"])
        for day in days:
            for h in range(24):
                writer.writerow(["S1", f"{day} {h:02d}:00:00", 5, 30, 0.5, 80, 60, pm25.get(h, 40)])
    call_command("air", "ingest", str(hours), *([] if compute else ["--no-compute"]))


def test_previous_plan_review_rows_are_not_judged(settings, tmp_path):
    """Fengtai 表1 (the 十三五 review, period 2016-2020) is a record, not a target of 2021–2025."""
    from ecoplan.evaluation.services import judge_plan

    from ..conftest import seed_path

    settings.DATA_DIR = tmp_path
    path = seed_path("fengtai-14th-fyp-2021-2025.txt")
    plan = plan_actions.import_document(path.read_bytes(), path.name)[1]
    assert plan.targets.filter(period="2016-2020", indicator_code="pm25").count() == 1
    rows = judge_plan(plan, date(2025, 6, 30))
    assert {row.status for row in rows if row.target.period == "2016-2020"} == {"record"}
    assert {row.source for row in rows if row.target.period == "2016-2020"} == {"record"}
    assert {row.target.period for row in rows if row.status != "record"} == {"by 2025"}
