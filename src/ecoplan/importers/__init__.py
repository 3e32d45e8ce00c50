"""Plan importers — one module per document shape, one registry.

Each text shape has ``detect(text) -> float`` (confidence 0…1) and ``parse(text, source, result)``.
Binary formats (.docx, .xlsx, .pdf, exported .json) are turned into a text shape or parsed
directly.  ``import_bytes`` is the single entry point: it decodes, picks the shape with the
highest confidence, parses, then checks the result (every line accounted for, metadata gaps
filed for review).  Pure Python: no Django here.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from . import deadlines, fyp_indicators, fyp_plan, header_table, limits, notice, prose_plan, table_text
from .model import ImportResult, PlanImportError, PlanMeta
from .text import check_lines, decode, sha256

# name → module; the order breaks ties.
TEXT_SHAPES = {
    "table_text": table_text,
    "fyp_plan": fyp_plan,
    "prose_plan": prose_plan,
    "fyp_indicators": fyp_indicators,  # a 规划指标表 on its own
    "header_table": header_table,  # every task table with a header row (Daxing, Tongzhou, .docx/.xlsx/.html)
}
MIN_CONFIDENCE = 0.3


def detect_shape(text: str) -> tuple[str, float]:
    scores = {name: module.detect(text) for name, module in TEXT_SHAPES.items()}
    name = max(scores, key=lambda n: scores[n])
    return name, scores[name]


def import_text(text: str, source: str, digest: str, shape: str | None = None) -> ImportResult:
    if shape is None:
        shape, confidence = detect_shape(text)
        if confidence < MIN_CONFIDENCE:
            if table := header_table.describe_table(text):
                line, columns = table
                raise PlanImportError(f"a table with columns {', '.join(columns)}; none maps to a measure "
                                      f"({header_table.measure_words()}…): name the measure column with one of "
                                      "these words", source=source, line=line, field="header")
            raise PlanImportError("no recognisable plan (no task table, prose plan or five-year "
                                  "plan structure found)", source=source)
    result = ImportResult(source_name=source, sha256=digest, shape=shape, meta=PlanMeta())
    TEXT_SHAPES[shape].parse(text, source, result)
    _finish(result, text)
    return result


def import_bytes(data: bytes, source: str) -> ImportResult:
    """Parse one document.  Raises ``PlanImportError`` naming the file (and line) on bad input,
    including input beyond the bounds of ``limits`` (size, lines, inflated size, rows, pages)."""
    suffix = Path(source).suffix.lower()
    limits.check_size(len(data), partial(PlanImportError, source=source))
    digest = sha256(data)
    if suffix in (".docx", ".xlsx", ".xlsm", ".pdf", ".html", ".htm"):
        from . import docx_tables, html_tables, pdf_text, xlsx_tables

        reader = {".docx": docx_tables, ".pdf": pdf_text, ".html": html_tables,
                  ".htm": html_tables}.get(suffix, xlsx_tables)
        text = reader.to_text(data, source)
        check_lines(text, source)
        return import_text(text, source, digest)
    if suffix == ".json":
        from . import json_plan
        return json_plan.parse(data, source, digest)
    return import_text(decode(data, source), source, digest)


def import_file(path: str | Path) -> ImportResult:
    path = Path(path)
    try:
        limits.check_size(path.stat().st_size, partial(PlanImportError, source=str(path)))
        data = path.read_bytes()
    except OSError as exc:
        raise PlanImportError(f"cannot read the file: {exc.strerror}", source=str(path)) from exc
    return import_bytes(data, path.name)


def _finish(result: ImportResult, text: str) -> None:
    """Checks shared by every text shape: metadata gaps become review items, and every
    non-blank source line must belong to an entity or be listed as skipped."""
    meta = result.meta
    if not meta.district:
        meta.district = notice.district_of(meta.title or " ".join(a.title for a in result.annexes))
    if not meta.title and result.annexes:
        meta.title = result.annexes[0].title
        result.add_review("meta_missing", "the document prints no plan title; the first annex's "
                          "title was used", result.annexes[0].line, meta.title)
    for field, template in (("doc_number", "no 文号 printed in the document"),
                            ("issue_date", "no issue date printed in the document"),
                            ("issuing_body", "no issuing body printed in the document")):
        if not getattr(meta, field):
            result.add_review("meta_missing", template, 1)
    _review_targets(result)
    _review_year(result)
    if not (result.annexes and any(a.tasks for a in result.annexes)) and not result.targets:
        raise PlanImportError("no recognisable plan: no task, measure or target was found",
                              source=result.source_name)
    lines = text.split("\n")
    for number in result.unaccounted(text):
        # nothing is lost: a line no rule of the shape read is listed and goes to review
        result.skip(number, "not read by the importer", lines[number - 1])
        result.add_review("line_unread", "line {number} was not read by the importer: check it",
                          number, lines[number - 1][:200], number=number)


def _review_year(result: ImportResult) -> None:
    """Deadlines such as 月底前 printed without a year wait for the plan year: when the document
    does not state it, the coordinator is asked once, with the first such deadline."""
    undated = [m for a in result.annexes for t in a.tasks for m in t.measures if deadlines.needs_year(m.deadline)]
    if undated:
        first = min(undated, key=lambda m: m.line)
        result.add_review("year_unknown", "the document states no plan year (title, 文号, issue date or dated "
                          "deadlines): enter it so that {count} deadlines such as “{raw}” get their dates",
                          first.line, first.deadline.raw, count=len(undated), raw=first.deadline.raw)


def _review_targets(result: ImportResult) -> None:
    """Targets left to the municipality wait for a value; two statements of one target that
    disagree (`大于 95%` vs `稳定达到 95%以上`) are a conflict for the coordinator."""
    seen: dict[tuple[str, str, str], int] = {}  # (indicator, area, period) → index
    for index, target in enumerate(result.targets):
        if target.comparator == "municipal":
            result.add_review("target_municipal", "“{indicator}” is left to the municipal requirement: enter "
                              "the value when the city sets it", target.line, target.raw, ("target", index),
                              indicator=target.indicator)
        if not target.indicator_code or target.value is None:
            continue
        ident = (target.indicator_code, target.area, target.period)
        if ident in seen:
            other = result.targets[seen[ident]]
            if (other.comparator, other.value) != (target.comparator, target.value):
                result.add_review(
                    "target_conflict", "“{indicator}” is stated twice: {first} (line {first_line}) and {second}",
                    target.line, target.raw, ("target", index), indicator=target.indicator,
                    first=f"{other.comparator} {other.value}", first_line=other.line,
                    second=f"{target.comparator} {target.value}")
        else:
            seen[ident] = index
