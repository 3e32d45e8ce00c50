"""Task tables of any wording: columns mapped to roles by their header words.

Rows come from tab-separated lines (.docx, .xlsx, copied tables) or `|`-separated lines (`a | b`,
`| a | b |`).  The header row is the row whose cells name roles of ``vocabulary.columns`` (a
measure column required); a two-row header (`责任单位` over `牵头部门 | 配合部门`) is read as
one; the header reprinted on every page is skipped; a row with one filled cell outside the
measure column is a section.  Annexes are `附件 1`, `附件1：`, `附件二`, `附件 1 标题`, or none:
then the table is one annex titled by the title line before it, else by the file name.  Rows
become ``tables.Row`` records for ``TableAssembler`` (deadlines, units, review items), as in
``tab_table``.  Header columns of no role are kept beside each measure (``Measure.attributes``) and named in a
review item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from ecoplan.vocabulary import gettext_noop as _
from ecoplan.vocabulary.columns import HEADER_WORDS, LEAD_OR_CO, UNIT_GROUP, role_of

from . import notice
from .model import NOT_DETECTED, Annex, Detection, ImportResult, PlanImportError, reason
from .tables import Row, TableAssembler
from .text import cn_number, join_wrapped, key, squeeze, strip_html

ANNEX = re.compile(r"^\s*附件\s*([0-9０-９]+|[一二三四五六七八九十]+)\s*[：:．.、]?\s*(.*?)\s*$")
RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")  # `|---|---|`
SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+[部分章节])")


def cells_of(line: str) -> list[str] | None:
    """A table row's cells, or None for a line of plain text."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    text = line.strip().replace("｜", "|")
    if text.count("|") >= 2 or (text.count("|") == 1 and not text.startswith("|")):
        if text.startswith("|"):
            text = text[1:]
        if text.endswith("|"):
            text = text[:-1]
        return [c.strip() for c in text.split("|")]
    return None


@lru_cache(maxsize=4096)
def _word(cell: str) -> str:
    """A header cell in matching form, without a bracketed note (`完成时限（2024年）`)."""
    return re.sub(r"[（(][^）)]*[)）]$", "", key(cell))


header_word = _word


@dataclass
class Header:
    roles: dict[str, int]  # role → column index
    labels: dict[str, str]  # lead_unit / co_unit → the printed word
    extra: dict[str, int] = field(default_factory=dict)  # printed header of no role → column index
    rows: int = 1  # one- or two-row header
    words: tuple[str, ...] = ()  # what a repeated header prints again


def mapping_of(columns: dict[str, str] | None) -> dict[str, str]:
    """The coordinator's column mapping (printed header → role, ``attribute`` or ``ignore``) in
    matching form."""
    return {_word(header): role for header, role in (columns or {}).items()}


def read_header(cells: list[str], below: list[str] | None = None,
                columns: dict[str, str] | None = None) -> Header | None:
    """The header these cells print (with ``below`` as a second header row when it is one), or
    None.  A header names a measure column and at least one other role; every filled cell of it
    is a header word or a short note.  ``columns`` (from ``mapping_of``) is the coordinator's
    mapping: it names the roles of its headers, and a row holding one of them with a measure
    column is the header whatever else it prints."""
    mapping = columns or {}
    if any(len(c) > 30 for c in cells) and not mapping:
        return None  # a sentence in a cell: a data row (and no key() of it: a long table stays fast)
    upper = [_word(c) for c in cells]
    lower = [_word(c) for c in below] if below is not None else []
    mapped = any(w in mapping for w in upper + lower)

    def role_for(word: str) -> str:  # the mapping first, then the vocabulary
        return mapping.get(word) or role_of(word)

    two_rows = (bool(lower) and any(w in UNIT_GROUP for w in upper)
                and any(role_for(w) for w in lower) and all(role_for(w) or not w for w in lower))
    words = [(lower[i] if two_rows and i < len(lower) and lower[i] else w) for i, w in enumerate(upper)]
    roles: dict[str, int] = {}
    labels: dict[str, str] = {}
    extra: dict[str, int] = {}
    leads = [i for i, w in enumerate(words) if role_for(w) == "lead_unit"]
    for index, word in enumerate(words):
        role = role_for(word)
        if role == "lead_unit" and word in LEAD_OR_CO and len(leads) > 1 and word not in mapping:
            role = "co_unit"  # 牵头单位 | 责任单位: the second names the co-units
        if role and role not in ("attribute", "ignore") and role not in roles:
            roles[role] = index
            if role in ("lead_unit", "co_unit"):
                labels[role] = word
        elif word and not (two_rows and word in UNIT_GROUP):
            if len(word) > 12 and not mapped:
                return None  # a sentence: a data row, not a header
            if role != "ignore":
                extra.setdefault(word, index)
    if "measure" not in roles or (not mapped and (len(roles) < 2 or len(extra) > len(roles))):
        return None
    return Header(roles, labels, extra, 2 if two_rows else 1, tuple(upper + lower))


def find_header(lines: list[str], columns: dict[str, str] | None = None) -> tuple[int, Header] | None:
    for index, line in enumerate(lines):
        cells = cells_of(line)
        if cells is None or len(cells) < 2:
            continue
        below = cells_of(lines[index + 1]) if index + 1 < len(lines) else None
        header = read_header(cells, below, columns)
        if header:
            return index, header
    return None


def detect(text: str) -> Detection:
    """Confidence from how many roles the header maps (0.3 for a measure and one other role);
    at most 0.5, the least ``tab_table`` gives the seeds' headers: it wins the tie, being first."""
    lines = text.split("\n")
    found = find_header(lines)
    if found is None:
        return NOT_DETECTED
    index, header = found
    cells = cells_of(lines[index]) or []
    named = "、".join(squeeze(cells[i]) for i in sorted(header.roles.values()) if i < len(cells))
    return Detection(min(0.5, 0.2 + 0.05 * len(header.roles)), (
        reason(_("a table header on line {line} naming {count} column roles: {columns}"),
               line=index + 1, count=len(header.roles), columns=named),))


def describe_table(text: str) -> tuple[int, list[str]] | None:
    """The first line that reads as a table header (3+ short filled cells) and its cells: what
    a refusal names when no shape recognised the document."""
    for number, line in enumerate(text.split("\n"), 1):
        cells = cells_of(line)
        if cells is None:
            continue
        filled = [squeeze(c) for c in cells if c.strip()]
        if len(filled) >= 3 and all(len(c) <= 12 for c in filled):
            return number, filled
    return None


def measure_words() -> str:
    return "/".join(HEADER_WORDS["measure"][:6])


def _annex_number(printed: str) -> str:
    digits = printed.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if digits.isdigit():
        return str(int(digits))
    return str(cn_number(printed) or printed)


def _is_title(line: str) -> bool:
    text = line.strip()
    return bool(text) and cells_of(line) is None and len(text) <= 60 and not text.endswith(("。", "；"))


def parse(text: str, source: str, result: ImportResult, columns: dict[str, str] | None = None) -> None:
    """``columns``: the coordinator's mapping, printed header → role (or ``attribute``/``ignore``),
    over the header vocabulary."""
    lines = text.split("\n")
    mapping = mapping_of(columns)
    found = find_header(lines, mapping)
    if found is None and mapping:
        raise PlanImportError(f"no table header holds the mapped columns ({'、'.join(columns or {})}) "
                              "with a measure column", source=source, field="columns")
    if found is None:
        raise PlanImportError(f"no task table header naming a measure column ({measure_words()}…)",
                              source=source)
    if missing := [h for h, word in zip(columns or {}, mapping, strict=True) if word not in found[1].words]:
        raise PlanImportError(f"the mapped columns {'、'.join(missing)} are not in the table header on line "
                              f"{found[0] + 1}", source=source, line=found[0] + 1, field="columns")
    first_header = found[0]
    first_annex = next((i for i, line in enumerate(lines[:first_header]) if ANNEX.match(line)
                        and cells_of(line) is None), None)
    # without an annex marker, the title line just before the table titles it
    title_index = None
    if first_annex is None:
        title_index = next((i for i in range(first_header - 1, -1, -1) if lines[i].strip()), None)
        if title_index is not None and not _is_title(lines[title_index]):
            title_index = None
    start = min(i for i in (first_annex, title_index, first_header) if i is not None)
    listed = notice.read_notice(lines, start, result)
    meta = result.meta
    annex: Annex | None = None
    header: Header | None = None
    assembler: TableAssembler | None = None
    section = ""
    pending_title = ""
    if title_index is not None:
        pending_title = squeeze(lines[title_index])
        meta.title = meta.title or pending_title
        result.meta_lines.append(title_index + 1)
    index = title_index + 1 if title_index is not None else start

    def finish() -> None:
        nonlocal assembler
        if assembler:
            assembler.finish()
        assembler = None

    while index < len(lines):
        raw = lines[index]
        number = index + 1
        index += 1
        if not raw.strip():
            continue
        cells = cells_of(raw)
        if cells is None and (m := ANNEX.match(raw)):
            finish()
            n = _annex_number(m.group(1))
            title = squeeze(m.group(2))
            if not title and index < len(lines) and _is_title(lines[index]) and not ANNEX.match(lines[index]):
                title = squeeze(lines[index])
                result.meta_lines.append(index + 1)
                index += 1
            # a bare marker (a sheet named `附件2`): the notice's list, else the file's name for the
            # first annex
            title = (title or listed.get(int(n) if n.isdigit() else 0, "")
                     or (PurePath(source).stem if not result.annexes else f"附件{n}"))
            annex = Annex(number=n, title=title, theme=notice.theme_of(title), line=number)
            result.annexes.append(annex)
            header, section = None, ""
            _set_year(result, title)
            continue
        if cells is None:
            if header is not None and SECTION.match(raw) and len(raw.strip()) <= 40:
                section = squeeze(raw)
                result.skip(number, "section row (kept as the tasks' section)", raw)
            elif header is None and annex is not None and annex.title.startswith("附件") and _is_title(raw):
                annex.title = squeeze(raw)
                annex.theme = notice.theme_of(annex.title)
                result.meta_lines.append(number)
                _set_year(result, annex.title)
            else:
                result.skip(number, "text outside the table rows", raw)
            continue
        if RULE.match(raw):
            result.skip(number, "table rule line", raw)
            continue
        below = cells_of(lines[index]) if index < len(lines) else None
        found_here = read_header(cells, below, mapping)
        if found_here is not None and header is not None and _titled_table(result, lines, number):
            # another table under its own title line (the next sheet of a workbook): a new annex
            finish()
            title_line = result.skipped.pop()
            result.meta_lines.append(title_line.line)
            title = squeeze(title_line.text)
            after = max((int(a.number) for a in result.annexes if a.number.isdigit()), default=0)
            annex = Annex(number=str(after + 1), title=title, theme=notice.theme_of(title), line=title_line.line)
            result.annexes.append(annex)
            header, section = None, ""
        if found_here is not None:
            reason = "table header" if header is None else "repeated page header"
            result.skip(number, reason, raw)
            if found_here.rows == 2:
                result.skip(number + 1, reason, lines[index])
                index += 1
            if header is None:
                finish()
                header = found_here
                if annex is None:
                    title = pending_title or PurePath(source).stem
                    annex = Annex(number="1", title=title, theme=notice.theme_of(title), line=number)
                    result.annexes.append(annex)
                    _set_year(result, title)
                if unmapped := [w for w in header.extra if w not in mapping]:
                    result.add_review("columns_unmapped", "columns of no role in the column vocabulary, "
                                      "kept as the measures' other columns: {columns}", number, raw[:200],
                                      columns="、".join(unmapped))
            continue
        if header is None or annex is None:
            result.skip(number, "text outside a task table", raw)
            continue
        filled = [i for i, c in enumerate(cells) if c]
        if len(filled) == 1 and filled[0] != header.roles["measure"]:
            section = squeeze(cells[filled[0]])
            result.skip(number, "section row (kept as the tasks' section)", raw)
            continue
        if assembler is None:
            numbering = "measures" if "task" in header.roles else "tasks"
            assembler = TableAssembler(result, annex, numbering, header.labels.get("lead_unit", ""),
                                       header.labels.get("co_unit", ""))
        assembler.add(_row(cells, header, number, section))
    finish()
    if not any(a.tasks for a in result.annexes):
        raise PlanImportError("the task table has a header but no rows", source=source, line=first_header + 1)


def _titled_table(result: ImportResult, lines: list[str], number: int) -> bool:
    """Whether the non-blank line just above this header is a title line read as stray text."""
    above = next((n for n in range(number - 1, 0, -1) if lines[n - 1].strip()), None)
    last = result.skipped[-1] if result.skipped else None
    return (above is not None and last is not None and last.line == above
            and last.reason == "text outside the table rows" and _is_title(last.text)
            and re.search(r"[\u4e00-\u9fff]{4}", squeeze(last.text)) is not None)  # not `— 3 —`


def _set_year(result: ImportResult, title: str) -> None:
    meta = result.meta
    if meta.period_start:
        return
    # the plan's own metadata, else this table's title (a range or a horizon gives no year)
    year = notice.plan_year(meta, "", [title])
    meta.period_start = meta.period_end = year


def _row(cells: list[str], header: Header, number: int, section: str) -> Row:
    def get(role: str) -> str:
        i = header.roles.get(role)
        return cells[i] if i is not None and i < len(cells) else ""

    row = Row(
        line=number,
        text="\n".join(join_wrapped([p]) for p in strip_html(get("measure"))),
        deadline_raw=" ".join(strip_html(get("deadline"))),
        number=get("number").strip().rstrip("、.．"),
        label=join_wrapped(strip_html(get("task"))),
        section=section,
        lead_cell=" ".join(strip_html(get("lead_unit"))),
        co_cell=" ".join(strip_html(get("co_unit"))),
        officials_cell=" ".join(strip_html(get("lead_official"))),
    )
    row.attributes = {word: squeeze(" ".join(strip_html(cells[i]))) for word, i in header.extra.items()
                      if i < len(cells) and cells[i].strip()}
    if not row.text:
        row.doubts.append(("text_missing", "no measure text printed in the row", {}))
    if cn_number(row.number):
        row.number = ""
    return row
