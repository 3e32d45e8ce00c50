"""Read-side queries of the air store for the pages (one place, plain SQL)."""
from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext

from ecoplan.plans.models import Area
from ecoplan.standards import packs
from ecoplan.vocabulary.pollutants import CATEGORY_LABELS

from .store import area_key

STREET_FIGURES = ["pm25_mean", "pm25_days", "pm25_p95", "pm10_mean", "no2_mean", "o3_8h_p90",
                  "good_days", "aqi_days", "heavy_days"]


def area_daily(store, area: Area, year: int) -> list[dict]:
    if not store.has("area_daily"):
        return []
    return store.query("""SELECT day, aqi, category, colour, primary_pollutant, pm25, pm10, o3_8h_max,
            n_pm25, n_stations, rule_set FROM area_daily WHERE basis = 'in_force' AND area = ?
            AND year(day) = ? ORDER BY day""", [area_key(area), year])


def cumulative_pm25(days: list[dict]) -> list[tuple]:
    """Year-to-date PM2.5 mean after each day (累计浓度), over valid days."""
    total = n = 0
    out = []
    for d in days:
        if d["pm25"] is not None:
            total += d["pm25"]
            n += 1
        out.append((d["day"].isoformat(), round(total / n, 1) if n else None))
    return out


def sub_area_stats(store, district: Area, year: int) -> list[dict]:
    children = {area_key(a): a for a in district.children.all()}
    if not children or not store.has("stats"):
        return []
    rows = store.query(f"""SELECT area, rule_sets, last_day, {', '.join(STREET_FIGURES)} FROM stats
        WHERE kind = 'year' AND label = ? AND basis = 'in_force' AND exclusion = 'none'
        AND area IN ({', '.join('?' for _ in children)}) ORDER BY pm25_mean""",
        [str(year), *children])
    for row in rows:
        row["area_obj"] = children[row["area"]]
        row["good_ratio"] = round(100 * row["good_days"] / row["aqi_days"], 1) if row["aqi_days"] else None
    return rows


def station_daily(store, code: str, year: int) -> list[dict]:
    if not store.has("daily"):
        return []
    return store.query("""SELECT day, pm25, n_pm25, pm10, n_pm10, o3_8h_max, n_o3_windows, aqi, category,
            colour, primary_pollutant, rule_set FROM daily WHERE basis = 'in_force' AND station = ?
            AND year(day) = ? ORDER BY day""", [code, year])


def station_flags(store, code: str) -> list[dict]:
    return store.query("""SELECT file, _row AS row, ts, field, issue, value FROM flags WHERE station = ?
        ORDER BY ts LIMIT 500""", [code])


def latest_hours(store, stations: list[str], hours: int = 24) -> list[dict]:
    """Real-time AQI of the last ``hours`` hours with data (an area: the mean of its stations)."""
    last = store.latest_hour(stations)
    if last is None:
        return []
    return store.hourly_aqi(stations, last - timedelta(hours=hours - 1), last)


def level_scale(year: int) -> list[dict]:
    """The AQI levels of the rule pack in force at the end of ``year`` (HJ 633 表2) as the
    calendar's colour scale: the colours come from the pack, never from the page."""
    pieces, low = [], 0
    for lv in packs.rules_for(date(year, 12, 31)).aqi.levels:
        label = gettext(CATEGORY_LABELS[lv.category]) if lv.category in CATEGORY_LABELS else lv.category
        pieces.append({"min": low, "max": lv.max_aqi, "color": lv.colour, "label": label})
        low = lv.max_aqi + 1
    return pieces
