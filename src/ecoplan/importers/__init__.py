"""Plan importers — one module per document shape, one registry.

Each text shape has ``detect(text) -> Detection`` (confidence 0…1 with its reasons) and
``parse(text, source, result)`` (entities with their source lines, other lines listed as skipped,
doubts as review items); tests/importers/test_contract.py holds every shape to it.  Binary
formats (.docx, .xlsx, .pdf, exported .json) are turned into a text shape or parsed directly.
``import_bytes`` is the single entry point: it decodes, picks the shape with the highest
confidence (or the one forced), parses, then checks the result (every line accounted for,
metadata gaps filed for review).  When no shape is sure but a table is found, it asks for the
columns' roles (``mapping.ColumnsUnmapped``) instead of refusing.  Pure Python: no Django here.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from ecoplan.vocabulary import gettext_noop as _
from ecoplan.vocabulary.cells import MERGED_CELL

from . import deadlines, fyp_indicators, fyp_plan, header_table, limits, mapping, notice, prose_plan, table_text
from .model import Detection, ImportResult, PlanImportError, PlanMeta, reason
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
# The shapes that read the mark of a cell covered by a merged cell (``MERGED_CELL``); the others
# read the text without it (the covered cell blank, as printed).
READS_MERGED_CELLS = frozenset({"header_table"})


def shape_text(name: str, text: str) -> str:
    return text if name in READS_MERGED_CELLS else text.replace(MERGED_CELL, "")


def detections(text: str) -> dict[str, Detection]:
    return {name: module.detect(shape_text(name, text)) for name, module in TEXT_SHAPES.items()}


def detect_shape(text: str) -> tuple[str, Detection]:
    found = detections(text)
    name = max(found, key=lambda n: found[n].score)
    return name, found[name]


def import_text(text: str, source: str, digest: str, shape: str | None = None,
                columns: dict[str, str] | None = None) -> ImportResult:
    """``shape`` forces a shape; ``columns`` (printed header → role) reads the task table under
    the coordinator's mapping."""
    if columns is not None:
        columns = mapping.check(columns, source)
        if (shape or "header_table") != "header_table":
            raise PlanImportError(_("a column mapping applies to task tables (shape header_table), not to {shape}"),
                                  source=source, field="shape", shape=shape)
        shape = "header_table"
    if shape is None:
        shape, detection = detect_shape(text)
        if detection.score < MIN_CONFIDENCE:
            if found := mapping.preview(text, source):
                if "measure" not in found.mapping().values():
                    raise mapping.no_measure(found)
                preview_import(found, text, digest)
                raise mapping.ColumnsUnmapped(found)
            raise PlanImportError(
                _("no recognisable plan in {lines} lines of text: no task table (a header row such as 序号 | "
                  "重点任务 | 工作措施 | 完成时限 | 牵头单位, cells separated by tabs or |), no prose plan (part "
                  "headings 一、 with items 一是…) and no five-year plan (its title and chapters 第一章…); check "
                  "that the file is the plan, or export its table as .xlsx, .docx or tab-separated text"),
                source=source, lines=sum(1 for line in text.split("\n") if line.strip()))
    elif shape not in TEXT_SHAPES:
        raise PlanImportError(_("no shape {shape}: the shapes are {shapes}"), source=source, field="shape",
                              shape=shape, shapes=", ".join(TEXT_SHAPES))
    result = ImportResult(source_name=source, sha256=digest, shape=shape, meta=PlanMeta())
    if columns is not None:
        header_table.parse(text, source, result, columns=columns)
    else:
        TEXT_SHAPES[shape].parse(shape_text(shape, text), source, result)
    _finish(result, text)
    return result


def preview_import(preview: mapping.Preview, text: str, digest: str) -> None:
    """What the preview's mapping would create: the plan title and the annexes with their counts,
    or the error that says why it creates nothing."""
    preview.title, preview.annexes, preview.error = "", [], None
    try:
        result = import_text(text, preview.source, digest, columns=preview.mapping())
    except PlanImportError as exc:
        preview.error = exc
        return
    preview.title = result.meta.title
    preview.annexes = [(a.number, a.title, len(a.tasks), sum(len(t.measures) for t in a.tasks))
                       for a in result.annexes]


def document_text(data: bytes, source: str) -> str:
    """The text a document reads as: decoded, or extracted from .docx, .xlsx, .html and .pdf."""
    suffix = Path(source).suffix.lower()
    if suffix in (".docx", ".xlsx", ".xlsm", ".pdf", ".html", ".htm"):
        from . import docx_tables, html_tables, pdf_text, xlsx_tables

        reader = {".docx": docx_tables, ".pdf": pdf_text, ".html": html_tables,
                  ".htm": html_tables}.get(suffix, xlsx_tables)
        text: str = reader.to_text(data, source)
        check_lines(text, source)
        return text
    return decode(data, source)


def import_bytes(data: bytes, source: str, shape: str | None = None,
                 columns: dict[str, str] | None = None) -> ImportResult:
    """Parse one document.  Raises ``PlanImportError`` naming the file (and line) on bad input,
    including input beyond the bounds of ``limits`` (size, lines, inflated size, rows, pages), and
    ``mapping.ColumnsUnmapped`` (with the preview) when it holds a table of unknown columns."""
    limits.check_size(len(data), partial(PlanImportError, source=source))
    digest = sha256(data)
    if Path(source).suffix.lower() == ".json":
        if shape or columns:
            raise PlanImportError(_("an ecoplan JSON export has no shape or column mapping to choose"),
                                  source=source, field="columns")
        from . import json_plan
        return json_plan.parse(data, source, digest)
    return import_text(document_text(data, source), source, digest, shape, columns)


def preview_bytes(data: bytes, source: str, columns: dict[str, str]) -> mapping.Preview | None:
    """The table of a document under a mapping the coordinator is correcting: the guesses where
    the mapping names no column, and what it would create."""
    limits.check_size(len(data), partial(PlanImportError, source=source))
    text = document_text(data, source)
    found = mapping.preview(text, source)
    if found is not None:
        chosen = header_table.mapping_of(columns)
        for column in found.columns:
            role = chosen.get(header_table.header_word(column.header))
            if role and role != column.role:
                column.role, column.why = role, reason(_("chosen by you"))
        preview_import(found, text, sha256(data))
    return found


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
    notice.read_signature(text.split("\n"), result)  # the 落款 at the end, before its gaps are filed
    if not meta.district:  # the lowest district the title or the issuing body names
        meta.district = (notice.district_of(meta.title or " ".join(a.title for a in result.annexes))
                         or notice.district_of(meta.issuing_body)
                         or notice.town_district(meta.title or meta.issuing_body, text))
    for annex in result.annexes:
        if annex.theme == "other":  # `推进产业结构优化调整` in a 大气 plan: the plan's campaign
            annex.theme = notice.theme_of(meta.title)
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
    undated = [m for m in result.measures() if deadlines.needs_year(m.deadline)]
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
