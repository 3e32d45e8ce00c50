"""Real-time (hourly) AQI of a station or an area."""
from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from ecoplan.standards import packs
from ecoplan.vocabulary.pollutants import BY_CODE as SERIES
from ecoplan.vocabulary.pollutants import CODES as POLLUTANTS
from ecoplan.vocabulary.pollutants import HOURLY_COLUMNS, by_table

from .sql import iaqi_expr, level_expr

if TYPE_CHECKING:  # the store calls this module: no import at run time
    from .store import AirStore


def hourly_aqi(store: AirStore, stations: list[str], start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Real-time AQI of a station or an area (the mean of its stations' hourly values) for the
    hours in [start, end], under the rule set in force each hour.

    HJ 633-2012 5.1.3: 1-h SO2/NO2/CO/O3, the O3 8-h moving mean, the PM 24-h moving means;
    HJ 633-2026 4.2.3: the six 1-h values, PM on the daily breakpoints.  Moving means need
    ≥ 6 of 8 and ≥ 20 of 24 hours (GB 3095 表4)."""
    if not stations:
        return []
    listing = ", ".join("?" for _ in stations)
    c = store.con
    assessment = packs.assessment()
    c.execute(f"""CREATE OR REPLACE TEMP TABLE hourly_area AS
        WITH h AS (SELECT ts, {', '.join(f"avg({p}) AS {p}" for p in POLLUTANTS)},
                          count(*) AS n_stations
                   FROM {store.hourly_relation()} WHERE station IN ({listing})
                   AND ts BETWEEN ? - INTERVAL 23 HOUR AND ? GROUP BY ts)
        SELECT ts, CAST(ts AS DATE) AS day, n_stations, so2, no2, co, o3, pm10, pm25,
               CASE WHEN count(o3) OVER w8 >= {assessment.o3_8h_min_hours} THEN avg(o3) OVER w8 END AS o3_8h,
               CASE WHEN count(pm25) OVER w24 >= {assessment.daily_min_hours} THEN avg(pm25) OVER w24 END AS pm25_24h,
               CASE WHEN count(pm10) OVER w24 >= {assessment.daily_min_hours} THEN avg(pm10) OVER w24 END AS pm10_24h,
               CASE WHEN count(so2) OVER w24 >= {assessment.daily_min_hours} THEN avg(so2) OVER w24 END AS so2_24h
        FROM h WINDOW w8 AS (ORDER BY ts RANGE BETWEEN INTERVAL 7 HOUR PRECEDING AND CURRENT ROW),
                      w24 AS (ORDER BY ts RANGE BETWEEN INTERVAL 23 HOUR PRECEDING AND CURRENT ROW)""",
              [*stations, start, end])
    columns = HOURLY_COLUMNS
    others = by_table(HOURLY_COLUMNS)  # so2_24h → so2_24h, o3_1h → o3
    selects = []
    for rules in packs.rule_sets().values():
        pack = rules.aqi
        first = rules.limits.effective_from
        last = rules.limits.effective_to or date(9999, 12, 31)
        iaqis = [iaqi_expr(pack, s, columns[s], others) for s in pack.hourly_series]
        primary = "concat_ws(',', " + ", ".join(
            f"CASE WHEN _aqi > 50 AND {expr} = _aqi THEN "
            f"'{SERIES[s].primary_name}' END"
            for s, expr in zip(pack.hourly_series, iaqis)) + ")"
        selects.append(f"""SELECT ts, n_stations, pm25, pm10, o3, _aqi AS aqi, {primary} AS primary_pollutant,
                {level_expr(pack, '_aqi', 'category')} AS category, {level_expr(pack, '_aqi', 'colour')} AS colour,
                '{rules.id}' AS rule_set
            FROM (SELECT *, greatest({', '.join(iaqis)}) AS _aqi FROM hourly_area
                  WHERE day BETWEEN DATE '{first}' AND DATE '{last}' AND ts >= ?)""")
    return store.query(" UNION ALL ".join(selects) + " ORDER BY ts", [start] * len(selects))

