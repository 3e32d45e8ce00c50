"""The bulk air engine: hourly Parquet → daily values → area values → period statistics.

Storage (under one folder): ``hourly/<batch>.parquet`` (validated input, one file per ingest),
``air.duckdb`` (flags, the station registry, the exclusion register and every computed table).
The chain, each step one SQL statement (GB 3095 / HJ 633 / HJ 663 clauses in the comments):

* ``daily``: per station and day, 24-h means valid with ≥ 20 hours, O3 1-h max, O3 8-h moving
  means valid with ≥ 6 hours and MDA8 over the 17 windows ending 08:00…24:00 (valid with ≥ 14),
  then IAQI, AQI, level and 首要污染物 under the rule set in force that day (or a chosen one);
* ``area_daily``: the mean over an area's valid stations of each daily value (membership
  effective-dated), then AQI from those area means (never an average of station AQIs);
* ``stats``: month / quarter / year-to-date / year: means, percentiles (HJ 663 formula =
  quantile_cont), valid-day counts, good days, heavy-pollution days, with and without the days
  in the exclusion register (扣除沙尘).

Incremental: ``compute(days=…)`` recomputes only the given days (an ingest returns the days it
touched) and the periods that contain them.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import duckdb

from ecoplan.standards import packs
from ecoplan.standards.aqi import PRIMARY_NAMES

from . import ingest as ingest_mod
from .sql import iaqi_expr, level_expr

DAILY_SERIES = {  # daily column → the series whose breakpoints apply
    "so2": "so2_24h", "no2": "no2_24h", "co": "co_24h", "pm10": "pm10_24h", "pm25": "pm25_24h",
    "o3_1h_max": "o3_1h_max", "o3_8h_max": "o3_8h_max",
}
CONCENTRATIONS = ("so2", "no2", "co", "pm10", "pm25", "o3_8h_max", "o3_1h_max")


def _mean(total: str, count: str) -> str:
    """Mean of integer milli-units, rounded half-even to 0.001 (GB/T 8170), as a value."""
    return f"(round_even({total} / {count}, 0) / 1000)"


@dataclass
class IngestReport:
    batch: str
    file: str
    rows: int
    hours: int
    stations: int
    first: object
    last: object
    flags: dict
    days: list[date]


class AirStore:
    """One folder of air data and results; safe to reopen."""

    def __init__(self, folder: Path | str, threads: int | None = None):
        self.folder = Path(folder)
        (self.folder / "hourly").mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect(str(self.folder / "air.duckdb"))
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self._schema()

    def close(self) -> None:
        self.con.close()

    # -- schema -----------------------------------------------------------------------------
    def _schema(self) -> None:
        c = self.con
        c.execute("""CREATE TABLE IF NOT EXISTS flags(batch VARCHAR, file VARCHAR, _row BIGINT,
            station VARCHAR, ts TIMESTAMP, field VARCHAR, issue VARCHAR, value VARCHAR)""")
        c.execute("""CREATE TABLE IF NOT EXISTS batches(batch VARCHAR, file VARCHAR, rows BIGINT,
            hours BIGINT, stations BIGINT, first_hour TIMESTAMP, last_hour TIMESTAMP, ingested_at TIMESTAMP DEFAULT now())""")
        c.execute("""CREATE TABLE IF NOT EXISTS membership(station VARCHAR, area VARCHAR,
            valid_from DATE, valid_to DATE)""")
        c.execute("""CREATE TABLE IF NOT EXISTS exclusions(area VARCHAR, day DATE, kind VARCHAR)""")

    def _hourly(self) -> str:
        files = sorted((self.folder / "hourly").glob("*.parquet"))
        if not files:
            return "(SELECT NULL::VARCHAR AS station, NULL::TIMESTAMP AS ts, " + ", ".join(
                f"NULL::DOUBLE AS {p}" for p in ingest_mod.POLLUTANTS) + " WHERE false)"
        listing = ", ".join(f"'{f}'" for f in files)
        if len(files) == 1:
            return f"read_parquet([{listing}])"
        # a later batch replaces an earlier one for the same station-hour
        return f"""(SELECT * EXCLUDE (k) FROM (SELECT *, row_number() OVER (PARTITION BY station, ts
            ORDER BY batch DESC) AS k FROM read_parquet([{listing}])) WHERE k = 1)"""

    # -- registry ---------------------------------------------------------------------------
    def set_membership(self, rows: list[tuple[str, str, date | None, date | None]]) -> None:
        """Station → area membership, effective-dated; an area is any name (street, district)."""
        self.con.execute("DELETE FROM membership")
        if rows:
            self.con.executemany("INSERT INTO membership VALUES (?, ?, ?, ?)", rows)

    def set_exclusions(self, rows: list[tuple[str, date, str]]) -> None:
        """Exclusion register (沙尘 days …): area ('*' = every area), day, kind."""
        self.con.execute("DELETE FROM exclusions")
        if rows:
            self.con.executemany("INSERT INTO exclusions VALUES (?, ?, ?)", rows)

    def stations(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT DISTINCT station FROM membership").fetchall()}

    # -- ingest -----------------------------------------------------------------------------
    def ingest(self, path: Path | str, mapping: ingest_mod.Mapping | str = "wide",
               check_registry: bool = True) -> IngestReport:
        path = Path(path)
        if not path.exists():
            raise ingest_mod.IngestError(f"{path}: no such file")
        if isinstance(mapping, str):
            if mapping not in ingest_mod.PRESETS:
                raise ingest_mod.IngestError(f"unknown mapping preset {mapping!r}")
            mapping = ingest_mod.PRESETS[mapping]
        batch = date.today().strftime("%Y%m%d") + "-" + uuid.uuid4().hex[:8]
        out = self.folder / "hourly" / f"{batch}.parquet"
        c = self.con
        c.execute("BEGIN")
        try:
            text = ingest_mod.typed_table(c, path, mapping)
            known = self.stations() if check_registry and self.stations() else None
            counts = ingest_mod.validate_and_write(c, batch, out, text, known, mapping.format == "long")
            c.execute(f"INSERT INTO flags SELECT '{batch}', * FROM batch_flags")
            c.execute("INSERT INTO batches (batch, file, rows, hours, stations, first_hour, last_hour) VALUES (?,?,?,?,?,?,?)",
                      [batch, path.name, counts["rows"], counts["hours"], counts["stations"],
                       counts["first"], counts["last"]])
            days = [r[0] for r in c.execute(
                f"SELECT DISTINCT CAST(ts AS DATE) FROM read_parquet('{out}') ORDER BY 1").fetchall()]
            c.execute("COMMIT")
        except Exception:
            c.execute("ROLLBACK")
            out.unlink(missing_ok=True)
            raise
        return IngestReport(batch, path.name, counts["rows"], counts["hours"], counts["stations"],
                            counts["first"], counts["last"], counts["flags"], days)

    def gaps(self, station: str | None = None, batch: str | None = None) -> list[tuple]:
        """Runs of missing hours per station between its first and last hour: (station, from, to,
        hours), for one station, or the stations of one ingest batch, or all."""
        where, params = "", []
        if station:
            where, params = "WHERE station = ?", [station]
        elif batch:
            where = ("WHERE station IN (SELECT DISTINCT station FROM read_parquet("
                     f"'{self.folder / 'hourly' / (batch + '.parquet')}'))")
        return self.con.execute(f"""
            WITH h AS (SELECT station, ts FROM {self._hourly()} {where}),
            n AS (SELECT station, ts, lead(ts) OVER (PARTITION BY station ORDER BY ts) AS nxt FROM h)
            SELECT station, ts + INTERVAL 1 HOUR AS gap_from, nxt - INTERVAL 1 HOUR AS gap_to,
                   CAST(date_diff('hour', ts, nxt) - 1 AS BIGINT) AS hours
            FROM n WHERE nxt IS NOT NULL AND date_diff('hour', ts, nxt) > 1 ORDER BY station, ts""",
            params).fetchall()

    # -- daily ------------------------------------------------------------------------------
    def compute(self, days: list[date] | None = None, rule_set: str | None = None) -> dict:
        """(Re)compute daily, area-daily and period statistics for ``days`` (None = all)."""
        # no step relies on row order (ingest does: its row numbers name the file's lines)
        self.con.execute("SET preserve_insertion_order = false")
        try:
            self._daily(days, rule_set)
            self._area_daily(days, rule_set)
            self._stats(days)
        finally:
            self.con.execute("SET preserve_insertion_order = true")
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("daily", "area_daily", "stats")}

    def _day_filter(self, column: str, days: list[date] | None) -> str:
        """SQL condition for the days to recompute; fills TEMP TABLE wanted_days, which the area
        and statistics steps of the same `compute` read."""
        if days is None:
            return "true"
        self.con.execute("CREATE OR REPLACE TEMP TABLE wanted_days(day DATE)")
        self.con.executemany("INSERT INTO wanted_days VALUES (?)", [[d] for d in sorted(set(days))])
        return f"{column} IN (SELECT day FROM wanted_days)"

    def _rule_sets(self, rule_set: str | None):
        return [packs.get(rule_set)] if rule_set else list(packs.rule_sets().values())

    def _aqi_columns(self, rules) -> tuple[str, str, str, str, str]:
        """IAQI per daily series, AQI, level, colour, 首要污染物 under one rule set.  The AQI is
        computed from the IAQI columns (``_i_…``), not by repeating their expressions."""
        pack = rules.aqi
        wanted = list(pack.daily_series)
        col = {s: next(c for c, ser in DAILY_SERIES.items() if ser == s) for s in wanted}
        others = {"o3_1h": "o3_1h_max", "so2_24h": "so2"}
        iaqis = {s: iaqi_expr(pack, s, col[s], others) for s in wanted}
        aqi_raw = "greatest(" + ", ".join(f"_i_{col[s]}" for s in wanted) + ")"
        any_missing = " OR ".join(f"{col[s]} IS NULL" for s in wanted)
        if pack.pre_round == "gb8170":  # HJ 633-2026 5.3.1: NA unless > 100 when data are missing
            aqi = f"CASE WHEN ({any_missing}) AND {aqi_raw} <= 100 THEN NULL ELSE greatest({aqi_raw}, {pack.aqi_min}) END"
        else:
            aqi = aqi_raw
        names = {"o3_1h_max": "o3_1h", "o3_8h_max": "o3_8h"}
        primary = "concat_ws(',', " + ", ".join(
            f"CASE WHEN _aqi > 50 AND _i_{col[s]} = _aqi THEN '{PRIMARY_NAMES[names.get(col[s], col[s])]}' END"
            for s in wanted) + ")"
        columns = [f"{iaqis[s]} AS _i_{c}" if s in iaqis else f"NULL::INTEGER AS _i_{c}"
                   for c, s in DAILY_SERIES.items()]  # the same columns under every rule set
        return (", ".join(columns), aqi, primary,
                level_expr(pack, "_aqi", "category"), level_expr(pack, "_aqi", "colour"))

    def _daily(self, days, rule_set) -> None:
        c = self.con
        where = self._day_filter("CAST(ts AS DATE)", days)
        rules = packs.assessment()
        hours, window_hours = rules.daily_min_hours, rules.o3_8h_min_hours
        milli = ", ".join(f"CAST(round({p} * 1000) AS BIGINT) AS {p}" for p in ingest_mod.POLLUTANTS)
        means = ", ".join(f"count({p}) AS n_{p}, {_mean(f'sum({p})', f'count({p})')} AS {p}_avg"
                          for p in ("so2", "no2", "co", "pm10", "pm25"))
        valid = ", ".join(f"CASE WHEN n_{p} >= {hours} THEN {p}_avg END AS {p}, n_{p}"
                          for p in ("so2", "no2", "co", "pm10", "pm25"))
        # O3 by hour of day, pivoted in the same pass: the 8-h windows are then plain arithmetic
        o3_hours = ", ".join(f"max(o3) FILTER (WHERE hr = {k}) AS o3_{k}" for k in range(24))
        windows = []  # window ending at hour k covers k-7 … k (GB 3095 3.8); 17 windows, k = 7 … 23
        for k in rules.mda8_last_hours:
            cells = [f"o3_{j}" for j in range(k - 7, k + 1)]
            total = " + ".join(f"coalesce({c}, 0)" for c in cells)
            count = " + ".join(f"CAST({c} IS NOT NULL AS INTEGER)" for c in cells)
            windows.append((f"({total})", f"({count})"))
        window_means = ", ".join(  # 表4: a window needs ≥ 6 hourly values
            f"CASE WHEN {n} >= {window_hours} THEN {_mean(t, n)} END" for t, n in windows)
        window_valid = " + ".join(f"CAST({n} >= {window_hours} AS INTEGER)" for _, n in windows)
        c.execute(f"""CREATE OR REPLACE TEMP TABLE daily_conc AS
            WITH h AS (  -- integer milli-units: exact sums, exact half-even rounding of the means
                SELECT station, CAST(ts AS DATE) AS day, hour(ts) AS hr, {milli}
                FROM {self._hourly()} WHERE {where}),
            d AS (  -- GB 3095 表4: a daily mean needs ≥ 20 hourly values
                SELECT station, day, {means}, count(o3) AS n_o3, max(o3) / 1000 AS o3_1h_max, {o3_hours}
                FROM h GROUP BY station, day),
            m AS (  -- MDA8: the largest valid 8-h mean of the day, valid with ≥ 14 windows (HJ 663 practice)
                SELECT *, greatest({window_means}) AS o3_8h_all, {window_valid} AS n_o3_windows FROM d)
            SELECT station, day, {valid},
              CASE WHEN n_o3 >= {hours} THEN o3_1h_max END AS o3_1h_max, n_o3,
              CASE WHEN n_o3_windows >= {rules.mda8_min_windows} THEN o3_8h_all END AS o3_8h_max, n_o3_windows
            FROM m""")
        self._with_aqi("daily_conc", "daily", ["station", "day"], days, rule_set)

    def _with_aqi(self, source: str, target: str, keys: list[str], days, rule_set) -> None:
        """Add IAQI/AQI/level/primary under each rule set (in force that day, or the one asked)."""
        c = self.con
        selects = []
        # basis 'in_force': each day under the rule set in force that day; otherwise one set
        basis = rule_set or "in_force"
        for rules in self._rule_sets(rule_set):
            iaqis, aqi, primary, category, colour = self._aqi_columns(rules)
            start = rules.limits.effective_from
            end = rules.limits.effective_to or date(9999, 12, 31)
            in_force = "true" if rule_set else f"day BETWEEN DATE '{start}' AND DATE '{end}'"
            selects.append(f"""
                SELECT *, {primary} AS primary_pollutant, {category} AS category, {colour} AS colour,
                       '{rules.id}' AS rule_set, '{basis}' AS basis
                FROM (SELECT *, {aqi} AS _aqi FROM (SELECT *, {iaqis} FROM {source} WHERE {in_force}))""")
        body = " UNION ALL ".join(selects)
        if not self.has(target):
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

    # -- areas ------------------------------------------------------------------------------
    def _area_daily(self, days, rule_set) -> None:
        where = "true" if days is None else "d.day IN (SELECT day FROM wanted_days)"
        self.con.execute(f"""CREATE OR REPLACE TEMP TABLE area_conc AS
            SELECT m.area, d.day,
              {', '.join(f"{_mean(f'sum(CAST(round(d.{p} * 1000) AS BIGINT))', f'count(d.{p})')} AS {p}, count(d.{p}) AS n_{p}" for p in CONCENTRATIONS)},
              count(DISTINCT d.station) AS n_stations
            FROM daily_conc d
            JOIN membership m ON m.station = d.station
              AND (m.valid_from IS NULL OR d.day >= m.valid_from) AND (m.valid_to IS NULL OR d.day <= m.valid_to)
            WHERE {where}
            GROUP BY m.area, d.day""")
        self._with_aqi("area_conc", "area_daily", ["area", "day"], days, rule_set)

    # -- statistics -------------------------------------------------------------------------
    # area-days, twice: as they are, and without the days of the exclusion register (扣除沙尘)
    _KEPT = """SELECT a.*, x.exclusion,
                   NOT (x.exclusion = 'dust' AND EXISTS (SELECT 1 FROM exclusions e WHERE e.day = a.day
                        AND e.kind = 'dust' AND (e.area = a.area OR e.area = '*'))) AS keep
               FROM area_daily a CROSS JOIN (VALUES ('none'), ('dust')) x(exclusion)"""

    @staticmethod
    def _statistics() -> str:
        """The period statistics (HJ 663 §3.3, §3.7), one definition for the stats table and for
        the figures of any window (`area_figures`)."""
        rules = packs.assessment()
        percentiles = dict(rules.percentiles)
        columns = ["string_agg(DISTINCT a.rule_set, ' + ' ORDER BY a.rule_set) AS rule_sets"]
        for p in ("pm25", "pm10", "so2", "no2", "co"):
            q = percentiles[p]
            columns += [f"round(avg({p}) FILTER (WHERE keep), 3) AS {p}_mean",
                        f"count({p}) FILTER (WHERE keep) AS {p}_days",
                        f"round(quantile_cont({p}, {q / 100}) FILTER (WHERE keep), 3) AS {p}_p{q}"]
        q = percentiles["o3"]
        columns += [
            f"round(quantile_cont(o3_8h_max, {q / 100}) FILTER (WHERE keep), 3) AS o3_8h_p{q}",
            "count(o3_8h_max) FILTER (WHERE keep) AS o3_days",
            "count(aqi) FILTER (WHERE keep) AS aqi_days",
            f"count(*) FILTER (WHERE keep AND aqi <= {rules.good_max_aqi}) AS good_days",
            f"count(*) FILTER (WHERE keep AND aqi >= {rules.heavy_min_aqi}) AS heavy_days",
            "max(a.day) AS last_day",
        ]
        return ", ".join(columns)

    def _stats(self, days) -> None:
        c = self.con
        periods = """
            WITH days AS (SELECT DISTINCT day FROM area_daily)
            SELECT 'year' AS kind, CAST(year(day) AS VARCHAR) AS label, CAST(date_trunc('year', day) AS DATE) AS start, day FROM days
            UNION ALL SELECT 'quarter', year(day) || '-Q' || quarter(day), CAST(date_trunc('quarter', day) AS DATE), day FROM days
            UNION ALL SELECT 'month', strftime(day, '%Y-%m'), CAST(date_trunc('month', day) AS DATE), day FROM days"""
        c.execute(f"CREATE OR REPLACE TEMP VIEW periods_all AS {periods}")
        affected = "" if days is None else """AND (p.kind, p.label) IN (SELECT DISTINCT kind, label
            FROM periods_all WHERE day IN (SELECT day FROM wanted_days))"""
        body = f"""
            WITH a AS ({self._KEPT})
            SELECT a.area, p.kind, p.label, p.start, a.exclusion, a.basis, {self._statistics()}
            FROM a JOIN periods_all p ON p.day = a.day
            WHERE true {affected}
            GROUP BY a.area, p.kind, p.label, p.start, a.exclusion, a.basis"""
        if not self.has("stats"):
            c.execute(f"CREATE TABLE stats AS {body} LIMIT 0")
        if days is None:
            c.execute("DELETE FROM stats")
        else:  # the periods that contain a recomputed day
            c.execute("""DELETE FROM stats WHERE (kind, label) IN (SELECT DISTINCT kind, label FROM periods_all
                         WHERE day IN (SELECT day FROM wanted_days))""")
        c.execute(f"INSERT INTO stats BY NAME {body}")

    def area_figures(self, area: str, start: date, end: date, exclusion: str = "none") -> dict | None:
        """The period statistics of one area over any window (a target judged "as of" a day),
        with the days in force; None when there is no area-day in it."""
        if not self.has("area_daily"):
            return None
        row = self.query(f"""WITH a AS ({self._KEPT}) SELECT {self._statistics()} FROM a
            WHERE a.basis = 'in_force' AND a.area = ? AND a.exclusion = ? AND a.day BETWEEN ? AND ?""",
                         [area, exclusion, start, end])[0]
        return row if row["last_day"] is not None else None

    def latest_hour(self, stations: list[str]) -> datetime | None:
        if not stations:
            return None
        listing = ", ".join("?" for _ in stations)
        return self.con.execute(f"SELECT max(ts) FROM {self._hourly()} WHERE station IN ({listing})",
                                stations).fetchone()[0]

    # -- hourly (real-time) AQI ---------------------------------------------------------------
    def hourly_aqi(self, stations: list[str], start: datetime, end: datetime) -> list[dict]:
        """Real-time AQI of a station or an area (the mean of its stations' hourly values) for the
        hours in [start, end], under the rule set in force each hour.

        HJ 633-2012 5.1.3: 1-h SO2/NO2/CO/O3, the O3 8-h moving mean, the PM 24-h moving means;
        HJ 633-2026 4.2.3: the six 1-h values, PM on the daily breakpoints.  Moving means need
        ≥ 6 of 8 and ≥ 20 of 24 hours (GB 3095 表4)."""
        if not stations:
            return []
        listing = ", ".join("?" for _ in stations)
        c = self.con
        rules = packs.assessment()
        c.execute(f"""CREATE OR REPLACE TEMP TABLE hourly_area AS
            WITH h AS (SELECT ts, {', '.join(f"avg({p}) AS {p}" for p in ingest_mod.POLLUTANTS)},
                              count(*) AS n_stations
                       FROM {self._hourly()} WHERE station IN ({listing})
                       AND ts BETWEEN ? - INTERVAL 23 HOUR AND ? GROUP BY ts)
            SELECT ts, CAST(ts AS DATE) AS day, n_stations, so2, no2, co, o3, pm10, pm25,
                   CASE WHEN count(o3) OVER w8 >= {rules.o3_8h_min_hours} THEN avg(o3) OVER w8 END AS o3_8h,
                   CASE WHEN count(pm25) OVER w24 >= {rules.daily_min_hours} THEN avg(pm25) OVER w24 END AS pm25_24h,
                   CASE WHEN count(pm10) OVER w24 >= {rules.daily_min_hours} THEN avg(pm10) OVER w24 END AS pm10_24h,
                   CASE WHEN count(so2) OVER w24 >= {rules.daily_min_hours} THEN avg(so2) OVER w24 END AS so2_24h
            FROM h WINDOW w8 AS (ORDER BY ts RANGE BETWEEN INTERVAL 7 HOUR PRECEDING AND CURRENT ROW),
                          w24 AS (ORDER BY ts RANGE BETWEEN INTERVAL 23 HOUR PRECEDING AND CURRENT ROW)""",
                  [*stations, start, end])
        columns = {"so2_1h": "so2", "no2_1h": "no2", "co_1h": "co", "o3_1h": "o3", "o3_8h": "o3_8h",
                   "pm10_24h_moving": "pm10_24h", "pm25_24h_moving": "pm25_24h", "pm10_1h": "pm10",
                   "pm25_1h": "pm25"}
        others = {"so2_24h": "so2_24h", "o3_1h": "o3"}
        selects = []
        for rules in packs.rule_sets().values():
            pack = rules.aqi
            first = rules.limits.effective_from
            last = rules.limits.effective_to or date(9999, 12, 31)
            iaqis = [iaqi_expr(pack, s, columns[s], others) for s in pack.hourly_series]
            primary = "concat_ws(',', " + ", ".join(
                f"CASE WHEN _aqi > 50 AND {expr} = _aqi THEN "
                f"'{PRIMARY_NAMES.get(s) or PRIMARY_NAMES[s.split('_')[0]]}' END"
                for s, expr in zip(pack.hourly_series, iaqis)) + ")"
            selects.append(f"""SELECT ts, n_stations, pm25, pm10, o3, _aqi AS aqi, {primary} AS primary_pollutant,
                    {level_expr(pack, '_aqi', 'category')} AS category, {level_expr(pack, '_aqi', 'colour')} AS colour,
                    '{rules.id}' AS rule_set
                FROM (SELECT *, greatest({', '.join(iaqis)}) AS _aqi FROM hourly_area
                      WHERE day BETWEEN DATE '{first}' AND DATE '{last}' AND ts >= ?)""")
        return self.query(" UNION ALL ".join(selects) + " ORDER BY ts", [start] * len(selects))

    # -- reading ----------------------------------------------------------------------------
    def has(self, table: str) -> bool:
        return bool(self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table]).fetchone()[0])

    def query(self, sql: str, params: list | None = None) -> list[dict]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
