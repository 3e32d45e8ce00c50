"""The air source: one grouped query for many areas, the validity rule, dust left out of PM and
the index but not the day counts, the composite index by hand, and a real month."""
import os
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ecoplan.monitoring.store import open_store, sync_registry
from ecoplan.rankings import builtin  # noqa: F401 (registers the sources)
from ecoplan.rankings.source_air import area_rows
from ecoplan.rankings.sources import Window, figures
from ecoplan.standards import composite, packs
from ecoplan.vocabulary.rank_metrics import BY_CODE

from .airdata import day_rows, days_of, dust_day, load, station, street

pytestmark = pytest.mark.usefixtures("english")

OCTOBER = Window(date(2025, 10, 1), date(2025, 10, 31))


@pytest.fixture
def streets(district, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    full, thin, dusty = street(district, "甲街道"), street(district, "乙街道"), street(district, "丙镇")
    silent, bare = street(district, "丁镇"), street(district, "戊乡")
    for area, code in ((full, "S1"), (thin, "S2"), (dusty, "S3"), (silent, "S4")):
        station(area, code)
    for day in days_of(date(2025, 10, 1), 5):
        dust_day(day)  # every area
    rows = [*day_rows("S1", days_of(date(2025, 10, 1), 31)),
            *day_rows("S2", days_of(date(2025, 10, 1), 20), pm25=40),
            *day_rows("S3", days_of(date(2025, 10, 1), 31), pm25=lambda d: 300 if d.day <= 5 else 30)]
    load(tmp_path / "hours.csv", rows)
    return {"full": full, "thin": thin, "dusty": dusty, "silent": silent, "bare": bare}


def rank(code, areas, window=OCTOBER):
    return figures(BY_CODE[code], list(areas.values()), window)


def test_pm25_means_validity_and_reasons(streets):
    found = rank("pm25", streets)
    assert found[streets["full"].pk].value == Decimal(30)
    thin = found[streets["thin"].pk]
    assert thin.value is None and thin.reason.startswith("20 valid days of the 27 the rule asks (GB 3095-2012 表4)")
    assert "2025-10: 20 < 27" in thin.reason
    assert found[streets["silent"].pk].reason == "no valid daily data from its stations in the period"
    assert found[streets["bare"].pk].reason == "no evaluation station in this area"
    # the dusty street: (5 × 300 + 26 × 30) / 31 with its dust days, 30 without them
    assert found[streets["dusty"].pk].value == pytest.approx(Decimal((5 * 300 + 26 * 30) / 31), abs=Decimal("0.001"))


def test_dust_leaves_pm_and_index_but_not_day_counts(streets):
    dust = Window(OCTOBER.start, OCTOBER.end, exclude_dust=True)
    dusty = streets["dusty"].pk
    # 26 days left, fewer than the month's 27: a day left out as dust is no missing day
    assert rank("pm25", streets, dust)[dusty].value == Decimal(30)
    assert rank("heavy_days", streets, dust)[dusty].value == 5  # PM2.5 300: AQI > 200, kept
    assert rank("good_day_ratio", streets, dust)[dusty].value == Decimal(26 * 100) / 31
    full = rank("composite_index", streets)[streets["full"].pk].value
    assert rank("composite_index", streets, dust)[dusty].value == full  # its dust days left out: the same air
    assert rank("composite_index", streets)[dusty].value > full


def test_composite_index_by_hand(streets):
    # 2012 grade-II limits: SO2 60, NO2 40, PM10 70, PM2.5 35 (annual), CO 4 (24 h), O3 160 (MDA8)
    by_hand = Decimal(10) / 60 + Decimal(20) / 40 + Decimal(50) / 70 + Decimal(30) / 35 + Decimal(1) / 4 + Decimal(100) / 160
    assert rank("composite_index", streets)[streets["full"].pk].value == by_hand
    assert str(by_hand).startswith("3.11309")  # 0.1667 + 0.5 + 0.7143 + 0.8571 + 0.25 + 0.625
    # the 2026 transition limits (PM2.5 30, PM10 60) make the same air score higher
    later = composite.composite_index({"so2": 10, "no2": 20, "co": 1, "o3": 100, "pm10": 50, "pm25": 30},
                                      packs.get("2026").limits)
    assert later == by_hand - Decimal(50) / 70 - Decimal(30) / 35 + Decimal(50) / 60 + 1
    assert composite.composite_index({"so2": 10}, packs.get("2012").limits) is None
    thin = rank("composite_index", streets)[streets["thin"].pk]
    assert thin.value is None and thin.reason.startswith("SO2: 20 valid days of the 27")


def test_other_pollutants_and_percentiles(streets):
    full = streets["full"].pk
    assert rank("co", streets)[full].value == Decimal(1)
    assert rank("o3", streets)[full].value == Decimal(100)
    assert rank("no2", streets)[full].value == Decimal(20)
    assert rank("good_day_ratio", streets)[full].value == Decimal(100)
    assert rank("heavy_days", streets)[full].value == 0


def test_running_month_is_judged_pro_rata(streets):
    # ranked on 2025-10-20: 20 days so far, the month's 27 not yet due — the thin street counts
    found = rank("pm25", streets, Window(date(2025, 10, 1), date(2025, 10, 20)))
    assert found[streets["thin"].pk].value == Decimal(40)


def test_one_query_for_all_areas(streets):
    with open_store() as store:
        queries = []
        execute = store.con.execute
        store.con = _Counting(store.con, queries)
        rows = area_rows(store, [str(a.pk) for a in streets.values()], OCTOBER, False)
        store.con = execute.__self__
    assert len(queries) == 2  # has(area_daily) and the grouped query
    assert set(rows) == {str(streets[k].pk) for k in ("full", "thin", "dusty")}


class _Counting:
    def __init__(self, con, log):
        self._con, self._log = con, log

    def execute(self, sql, *args):
        self._log.append(sql)
        return self._con.execute(sql, *args)


REAL = Path(os.environ.get("ECOPLAN_REAL_DATA", Path(__file__).resolve().parents[2].parent / "shared" / "data" / "real"))


def test_a_real_month_against_the_reference(district, settings, tmp_path):
    """UCI Beijing, Dongsi, January 2016: the source's PM2.5 mean is the mean of the daily means
    computed the slow way (tests/analytics reference, GB 3095 表4 daily validity)."""
    from ..analytics.test_engine import reference_daily

    uci = REAL / "uci_beijing_multisite_2013_2017" / "PRSA_Data_Dongsi_20130301-20170228.csv"
    if not uci.exists():
        pytest.skip("UCI Beijing data not found (ECOPLAN_REAL_DATA or ../shared/data/real)")
    settings.DATA_DIR = tmp_path
    month = tmp_path / "dongsi.csv"
    with uci.open(encoding="utf-8") as src, month.open("w", encoding="utf-8") as dst:
        for n, line in enumerate(src):
            cells = line.split(",")
            if n == 0 or (cells[1], cells[2]) == ("2016", "1"):
                dst.write(line)
    area = street(district, "东四街道")
    station(area, "Dongsi")
    with open_store() as store:
        sync_registry(store)
        store.ingest(month, "uci")
        store.compute()
    daily = [v["pm25"] for d, v in reference_daily(month).items() if (d.year, d.month) == (2016, 1) and v["pm25"] is not None]
    found = figures(BY_CODE["pm25"], [area], Window(date(2016, 1, 1), date(2016, 1, 31)))[area.pk]
    assert len(daily) >= 27
    assert found.value == pytest.approx(sum(daily) / len(daily), abs=Decimal("0.001"))


def test_reasons_in_chinese(streets):
    from django.utils import translation

    with translation.override("zh-hans"):
        found = rank("pm25", streets)
    assert found[streets["bare"].pk].reason == "本地区无评价点位"
    assert found[streets["thin"].pk].reason.startswith("有效天数 20 天，不足规则要求的 27 天")


def test_the_composite_index_compares_with_the_current_editions_divisors(district, settings, tmp_path):
    """The same air in October 2025 (GB 3095-2012 in force) and October 2026 (GB 3095-2026): the
    year before is divided by the 2026 limits too, so no change, and the rule names the edition."""
    from ecoplan.rankings.engine import rank_areas
    from ecoplan.reporting.periods import parse

    settings.DATA_DIR = tmp_path
    area = street(district, "甲街道")
    station(area, "S1")
    load(tmp_path / "hours.csv", [*day_rows("S1", days_of(date(2025, 10, 1), 31)),
                                  *day_rows("S1", days_of(date(2026, 10, 1), 31))])
    assert packs.rules_for(date(2025, 10, 31)).limits.id != packs.rules_for(date(2026, 10, 31)).limits.id
    result = rank_areas(district, "composite_index", parse("2026-10"), as_of=date(2026, 11, 5))
    row = next(r for r in result.ranking.rows if r.key == str(area.pk))
    assert row.value is not None and row.value == row.year_before
    assert row.change_year == 0 and row.improvement == 0
    assert "GB 3095-2026 grade II" in result.rule
