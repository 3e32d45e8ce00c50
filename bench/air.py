"""Air engine benchmark: 1,000 stations × 1 year of hourly data (8.76 M rows, 6 pollutants).

Phases run in fresh processes (peak memory per phase):
  generate  deterministic synthetic hours with realistic gaps → Parquet (setup, not timed)
  engine    ingest (validate, write) + daily chain + area values + annual statistics
  floor     a plain DuckDB daily-mean GROUP BY on the same Parquet (the engine's floor)
  python    the same chain row by row in Python (validation, daily values, AQI by the reference,
            area means, annual statistics) on a sample of stations
Ratios are measured in the same run on the same machine.
"""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

STATIONS = 1000
YEAR = 2023
HOURS = 8760
PYTHON_SAMPLE = 5  # stations for the row-by-row baseline
REPEATS = 3


def generate(folder: Path, stations: int = STATIONS, year: int = YEAR, prefix: str = "S") -> Path:
    """A year of hourly rows for ``stations`` stations named ``S0000``…: winter peaks, noise, gaps."""
    import duckdb

    out = folder / "hours.parquet"
    con = duckdb.connect()
    # hash-based noise: deterministic, no RNG state; 2 % scattered gaps plus whole-day outages
    con.execute(f"""COPY (
        WITH g AS (
            SELECT s, h, TIMESTAMP '{year}-01-01' + to_hours(h) AS ts,
                   cos(2 * pi() * (h / 24 - 15) / 365.25) AS winter,
                   (hash(s, h) % 1000) / 1000.0 AS r1, (hash(h, s, 7) % 1000) / 1000.0 AS r2
            FROM range({stations}) a(s), range({HOURS}) b(h))
        SELECT '{prefix}' || lpad(CAST(s AS VARCHAR), 4, '0') AS station, strftime(ts, '%Y-%m-%d %H:%M:%S') AS time,
               round(4 + 3 * winter + 4 * r1) AS so2, round(25 + 10 * winter + 30 * r2) AS no2,
               round(0.5 + 0.3 * winter + r1 * 0.6, 1) AS co, round(40 + 60 * (1 - winter) * r2 + 20 * r1) AS o3,
               round(60 + 30 * winter + 80 * r1 * r2 + s % 20) AS pm10,
               round(30 + 18 * winter + 60 * r1 * r2 + s % 15) AS pm25
        FROM g WHERE hash(s, h, 3) % 100 >= 2 AND (h // 24 + s) % 97 <> 0
        ) TO '{out}' (FORMAT parquet)""")
    return out


def engine(folder: Path, data: Path) -> dict:
    from ecoplan.analytics.store import AirStore

    folder.mkdir(parents=True, exist_ok=True)
    store = AirStore(folder / "store")
    store.set_membership([(f"S{s:04d}", f"area{s // 10}", None, None) for s in range(STATIONS)]
                         + [(f"S{s:04d}", "district", None, None) for s in range(STATIONS)])
    t0 = time.perf_counter()
    report = store.ingest(data, "wide")
    t1 = time.perf_counter()
    counts = store.compute()
    t2 = time.perf_counter()
    store.close()
    return {"ingest_s": t1 - t0, "chain_s": t2 - t1, "total_s": t2 - t0, "hours": report.hours,
            "flags": report.flags, **counts}


def floor(folder: Path, data: Path) -> dict:
    import duckdb

    con = duckdb.connect()
    t0 = time.perf_counter()
    n = con.execute(f"""SELECT count(*) FROM (SELECT station, CAST(time AS DATE) AS day,
        avg(so2), avg(no2), avg(co), avg(o3), avg(pm10), avg(pm25)
        FROM read_parquet('{data}') GROUP BY ALL)""").fetchone()[0]
    return {"groupby_s": time.perf_counter() - t0, "groups": n}


def python(folder: Path, data: Path) -> dict:
    """The engine's chain, row by row in Python, on a sample of stations: validate each value
    (negative, impossible, duplicate hour), daily means (≥ 20 h), MDA8 (≥ 6 h windows, ≥ 14),
    daily AQI by the reference, the area mean of the stations, annual statistics."""
    from collections import defaultdict
    from datetime import datetime
    from decimal import Decimal

    import duckdb

    from ecoplan.analytics.ingest import IMPOSSIBLE
    from ecoplan.standards import aqi, assessment, packs

    rows = duckdb.connect().execute(f"""SELECT * FROM read_parquet('{data}')
        WHERE station < 'S{PYTHON_SAMPLE:04d}'""").fetchall()
    rules = packs.get("2012")
    names = ("so2", "no2", "co", "o3", "pm10", "pm25")
    t0 = time.perf_counter()
    hours, flags = {}, 0
    for station, time_text, *values in rows:
        ts = datetime.strptime(time_text, "%Y-%m-%d %H:%M:%S")
        if (station, ts) in hours:
            flags += 1
            continue
        clean = []
        for name, v in zip(names, values):
            if v is not None and (v < 0 or v > IMPOSSIBLE[name]):
                flags += 1
                v = None
            clean.append(v)
        hours[(station, ts)] = clean
    days = defaultdict(dict)
    for (station, ts), values in hours.items():
        days[(station, ts.date())][ts.hour] = values
    station_days = {}
    for key, by_hour in days.items():
        means = {}
        for i, name in enumerate(names):
            if name == "o3":
                continue
            vals = [v[i] for v in by_hour.values() if v[i] is not None]
            means[name] = Decimal(str(sum(vals) / len(vals))) if len(vals) >= 20 else None
        windows = []
        for end in range(7, 24):
            w = [by_hour[h][3] for h in range(end - 7, end + 1) if h in by_hour and by_hour[h][3] is not None]
            if len(w) >= 6:
                windows.append(sum(w) / len(w))
        means["o3_8h_max"] = Decimal(str(max(windows))) if len(windows) >= 14 else None
        o3 = [v[3] for v in by_hour.values() if v[3] is not None]
        means["o3_1h_max"] = max(o3) if len(o3) >= 20 else None
        station_days[key] = means
    area_days = defaultdict(list)
    for (_station, day), means in station_days.items():
        area_days[day].append(means)
    daily = []
    for _day, items in sorted(area_days.items()):
        area = {}
        for name in ("so2", "no2", "co", "pm10", "pm25", "o3_8h_max", "o3_1h_max"):
            vals = [m[name] for m in items if m[name] is not None]
            area[name] = sum(vals) / len(vals) if vals else None
        result = aqi.daily_aqi(rules.aqi, {"so2_24h": area["so2"], "no2_24h": area["no2"], "co_24h": area["co"],
                                           "pm10_24h": area["pm10"], "pm25_24h": area["pm25"],
                                           "o3_8h_max": area["o3_8h_max"], "o3_1h_max": area["o3_1h_max"]})
        daily.append((area["pm25"], result.aqi))
    pm = [p for p, _ in daily if p is not None]
    stats = {"pm25_mean": sum(pm) / len(pm), "pm25_p95": assessment.percentile(pm, 95),
             "good": assessment.good_day_ratio([a for _, a in daily], rules)}
    elapsed = time.perf_counter() - t0
    return {"python_s": elapsed, "rows": len(rows), "days": len(station_days), "flags": flags,
            "rows_per_s": len(rows) / elapsed, "pm25_mean": float(stats["pm25_mean"])}


def phase(name: str, folder: Path, data: Path) -> dict:
    """Run one phase in a fresh interpreter; return its result and peak memory."""
    code = (f"import json, resource, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import air; "
            f"from pathlib import Path; r = air.{name}(Path({str(folder)!r}), Path({str(data)!r})); "
            "r['peak_rss_mib'] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1); "
            "print(json.dumps(r, default=str))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    data = generate(folder)
    results = {"stations": STATIONS, "hours_per_station": HOURS, "year": YEAR}
    # three runs each, fresh processes; the median run is reported, with the spread
    runs = {name: sorted((phase(name, folder / f"{name}{i}", data) for i in range(REPEATS)),
                         key=lambda r: r[key])
            for name, key in (("engine", "total_s"), ("floor", "groupby_s"), ("python", "python_s"))}
    for name, key in (("engine", "total_s"), ("floor", "groupby_s"), ("python", "python_s")):
        results[name] = runs[name][REPEATS // 2]
        results[name]["spread_s"] = [round(r[key], 2) for r in runs[name]]
    e, f, p = results["engine"], results["floor"], results["python"]
    engine_rows_per_s = e["hours"] / e["total_s"]
    results["ratios"] = {
        "chain_vs_groupby": round(e["chain_s"] / f["groupby_s"], 2),
        "total_vs_groupby": round(e["total_s"] / f["groupby_s"], 2),
        "engine_vs_python_rows_per_s": round(engine_rows_per_s / p["rows_per_s"], 1),
    }
    results["goals"] = {"whole chain < 10 s": e["total_s"] < 10,
                        "chain ≤ 3× group-by": results["ratios"]["chain_vs_groupby"] <= 3,
                        "≥ 100× row-by-row Python": results["ratios"]["engine_vs_python_rows_per_s"] >= 100}
    return results
