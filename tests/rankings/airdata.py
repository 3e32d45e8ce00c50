"""Data for the source tests: streets, stations, and a small air store of synthetic area-days (an
hourly CSV ingested and computed as the monitoring app does it); the district and the English
fixture come from conftest.py."""
import csv
from datetime import date, datetime, timedelta

from ecoplan.monitoring.models import ExclusionDay, Station, StationMembership
from ecoplan.monitoring.store import open_store, sync_registry
from ecoplan.plans.models import Area

HEADER = ["station", "time", "so2", "no2", "co", "o3", "pm10", "pm25"]
CLEAN = {"so2": 10, "no2": 20, "co": 1.0, "o3": 100, "pm10": 50, "pm25": 30}


def street(district, name):
    return Area.objects.create(name=name, kind=Area.Kind.SUB_AREA, parent=district)


def station(area, code):
    s = Station.objects.create(code=code, name=code)
    StationMembership.objects.create(station=s, area=area)
    return s


def day_rows(code, days, **values):
    """24 hourly rows a day of each of ``days``; a value may be a function of the day."""
    for day in days:
        row = {**CLEAN, **{p: (v(day) if callable(v) else v) for p, v in values.items()}}
        for h in range(24):
            ts = datetime(day.year, day.month, day.day) + timedelta(hours=h)
            yield [code, ts.strftime("%Y-%m-%d %H:%M:%S")] + [row[p] for p in HEADER[2:]]


def days_of(start: date, n: int):
    return [start + timedelta(days=i) for i in range(n)]


def load(path, rows):
    """Write the hours, push the registry and compute the store (under settings.DATA_DIR)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    with open_store() as store:
        sync_registry(store)
        store.ingest(path, "wide")
        store.compute()


def dust_day(day, area=None):
    ExclusionDay.objects.create(day=day, area=area, kind=ExclusionDay.Kind.DUST)
