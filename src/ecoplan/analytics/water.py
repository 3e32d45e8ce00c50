"""The water store: surface-water samples as Parquet, period classes and area ratios — pure, no Django.

Storage: ``<folder>/samples/<batch>.parquet``, one file per ingest (section, ts, one exact
DECIMAL(20,8) column per GB 3838 item, the class the file published, batch, file, row).  A later
batch replaces an earlier one for the same section and time.  The section registry lives with the
apps; the queries take it as plain values (``SectionInfo``).

The chain: ``ingest`` (read CSV/XLSX through a declared ``WaterMapping``, refuse bad input naming
file, row and field, write all or nothing) → ``section_periods`` (per section and period: valid
samples, months sampled, each item's arithmetic mean, the period class — DuckDB sums exact
decimals, ``standards.water`` classes the means) → ``area_figures`` (断面达标率, 优良比例,
劣Ⅴ类比例, 劣Ⅴ类河长比例, drinking-water sources, per area).  The SQL is plain (sum, count,
GROUP BY, row_number) so it ports to Spark SQL.
"""
from __future__ import annotations

import contextlib
import tempfile
import tomllib
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb

from ecoplan.standards import water
from ecoplan.standards.water import Limiting, WaterClass
from ecoplan.vocabulary.cells import MISSING_READINGS

from .ingest import IngestError, _read_source
from .sql import one_row

ITEMS = tuple(water.standard().items)  # every column of 表1, 水温 included (kept, not classed)
DECIMAL = "DECIMAL(20,8)"  # 12 integer digits (粪大肠菌群 per litre), 8 decimals (Hg limit 0.00005)
MAX_ROWS = 5_000_000  # one file: ~14 years of hourly data for one station, or 13,000 section-years daily
# physically impossible values (a unit or decimal-point error): refused with the row
CEILINGS = {"ph": Decimal(14), "do": Decimal(30), "temp": Decimal(50)}


class WaterIngestError(IngestError):
    """Input the water store cannot take: names the file and, when known, the row and field."""


@dataclass
class WaterMapping:
    """How a file's columns map onto samples.

    section: the column naming the section, or several joined by "/" (CNEMC: 省份/断面名称 — names
    repeat across provinces).  time: one column; ``time_format`` a strptime format (None: ISO forms
    and ``YYYY/MM/DD``), ``needs_year`` when the format prints no year (CNEMC "02-04 11:00").
    columns: item code (``standards.water``) → column; a column absent from the file is no value.
    """

    section: str | list[str] = "section"
    name: str | None = None  # the section's printed name, to register it
    water_body: str | None = None
    time: str = "time"
    time_format: str | None = None
    needs_year: bool = False
    columns: dict[str, str] = field(default_factory=lambda: {c: c for c in ITEMS})
    published_class: str | None = "class"
    required_columns: bool = False  # every mapped column must exist (a preset for a known format)

    @classmethod
    def from_toml(cls, path: Path | str) -> WaterMapping:
        """A declared mapping: a ``[mapping]`` table with the fields above, e.g.
        ``section = "断面编码"``, ``time = "采样日期"``, ``[mapping.columns] nh3n = "氨氮"``."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text("utf-8"))["mapping"]
            mapping = cls(**data)
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
            raise WaterIngestError(f"{path.name}: not a water mapping ({exc})") from None
        unknown = sorted(set(mapping.columns) - set(ITEMS))
        if unknown:
            raise WaterIngestError(f"{path.name}: [mapping.columns] {', '.join(unknown)} are not GB 3838 items "
                                   f"({', '.join(ITEMS)})")
        return mapping


PRESETS = {
    # generic: section,time,<item codes> (ph, do, codmn, nh3n, tp …), optional class
    "generic": WaterMapping(),
    # CNEMC 国家地表水水质自动监测实时数据发布系统 (SOURCES.md §6): one reading per section
    "cnemc": WaterMapping(
        section=["省份", "断面名称"], name="断面名称", water_body="流域", time="监测时间",
        time_format="%m-%d %H:%M", needs_year=True, published_class="水质类别", required_columns=True,
        columns={"temp": "水温(℃)", "ph": "pH(无量纲)", "do": "溶解氧(mg/L)", "codmn": "高锰酸盐指数(mg/L)",
                 "nh3n": "氨氮(mg/L)", "tp": "总磷(mg/L)", "tn": "总氮(mg/L)"}),
}


@dataclass
class NewSection:
    """A section a file names that the registry does not know: what the file says of it."""

    code: str
    name: str
    water_body: str
    row: int


@dataclass
class WaterIngestReport:
    batch: str
    file: str
    rows: int
    samples: int
    sections: int
    first: datetime | None
    last: datetime | None
    new_sections: list[NewSection] = field(default_factory=list)


@dataclass(frozen=True)
class SectionInfo:
    """What the queries need of a registered section (``monitoring.WaterSection``)."""

    code: str
    name: str = ""
    lake: bool = False  # 湖、库: TP by the lake column, TN assessed separately
    target: WaterClass | None = None
    areas: tuple[str, ...] = ()  # the area keys it counts for (its sub-area and district)
    river_km: Decimal | None = None
    drinking: bool = False  # 集中式饮用水水源地


@dataclass
class SectionPeriod:
    """One section over one period: counts, item means, class, limiting items, target check."""

    code: str
    n_samples: int  # samples with at least one evaluated item
    months: tuple[str, ...]  # YYYY-MM with a valid sample
    last: datetime | None
    means: dict[str, Decimal]
    counts: dict[str, int]
    water_class: WaterClass | None
    limiting: list[Limiting]
    meets_target: bool | None  # None: no target class or no class
    tn_class: WaterClass | None = None  # lakes: TN on its own


def _lit(text: str | Path) -> str:
    return "'" + str(text).replace("'", "''") + "'"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class WaterStore:
    """One folder of water samples; cheap to open (an in-memory DuckDB over the Parquet files)."""

    def __init__(self, folder: Path | str, threads: int | None = None):
        self.folder = Path(folder)
        (self.folder / "samples").mkdir(parents=True, exist_ok=True)
        self.con = duckdb.connect()
        self.con.execute("SET enable_progress_bar = false")  # no bar on a command's output
        if threads:
            self.con.execute(f"SET threads = {int(threads)}")
        self._periods: dict[tuple[date, date, frozenset[SectionInfo]], dict[str, SectionPeriod]] = {}

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> WaterStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def files(self) -> list[Path]:
        return sorted((self.folder / "samples").glob("*.parquet"))

    def samples_relation(self) -> str:
        files = self.files()
        if not files:
            return ("(SELECT NULL::VARCHAR AS section, NULL::TIMESTAMP AS ts, " +
                    ", ".join(f"NULL::{DECIMAL} AS {_q(c)}" for c in ITEMS) +
                    ", NULL::VARCHAR AS published_class, NULL::VARCHAR AS batch WHERE false)")
        listing = "[" + ", ".join(_lit(f) for f in files) + "]"
        if len(files) == 1:
            return f"read_parquet({listing})"
        # a later batch (names sort by time) replaces an earlier one for the same section and time
        return f"""(SELECT * EXCLUDE (k) FROM (SELECT *, row_number() OVER (PARTITION BY section, ts
            ORDER BY batch DESC) AS k FROM read_parquet({listing}, union_by_name = true)) WHERE k = 1)"""

    # -- ingest ---------------------------------------------------------------------------------
    def ingest(self, path: Path | str, mapping: WaterMapping | str = "generic", *, year: int | None = None,
               known: set[str] | None = None,
               on_new_sections: Callable[[list[NewSection]], None] | None = None,
               before_commit: Callable[[WaterIngestReport], None] | None = None) -> WaterIngestReport:
        """Ingest one file, all or nothing.  ``known``: the registered section codes (None: no
        check).  A section outside them is refused with its row, unless ``on_new_sections`` takes
        them (registers them).  ``before_commit(report)`` runs before the batch becomes visible
        (the Django side records the run there); any failure leaves no trace."""
        path = Path(path)
        if not path.is_file():
            raise WaterIngestError(f"{path}: no such file")
        if isinstance(mapping, str):
            if mapping not in PRESETS:
                raise WaterIngestError(f"unknown mapping preset {mapping!r} ({', '.join(PRESETS)})")
            mapping = PRESETS[mapping]
        if mapping.needs_year and year is None:
            raise WaterIngestError(f"{path.name}: the file's times print no year ({mapping.time}: "
                                   f"{mapping.time_format}); give the year")
        batch = datetime.now().strftime("%Y%m%d%H%M%S%f") + "-" + uuid.uuid4().hex[:6]
        final = self.folder / "samples" / f"{batch}.parquet"
        part = final.with_suffix(".part")
        con = duckdb.connect()
        con.execute("SET enable_progress_bar = false")
        try:
            with tempfile.TemporaryDirectory(prefix="ecoplan-water-") as workdir:
                columns = self._typed(con, path, mapping, year, Path(workdir))
                self._validate(con, path, mapping, columns)
                new = self._new_sections(con, mapping, known)
                if new and on_new_sections is None:
                    first = new[0]
                    raise WaterIngestError(
                        f"{path.name}:{first.row} [{_section_label(mapping)}]: section “{first.code}” is not in "
                        f"the registry ({len(new)} unknown section(s); register them first)")
                con.execute(f"""COPY (SELECT section, ts, {', '.join(f'{_q(c)}' for c in ITEMS)},
                    published_class, {_lit(batch)} AS batch, file, _row FROM typed ORDER BY section, ts)
                    TO {_lit(part)} (FORMAT parquet, COMPRESSION zstd)""")
            rows, samples, sections, first_ts, last_ts = one_row(con, """SELECT (SELECT count(*) FROM typed),
                count(*), count(DISTINCT section), min(ts), max(ts) FROM typed""")
            report = WaterIngestReport(batch, path.name, rows, samples, sections, first_ts, last_ts, new)
            if new and on_new_sections is not None:
                on_new_sections(new)
            if before_commit:
                before_commit(report)
            part.rename(final)
        except BaseException as exc:
            part.unlink(missing_ok=True)
            if isinstance(exc, duckdb.Error) and not isinstance(exc, duckdb.InternalException):
                raise WaterIngestError(f"{path.name}: cannot read the file ({str(exc).splitlines()[0][:300]})") from exc
            raise
        finally:
            with contextlib.suppress(duckdb.Error):
                con.close()
        self._periods.clear()
        return report

    def _typed(self, con: duckdb.DuckDBPyConnection, path: Path, mapping: WaterMapping, year: int | None,
               workdir: Path) -> dict[str, str]:
        """TEMP TABLE ``typed``: file, _row, section, ts, <item> (exact decimal), <item>__t (the cell);
        returns item → column of the file."""
        relation = _read_source(con, path, workdir)
        present = {r[0] for r in con.execute(f"DESCRIBE {relation}").fetchall()} - {"_row"}
        sections = [mapping.section] if isinstance(mapping.section, str) else mapping.section
        needed = [*sections, mapping.time]
        columns = {code: col for code, col in mapping.columns.items() if col in present}
        if mapping.required_columns:
            needed += list(mapping.columns.values())
        missing = [c for c in needed if c not in present]
        if missing:
            raise WaterIngestError(f"{path.name}: column(s) {', '.join(missing)} not found "
                                   f"(the file has: {', '.join(sorted(present))})")
        if not columns:
            raise WaterIngestError(f"{path.name}: no water-quality column found (expected some of "
                                   f"{', '.join(mapping.columns.values())})")
        count = one_row(con, f"SELECT count(*) FROM {relation}")[0]
        if count > MAX_ROWS:
            raise WaterIngestError(f"{path.name}: {count:,} rows, more than the limit of {MAX_ROWS:,}")
        # a compound key needs every part (a province and a section name)
        section = "CASE WHEN " + " AND ".join(f"nullif(trim({_q(c)}), '') IS NOT NULL" for c in sections) + \
            " THEN concat_ws('/', " + ", ".join(f"trim({_q(c)})" for c in sections) + ") END"
        time_col = f"trim({_q(mapping.time)})"
        if mapping.time_format:
            fmt, text = mapping.time_format, time_col
            if mapping.needs_year:
                fmt, text = "%Y-" + fmt, f"'{int(year or 0)}-' || {time_col}"
            ts = f"try_strptime({text}, {_lit(fmt)})"
        else:
            ts = (f"coalesce(try_cast({time_col} AS TIMESTAMP), try_strptime({time_col}, "
                  "['%Y/%m/%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d', '%Y-%m-%d %H:%M']))")
        missing_text = ", ".join(_lit(m) for m in MISSING_READINGS)
        parts = []
        for code in ITEMS:
            if code in columns:
                cell = f"trim({_q(columns[code])})"
                parts.append(f"CASE WHEN {cell} IN ({missing_text}) OR {cell} IS NULL THEN NULL ELSE {cell} END "
                             f"AS {_q(code + '__t')}")
            else:
                parts.append(f"NULL::VARCHAR AS {_q(code + '__t')}")
        published = "NULL::VARCHAR"
        if mapping.published_class and mapping.published_class in present:  # "--": not classified
            cell = f"trim({_q(mapping.published_class)})"
            published = f"CASE WHEN {cell} IN ({missing_text}) THEN NULL ELSE {cell} END"
        name = f"nullif(trim({_q(mapping.name)}), '')" if mapping.name else "NULL::VARCHAR"
        body = f"nullif(trim({_q(mapping.water_body)}), '')" if mapping.water_body else "NULL::VARCHAR"
        con.execute(f"""CREATE TEMP TABLE raw AS SELECT {_lit(path.name)} AS file, _row,
            {section} AS section, {name} AS section_name, {body} AS water_body, {time_col} AS time_text,
            {ts} AS ts, {', '.join(parts)}, {published} AS published_class FROM {relation}""")
        casts = ", ".join(f"try_cast({_q(c + '__t')} AS {DECIMAL}) AS {_q(c)}" for c in ITEMS)
        con.execute(f"CREATE TEMP TABLE typed AS SELECT *, {casts} FROM raw")
        return columns

    def _validate(self, con: duckdb.DuckDBPyConnection, path: Path, mapping: WaterMapping,
                  columns: dict[str, str]) -> None:
        """Refuse the file at its first bad row, naming row and field (and how many more)."""
        checks = [("section IS NULL", _section_label(mapping), "no section", "NULL"),
                  ("ts IS NULL", mapping.time, "unreadable time (expected "
                   f"{mapping.time_format or 'YYYY-MM-DD [HH:MM]'})", "time_text"),
                  ("ts < TIMESTAMP '1970-01-01' OR ts > CAST(now() AS TIMESTAMP) + INTERVAL 1 DAY", mapping.time,
                   "time out of range (1970 … tomorrow)", "time_text")]
        for code, column in columns.items():
            t, v = _q(code + "__t"), _q(code)
            checks.append((f"{v} < 0", column, "negative", t))
            checks.append((f"{t} IS NOT NULL AND ({v} IS NULL OR NOT regexp_full_match({t}, '[+]?[0-9]*\\.?[0-9]+'))",
                           column, "not a number", t))
            checks.append((f"regexp_full_match({t}, '[0-9]*\\.[0-9]{{9,}}')", column,
                           "more than 8 decimal places", t))
            if code in CEILINGS:
                checks.append((f"{v} > {CEILINGS[code]}", column, f"impossible (> {CEILINGS[code]})", t))
        if mapping.published_class:
            labels = ", ".join(_lit(x) for x in (*water.LABELS.values(), "劣V", "I", "II", "III", "IV", "V", *MISSING_READINGS))
            checks.append((f"published_class IS NOT NULL AND published_class NOT IN ({labels})",
                           mapping.published_class, "not a water class (Ⅰ…Ⅴ, 劣Ⅴ)", "published_class"))
        # every check in one scan; the first that fails (in the order above) is reported
        found = one_row(con, "SELECT " + ", ".join(
            f"count(*) FILTER (WHERE {c}), min(_row) FILTER (WHERE {c}), arg_min({shown}, _row) FILTER (WHERE {c})"
            for c, _, _, shown in checks) + " FROM typed")
        for i, (_, column, issue, _) in enumerate(checks):
            n, row, value = found[3 * i:3 * i + 3]
            if n:
                more = f" ({n - 1:,} more row(s) like it)" if n > 1 else ""
                cell = f": “{str(value)[:50]}”" if value is not None else ""
                raise WaterIngestError(f"{path.name}:{row} [{column}]{cell} {issue}{more}")
        n, row, other, section, ts = one_row(con, """SELECT count(*), max(_row), min(_row), any_value(section),
            any_value(ts) FROM (SELECT section, ts, _row, count(*) OVER (PARTITION BY section, ts) AS k FROM typed)
            WHERE k > 1""")
        if n:
            raise WaterIngestError(f"{path.name}:{row} [{_section_label(mapping)}]: a second sample of “{section}” at "
                                   f"{ts} (also on row {other}; {n} rows are duplicates)")
        n, row = one_row(con, "SELECT count(*), min(_row) FROM typed")
        if not n:
            raise WaterIngestError(f"{path.name}: no data rows")
        evaluated = " OR ".join(f"{_q(c)} IS NOT NULL" for c in water.evaluated_items() if c in columns) or "false"
        if not one_row(con, f"SELECT count(*) FROM typed WHERE {evaluated}")[0]:
            raise WaterIngestError(f"{path.name}: no row has a value of an evaluated item "
                                   f"({', '.join(water.evaluated_items())})")

    def _new_sections(self, con: duckdb.DuckDBPyConnection, mapping: WaterMapping,
                      known: set[str] | None) -> list[NewSection]:
        if known is None:
            return []
        con.execute("CREATE TEMP TABLE known(code VARCHAR)")
        if known:
            con.executemany("INSERT INTO known VALUES (?)", [[k] for k in sorted(known)])
        rows = con.execute("""SELECT section, arg_min(section_name, _row), arg_min(water_body, _row), min(_row)
            FROM typed WHERE section NOT IN (SELECT code FROM known) GROUP BY section ORDER BY min(_row)""").fetchall()
        return [NewSection(code, nm or code, wb or "", int(r)) for code, nm, wb, r in rows]

    # -- queries --------------------------------------------------------------------------------
    def section_periods(self, start: date, end: date, registry: Iterable[SectionInfo]) -> dict[str, SectionPeriod]:
        """Per registered section, the period ``start`` … ``end`` (inclusive): valid samples, months
        sampled, item means and the class of the means (standards.md §5.2 Periods)."""
        sections = {s.code: s for s in registry}
        key = (start, end, frozenset(sections.values()))
        if key in self._periods:
            return self._periods[key]
        evaluated = water.evaluated_items()
        any_value = " OR ".join(f"{_q(c)} IS NOT NULL" for c in evaluated)
        aggregates = ", ".join(f"sum({_q(c)}), count({_q(c)})" for c in ITEMS)
        rows = self.con.execute(f"""SELECT section, count(*) FILTER (WHERE {any_value}),
            list(DISTINCT strftime(ts, '%Y-%m')) FILTER (WHERE {any_value}), max(ts), {aggregates}
            FROM {self.samples_relation()} WHERE ts >= ? AND ts < ? GROUP BY section""",
            [datetime.combine(start, datetime.min.time()), datetime.combine(end + timedelta(days=1),
                                                                            datetime.min.time())]).fetchall()
        result = {}
        for row in rows:
            info = sections.get(row[0])
            if info is None:
                continue
            means, counts = {}, {}
            for i, code in enumerate(ITEMS):
                total, n = row[4 + 2 * i], row[5 + 2 * i]
                if n:
                    means[code], counts[code] = water.period_mean(Decimal(total), n), n
            result[info.code] = _section_period(info, row[1], tuple(sorted(row[2] or ())), row[3], means, counts)
        self._periods[key] = result
        return result

    def latest_samples(self, codes: list[str]) -> dict[str, dict[str, Any]]:
        """Each section's latest sample: time, item values, the class the file published."""
        if not codes:
            return {}
        listing = ", ".join("?" for _ in codes)
        cursor = self.con.execute(f"""SELECT * EXCLUDE (k) FROM (SELECT *, row_number() OVER (PARTITION BY section
            ORDER BY ts DESC) AS k FROM {self.samples_relation()} WHERE section IN ({listing})) WHERE k = 1""", codes)
        names = [d[0] for d in cursor.description]
        return {r[0]: dict(zip(names, r)) for r in cursor.fetchall()}

    def count(self) -> int:
        return int(one_row(self.con, f"SELECT count(*) FROM {self.samples_relation()}")[0])


def _section_label(mapping: WaterMapping) -> str:
    return mapping.section if isinstance(mapping.section, str) else "/".join(mapping.section)


def _section_period(info: SectionInfo, n: int, months: tuple[str, ...], last: datetime | None,
                    means: dict[str, Decimal], counts: dict[str, int]) -> SectionPeriod:
    cls = water.sample_class(means, lake=info.lake)
    limiting = water.limiting_factors(means, lake=info.lake, target=info.target) if cls else []
    meets = water.meets_target(cls, info.target) if cls and info.target else None
    tn = water.lake_tn_class(means["tn"]) if info.lake and "tn" in means else None
    return SectionPeriod(info.code, n, months, last, means, counts, cls, limiting, meets, tn)


def sample_values(row: dict[str, Any]) -> dict[str, Decimal]:
    """The item values of a stored sample row (no None)."""
    return {c: row[c] for c in ITEMS if row.get(c) is not None}


# -- area ratios --------------------------------------------------------------------------------

@dataclass
class AreaFigures:
    """One area over one period: section counts and the ratios built on them (%, exact)."""

    area: str
    registered: int = 0  # sections registered in the area
    classed: int = 0  # with a period class (valid samples)
    with_target: int = 0  # classed, with a target class: the assessed sections of 断面达标率
    meeting: int = 0
    good: int = 0  # Ⅰ–Ⅲ
    worse_v: int = 0
    river_km: Decimal = Decimal(0)  # classed river sections with a length
    worse_v_km: Decimal = Decimal(0)
    drinking: int = 0  # classed drinking-water source sections with a target
    drinking_meeting: int = 0
    n_samples: int = 0
    sections: list[str] = field(default_factory=list)  # codes of the registered sections
    failing: list[str] = field(default_factory=list)  # names of the sections missing their target
    drinking_failing: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
        return Decimal(part) * 100 / Decimal(whole) if whole else None

    @property
    def compliance(self) -> Decimal | None:
        """断面达标率: sections meeting their target class ÷ assessed sections."""
        return self._ratio(self.meeting, self.with_target)

    @property
    def good_ratio(self) -> Decimal | None:
        """优良（Ⅰ–Ⅲ类）水体比例: Ⅰ–Ⅲ sections ÷ classed sections."""
        return self._ratio(self.good, self.classed)

    @property
    def worse_v_ratio(self) -> Decimal | None:
        """劣Ⅴ类水体比例."""
        return self._ratio(self.worse_v, self.classed)

    @property
    def worse_v_length_ratio(self) -> Decimal | None:
        """劣Ⅴ类河长比例: river length of 劣Ⅴ sections ÷ classed river length (where lengths are given)."""
        return self._ratio(self.worse_v_km, self.river_km)

    @property
    def drinking_compliance(self) -> Decimal | None:
        """集中式饮用水水源地水质达标率."""
        return self._ratio(self.drinking_meeting, self.drinking)


def area_figures(periods: dict[str, SectionPeriod], registry: Iterable[SectionInfo], area: str) -> AreaFigures:
    """The ratios of one area (its key, as in ``SectionInfo.areas``) over the sections of ``periods``."""
    figures = AreaFigures(area)
    for info in registry:
        if area not in info.areas:
            continue
        figures.registered += 1
        figures.sections.append(info.code)
        p = periods.get(info.code)
        if p is None or p.water_class is None:
            continue
        figures.classed += 1
        figures.n_samples += p.n_samples
        figures.good += water.is_good(p.water_class)
        figures.worse_v += p.water_class == WaterClass.WORSE_V
        if info.river_km and not info.lake:
            figures.river_km += info.river_km
            if p.water_class == WaterClass.WORSE_V:
                figures.worse_v_km += info.river_km
        if p.meets_target is not None:
            figures.with_target += 1
            figures.meeting += p.meets_target
            if not p.meets_target:
                figures.failing.append(info.name or info.code)
            if info.drinking:
                figures.drinking += 1
                figures.drinking_meeting += p.meets_target
                if not p.meets_target:
                    figures.drinking_failing.append(info.name or info.code)
    return figures


def month_range(start: date, end: date) -> list[str]:
    """YYYY-MM of every month from ``start`` to ``end``."""
    months, y, m = [], start.year, start.month
    while (y, m) <= (end.year, end.month):
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return months
