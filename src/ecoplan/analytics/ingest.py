"""Ingesting hourly station data: CSV / XLSX / Parquet, long or wide, with a declared mapping.

Every input is read as text, mapped to the canonical wide hourly table
(station, ts = start of the hour, so2 no2 co o3 pm10 pm25; CO in mg/m³, the rest in µg/m³),
validated, and written as one Parquet file per ingest batch.  Validation flags and reports —
it never silently drops: duplicates, negatives, impossible values, text in number cells and
stations outside the registry each become a row of the flags table (file, row, station, hour,
field, issue, value).  Gaps are reported per station.
"""
from __future__ import annotations

import codecs
import contextlib
import csv
import tempfile
import tomllib
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ecoplan.importers import limits
from ecoplan.vocabulary.cells import MISSING_READINGS
from ecoplan.vocabulary.pollutants import CEILINGS
from ecoplan.vocabulary.pollutants import CODES as POLLUTANTS

from .sql import one_row

if TYPE_CHECKING:  # the store calls this module: no import at run time
    from .store import AirStore

# Above these an hourly value is physically implausible for ambient air: flagged, not used.
IMPOSSIBLE = CEILINGS
UNIT_FACTORS = {("co", "ug/m3"): 0.001, ("co", "µg/m³"): 0.001, ("co", "mg/m3"): 1.0}


class IngestError(ValueError):
    """Input the engine cannot read: names the file and, when known, the row and field."""


@dataclass
class Mapping:
    """How an input file maps onto the canonical hourly table.

    format: "wide" (one column per pollutant) or "long" (pollutant and value columns).
    time: one timestamp column, or [year, month, day, hour] columns.
    hour_label: "start" (hour 0 = 00:00–01:00) or "end" (CNEMC: "16时" covers 15:00–16:00).
    """

    format: str = "wide"
    station: str = "station"
    time: str | list[str] = "time"
    hour_label: str = "start"
    columns: dict[str, str] = field(default_factory=lambda: {p: p for p in POLLUTANTS})
    pollutant_column: str = "pollutant"
    value_column: str = "value"
    pollutant_names: dict[str, str] = field(default_factory=dict)  # long format: printed → code
    units: dict[str, str] = field(default_factory=dict)  # pollutant → unit of the file

    @classmethod
    def from_toml(cls, path: Path) -> Mapping:
        data = tomllib.loads(Path(path).read_text("utf-8"))
        return cls(**data["mapping"])


PRESETS = {
    "wide": Mapping(),
    "long": Mapping(format="long"),
    # CNEMC live feed: `o3_24h` holds the latest 1-h O3 (labels swapped, SOURCES.md §3)
    "cnemc": Mapping(station="stationcode", time="timepoint", hour_label="end",
                     columns={"so2": "so2", "no2": "no2", "co": "co", "o3": "o3_24h",
                              "pm10": "pm10", "pm25": "pm2_5"}),
    # UCI Beijing multi-site: CO in µg/m³; hours are hour-ending (hour 0 = 23:00–24:00 of the day
    # before): so read, the 11 evaluation stations match the published Beijing daily PM2.5 on 76 % of
    # the 2015–2016 days published with concentrations, read hour-starting on 17 % (issue #9)
    "uci": Mapping(station="station", time=["year", "month", "day", "hour"], hour_label="end",
                   columns={"so2": "SO2", "no2": "NO2", "co": "CO", "o3": "O3", "pm10": "PM10",
                            "pm25": "PM2.5"}, units={"co": "ug/m3"}),
}


def _read_source(con: duckdb.DuckDBPyConnection, path: Path, workdir: Path) -> str:
    """A DuckDB relation over the file's cells, with its 1-based source row number ``_row``.

    CSV and XLSX are first rewritten by Python's csv module into one clean UTF-8 CSV (``_row``
    = the line the record starts on): it reads UTF-8, GB18030/GBK and UTF-16, any line ends and
    loose quoting, and refuses what it cannot read naming the line.  DuckDB then reads that file
    without sniffing.  Parquet is read by DuckDB directly."""
    suffix = path.suffix.lower()
    name = "src"
    if suffix in (".csv", ".txt", ".xlsx", ".xlsm"):
        clean = workdir / "clean.csv"
        header = _xlsx_to_csv(path, clean) if suffix.startswith(".xls") else _csv_to_csv(path, clean)
        columns = "{" + ", ".join(f"{_lit(c)}: 'VARCHAR'" for c in ["_row", *header]) + "}"
        con.execute(f"""CREATE OR REPLACE TEMP VIEW {name} AS
            SELECT * REPLACE (CAST(_row AS BIGINT) AS _row) FROM read_csv({_lit(clean)}, header=true,
            auto_detect=false, delim=',', quote='"', escape='"', columns={columns})""")
    elif suffix == ".parquet":
        con.execute(f"""CREATE OR REPLACE TEMP VIEW {name} AS
            SELECT * EXCLUDE (file_row_number), file_row_number + 1 AS _row
            FROM read_parquet({_lit(path)}, file_row_number = true)""")
    else:
        raise IngestError(f"{path.name}: unsupported file type {suffix} (csv, xlsx, parquet)")
    return name


def _encoding(path: Path) -> str:
    """UTF-8 (BOM or not), UTF-16 (BOM, or NUL bytes between ASCII), else GB18030 (⊃ GBK)."""
    with path.open("rb") as handle:
        head = handle.read(65536)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if head[1:200:2].count(0) > 50 and head[0:200:2].count(0) == 0:
        return "utf-16-le"
    if head[0:200:2].count(0) > 50 and head[1:200:2].count(0) == 0:
        return "utf-16-be"
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "gb18030"
    return "utf-8-sig"


def _header(cells: list[str], path: Path) -> list[str]:
    names = [c.strip() for c in cells]
    while names and not names[-1]:
        names.pop()
    if not names:
        raise IngestError(f"{path.name}:1: the first line is empty (a header line is expected)")
    if len(names) > limits.MAX_AIR_COLUMNS:
        raise IngestError(f"{path.name}:1: {len(names):,} columns, more than the limit of {limits.MAX_AIR_COLUMNS}")
    names = [n or f"column{i + 1}" for i, n in enumerate(names)]
    seen = {n for n in names if names.count(n) > 1}
    if seen or "_row" in names:
        raise IngestError(f"{path.name}:1: column(s) {', '.join(sorted(seen) or ['_row'])} appear twice or "
                          "use a reserved name")
    return names


def _write_rows(path: Path, out: Path, rows: Iterable[tuple[int, list[Any]]]) -> list[str]:
    """``rows``: (line, cells) → ``out`` as _row + the header's columns; refuses a record with
    more filled cells than the header, a NUL character, or no header."""
    header: list[str] | None = None
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for line, values in rows:
            cells = ["" if v is None else str(v) for v in values]
            if any("\x00" in c for c in cells):
                raise IngestError(f"{path.name}:{line}: NUL character (a damaged or binary file)")
            if any("\n" in c or "\r" in c for c in cells):
                raise IngestError(f"{path.name}:{line}: a quoted cell runs over several lines (a quote "
                                  "not closed?)")
            if header is None:
                header = _header(cells, path)
                writer.writerow(["_row", *header])
                continue
            if not any(c.strip() for c in cells):
                continue  # a blank line
            if len(cells) > len(header):
                if any(c.strip() for c in cells[len(header):]):
                    raise IngestError(f"{path.name}:{line}: {len(cells)} cells where the header has "
                                      f"{len(header)} (a stray delimiter or quote?)")
                cells = cells[:len(header)]
            writer.writerow([line, *cells, *[""] * (len(header) - len(cells))])
    if header is None:
        raise IngestError(f"{path.name}: the file is empty")
    return header


def _csv_to_csv(path: Path, out: Path) -> list[str]:
    encoding = _encoding(path)
    try:
        with path.open(encoding=encoding, newline="", errors="strict") as handle:
            first = handle.readline()
            delimiter = max(",\t;", key=first.count) if first else ","
            handle.seek(0)
            reader = csv.reader(handle, delimiter=delimiter)

            def records() -> Iterator[tuple[int, list[Any]]]:
                line = 1
                while True:
                    try:
                        cells = next(reader)
                    except StopIteration:
                        return
                    except csv.Error as exc:  # a cell over csv.field_size_limit() (128 KB), an open quote …
                        raise IngestError(f"{path.name}:{reader.line_num}: unreadable CSV ({exc})") from None
                    yield line, cells
                    line = reader.line_num + 1

            return _write_rows(path, out, records())
    except UnicodeError as exc:
        raise IngestError(f"{path.name}: unknown text encoding (expected UTF-8, GB18030/GBK or UTF-16: "
                          f"{exc})") from None


def _xlsx_to_csv(path: Path, out: Path) -> list[str]:
    def error(message: str) -> IngestError:
        return IngestError(f"{path.name}: {message}")

    rows = limits.sheet_rows(path, error, limits.MAX_SHEET_ROWS, limits.MAX_AIR_COLUMNS, all_sheets=False)
    return _write_rows(path, out, ((number, cells) for _, number, cells in rows))


def _types(con: duckdb.DuckDBPyConnection, relation: str) -> dict[str, str]:
    return {r[0]: r[1] for r in con.execute(f"DESCRIBE {relation}").fetchall()}


def _lit(text: str | Path) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


TIME_FORMATS = "['%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y-%m-%dT%H:%M']"


def _time_expr(mapping: Mapping, types: dict[str, str]) -> str:
    if isinstance(mapping.time, str):
        column = _q(mapping.time)
        if types[mapping.time].startswith("TIMESTAMP"):
            ts = f"CAST({column} AS TIMESTAMP)"
        else:  # ISO first (fast), then the other printed forms
            ts = f"coalesce(try_cast({column} AS TIMESTAMP), try_strptime({column}, {TIME_FORMATS}))"
    else:
        y, m, d, h = (_q(c) for c in mapping.time)
        ts = (f"try_cast(make_timestamp(try_cast({y} AS INTEGER), try_cast({m} AS INTEGER), "
              f"try_cast({d} AS INTEGER), 0, 0, 0) AS TIMESTAMP) + to_hours(try_cast({h} AS INTEGER))")
    return f"({ts} - INTERVAL 1 HOUR)" if mapping.hour_label == "end" else ts


def typed_table(con: duckdb.DuckDBPyConnection, path: Path, mapping: Mapping, workdir: Path) -> dict[str, bool]:
    """TEMP TABLE ``typed``: file, _row, station, ts, <p>_v (number) and, for text sources,
    <p>_t (the printed cell, to report what could not be read).  Returns which are text."""
    relation = _read_source(con, path, workdir)
    types = _types(con, relation)
    needed = [mapping.station] + ([mapping.time] if isinstance(mapping.time, str) else mapping.time)
    if mapping.format == "long":
        needed += [mapping.pollutant_column, mapping.value_column]
    else:
        needed += list(mapping.columns.values())
    missing = [c for c in needed if c not in types]
    if missing:
        raise IngestError(f"{path.name}: column(s) {', '.join(missing)} not found "
                          f"(the file has: {', '.join(sorted(set(types) - {'_row'}))})")
    ts = _time_expr(mapping, types)
    if mapping.format == "long":
        names = {**{p: p for p in POLLUTANTS}, **mapping.pollutant_names}
        code = "CASE " + " ".join(f"WHEN lower(CAST({_q(mapping.pollutant_column)} AS VARCHAR)) = {_lit(k.lower())} "
                                  f"THEN {_lit(v)}" for k, v in names.items()) + " END"
        con.execute(f"""CREATE OR REPLACE TEMP TABLE long_rows AS SELECT _row,
            CAST({_q(mapping.station)} AS VARCHAR) AS station, {ts} AS ts, {code} AS pollutant,
            CAST({_q(mapping.value_column)} AS VARCHAR) AS value FROM {relation}""")
        pivot = ", ".join(f"max(value) FILTER (WHERE pollutant = '{p}') AS {p}" for p in POLLUTANTS)
        source = f"""(SELECT min(_row) AS _row, station, ts, {pivot} FROM long_rows
                      WHERE pollutant IS NOT NULL GROUP BY station, ts)"""
        text = {p: True for p in POLLUTANTS}
        station = "station"
        columns = {p: p for p in POLLUTANTS}
        time_column = "ts"
    else:
        source, station, time_column = relation, f"CAST({_q(mapping.station)} AS VARCHAR)", ts
        columns = {p: mapping.columns[p] for p in POLLUTANTS if p in mapping.columns}
        text = {p: types[c] == "VARCHAR" for p, c in columns.items()}
    parts = []
    for p in POLLUTANTS:
        if p not in columns:
            parts.append(f"NULL::DOUBLE AS {p}_v")
            continue
        column = _q(columns[p])
        if text[p]:
            parts.append(f"try_cast({column} AS DOUBLE) AS {p}_v, {column} AS {p}_t")
        else:
            parts.append(f"CAST({column} AS DOUBLE) AS {p}_v")
    con.execute(f"""CREATE OR REPLACE TEMP TABLE typed AS
        SELECT {_lit(path.name)} AS file, _row, {station} AS station, {time_column} AS ts, {', '.join(parts)}
        FROM {source}""")
    apply_units(con, mapping)
    return {p: text.get(p, False) for p in POLLUTANTS}


# an hour before 1970 or after tomorrow was not measured (9999-12-31 would make every day between
# the data and it a day to compute)
OUT_OF_RANGE = "(ts < TIMESTAMP '1970-01-01' OR ts > CAST(now() AS TIMESTAMP) + INTERVAL 1 DAY)"
MISSING_TEXT = MISSING_READINGS  # not the plans' empty-cell markers: see ecoplan.vocabulary.cells


@dataclass
class BatchCounts:
    """What ``validate_and_write`` found: input rows, clean station-hours and flags by issue."""

    rows: int
    hours: int
    stations: int
    first: object
    last: object
    flags: dict[str, int]


def validate_and_write(con: duckdb.DuckDBPyConnection, batch: str, out: Path, text: dict[str, bool],
                       known_stations: set[str] | None, long_format: bool = False) -> BatchCounts:
    """Flag what cannot be used (never silently), write the clean hourly rows to ``out``."""
    missing = ", ".join(_lit(m) for m in MISSING_TEXT)
    flags = ["""SELECT file, _row, station, ts, 'time' AS field, 'unreadable time' AS issue,
        CAST(NULL AS VARCHAR) AS value FROM typed WHERE ts IS NULL"""]
    for p in POLLUTANTS:
        if text[p]:
            flags.append(f"""SELECT file, _row, station, ts, '{p}' AS field, 'not a number' AS issue,
                {p}_t AS value FROM typed WHERE {p}_v IS NULL AND {p}_t IS NOT NULL AND trim({p}_t) NOT IN ({missing})""")
        value = f"{p}_t" if text[p] else f"CAST({p}_v AS VARCHAR)"
        flags.append(f"""SELECT file, _row, station, ts, '{p}', 'negative', {value} FROM typed WHERE {p}_v < 0""")
        flags.append(f"""SELECT file, _row, station, ts, '{p}', 'impossible (> {IMPOSSIBLE[p]})', {value}
            FROM typed WHERE {p}_v > {IMPOSSIBLE[p]}""")
    flags.append("""SELECT file, _row, station, ts, 'station', 'no station', NULL FROM typed
        WHERE station IS NULL OR trim(station) = ''""")
    flags.append(f"""SELECT file, _row, station, NULL, 'time', 'time out of range (1970 … tomorrow)',
        CAST(ts AS VARCHAR) FROM typed WHERE {OUT_OF_RANGE}""")
    con.execute("CREATE OR REPLACE TEMP TABLE batch_flags AS " + " UNION ALL ".join(flags))
    con.execute(f"UPDATE typed SET ts = NULL WHERE {OUT_OF_RANGE}")  # flagged: not used
    if long_format:
        con.execute("""INSERT INTO batch_flags SELECT NULL, max(_row), station, ts, pollutant,
            'duplicate value (largest kept)', NULL FROM long_rows WHERE pollutant IS NOT NULL
            GROUP BY station, ts, pollutant HAVING count(*) > 1""")
        con.execute("""INSERT INTO batch_flags SELECT NULL, _row, station, ts, 'pollutant',
            'unknown pollutant', NULL FROM long_rows WHERE pollutant IS NULL""")
    # as many distinct hashes as rows proves there is no duplicate (cheaper than grouping the keys);
    # fewer means duplicates or a hash collision: then the exact check decides
    rows_with_time, distinct_hashes = one_row(
        con, "SELECT count(*), count(DISTINCT hash(station, ts)) FROM typed WHERE ts IS NOT NULL")
    duplicates = 0 if rows_with_time == distinct_hashes else one_row(
        con, """SELECT count(*) FROM (SELECT station, ts FROM typed WHERE ts IS NOT NULL
           GROUP BY station, ts HAVING count(*) > 1)""")[0]
    usable = "ts IS NOT NULL AND station IS NOT NULL AND trim(station) <> ''"
    if duplicates:
        con.execute("""INSERT INTO batch_flags SELECT file, _row, station, ts, 'row',
            'duplicate hour (first row kept)', NULL FROM (SELECT *, row_number() OVER
            (PARTITION BY station, ts ORDER BY _row) AS k FROM typed WHERE ts IS NOT NULL) WHERE k > 1""")
        rows = f"""(SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY station, ts ORDER BY _row) AS k
                    FROM typed WHERE {usable}) WHERE k = 1)"""
    else:
        rows = f"(SELECT * FROM typed WHERE {usable})"
    if known_stations is not None:
        con.execute("CREATE OR REPLACE TEMP TABLE known(station VARCHAR)")
        con.executemany("INSERT INTO known VALUES (?)", [[s] for s in sorted(known_stations)])
        con.execute("""INSERT INTO batch_flags SELECT min(file), min(_row), station, min(ts), 'station',
            'station not in the registry', station FROM typed WHERE station NOT IN (SELECT station FROM known)
            GROUP BY station""")
    clean = ", ".join(
        f"CASE WHEN {p}_v >= 0 AND {p}_v <= {IMPOSSIBLE[p]} THEN {p}_v END AS {p}" for p in POLLUTANTS)
    out.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY (SELECT station, ts, {clean}, '{batch}' AS batch FROM {rows}) TO {_lit(out)} (FORMAT parquet, COMPRESSION zstd)")
    summary = one_row(con, f"SELECT count(*), count(DISTINCT station), min(ts), max(ts) FROM read_parquet({_lit(out)})")
    total = one_row(con, "SELECT count(*) FROM typed")[0]
    by_issue = dict(con.execute("SELECT issue, count(*) FROM batch_flags GROUP BY issue ORDER BY issue").fetchall())
    return BatchCounts(rows=total, hours=summary[0], stations=summary[1], first=summary[2], last=summary[3],
                       flags=by_issue)


def apply_units(con: duckdb.DuckDBPyConnection, mapping: Mapping) -> None:
    """Convert declared units (CO in µg/m³ → mg/m³) in ``typed``."""
    for pollutant, unit in mapping.units.items():
        factor = UNIT_FACTORS.get((pollutant, unit.replace("μ", "µ")))
        if factor is None:
            raise IngestError(f"unknown unit {unit!r} for {pollutant}")
        if factor != 1.0:
            con.execute(f"UPDATE typed SET {pollutant}_v = {pollutant}_v * {factor}")


@dataclass
class IngestReport(BatchCounts):
    """One ingested file: its batch, what was found in it, and the days it touched."""

    batch: str = ""
    file: str = ""
    days: list[date] = field(default_factory=list)


def ingest_file(store: AirStore, path: Path | str, mapping: Mapping | str = "wide", check_registry: bool = True,
                compute: bool = False,
                before_commit: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Ingest one file: all of it, or nothing.

    The hourly Parquet file, its flags and batch rows and — with ``compute`` — the daily values
    and statistics of the days it touched are written in one DuckDB transaction;
    ``before_commit(report)`` runs inside it (the Django side records the run there).  Any failure
    rolls everything back and removes the Parquet file.  Bad input raises ``IngestError`` naming
    the file (and the line, when there is one); so does a file with no usable station-hour."""
    path = Path(path)
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    if isinstance(mapping, str):
        if mapping not in PRESETS:
            raise IngestError(f"unknown mapping preset {mapping!r}")
        mapping = PRESETS[mapping]
    batch = date.today().strftime("%Y%m%d") + "-" + uuid.uuid4().hex[:8]
    out = store.folder / "hourly" / f"{batch}.parquet"
    c = store.con
    c.execute("BEGIN")
    try:
        with tempfile.TemporaryDirectory(prefix="ecoplan-ingest-") as workdir:
            text = typed_table(c, path, mapping, Path(workdir))
            known = store.stations() if check_registry and store.stations() else None
            counts = validate_and_write(c, batch, out, text, known, mapping.format == "long")
        if not counts.hours:
            issues = ", ".join(f"{k}: {v}" for k, v in counts.flags.items()) or "no data rows"
            raise IngestError(f"{path.name}: no usable station-hour in {counts.rows} row(s) ({issues})")
        c.execute(f"INSERT INTO flags SELECT '{batch}', * FROM batch_flags")
        c.execute("INSERT INTO batches (batch, file, rows, hours, stations, first_hour, last_hour) VALUES (?,?,?,?,?,?,?)",
                  [batch, path.name, counts.rows, counts.hours, counts.stations,
                   counts.first, counts.last])
        days = [r[0] for r in c.execute(
            f"SELECT DISTINCT CAST(ts AS DATE) FROM read_parquet({_lit(out)}) ORDER BY 1").fetchall()]
        report = IngestReport(**vars(counts), batch=batch, file=path.name, days=days)
        if compute:
            store.compute(days)
        if before_commit:
            before_commit(report)
        c.execute("COMMIT")
    except BaseException as exc:
        with contextlib.suppress(duckdb.Error):  # a failed COMMIT has already ended it
            c.execute("ROLLBACK")
        out.unlink(missing_ok=True)
        if isinstance(exc, duckdb.Error) and not isinstance(exc, duckdb.InternalException):
            # the file's cells reached DuckDB in a form it cannot read (a broken Parquet file …)
            raise IngestError(f"{path.name}: cannot read the file ({_first_line(exc)})") from exc
        raise
    return report


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0][:300]


def gaps(store: AirStore, station: str | None = None, batch: str | None = None) -> list[tuple[Any, ...]]:
    """Runs of missing hours per station between its first and last hour: (station, from, to,
    hours), for one station, or the stations of one ingest batch, or all."""
    where = ""
    params: list[str] = []
    if station:
        where, params = "WHERE station = ?", [station]
    elif batch:
        where = ("WHERE station IN (SELECT DISTINCT station FROM read_parquet("
                 f"'{store.folder / 'hourly' / (batch + '.parquet')}'))")
    return store.con.execute(f"""
        WITH h AS (SELECT station, ts FROM {store.hourly_relation()} {where}),
        n AS (SELECT station, ts, lead(ts) OVER (PARTITION BY station ORDER BY ts) AS nxt FROM h)
        SELECT station, ts + INTERVAL 1 HOUR AS gap_from, nxt - INTERVAL 1 HOUR AS gap_to,
               CAST(date_diff('hour', ts, nxt) - 1 AS BIGINT) AS hours
        FROM n WHERE nxt IS NOT NULL AND date_diff('hour', ts, nxt) > 1 ORDER BY station, ts""",
        params).fetchall()

