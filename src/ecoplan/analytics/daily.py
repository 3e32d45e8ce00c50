"""Daily values: per station and day, then per area (HJ 633 / GB 3095), one SQL statement a step.

* ``compute_daily``: 24-h means valid with ≥ 20 hours, O3 1-h max, O3 8-h moving means valid with
  ≥ 6 hours and MDA8 over the 17 windows ending 08:00…24:00 (valid with ≥ 14), then IAQI, AQI,
  level and 首要污染物 under the rule set in force that day (or a chosen one);
* ``compute_area_daily``: the mean over an area's valid stations of each daily value (membership
  effective-dated), then AQI from those area means (never an average of station AQIs).
"""
from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ecoplan.standards import packs
from ecoplan.vocabulary.pollutants import BY_CODE as SERIES
from ecoplan.vocabulary.pollutants import CODES as POLLUTANTS
from ecoplan.vocabulary.pollutants import DAILY_MEANS, DAILY_SERIES, by_table

from .sql import iaqi_expr, level_expr

if TYPE_CHECKING:  # the store calls this module: no import at run time
    from .store import AirStore

CONCENTRATIONS = tuple(DAILY_SERIES)  # the daily table's concentration columns


def mean_expr(total: str, count: str) -> str:
    """Mean of integer milli-units, rounded half-even to 0.001 (GB/T 8170), as a value."""
    return f"(round_even({total} / {count}, 0) / 1000)"


def day_filter(store: AirStore, column: str, days: list[date] | None) -> str:
    """SQL condition for the days to recompute; fills TEMP TABLE wanted_days, which the area
    and statistics steps of the same `compute` read."""
    if days is None:
        return "true"
    store.con.execute("CREATE OR REPLACE TEMP TABLE wanted_days(day DATE)")
    if days:  # no days (e.g. no dust day registered): the table stays empty, nothing recomputed
        store.con.executemany("INSERT INTO wanted_days VALUES (?)", [[d] for d in sorted(set(days))])
    return f"{column} IN (SELECT day FROM wanted_days)"

def _rule_sets(rule_set: str | None) -> list[packs.RuleSet]:
    return [packs.get(rule_set)] if rule_set else list(packs.rule_sets().values())

def _aqi_columns(rules: packs.RuleSet) -> tuple[str, str, str, str, str]:
    """IAQI per daily series, AQI, level, colour, 首要污染物 under one rule set.  The AQI is
    computed from the IAQI columns (``_i_…``), not by repeating their expressions."""
    pack = rules.aqi
    wanted = list(pack.daily_series)
    col = {s: next(c for c, ser in DAILY_SERIES.items() if ser == s) for s in wanted}
    others = by_table({s: c for c, s in DAILY_SERIES.items()})  # o3_1h → o3_1h_max, so2_24h → so2
    iaqis = {s: iaqi_expr(pack, s, col[s], others) for s in wanted}
    aqi_raw = "greatest(" + ", ".join(f"_i_{col[s]}" for s in wanted) + ")"
    any_missing = " OR ".join(f"{col[s]} IS NULL" for s in wanted)
    if pack.pre_round == "gb8170":  # HJ 633-2026 5.3.1: NA unless > 100 when data are missing
        # no IAQI at all is no AQI (greatest() skips NULLs: greatest(NULL, 1) would make it 1, 优)
        aqi = (f"CASE WHEN {aqi_raw} IS NULL OR (({any_missing}) AND {aqi_raw} <= 100) THEN NULL "
               f"ELSE greatest({aqi_raw}, {pack.aqi_min}) END")
    else:
        aqi = aqi_raw
    primary = "concat_ws(',', " + ", ".join(
        f"CASE WHEN _aqi > 50 AND _i_{col[s]} = _aqi THEN '{SERIES[s].primary_name}' END"
        for s in wanted) + ")"
    columns = [f"{iaqis[s]} AS _i_{c}" if s in iaqis else f"NULL::INTEGER AS _i_{c}"
               for c, s in DAILY_SERIES.items()]  # the same columns under every rule set
    return (", ".join(columns), aqi, primary,
            level_expr(pack, "_aqi", "category"), level_expr(pack, "_aqi", "colour"))

def compute_daily(store: AirStore, days: list[date] | None, rule_set: str | None) -> None:
    c = store.con
    where = day_filter(store, "CAST(ts AS DATE)", days)
    rules = packs.assessment()
    hours, window_hours = rules.daily_min_hours, rules.o3_8h_min_hours
    milli = ", ".join(f"CAST(round({p} * 1000) AS BIGINT) AS {p}" for p in POLLUTANTS)
    means = ", ".join(f"count({p}) AS n_{p}, {mean_expr(f'sum({p})', f'count({p})')} AS {p}_avg"
                      for p in DAILY_MEANS)
    valid = ", ".join(f"CASE WHEN n_{p} >= {hours} THEN {p}_avg END AS {p}, n_{p}"
                      for p in DAILY_MEANS)
    # O3 by hour of day, pivoted in the same pass: the 8-h windows are then plain arithmetic
    o3_hours = ", ".join(f"max(o3) FILTER (WHERE hr = {k}) AS o3_{k}" for k in range(24))
    windows = []  # window ending at hour k covers k-7 … k (GB 3095 3.8); 17 windows, k = 7 … 23
    for k in rules.mda8_last_hours:
        cells = [f"o3_{j}" for j in range(k - 7, k + 1)]
        total = " + ".join(f"coalesce({c}, 0)" for c in cells)
        count = " + ".join(f"CAST({c} IS NOT NULL AS INTEGER)" for c in cells)
        windows.append((f"({total})", f"({count})"))
    window_means = ", ".join(  # 表4: a window needs ≥ 6 hourly values
        f"CASE WHEN {n} >= {window_hours} THEN {mean_expr(t, n)} END" for t, n in windows)
    window_valid = " + ".join(f"CAST({n} >= {window_hours} AS INTEGER)" for _, n in windows)
    c.execute(f"""CREATE OR REPLACE TEMP TABLE daily_conc AS
        WITH h AS (  -- integer milli-units: exact sums, exact half-even rounding of the means
            SELECT station, CAST(ts AS DATE) AS day, hour(ts) AS hr, {milli}
            FROM {store.hourly_relation()} WHERE {where}),
        d AS (  -- GB 3095 表4: a daily mean needs ≥ 20 hourly values
            SELECT station, day, {means}, count(o3) AS n_o3, max(o3) / 1000 AS o3_1h_max, {o3_hours}
            FROM h GROUP BY station, day),
        m AS (  -- MDA8: the largest valid 8-h mean of the day, valid with ≥ 14 windows (HJ 663 practice)
            SELECT *, greatest({window_means}) AS o3_8h_all, {window_valid} AS n_o3_windows FROM d)
        SELECT station, day, {valid},
          CASE WHEN n_o3 >= {hours} THEN o3_1h_max END AS o3_1h_max, n_o3,
          CASE WHEN n_o3_windows >= {rules.mda8_min_windows} THEN o3_8h_all END AS o3_8h_max, n_o3_windows
        FROM m""")
    with_aqi(store, "daily_conc", "daily", ["station", "day"], days, rule_set)

def with_aqi(store: AirStore, source: str, target: str, keys: list[str], days: list[date] | None,
             rule_set: str | None) -> None:
    """Add IAQI/AQI/level/primary under each rule set (in force that day, or the one asked)."""
    c = store.con
    selects = []
    # basis 'in_force': each day under the rule set in force that day; otherwise one set
    basis = rule_set or "in_force"
    for rules in _rule_sets(rule_set):
        iaqis, aqi, primary, category, colour = _aqi_columns(rules)
        start = packs.applied_from(rules)
        end = rules.limits.effective_to or date(9999, 12, 31)
        in_force = "true" if rule_set else f"day BETWEEN DATE '{start}' AND DATE '{end}'"
        selects.append(f"""
            SELECT *, {primary} AS primary_pollutant, {category} AS category, {colour} AS colour,
                   '{rules.id}' AS rule_set, '{basis}' AS basis
            FROM (SELECT *, {aqi} AS _aqi FROM (SELECT *, {iaqis} FROM {source} WHERE {in_force}))""")
    body = " UNION ALL ".join(selects)
    if not store.has(target):
        c.execute(f"CREATE TABLE {target} AS SELECT * RENAME (_aqi AS aqi) FROM ({body}) LIMIT 0")
    if days is None and rule_set is None:
        c.execute(f"DELETE FROM {target} WHERE basis = 'in_force'")
    else:
        conditions = []
        if days is not None:
            conditions.append("day IN (SELECT day FROM wanted_days)")
        conditions.append(f"basis = '{basis}'")
        c.execute(f"DELETE FROM {target} WHERE " + " AND ".join(conditions))
    c.execute(f"INSERT INTO {target} BY NAME SELECT * RENAME (_aqi AS aqi) FROM ({body})")


def compute_area_daily(store: AirStore, days: list[date] | None, rule_set: str | None) -> None:
    where = "true" if days is None else "d.day IN (SELECT day FROM wanted_days)"
    store.con.execute(f"""CREATE OR REPLACE TEMP TABLE area_conc AS
        SELECT m.area, d.day,
          {', '.join(f"{mean_expr(f'sum(CAST(round(d.{p} * 1000) AS BIGINT))', f'count(d.{p})')} AS {p}, count(d.{p}) AS n_{p}" for p in CONCENTRATIONS)},
          count(DISTINCT d.station) AS n_stations
        FROM daily_conc d
        JOIN membership m ON m.station = d.station
          AND (m.valid_from IS NULL OR d.day >= m.valid_from) AND (m.valid_to IS NULL OR d.day <= m.valid_to)
        WHERE {where}
        GROUP BY m.area, d.day""")
    with_aqi(store, "area_conc", "area_daily", ["area", "day"], days, rule_set)


def area_daily_under(rule_set: str) -> str:
    """The in-force area-days recomputed under one rule set, as a relation (no table written):
    the same daily concentrations, their IAQI, AQI, level and 首要污染物 under ``rule_set`` — the
    2012 and 2026 rules side by side for any area and window (``ecoplan air compare-rules``)."""
    rules = packs.get(rule_set)
    iaqis, aqi, primary, category, colour = _aqi_columns(rules)
    columns = ", ".join(CONCENTRATIONS)
    return f"""SELECT area, day, {columns}, _aqi AS aqi, {primary} AS primary_pollutant, {category} AS category,
            {colour} AS colour, '{rules.id}' AS rule_set, '{rules.name}' AS basis
        FROM (SELECT *, {aqi} AS _aqi FROM (SELECT *, {iaqis} FROM
              (SELECT area, day, {columns} FROM area_daily WHERE basis = 'in_force')))"""
