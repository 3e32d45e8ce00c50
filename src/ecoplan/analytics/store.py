"""The air store: one folder of hourly Parquet and the DuckDB database of everything computed.

Storage: ``hourly/<batch>.parquet`` (validated input, one file per ingest), ``air.duckdb`` (flags,
the station registry, the exclusion register and every computed table).  The chain — ingest
(``ingest``), daily and area-daily values (``daily``), period statistics (``statistics``) — is
one SQL statement a step; ``AirStore`` is the handle the apps hold.

Incremental: ``compute(days=…)`` recomputes only the given days (an ingest returns the days it
touched) and the periods that contain them.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb

from ecoplan.standards import packs
from ecoplan.vocabulary.pollutants import CODES as POLLUTANTS

from . import daily, hourly, statistics
from . import ingest as ingest_mod
from .ingest import IngestReport
from .sql import one_row

# DuckDB shares one database instance per file in a process; two threads opening (or the last
# one closing) the same file at once race in its instance cache ("Cannot attach … already
# attached"): the server's threads open and close the store one at a time.
_OPENING = threading.Lock()


class AirStore:
    """One folder of air data and results; safe to reopen, from several threads at once."""

    def __init__(self, folder: Path | str, threads: int | None = None):
        self.folder = Path(folder)
        (self.folder / "hourly").mkdir(parents=True, exist_ok=True)
        with _OPENING:
            self.con = duckdb.connect(str(self.folder / "air.duckdb"))
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self._schema()

    def close(self) -> None:
        with _OPENING:
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

    def hourly_relation(self) -> str:
        files = sorted((self.folder / "hourly").glob("*.parquet"))
        if not files:
            return "(SELECT NULL::VARCHAR AS station, NULL::TIMESTAMP AS ts, " + ", ".join(
                f"NULL::DOUBLE AS {p}" for p in POLLUTANTS) + " WHERE false)"
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

    # -- ingest and compute -------------------------------------------------------------------
    def ingest(self, path: Path | str, mapping: ingest_mod.Mapping | str = "wide",
               check_registry: bool = True, compute: bool = False,
               before_commit: Callable[[IngestReport], None] | None = None) -> IngestReport:
        """All or nothing: see ``ingest.ingest_file``."""
        return ingest_mod.ingest_file(self, path, mapping, check_registry, compute, before_commit)

    def gaps(self, station: str | None = None, batch: str | None = None) -> list[tuple[Any, ...]]:
        return ingest_mod.gaps(self, station, batch)

    def compute(self, days: list[date] | None = None, rule_set: str | None = None) -> dict[str, int]:
        """(Re)compute daily, area-daily and period statistics for ``days`` (None = all)."""
        # no step relies on row order (ingest does: its row numbers name the file's lines)
        self.con.execute("SET preserve_insertion_order = false")
        try:
            daily.compute_daily(self, days, rule_set)
            daily.compute_area_daily(self, days, rule_set)
            statistics.compute_stats(self, days)
            # days before any AQI rule set (the API era) get no daily values: say how many
            before = 0 if rule_set else self.query(
                f"SELECT count(DISTINCT day) AS n FROM daily_conc WHERE day < DATE '{packs.FIRST_ISSUED}'")[0]["n"]
        finally:
            self.con.execute("SET preserve_insertion_order = true")
        counts: dict[str, int] = {t: one_row(self.con, f"SELECT count(*) FROM {t}")[0]
                                  for t in ("daily", "area_daily", "stats")}
        return {**counts, "days_before_rules": before}

    def area_figures(self, area: str, start: date, end: date, exclusion: str = "none",
                     rule_set: str | None = None) -> dict[str, Any] | None:
        return statistics.area_figures(self, area, start, end, exclusion, rule_set)

    def hourly_aqi(self, stations: list[str], start: datetime, end: datetime) -> list[dict[str, Any]]:
        return hourly.hourly_aqi(self, stations, start, end)

    def latest_hour(self, stations: list[str]) -> datetime | None:
        if not stations:
            return None
        listing = ", ".join("?" for _ in stations)
        latest: datetime | None = one_row(
            self.con, f"SELECT max(ts) FROM {self.hourly_relation()} WHERE station IN ({listing})", stations)[0]
        return latest

    # -- reading ----------------------------------------------------------------------------
    def has(self, table: str) -> bool:
        return bool(one_row(
            self.con, "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [table])[0])

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.con.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
