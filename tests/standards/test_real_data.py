"""Real published data (../shared/data/real, see SOURCES.md) reproduced by the reference."""
import csv
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from ecoplan.standards import aqi, packs

REAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "real"
P2012 = packs.get("2012").aqi


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared/data/real is not beside the clone")
    return path


def _num(text):
    return None if text in ("", "-;", "-", "—") else text


@pytest.mark.parametrize("name", ["cnemc_stations_2017-07-07T16.csv", "cnemc_stations_2018-02-20T07.csv"])
def test_cnemc_hourly_snapshot_every_station(name):
    """Published hourly AQI, level and 首要污染物 for every station with a published AQI.
    Feed quirk (SOURCES.md §3): ``o3_24h`` is the latest 1-h O3."""
    rows = list(csv.DictReader(need(REAL / "cnemc_station_hourly_snapshots" / name).open(encoding="utf-8")))
    checked = Counter()
    for row in rows:
        if _num(row["aqi"]) is None or row["aqi"] == "0":
            continue
        conc = {"so2_1h": _num(row["so2"]), "no2_1h": _num(row["no2"]), "co_1h": _num(row["co"]),
                "o3_1h": _num(row["o3_24h"]), "pm25_24h_moving": _num(row["pm2_5"]),
                "pm10_24h_moving": _num(row["pm10"]), "so2_24h": _num(row["so2_24h"])}
        iaqis = {s: aqi.iaqi(P2012, s, conc[s], conc) for s in conc if s != "so2_24h"}
        result = aqi.aqi(P2012, iaqis)
        checked["stations"] += 1
        checked["aqi"] += result.aqi == int(row["aqi"])
        checked["level"] += result.category == row["quality"]
        published = "" if row["primarypollutant"] == "-;" else row["primarypollutant"]
        names = {"pm25_24h_moving": "细颗粒物(PM2.5)", "pm10_24h_moving": "颗粒物(PM10)"}
        mine = ",".join(sorted(names.get(s, aqi.PRIMARY_NAMES.get(s, aqi.PRIMARY_NAMES.get(s.split("_")[0])))
                               for s in result.primary))
        checked["primary"] += mine == ",".join(sorted(published.split(","))) if published else mine == ""
    assert checked["stations"] > 1400
    assert checked["aqi"] == checked["stations"], checked
    assert checked["level"] == checked["stations"], checked
    assert checked["primary"] == checked["stations"], checked


def _aqistudy_rows():
    folder = need(REAL / "aqistudy_daily_30cities_2014_2018" / "AQI_maincity")
    for path in sorted(folder.glob("*.csv")):
        for row in csv.DictReader(path.open(encoding="utf-8")):
            yield path.stem, row


def daily_match(period_start: date, period_end: date):
    total = match = 0
    for _, row in _aqistudy_rows():
        day = date.fromisoformat(row["date"])
        if not (period_start <= day <= period_end) or row["AQI"] in ("0", ""):
            continue
        conc = {"pm25_24h": row["PM2.5"], "pm10_24h": row["PM10"], "so2_24h": row["SO2"],
                "no2_24h": row["NO2"], "co_24h": row["CO"], "o3_8h_max": row["O3_8h"]}
        # O3 1-h max is not in the set: its IAQI cannot exceed the published AQI basis here
        result = aqi.daily_aqi(P2012, {k: v for k, v in conc.items() if v not in ("", None)})
        total += 1
        match += result.aqi == int(row["AQI"])
    return match, total


def test_aqistudy_daily_city_aqi_consistent_period():
    """SOURCES.md marks 2015-08 … 2016-12 as the must-reproduce set."""
    match, total = daily_match(date(2015, 8, 1), date(2016, 12, 31))
    assert total > 14000
    assert match / total >= 0.998, (match, total)
