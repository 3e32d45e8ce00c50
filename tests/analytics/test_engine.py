"""The bulk engine against the pure reference, on real (UCI Beijing) and synthetic hourly data."""
import csv
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from ecoplan.analytics.ingest import IngestError
from ecoplan.analytics.store import AirStore
from ecoplan.standards import aqi, assessment, packs

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"
UCI = REAL / "uci_beijing_multisite_2013_2017" / "PRSA_Data_Dongsi_20130301-20170228.csv"
HEADER = ["station", "time", "so2", "no2", "co", "o3", "pm10", "pm25"]


def write_csv(path: Path, rows, header=HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def hours(station, start: datetime, n: int, **values):
    for h in range(n):
        ts = start + timedelta(hours=h)
        row = {p: (v(ts) if callable(v) else v) for p, v in values.items()}
        yield [station, ts.strftime("%Y-%m-%d %H:%M:%S")] + [row.get(p, "") for p in HEADER[2:]]


@pytest.fixture
def store(tmp_path):
    s = AirStore(tmp_path / "air")
    yield s
    s.close()


def uci_month(tmp_path, year=2016, month=1):
    if not UCI.exists():
        pytest.skip("UCI Beijing data not found: ../shared/data/real is not beside the clone")
    out = tmp_path / "dongsi.csv"
    with UCI.open(encoding="utf-8") as src, out.open("w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(src)
        writer = csv.writer(dst)
        header = next(reader)
        writer.writerow(header)
        for row in reader:
            if int(row[1]) == year and int(row[2]) == month:
                writer.writerow(row)
    return out


def reference_daily(path: Path):
    """Daily values the slow, obvious way: GB 3095 表4 validity, MDA8 over windows 08…24.  UCI
    hours are hour-ending: hour h of a day covers h-1 … h (hour 0: 23:00–24:00 the day before)."""
    by_day = defaultdict(dict)
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            start = datetime(int(row["year"]), int(row["month"]), int(row["day"]), int(row["hour"])) - timedelta(hours=1)
            by_day[start.date()][start.hour] = row
    out = {}
    for day, hrs in by_day.items():
        def series(col, scale=Decimal(1), hrs=hrs):
            return {h: Decimal(r[col]) * scale for h, r in hrs.items() if r[col] not in ("NA", "")}
        values = {}
        for name, col, scale in (("so2", "SO2", 1), ("no2", "NO2", 1), ("co", "CO", Decimal("0.001")),
                                 ("pm10", "PM10", 1), ("pm25", "PM2.5", 1)):
            s = series(col, Decimal(scale))
            values[name] = (sum(s.values()) / len(s)).quantize(Decimal("0.001")) if len(s) >= 20 else None
        o3 = series("O3")
        windows = []
        for end in range(7, 24):
            w = [o3[h] for h in range(end - 7, end + 1) if h in o3]
            if len(w) >= 6:
                windows.append(sum(w) / len(w))
        values["o3_8h_max"] = max(windows).quantize(Decimal("0.001")) if len(windows) >= 14 else None
        values["o3_1h_max"] = max(o3.values()) if len(o3) >= 20 else None
        out[day] = values
    return out


def test_daily_chain_matches_the_reference_on_real_hours(store, tmp_path):
    path = uci_month(tmp_path)
    report = store.ingest(path, "uci", check_registry=False)
    assert report.hours == 744
    store.set_membership([("Dongsi", "东城区", None, None)])
    store.compute()
    expected = reference_daily(path)
    P = packs.get("2012").aqi
    rows = store.query("SELECT * FROM daily ORDER BY day")
    # hour-ending (the `uci` preset): January's 744 hours are 2015-12-31 23:00 … 2016-01-31 22:00, so
    # 31 December holds one hour (no valid mean) and 31 January 23 (valid); hour-starting gave 31 days
    assert len(rows) == 32 and rows[0]["day"] == date(2015, 12, 31) and rows[0]["pm25"] is None
    for row in rows:
        ref = expected[row["day"]]
        for name in ("so2", "no2", "co", "pm10", "pm25", "o3_8h_max", "o3_1h_max"):
            got = None if row[name] is None else Decimal(str(row[name]))
            assert got == ref[name], (row["day"], name, got, ref[name])
        result = aqi.daily_aqi(P, {"so2_24h": ref["so2"], "no2_24h": ref["no2"], "co_24h": ref["co"],
                                   "pm10_24h": ref["pm10"], "pm25_24h": ref["pm25"],
                                   "o3_1h_max": ref["o3_1h_max"], "o3_8h_max": ref["o3_8h_max"]})
        assert row["aqi"] == result.aqi, row["day"]
        assert row["category"] == (result.category or None)
        assert set(filter(None, (row["primary_pollutant"] or "").split(","))) == \
            set(filter(None, result.primary_text.split(",")))


def test_period_statistics_match_the_reference(store, tmp_path):
    path = uci_month(tmp_path)
    store.ingest(path, "uci", check_registry=False)
    store.set_membership([("Dongsi", "东城区", None, None)])
    store.compute()
    daily = store.query("SELECT pm25, aqi FROM area_daily WHERE area = '东城区'")
    stats = store.query("""SELECT * FROM stats WHERE area = '东城区' AND kind = 'month'
                           AND label = '2016-01' AND exclusion = 'none'""")[0]
    pm = [Decimal(str(r["pm25"])) for r in daily if r["pm25"] is not None]
    assert stats["pm25_days"] == len(pm)
    assert Decimal(str(stats["pm25_mean"])) == (sum(pm) / len(pm)).quantize(Decimal("0.001"))
    assert Decimal(str(stats["pm25_p95"])) == assessment.percentile(pm, 95).quantize(Decimal("0.001"))
    aqis = [r["aqi"] for r in daily]
    ratio, good, valid = assessment.good_day_ratio(aqis, packs.get("2012"))
    assert (stats["good_days"], stats["aqi_days"]) == (good, valid)
    assert stats["heavy_days"] == sum(1 for a in aqis if a is not None and a > 200)


def test_validation_flags_and_keeps_every_row_visible(store, tmp_path):
    rows = list(hours("S1", datetime(2024, 5, 1), 24, so2=5, no2=30, co="0.5", o3=100, pm10=60, pm25=40))
    rows.append(["S1", "2024-05-01 03:00:00", 5, 30, "0.5", 100, 60, 41])  # duplicate hour
    rows.append(["S1", "2024-05-02 00:00:00", -3, 30, "0.5", 100, 60, 99999])  # negative, impossible
    rows.append(["S1", "2024-05-02 01:00:00", 5, 30, "0.5", 100, 60, "n/a?"])  # text
    rows.append(["S9", "not a time", 5, 30, "0.5", 100, 60, 40])
    store.set_membership([("S1", "甲街道", None, None)])
    report = store.ingest(write_csv(tmp_path / "bad.csv", rows))
    assert report.flags == {"duplicate hour (first row kept)": 1, "negative": 1,
                            "impossible (> 3000)": 1, "not a number": 1, "unreadable time": 1,
                            "station not in the registry": 1}
    flagged = store.query("SELECT _row, field, issue FROM flags ORDER BY _row, field")
    assert {"_row": 27, "field": "so2", "issue": "negative"} in flagged
    kept = store.query("SELECT pm25, so2 FROM read_parquet(?) WHERE ts = TIMESTAMP '2024-05-02 00:00:00'",
                       [str(next((tmp_path / "air" / "hourly").glob("*.parquet")))])
    assert kept == [{"pm25": None, "so2": None}]


def test_daily_validity_needs_twenty_hours(store, tmp_path):
    rows = list(hours("S1", datetime(2024, 5, 1), 19, pm25=50)) + list(hours("S1", datetime(2024, 5, 2), 20, pm25=50))
    store.ingest(write_csv(tmp_path / "h.csv", rows), check_registry=False)
    store.compute()
    got = {r["day"]: (r["pm25"], r["n_pm25"]) for r in store.query("SELECT day, pm25, n_pm25 FROM daily")}
    assert got == {date(2024, 5, 1): (None, 19), date(2024, 5, 2): (50.0, 20)}


def test_rule_set_follows_the_date_and_can_be_forced(store, tmp_path):
    rows = list(hours("S1", datetime(2026, 2, 28), 48, so2=5, no2=20, co="0.4", o3=60, pm10=50, pm25=70))
    store.set_membership([("S1", "甲街道", None, None)])
    store.ingest(write_csv(tmp_path / "x.csv", rows))
    store.compute()
    got = {r["day"]: (r["aqi"], r["rule_set"][:11]) for r in store.query("SELECT day, aqi, rule_set FROM daily")}
    assert got == {date(2026, 2, 28): (94, "HJ 633-2012"), date(2026, 3, 1): (110, "HJ 633-2026")}
    store.compute(rule_set="2026")  # recompute the whole period under the 2026 rules
    again = store.query("SELECT day, aqi FROM daily WHERE basis = '2026' ORDER BY day")
    assert [r["aqi"] for r in again] == [110, 110]
    in_force = store.query("SELECT rule_sets, aqi_days FROM stats WHERE kind = 'year' AND basis = 'in_force' "
                           "AND exclusion = 'none'")
    assert in_force == [{"rule_sets": "HJ 633-2012 · GB 3095-2012 · HJ 663-2013 + HJ 633-2026 · GB 3095-2026 · HJ 663-2026",
                         "aqi_days": 2}]


def test_incremental_day_equals_full_recompute(tmp_path):
    first = list(hours("S1", datetime(2024, 1, 1), 24 * 30, pm25=lambda t: 20 + t.day, o3=lambda t: 40 + t.hour,
                       so2=5, no2=30, co="0.8", pm10=60))
    extra = list(hours("S1", datetime(2024, 1, 31), 24, pm25=90, o3=50, so2=5, no2=30, co="0.8", pm10=60))
    one = AirStore(tmp_path / "one")
    one.set_membership([("S1", "甲街道", None, None)])
    one.ingest(write_csv(tmp_path / "a.csv", first))
    one.compute()
    report = one.ingest(write_csv(tmp_path / "b.csv", extra))
    assert report.days == [date(2024, 1, 31)]
    one.compute(report.days)
    full = AirStore(tmp_path / "full")
    full.set_membership([("S1", "甲街道", None, None)])
    full.ingest(write_csv(tmp_path / "c.csv", first + extra))
    full.compute()
    for table, order in (("daily", "station, day"), ("area_daily", "area, day"),
                         ("stats", "area, kind, label, exclusion, basis")):
        assert one.query(f"SELECT * FROM {table} ORDER BY {order}") == \
            full.query(f"SELECT * FROM {table} ORDER BY {order}"), table
    one.close()
    full.close()


def test_area_values_average_stations_then_compute_aqi(store, tmp_path):
    rows = list(hours("A", datetime(2024, 5, 1), 24, pm25=70)) + list(hours("B", datetime(2024, 5, 1), 24, pm25=90))
    store.set_membership([("A", "区", None, None), ("B", "区", None, date(2024, 4, 30)), ("B", "乙街道", None, None)])
    store.ingest(write_csv(tmp_path / "m.csv", rows))
    store.compute()
    area = {r["area"]: (r["pm25"], r["n_stations"]) for r in store.query("SELECT area, pm25, n_stations FROM area_daily")}
    assert area == {"区": (70.0, 1), "乙街道": (90.0, 1)}  # B left the district's network on 04-30


def test_dust_days_leave_the_excluding_variant(store, tmp_path):
    rows = [r for d in range(3) for r in hours("A", datetime(2024, 4, 1 + d), 24, pm25=300 if d == 1 else 30)]
    store.set_membership([("A", "区", None, None)])
    store.set_exclusions([("*", date(2024, 4, 2), "dust")])
    store.ingest(write_csv(tmp_path / "d.csv", rows))
    store.compute()
    got = {r["exclusion"]: (r["pm25_mean"], r["heavy_days"], r["aqi_days"]) for r in store.query(
        "SELECT * FROM stats WHERE kind = 'month'")}
    assert got == {"none": (120.0, 1, 3), "dust": (30.0, 0, 2)}


def test_cnemc_wide_format_with_hour_ending_labels(store, tmp_path):
    path = REAL / "cnemc_station_hourly_snapshots" / "cnemc_stations_2017-07-07T16.csv"
    if not path.exists():
        pytest.skip("CNEMC snapshot not found")
    report = store.ingest(path, "cnemc", check_registry=False)
    assert report.stations >= 1490
    assert str(report.first) == "2017-07-07 15:00:00"  # "16时" covers 15:00–16:00
    missing = store.query("SELECT count(*) AS n FROM read_parquet(?) WHERE pm25 IS NULL",
                          [str(next((store.folder / "hourly").glob("*.parquet")))])[0]["n"]
    assert missing > 0 and not report.flags  # "-;" is the feed's missing marker, not an error


def test_missing_columns_name_the_file(store, tmp_path):
    bad = write_csv(tmp_path / "cols.csv", [["S", "2024-01-01 00:00:00", 1]], header=["station", "time", "pm25x"])
    with pytest.raises(IngestError, match="cols.csv: column"):
        store.ingest(bad)


def test_hourly_aqi_matches_the_reference(store, tmp_path):
    rows = list(hours("S1", datetime(2024, 5, 1), 48, so2=lambda t: 5 + t.hour, no2=40, co="0.9",
                      o3=lambda t: 60 + 8 * t.hour, pm10=lambda t: 80 + t.hour, pm25=lambda t: 30 + 2 * t.hour))
    store.ingest(write_csv(tmp_path / "h.csv", rows), check_registry=False)
    got = store.hourly_aqi(["S1"], datetime(2024, 5, 2, 12), datetime(2024, 5, 2, 23))
    assert len(got) == 12
    last = got[-1]  # 2024-05-02 23:00, 2012 rules: PM 24-h moving means, O3 8-h moving mean
    pm25_24 = Decimal(sum(30 + 2 * h for h in range(24))) / 24
    o3_8 = Decimal(sum(60 + 8 * h for h in range(16, 24))) / 8
    P = packs.get("2012").aqi
    ref = aqi.hourly_aqi(P, {"so2_1h": 28, "no2_1h": 40, "co_1h": Decimal("0.9"), "o3_1h": 60 + 8 * 23,
                             "o3_8h": o3_8, "pm25_24h_moving": pm25_24,
                             "pm10_24h_moving": Decimal(sum(80 + h for h in range(24))) / 24,
                             "so2_24h": Decimal(sum(5 + h for h in range(24))) / 24})
    assert last["aqi"] == ref.aqi and last["category"] == ref.category
    assert set(last["primary_pollutant"].split(",")) == set(ref.primary_text.split(","))
    after = store.hourly_aqi(["S1"], datetime(2026, 3, 1), datetime(2026, 3, 2))
    assert after == []  # no data then: nothing invented


def test_long_format_xlsx_and_a_declared_mapping(store, tmp_path):
    from openpyxl import Workbook

    from ecoplan.analytics.ingest import Mapping

    book = Workbook()
    sheet = book.active
    sheet.append(["站点", "时间", "污染物", "浓度"])
    for h in range(24):
        sheet.append(["甲站", f"2024-05-01 {h + 1:02d}:00", "PM2.5", 40])
        sheet.append(["甲站", f"2024-05-01 {h + 1:02d}:00", "CO", 0.8])
    sheet.append(["甲站", "2024-05-01 05:00", "PM2.5", 41])  # the same value twice
    sheet.append(["甲站", "2024-05-01 06:00", "苯", 3])  # not a pollutant of the table
    path = tmp_path / "long.xlsx"
    book.save(path)
    toml = tmp_path / "mapping.toml"
    toml.write_text('[mapping]\nformat = "long"\nstation = "站点"\ntime = "时间"\nhour_label = "end"\n'
                    'pollutant_column = "污染物"\nvalue_column = "浓度"\n'
                    'pollutant_names = {"PM2.5" = "pm25", "CO" = "co"}\n', "utf-8")
    report = store.ingest(path, Mapping.from_toml(toml), check_registry=False)
    assert report.hours == 24 and str(report.first) == "2024-05-01 00:00:00"  # "01:00" ends the first hour
    assert report.flags == {"duplicate value (largest kept)": 1, "unknown pollutant": 1}
    store.compute()
    day = store.query("SELECT pm25, co, n_pm25 FROM daily")[0]
    assert (day["n_pm25"], day["co"]) == (24, 0.8) and day["pm25"] == pytest.approx(40.042, abs=0.001)


def test_days_before_the_nationwide_date_follow_the_2012_rules(store, tmp_path):
    """Regression: GB 3095-2012 applied in Beijing from 2013 but its pack starts on 2016-01-01;
    days in between got no daily values.  Before the 2012 rules were issued, days are counted."""
    rows = (list(hours("S1", datetime(2013, 3, 1), 24, so2=5, no2=20, co="0.4", o3=60, pm10=50, pm25=70))
            + list(hours("S1", datetime(2011, 6, 1), 24, so2=5, no2=20, co="0.4", o3=60, pm10=50, pm25=70)))
    store.set_membership([("S1", "甲街道", None, None)])
    store.ingest(write_csv(tmp_path / "early.csv", rows))
    counts = store.compute()
    got = {r["day"]: (r["aqi"], r["rule_set"][:11]) for r in store.query("SELECT day, aqi, rule_set FROM daily")}
    assert got == {date(2013, 3, 1): (94, "HJ 633-2012")}
    assert counts["days_before_rules"] == 1
    assert store.query("SELECT count(*) AS n FROM area_daily WHERE day = DATE '2013-03-01'") == [{"n": 1}]


def test_uci_preset_reads_hours_as_hour_ending(store, tmp_path):
    """UCI hour h covers h−1 … h: hour 0 is 23:00–24:00 of the day before (issue #9: hour-ending
    matches the published Beijing daily PM2.5 on 76 % of days, hour-starting on 17 %)."""
    header = ["No", "year", "month", "day", "hour", "PM2.5", "PM10", "SO2", "NO2", "CO", "O3", "station"]
    rows = [[i + 1, 2016, 1, 2, h, 40 if h else 400, 60, 5, 30, 800, 50, "Dongsi"] for i, h in enumerate(range(24))]
    report = store.ingest(write_csv(tmp_path / "uci.csv", rows, header=header), "uci", check_registry=False)
    assert str(report.first) == "2016-01-01 23:00:00" and str(report.last) == "2016-01-02 22:00:00"
    assert report.days == [date(2016, 1, 1), date(2016, 1, 2)]
    kept = store.query("SELECT ts, pm25, co FROM read_parquet(?) ORDER BY ts LIMIT 1",
                       [str(next((store.folder / "hourly").glob("*.parquet")))])
    assert kept == [{"ts": datetime(2016, 1, 1, 23), "pm25": 400.0, "co": 0.8}]  # CO µg/m³ → mg/m³
