"""Column mapping — the coordinator names the roles of a task table's columns when the header
vocabulary (``vocabulary.columns``) does not.

When no shape is sure of a document but a table is in it, the importer does not refuse: it
raises ``ColumnsUnmapped`` carrying a ``Preview`` (the header, the first rows, each column's
guessed role and why, the annexes and title the guess would create).  The upload page shows it
with a select per column; the CLI prints it with the ``--columns`` line to pass.  The mapping the
coordinator confirms (printed header → role) goes to ``header_table.parse``.  Pure: no Django.
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process

from ecoplan.vocabulary import gettext_noop as _
from ecoplan.vocabulary.columns import HEADER_WORDS, MAPPING_ROLES, ROLE_ALIASES, role_of

from . import deadlines, header_table, organisations
from .model import PlanImportError, Reason, reason
from .text import squeeze

ROLES = tuple(t.code for t in MAPPING_ROLES)
# roles a table has at most one column of (an `attribute` or `ignore` column may be many)
SINGLE = tuple(r for r in ROLES if r not in ("attribute", "ignore"))
PREVIEW_ROWS = 5
SAMPLE_ROWS = 30  # rows read to guess a column's role from its cells
PREVIEW_MIN_RATIO = 60  # a header this close (rapidfuzz ratio) to a vocabulary word is suggested its role
NUMBER_CELL = re.compile(r"^[（(]?[0-9０-９一二三四五六七八九十]+[)）]?[、.．]?$")


@dataclass
class Column:
    index: int
    header: str  # as printed
    role: str  # one of ROLES
    why: Reason


@dataclass
class Preview:
    """What the coordinator sees before a table is imported under a mapping."""

    source: str
    line: int  # the header's line
    columns: list[Column]
    rows: list[tuple[int, list[str]]]  # the first data rows: (line, cells)
    title: str = ""  # the plan title the mapping would create
    annexes: list[tuple[str, str, int, int]] = field(default_factory=list)  # number, title, tasks, measures
    error: PlanImportError | None = None  # why the mapping reads no plan, when it does not

    def mapping(self) -> dict[str, str]:
        return {c.header: c.role for c in self.columns if c.header}

    def spec(self) -> str:
        """The mapping as the CLI's ``--columns`` takes it."""
        return ",".join(f"{header}={role}" for header, role in self.mapping().items())


class ColumnsUnmapped(PlanImportError):
    """A table was found and a column of it may hold the measures, but the header vocabulary names
    no measure column: the coordinator is asked to confirm the guessed roles."""

    def __init__(self, preview: Preview):
        self.preview = preview
        super().__init__(
            _("a table with columns {columns}; none maps to a measure ({words}…): map the columns on the "
              "upload page, or name them with --columns '{spec}' (the roles guessed), or name the measure "
              "column with one of these words"), **_where(preview))


def _where(preview: Preview) -> dict[str, Any]:
    """The table a question or refusal is about: where it is, its columns, the words to name them."""
    return {"source": preview.source, "line": preview.line, "field": "header",
            "columns": ", ".join(c.header for c in preview.columns if c.header),
            "words": header_table.measure_words(), "spec": preview.spec()}


def no_measure(preview: Preview) -> PlanImportError:
    """A table with no column to read the measures from, by its header or its cells: no plan."""
    return PlanImportError(
        _("a table with columns {columns}; none maps to a measure ({words}…) and none holds text long enough "
          "to be the measures: if it is a plan's task table, name its measure column with one of these words "
          "or map its columns (ecoplan import --columns '{spec}', with the measure column)"), **_where(preview))


def role_named(name: str) -> str:
    """A role as the coordinator writes it (``measure``, ``lead`` …), or ""."""
    name = name.strip().lower()
    name = ROLE_ALIASES.get(name, name)
    return name if name in ROLES else ""


def check(columns: dict[str, str], source: str) -> dict[str, str]:
    """The mapping with its roles spelt as codes; bad roles, a role named twice and a mapping
    without a measure are refused, naming the entry."""
    checked: dict[str, str] = {}
    for header, name in columns.items():
        role = role_named(str(name))
        if not header.strip() or not role:
            raise PlanImportError(_("“{header}={role}”: a column mapping is HEADER=ROLE, the role one of {roles}"),
                                  source=source, field="columns", header=header, role=name,
                                  roles=", ".join(ROLES))
        checked[header.strip()] = role
    for role in SINGLE:
        named = [h for h, r in checked.items() if r == role]
        if len(named) > 1:
            raise PlanImportError(_("the columns {columns} are all mapped to {role}: a table has one such column"),
                                  source=source, field="columns", columns="、".join(named), role=role)
    if "measure" not in checked.values():
        raise PlanImportError(_("no column is mapped to measure: name the column that holds the measures' text"),
                              source=source, field="columns")
    return checked


def parse_spec(spec: str) -> dict[str, str]:
    """``工作内容=measure,责任部门=lead_unit`` (commas or 、 ，between entries) → a checked mapping."""
    columns: dict[str, str] = {}
    for entry in re.split(r"[,，]", spec):
        if not entry.strip():
            continue
        header, sep, role = entry.partition("=")
        if not sep:
            raise PlanImportError(_("“{entry}”: a column mapping is HEADER=ROLE"), source="--columns",
                                  field="columns", entry=entry.strip())
        columns[header.strip()] = role.strip()
    return check(columns, "--columns")


def read_file(data: bytes, name: str) -> dict[str, str]:
    """A mapping file: TOML (``"工作内容" = "measure"``, at the top or under ``[columns]``) or a JSON
    object (the same, ``{"columns": {…}}`` too)."""
    try:
        text = data.decode("utf-8-sig")
        loaded = json.loads(text) if name.lower().endswith(".json") else tomllib.loads(text)
    except (UnicodeDecodeError, ValueError) as exc:  # JSONDecodeError and TOMLDecodeError are ValueErrors
        raise PlanImportError(_("not a column mapping file (TOML or JSON): {error}"), source=name,
                              error=str(exc)) from exc
    if isinstance(loaded, dict) and isinstance(loaded.get("columns"), dict):
        loaded = loaded["columns"]
    if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
        raise PlanImportError(_("a column mapping file holds printed header = role pairs"), source=name)
    return check(loaded, name)


def guess_from_header(header: str) -> tuple[str, Reason] | None:
    word = header_table.header_word(header)
    if not word:
        return None
    if role := role_of(word):
        return role, reason(_("a header word of the column vocabulary"))
    # a vocabulary word inside the header (`主要工作内容`), the longest first
    inside = sorted(((w, r) for r, words in HEADER_WORDS.items() for w in words if len(w) >= 2 and w in word),
                    key=lambda wr: -len(wr[0]))
    if inside:
        return inside[0][1], reason(_("the header contains “{word}”"), word=inside[0][0])
    # looser than the reader's own guess (header_table.column_role): a suggestion the coordinator sees
    vocabulary = {w: r for r, words in HEADER_WORDS.items() for w in words}
    if close := process.extractOne(word, list(vocabulary), scorer=fuzz.ratio, score_cutoff=PREVIEW_MIN_RATIO):
        return vocabulary[close[0]], reason(_("the header resembles “{word}”"), word=close[0])
    return None


def guess_from_cells(cells: list[str]) -> tuple[str, Reason] | None:
    filled = [squeeze(c) for c in cells if c.strip()]
    if not filled:
        return None
    share = len(filled) / 2
    if sum(bool(NUMBER_CELL.match(c)) for c in filled) > share:
        return "number", reason(_("its cells are numbers"))
    if sum(deadlines.is_deadline(c) for c in filled) > share:
        return "deadline", reason(_("its cells read as deadlines"))
    if sum(len(c) <= 60 and _names_units(c) for c in filled) > share:
        return "lead_unit", reason(_("its cells name units"))
    return None


def _names_units(cell: str) -> bool:
    """The cell names organisations (their structure or the lexicon says so: …局, …街道办事处, 各…)."""
    return any(unit.kind != "unknown" for unit in organisations.parse_cell(cell))


def guess(header: list[str], rows: list[list[str]]) -> list[Column]:
    """Each column's role, from its header word, else from its cells; a role goes to one column
    (the first), the longest texts are the measures when no header names them."""
    columns = []
    taken: set[str] = set()
    for index, printed in enumerate(header):
        cells = [r[index] for r in rows if index < len(r)]
        found = guess_from_header(printed) or guess_from_cells(cells)
        if found and found[0] == "lead_unit" and "lead_unit" in taken and "co_unit" not in taken:
            found = "co_unit", found[1]  # a second unit column: the co-units
        if found and found[0] not in taken:
            role, why = found
            taken.add(role)
        else:
            role, why = "attribute", reason(_("no role guessed: kept with the measure as another column"))
        columns.append(Column(index, squeeze(printed), role, why))
    if "measure" not in taken:
        lengths = {c.index: sum(len(r[c.index]) for r in rows if c.index < len(r)) / max(len(rows), 1)
                   for c in columns if c.role == "attribute"}
        if lengths and (longest := max(lengths, key=lambda i: lengths[i])) and lengths[longest] >= 8:
            columns[longest].role = "measure"
            columns[longest].why = reason(_("the longest texts of the table"))
    return columns


def preview(text: str, source: str) -> Preview | None:
    """The table a document holds, with each column's guessed role, or None when it holds none."""
    line = header_table.describe_table(text)
    if line is None:
        return None
    lines = text.split("\n")
    header = header_table.cells_of(lines[line - 1]) or []
    rows = []
    for number in range(line + 1, len(lines) + 1):
        cells = header_table.cells_of(lines[number - 1])
        if cells is not None and not header_table.RULE.match(lines[number - 1]) and any(c.strip() for c in cells):
            rows.append((number, cells))
            if len(rows) == SAMPLE_ROWS:
                break
    columns = guess(header, [cells for _number, cells in rows])
    return Preview(source, line, columns, rows[:PREVIEW_ROWS])

