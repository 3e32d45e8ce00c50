"""Reading a small monthly table (measurements, a published ranking) from CSV or XLSX through a
declared column mapping — pure, no Django.

A mapping names, for each field the reader wants (site, month, value …), the header of the
column that holds it: ``{"site": "点位编号", "month": "月份", "value": "降尘量"}``, written in a
``.toml`` file (``[mapping]`` table) or inline (``site=点位编号,month=月份``).  Fields not mapped
are looked for under their own name.  The whole file is read and checked before anything is
kept; the first bad cell stops it with the file, the row and the field.  Bounded: the file size
(``limits.MAX_FILE_BYTES``) and ``MAX_ROWS`` rows.
"""
from __future__ import annotations

import csv
import re
import tomllib
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ecoplan.importers import limits
from ecoplan.vocabulary.cells import MISSING_READINGS

from .ingest import IngestError

MAX_ROWS = 200_000  # a municipality's monthly ranking for ten years is ~40,000 rows
MAX_COLUMNS = 100


def parse_mapping(text: str | None) -> dict[str, str]:
    """``site=点位,month=月份`` or the path of a ``.toml`` file with a ``[mapping]`` table."""
    if not text:
        return {}
    if text.endswith(".toml"):
        try:
            data = tomllib.loads(Path(text).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise IngestError(f"{Path(text).name}: not a readable mapping ({exc})") from None
        mapping = data.get("mapping")
        if not isinstance(mapping, dict) or not all(isinstance(v, str) for v in mapping.values()):
            raise IngestError(f"{Path(text).name}: a [mapping] table of field = \"column header\" is expected")
        return dict(mapping)
    mapping = {}
    for part in text.split(","):
        field, sep, column = part.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise IngestError(f"mapping “{part}”: write field=column header, e.g. site=点位编号")
        mapping[field.strip()] = column.strip()
    return mapping


def _cells(path: Path) -> Iterator[tuple[int, list[Any]]]:
    def error(message: str) -> IngestError:
        return IngestError(f"{path.name}: {message}")

    try:
        limits.check_size(path.stat().st_size, error, limits.MAX_FILE_BYTES)
    except OSError as exc:
        raise IngestError(f"{path}: cannot read the file ({exc.strerror})") from None
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        for _, number, cells in limits.sheet_rows(path, error, MAX_ROWS + 1, MAX_COLUMNS, all_sheets=False):
            yield number, cells
        return
    if suffix not in (".csv", ".txt"):
        raise error(f"unsupported file type {suffix or '(none)'} (csv, xlsx)")
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover — gb18030 decodes any byte string
        raise error("unknown text encoding (expected UTF-8 or GB18030/GBK)")
    first = text.split("\n", 1)[0]
    reader = csv.reader(text.splitlines(), delimiter=max(",\t;", key=first.count))
    try:
        for number, cells in enumerate(reader, 1):
            if number > MAX_ROWS + 1:
                raise error(f"more than {MAX_ROWS:,} rows")
            yield number, cells
    except csv.Error as exc:
        raise IngestError(f"{path.name}:{reader.line_num}: unreadable CSV ({exc})") from None


def read_rows(path: Path, fields: tuple[str, ...], required: tuple[str, ...],
              mapping: dict[str, str] | None = None) -> list[tuple[int, dict[str, str]]]:
    """(row number, {field: cell text}) of each non-blank row; ``required`` fields must have a
    column.  Cells are stripped text ('' when empty or a missing-reading marker such as ``—``)."""
    path = Path(path)
    mapping = mapping or {}
    unknown = sorted(set(mapping) - set(fields))
    if unknown:
        raise IngestError(f"mapping: unknown field(s) {', '.join(unknown)} (fields: {', '.join(fields)})")
    rows: list[tuple[int, dict[str, str]]] = []
    where: dict[str, int] = {}
    for number, cells in _cells(path):
        texts = [_text(c) for c in cells]
        if not where:
            header = [t.strip() for t in texts]
            if not any(header):
                raise IngestError(f"{path.name}:{number}: the first line is empty (a header line is expected)")
            where = {f: header.index(mapping.get(f, f)) for f in fields if mapping.get(f, f) in header}
            missing = [f for f in required if f not in where]
            if missing:
                wanted = ", ".join(f"{f} (column “{mapping.get(f, f)}”)" for f in missing)
                raise IngestError(f"{path.name}:{number}: missing column(s) {wanted}; declare the mapping "
                                  "with --mapping field=header")
            continue
        if not any(t.strip() for t in texts):
            continue
        row = {}
        for field, index in where.items():
            cell = texts[index].strip() if index < len(texts) else ""
            row[field] = "" if cell in MISSING_READINGS else cell
        rows.append((number, row))
    if not where:
        raise IngestError(f"{path.name}: the file is empty")
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


_MONTH = [re.compile(p) for p in (r"^(\d{4})-(\d{1,2})(?:-01)?$", r"^(\d{4})/(\d{1,2})(?:/1|/01)?$",
                                    r"^(\d{4})年(\d{1,2})月(?:份)?$", r"^(\d{4})(\d{2})$", r"^(\d{4})\.(\d{1,2})$")]


def month(text: str, where: str, field: str = "month") -> date:
    """2024-03, 2024-03-01, 2024/3, 2024年3月, 202403 → date(2024, 3, 1)."""
    for pattern in _MONTH:
        if m := pattern.match(text):
            year, number = int(m.group(1)), int(m.group(2))
            if 1 <= number <= 12 and 1900 < year < 2200:
                return date(year, number, 1)
    raise IngestError(f"{where} [{field}]: “{text[:40]}” is not a month (2024-03, 2024年3月)")


def day(text: str, where: str, field: str) -> date:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        raise IngestError(f"{where} [{field}]: “{text[:40]}” is not a date (YYYY-MM-DD)") from None


def number(text: str, where: str, field: str) -> Decimal:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise IngestError(f"{where} [{field}]: “{text[:40]}” is not a number") from None
    if not value.is_finite():
        raise IngestError(f"{where} [{field}]: “{text[:40]}” is not a number")
    return value


def whole(text: str, where: str, field: str) -> int:
    value = number(text, where, field)
    if value != value.to_integral_value() or value < 1:
        raise IngestError(f"{where} [{field}]: “{text[:40]}” is not a whole number ≥ 1")
    return int(value)
