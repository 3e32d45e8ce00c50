"""Synthetic, clearly labelled air data for the demo district (演示区): six stations in three
sub-areas, hourly, from 2025-01-01 to yesterday, with seasons, a daily cycle, pollution
episodes, gaps and two dust days.  Deterministic (fixed seed): the same day gives the same data.
Not real monitoring data: every station is marked synthetic and the pages say so."""
from __future__ import annotations

import csv
import math
import random
from datetime import date, datetime, timedelta
from pathlib import Path

from ecoplan.vocabulary import pollutants

DISTRICT = "演示区"
STATIONS = [  # code, name, sub-area, PM offset (µg/m³)
    ("DEMO01", "东湖公园（合成）", "东湖街道", -4.0),
    ("DEMO02", "东湖中学（合成）", "东湖街道", -2.0),
    ("DEMO03", "西山路（合成）", "西山街道", 1.0),
    ("DEMO04", "西山医院（合成）", "西山街道", 3.0),
    ("DEMO05", "南苑镇政府（合成）", "南苑镇", 8.0),
    ("DEMO06", "南苑工业园（合成）", "南苑镇", 14.0),
]
DUST_DAYS = [date(2026, 3, 28), date(2026, 4, 11)]


def write_registry(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "area", "district", "kind", "synthetic"])
        for code, name, area, _ in STATIONS:
            writer.writerow([code, name, area, DISTRICT, "evaluation", "true"])
    return path


def write_hours(path: Path, start: date, end: date, seed: int = 2026) -> Path:
    """Hourly rows station,time,so2,no2,co,o3,pm10,pm25 for start … end (inclusive)."""
    rng = random.Random(seed)
    episode = 0.0
    hours = int((datetime.combine(end, datetime.min.time()) - datetime.combine(start, datetime.min.time()))
                .total_seconds() // 3600) + 24
    weather = []  # one regional series shared by all stations: episodes are regional
    for _ in range(hours):
        episode = 0.97 * episode + rng.gauss(0, 4.0)
        weather.append(episode)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["station", "time", *pollutants.CODES])
        for code, _, _, offset in STATIONS:
            local = random.Random(f"{seed}-{code}")
            outage = local.randrange(hours - 48)
            for h in range(hours):
                ts = datetime.combine(start, datetime.min.time()) + timedelta(hours=h)
                if outage <= h < outage + 30 or local.random() < 0.01:
                    continue  # a 30-hour outage and 1 % scattered gaps
                doy = ts.timetuple().tm_yday
                winter = math.cos(2 * math.pi * (doy - 15) / 365.25)  # 1 in January, -1 in July
                trend = -2.0 if ts.year >= 2026 else 0.0  # the programme works: 2026 a bit cleaner
                pm25 = max(2.0, 26 + 12 * winter + offset + trend + 2.2 * weather[h]
                           + 6 * math.cos(2 * math.pi * (ts.hour - 22) / 24) + local.gauss(0, 5))
                dust = ts.date() in DUST_DAYS
                if dust:
                    pm25 *= 3.5
                pm10 = pm25 * (4.0 if dust else 1.6) + local.gauss(0, 6)
                sun = max(0.0, math.sin(math.pi * (ts.hour - 6) / 14)) if 6 <= ts.hour <= 20 else 0.0
                o3 = max(2.0, 30 + 60 * sun * (1 - winter) / 2 * 1.6 + local.gauss(0, 8))
                no2 = max(3.0, 30 + 10 * winter + offset * 0.8 - 10 * sun + local.gauss(0, 5))
                so2 = max(1.0, 4 + 2 * winter + local.gauss(0, 1))
                co = max(0.1, 0.6 + 0.3 * winter + pm25 / 200 + local.gauss(0, 0.05))
                writer.writerow([code, ts.strftime("%Y-%m-%d %H:%M:%S"), round(so2), round(no2),
                                 f"{co:.1f}", round(o3), round(max(pm25, pm10)), round(pm25)])
    return path


def load(folder: Path, until: date) -> dict:
    """Register the demo stations and dust days, ingest the synthetic hours, compute."""
    from ecoplan.plans.models import Area

    from .actions import do_add_exclusion_days, do_ingest_air, do_register_stations

    folder.mkdir(parents=True, exist_ok=True)
    do_register_stations(write_registry(folder / "demo-stations.csv"))
    run = do_ingest_air(write_hours(folder / "demo-hours.csv", date(2025, 1, 1), until),
                        "wide", compute=False)
    district = Area.objects.get(name=DISTRICT, parent=None)
    do_add_exclusion_days([d for d in DUST_DAYS if d <= until], district, "演示：合成沙尘过程")
    from .actions import do_compute

    counts = do_compute()
    return {"hours": run.hours, "stations": run.stations, **counts}


# -- water: synthetic sections of the demo district (GB 3838-2002), weekly samples -------------------
# code, name, sub-area, kind, level, target, river km, drinking source, base quality (0 clean … 1 poor)
WATER_SECTIONS = [
    ("DEMO-W01", "东湖（合成）", "东湖街道", "lake", "municipal", "Ⅲ", "", False, 0.35),
    ("DEMO-W02", "东湖水源地（合成）", "东湖街道", "lake", "municipal", "Ⅱ", "", True, 0.05),
    ("DEMO-W03", "西山河上游（合成）", "西山街道", "river", "municipal", "Ⅲ", "6.5", False, 0.25),
    ("DEMO-W04", "西山河下游（合成）", "西山街道", "river", "national", "Ⅳ", "8.0", False, 0.6),
    ("DEMO-W05", "南苑排干渠（合成）", "南苑镇", "river", "district", "Ⅳ", "4.2", False, 0.95),
]
WATER_ITEMS = ("temp", "ph", "do", "codmn", "cod", "bod5", "nh3n", "tp", "tn", "fluoride", "oil")


def write_water_registry(path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "district", "area", "water_body", "kind", "level", "target_class",
                         "river_km", "drinking_source", "synthetic"])
        for code, name, area, kind, level, target, km, drinking, _ in WATER_SECTIONS:
            writer.writerow([code, name, DISTRICT, area, name.split("（")[0].removesuffix("水源地")
                             .removesuffix("上游").removesuffix("下游"), kind, level, target, km,
                             "true" if drinking else "", "true"])
    return path


def write_water_samples(path: Path, start: date, end: date, seed: int = 2026) -> Path:
    """Weekly samples (each Monday) section,time,<items> from start to end: summer is worse
    (warm water holds less oxygen, runoff brings nutrients), 2026 a little better than 2025."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["section", "time", *WATER_ITEMS])
        day = start + timedelta(days=(7 - start.weekday()) % 7)
        while day <= end:
            summer = (1 - math.cos(2 * math.pi * (day.timetuple().tm_yday - 15) / 365.25)) / 2  # 0 Jan … 1 Jul
            better = 0.12 if day.year >= 2026 else 0.0
            for code, _, _, kind, _, _, _, _, base in WATER_SECTIONS:
                rng = random.Random(f"{seed}-{code}-{day.isoformat()}")
                q = max(0.0, base - better + 0.25 * summer + rng.gauss(0, 0.06))
                temp = 4 + 22 * summer + rng.gauss(0, 1)
                row = {"temp": f"{temp:.1f}", "ph": f"{7.4 + 0.4 * q + rng.gauss(0, 0.1):.2f}",
                       "do": f"{max(0.5, 11 - 3.5 * summer - 5 * q + rng.gauss(0, 0.3)):.2f}",
                       "codmn": f"{1.2 + 9 * q + rng.gauss(0, 0.2):.1f}",
                       "cod": f"{max(4.0, 8 + 28 * q + rng.gauss(0, 1)):.0f}",
                       "bod5": f"{max(0.5, 1 + 7 * q + rng.gauss(0, 0.2)):.1f}",
                       "nh3n": f"{max(0.02, 0.05 + 1.8 * q ** 2 + rng.gauss(0, 0.02)):.3f}",
                       "tp": f"{max(0.005, (0.01 if kind == 'lake' else 0.03) + (0.1 if kind == 'lake' else 0.3) * q ** 1.5 + rng.gauss(0, 0.004)):.3f}",
                       "tn": f"{0.4 + 2.5 * q + rng.gauss(0, 0.05):.2f}",
                       "fluoride": f"{0.3 + 0.4 * q:.2f}", "oil": f"{0.01 + 0.05 * q:.2f}"}
                writer.writerow([code, day.isoformat(), *[row[i] for i in WATER_ITEMS]])
            day += timedelta(days=7)
    return path


def demo_water(folder: Path, until: date) -> dict:
    """Register the synthetic demo sections (标注“合成”) and ingest a year and more of weekly
    samples (2025-01-01 … ``until``).  Idempotent: a second call finds the sections and stops."""
    from .models import WaterSection
    from .water_actions import do_ingest_water, do_register_water_sections

    if WaterSection.objects.filter(code=WATER_SECTIONS[0][0]).exists():
        return {"sections": 0, "samples": 0}
    folder.mkdir(parents=True, exist_ok=True)
    sections = do_register_water_sections(write_water_registry(folder / "demo-water-sections.csv"))
    run = do_ingest_water(write_water_samples(folder / "demo-water-samples.csv", date(2025, 1, 1), until))
    return {"sections": sections, "samples": run.samples}


# --- monthly measurements and the municipal ranking (synthetic) --------------------------------

MEASURE_SITES = [  # code, name, kind, sub-area (None: the district itself), level (t/km²·month or µg/m³)
    ("DEMO-J01", "东湖街道降尘缸（合成）", "dustfall_jar", "东湖街道", 3.9),
    ("DEMO-J02", "西山街道降尘缸（合成）", "dustfall_jar", "西山街道", 4.4),
    ("DEMO-J03", "南苑镇降尘缸一（合成）", "dustfall_jar", "南苑镇", 5.0),
    ("DEMO-J04", "南苑镇降尘缸二（合成）", "dustfall_jar", "南苑镇", 5.6),
    ("DEMO-T01", "东湖街道TSP（合成）", "tsp_site", "东湖街道", 70.0),
    ("DEMO-T02", "西山街道TSP（合成）", "tsp_site", "西山街道", 78.0),
    ("DEMO-T03", "南苑镇TSP（合成）", "tsp_site", "南苑镇", 95.0),
]
RANKED_TOTAL = 330  # places in the synthetic citywide ranking


def demo_measurements(folder: Path, until: date, seed: int = 2026) -> dict:
    """Synthetic, clearly labelled monthly measurements for the demo district: dust-fall jars and
    TSP sites from January 2025 to the last month ended before ``until`` (spring higher, the
    programme lowering 2026, one jar sample flagged sand-dust affected in the month of a dust day),
    and a citywide monthly ranking of its three sub-areas (PM2.5, TSP, road dust) whose positions
    follow their levels.  Written as files and ingested the way a bureau would
    (``ecoplan measure sites / ingest / ranking``); deterministic."""
    from .measurements import do_import_ranking, do_ingest_measurements, do_register_sites

    rng = random.Random(f"{seed}-measurements")
    folder.mkdir(parents=True, exist_ok=True)
    months = []
    y, m = 2025, 1
    while date(y, m, 1) < until.replace(day=1):
        months.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    sites = folder / "demo-measuring-sites.csv"
    with sites.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["code", "name", "kind", "area", "district", "synthetic"])
        for code, name, kind, area, _ in MEASURE_SITES:
            writer.writerow([code, name, kind, area or "", DISTRICT, "true"])
    do_register_sites(sites)
    dust_months = {d.replace(day=1) for d in DUST_DAYS}
    counts = {"sites": len(MEASURE_SITES)}
    for kind, indicator, header in (("dustfall_jar", "dustfall", "降尘量"), ("tsp_site", "tsp", "TSP")):
        path = folder / f"demo-{indicator}.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["点位编号", "月份", header, "备注"])
            for month in months:
                spring = 1.0 + 0.25 * max(0.0, math.cos(2 * math.pi * (month.month - 4) / 12))
                trend = 0.92 if month.year >= 2026 else 1.0
                for code, _, site_kind, _, level in MEASURE_SITES:
                    if site_kind != kind:
                        continue
                    dust = month in dust_months and code == "DEMO-J03"
                    value = level * spring * trend * rng.uniform(0.9, 1.1) * (2.0 if dust else 1.0)
                    writer.writerow([code, f"{month.year}年{month.month}月",
                                     f"{value:.1f}" if indicator == "dustfall" else f"{value:.0f}",
                                     "沙尘（合成）" if dust else ""])
        mapping = {"site": "点位编号", "month": "月份", "value": header, "flags": "备注"}
        counts[indicator] = do_ingest_measurements(path, indicator, mapping).rows
    ranking = folder / "demo-ranking.csv"
    subs = [("东湖街道", 0.2), ("西山街道", 0.55), ("南苑镇", 0.88)]  # where each sits in the city
    for pollutant in ("pm25", "tsp", "road_dust"):
        with ranking.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["month", "district", "sub_area", "position", "total"])
            for month in months:
                better = 0.04 if month.year >= 2026 else 0.0
                for name, share in subs:
                    place = min(RANKED_TOTAL, max(1, round(RANKED_TOTAL * (share - better + rng.uniform(-0.1, 0.1)))))
                    writer.writerow([f"{month:%Y-%m}", DISTRICT, name, place, RANKED_TOTAL])
        counts[f"ranking_{pollutant}"] = do_import_ranking(ranking, pollutant)["entries"]
    return counts
