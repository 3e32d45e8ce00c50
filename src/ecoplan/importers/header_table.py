"""Task tables of any wording: columns mapped to roles by their header words.

Rows come from tab-separated lines (.docx, .xlsx, copied tables) or `|`-separated lines (`a | b`,
`| a | b |`).  The header row is the row whose cells name roles of ``vocabulary.columns`` (a
measure column required); a two-row header (`责任单位` over `牵头部门 | 配合部门`) is read as
one; the header reprinted on every page is skipped; a row with one filled cell outside the
measure column is a section.  Annexes are `附件 1`, `附件1：`, `附件二`, `附件 1 标题`, or none:
then the table is one annex titled by the title line before it, else by the file name.  Rows
become ``tables.Row`` records for ``TableAssembler`` (deadlines, units, review items).  Header
columns of no role are kept beside each measure (``Measure.attributes``) and named in a review item;
a header word not in the vocabulary but close to one (`牵头责任单位`, a typo) is guessed, for review.
A table copied one cell per line is regrouped into rows first (``cell_lines``).

The seeds' tab-separated tables are read here too (Daxing, Tongzhou: the header reprinted on every
page, `<p>` fragments in cells, merged 序号/重点任务/完成时限 cells left blank, the single column shift
of Tongzhou line 154, `---` empty markers); what 序号 numbers (key tasks or measures) is read from
the rows under a merged 重点任务 cell.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePath

from rapidfuzz import fuzz

from ecoplan.vocabulary import gettext_noop as _
from ecoplan.vocabulary.cells import MERGED_CELL
from ecoplan.vocabulary.columns import (
    COLUMN_ROLES,
    HEADER_WORDS,
    LEAD_OR_CO,
    NOT_GUESSED,
    UNIT_GROUP,
    UNIT_MARKS,
    role_of,
)

from . import cell_lines, deadlines, indicator_table, notice, responsibility
from .model import NOT_DETECTED, Annex, Detection, ImportResult, PlanImportError, reason
from .tables import Doubt, Row, TableAssembler
from .text import cn_number, join_wrapped, key, squeeze, strip_html, to_simplified

ANNEX = cell_lines.ANNEX
RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")  # `|---|---|`
ENGLISH_WORD = re.compile(r"\s(and|or)\s")  # left in a Chinese plan by its drafters (Tongzhou line 117)
TRAILER = re.compile(r"抄送|印发|办公室$")  # 抄送：… / 2024年3月28日印发 under the last table
NOTE = re.compile(r"^\s*[（(].*[)）]\s*$")  # `（来源：…网站）` under a title: not the title
SECTION = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十]+[部分章节])")


def cells_of(line: str) -> list[str] | None:
    """A table row's cells, or None for a line of plain text.  A cell covered by a merged cell above
    (``MERGED_CELL``) reads blank here; ``_carry_merged`` gives it the value above where it counts."""
    if "\t" in line:
        return [c.strip().replace(MERGED_CELL, "") for c in line.split("\t")]
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


ROLE_TERMS = {t.code: t.zh for t in COLUMN_ROLES}  # the role as the documents name it (牵头单位 …)
GUESS_MIN_RATIO = 75  # a one-character typo in a four-character word (`完成时线`) scores 75
GUESS_MAX_EXTRA = 5  # characters a header may add around a role's word (`具体工作措施及要求`)


@lru_cache(maxsize=4096)
def column_role(word: str) -> tuple[str, str]:
    """(role, header word it was guessed from) of a header cell in matching form: the word's own
    role (guessed from "") when it is in the vocabulary; else the role of a vocabulary word of
    four or more characters the cell contains (`牵头责任单位` ⊃ `责任单位`) or is a typo of (rapidfuzz
    ratio ≥ ``GUESS_MIN_RATIO``), when that role is the only one so close; else ("", "")."""
    if role := role_of(word):
        return role, ""
    if not 4 <= len(word) <= 12 or any(w in word for w in NOT_GUESSED):
        return "", ""
    close: dict[str, tuple[float, str]] = {}  # role → (best score, its word)
    for role, words in HEADER_WORDS.items():
        for known in words:
            if len(known) < 4:
                continue  # `措施`, `任务`: too short to guess from
            if known in word and len(word) - len(known) <= GUESS_MAX_EXTRA:
                score = 100.0 + len(known)  # the longest contained word decides
            else:
                score = fuzz.ratio(word, known, score_cutoff=GUESS_MIN_RATIO)
            if score and score > close.get(role, (0.0, ""))[0]:
                close[role] = (score, known)
    if not close:
        return "", ""
    ranked = sorted(close.items(), key=lambda item: -item[1][0])
    if len(ranked) > 1 and ranked[1][1][0] >= min(ranked[0][1][0], 100.0):
        return "", ""  # close to two roles' words (`工作任务措施`): no guess
    role, (_, known) = ranked[0]
    if role in ("lead_unit", "co_unit"):
        role = next((r for mark, r in UNIT_MARKS.items() if mark in word), role)
    return role, known


header_word = _word


@dataclass
class Header:
    roles: dict[str, int]  # role → column index
    labels: dict[str, str]  # lead_unit / co_unit → the printed word
    extra: dict[str, int] = field(default_factory=dict)  # printed header of no role → column index
    rows: int = 1  # one- or two-row header
    words: tuple[str, ...] = ()  # what a repeated header prints again
    guessed: dict[str, tuple[str, str]] = field(default_factory=dict)  # header → (role, word it is close to)
    width: int = 0  # cells of the header row
    task_is_measure: bool = False  # 重点任务 and no measure column: the task's text is its one measure


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

    def role_for(word: str) -> tuple[str, str]:  # the mapping first, then the vocabulary or a guess
        return (mapping[word], "") if word in mapping else column_role(word)

    two_rows = (bool(lower) and any(w in UNIT_GROUP for w in upper)
                and any(role_for(w)[0] for w in lower) and all(role_for(w)[0] or not w for w in lower))
    words = [(lower[i] if two_rows and i < len(lower) and lower[i] else w) for i, w in enumerate(upper)]
    roles: dict[str, int] = {}
    labels: dict[str, str] = {}
    extra: dict[str, int] = {}
    guessed: dict[str, tuple[str, str]] = {}
    leads = [i for i, w in enumerate(words) if role_for(w)[0] == "lead_unit"]
    for index, word in enumerate(words):
        role, known = role_for(word)
        if role == "lead_unit" and (known or word) in LEAD_OR_CO and len(leads) > 1 and word not in mapping:
            role = "co_unit"  # 牵头单位 | 责任单位: the second names the co-units
        if role and role not in ("attribute", "ignore") and role not in roles:
            roles[role] = index
            if known:
                guessed[word] = (role, known)
            if role in ("lead_unit", "co_unit"):
                labels[role] = word
        elif word and not (two_rows and word in UNIT_GROUP):
            if len(word) > 12 and not mapped:
                return None  # a sentence: a data row, not a header
            if role != "ignore":
                extra.setdefault(word, index)
    # 重点任务 | 牵头单位 | 完成时限 and no other text column: each task is its own one measure (a
    # column of no role beside it may be the measure: then the coordinator is asked)
    task_is_measure = ("measure" not in roles and "task" in roles and not extra
                       and "measure" not in mapping.values())
    if task_is_measure:
        roles["measure"] = roles.pop("task")
    if "measure" not in roles or (not mapped and (len(roles) < 2 or len(extra) > len(roles))):
        return None
    return Header(roles, labels, extra, 2 if two_rows else 1, tuple(upper + lower), guessed, len(cells),
                  task_is_measure)


def _cell_role(cell: str) -> str:
    return column_role(_word(cell))[0] if len(cell) <= 30 else ""


def find_header(lines: list[str], columns: dict[str, str] | None = None) -> tuple[int, Header] | None:
    for index, line in enumerate(lines):
        cells = cells_of(line)
        if cells is None and _cell_role(line) and (vertical := cell_lines.header_at(lines, index, _cell_role)):
            cells = vertical  # a header copied one cell per line
            if header := read_header(cells, None, columns):
                return index, header
            continue
        if cells is None or len(cells) < 2:
            continue
        below = cells_of(lines[index + 1]) if index + 1 < len(lines) else None
        header = read_header(cells, below, columns)
        if header:
            return index, header
    return None


def detect(text: str) -> Detection:
    """Confidence from how many roles the header maps: 0.4 for a measure and one other role, 0.8
    for the six of a full 任务分工表 (序号, 重点任务, 工作措施, 完成时限, 牵头单位, 协办单位)."""
    lines = text.split("\n")
    found = find_header(lines)
    if found is None:
        return NOT_DETECTED
    index, header = found
    cells = cells_of(lines[index]) or []
    named = "、".join(squeeze(cells[i]) for i in sorted(header.roles.values()) if i < len(cells))
    return Detection(min(0.9, 0.2 + 0.1 * len(header.roles)), (
        reason(_("a table header on line {line} naming {count} column roles: {columns}"),
               line=index + 1, count=len(header.roles), columns=named),))


def describe_table(text: str) -> int | None:
    """The line of the first table header (3+ short filled cells): what a refusal names when no
    shape recognised the document."""
    for number, line in enumerate(text.split("\n"), 1):
        cells = cells_of(line)
        if cells is None:
            continue
        filled = [squeeze(c) for c in cells if c.strip()]
        if len(filled) >= 3 and all(len(c) <= 12 for c in filled):
            return number
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
    return (bool(text) and cells_of(line) is None and len(text) <= 60 and not text.endswith(("。", "；"))
            and not notice.DATE.fullmatch(squeeze(text).replace(" ", "")))  # a date line is the issue date


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
    groups = _cell_line_groups(lines)
    first_annex = next((i for i, line in enumerate(lines[:first_header]) if ANNEX.match(line)
                        and cells_of(line) is None), None)
    # without an annex marker, the title line just before the table titles it
    title_index = None
    if first_annex is None:
        title_index = next((i for i in range(first_header - 1, -1, -1) if lines[i].strip()
                            and not NOTE.match(lines[i])), None)
        if title_index is not None and not _is_title(lines[title_index]):
            title_index = None
    start = min(i for i in (first_annex, title_index, first_header) if i is not None)
    # a plan's body (its 实施方案 text) above the annexed table: the body's title is the plan's
    if (body_title := notice.title_line(lines, start)) is not None:
        result.meta_lines.append(body_title + 1)
    # a 主要指标 table above the task table (a 工作要点's targets): read as targets, not notice text
    indicators_at = next((i for i in range(start) if _indicator_header(lines[i]) is not None), start)
    listed = notice.read_notice(lines, indicators_at, result)
    for skipped in result.skipped:  # a table in the notice, neither the task nor an indicator table
        if skipped.reason == "notice text" and len([c for c in cells_of(skipped.text) or [] if c]) >= 2:
            result.add_review("line_unread", "a table row outside any task or indicator table, not read",
                              skipped.line, skipped.text[:200])
    meta = result.meta
    if body_title is not None:
        meta.title = meta.title or squeeze(lines[body_title])
    annex: Annex | None = None
    header: Header | None = None
    assembler: TableAssembler | None = None
    section = ""
    pending_title = ""
    above: list[str] = []  # the cells of the row above, for the merged cells that cover this one
    indicators: indicator_table.IndicatorTable | None = None  # an indicator table being read
    for at in range(indicators_at, start):
        indicators = _read_indicator_line(result, indicators, at + 1, lines[at])
    indicators = None
    if title_index is not None:
        pending_title = squeeze(notice.ANNEX_MARK.sub("", lines[title_index]))  # `附件：…分工表`
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
        if (grouped := groups.get(number - 1)) is not None:
            # a table copied one cell per line: its header, section or row from the lines it covers
            covered = range(number, grouped.end + 2)
            index = grouped.end + 1
            if grouped.kind == "section":
                section = squeeze(raw)
                result.skip(number, "section row (kept as the tasks' section)", raw)
                continue
            if grouped.kind == "header":
                reason = "table header" if header is None else "repeated page header"
                for covered_line in covered:
                    if lines[covered_line - 1].strip():
                        result.skip(covered_line, reason, lines[covered_line - 1])
                if header is None:
                    finish()
                    header = read_header(grouped.cells, None, mapping)
                    if header is None:  # the coordinator's mapping leaves this header no measure column
                        raise PlanImportError("the column mapping names no measure column of the table header",
                                              source=source, line=number, field="columns")
                    annex = annex or _first_annex(result, pending_title, source, number)
                    _review_header(result, header, number, " | ".join(grouped.cells), mapping)
                continue
            if header is None or annex is None:
                continue
            if assembler is None:
                assembler = _assembler(result, annex, header, _numbering(lines, number - 1, header, groups), text)
            row = _row(grouped.cells, header, number, section)
            row.end_line = grouped.end + 1
            if grouped.doubt:
                row.doubts.append(("cells_regrouped", grouped.doubt, grouped.params))
            assembler.add(row)
            continue
        cells = cells_of(raw)
        if cells is None and (m := ANNEX.match(raw)):
            finish()
            n = _annex_number(m.group(1))
            title = squeeze(m.group(2))
            title_at = next((j for j in range(index, len(lines)) if lines[j].strip()), len(lines))
            if not title and title_at < len(lines) and _is_title(lines[title_at]) and not ANNEX.match(lines[title_at]):
                title = squeeze(lines[title_at])  # the title line under the marker, blank lines between
                result.meta_lines.append(title_at + 1)
                index = title_at + 1
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
                reason = ("document trailer" if TRAILER.search(raw) and assembler is not None
                          else "text outside the table rows")
                result.skip(number, reason, raw)
            continue
        if RULE.match(raw):
            result.skip(number, "table rule line", raw)
            continue
        below = cells_of(lines[index]) if index < len(lines) else None
        found_here = read_header(cells, below, mapping)
        if found_here is None and (indicators is not None or _indicator_header(raw) is not None):
            # an indicator table after a task table: its rows are targets
            finish()
            header = None
            indicators = _read_indicator_line(result, indicators, number, raw)
            continue
        indicators = None
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
                annex = annex or _first_annex(result, pending_title, source, number)
                _review_header(result, header, number, raw, mapping)
            continue
        if header is None or annex is None:
            result.skip(number, "text outside a task table", raw)
            result.add_review("line_unread", "a table row outside any task or indicator table, not read",
                              number, raw[:200])
            continue
        filled = [i for i, c in enumerate(cells) if c]
        if len(filled) > 1 and len(cells) <= header.roles["measure"]:
            # a row cut short before its measure cell: refused rather than read without it
            raise PlanImportError(f"truncated table row: {len(cells)} cells, expected {header.width}",
                                  source=source, line=number, field="row")
        if len(filled) == 1 and filled[0] != header.roles["measure"]:
            section = squeeze(cells[filled[0]])
            result.skip(number, "section row (kept as the tasks' section)", raw)
            continue
        if assembler is None:
            assembler = _assembler(result, annex, header, _numbering(lines, number - 1, header, groups), text)
            above = []
        cells = above = _carry_merged(raw, cells, header, above)
        assembler.add(_row(cells, header, number, section))
    finish()
    if not any(a.tasks for a in result.annexes):
        raise PlanImportError("the task table has a header but no rows", source=source, line=first_header + 1)


def _indicator_header(raw: str) -> indicator_table.Header | None:
    cells = indicator_table.table_cells(raw)
    return indicator_table.read_header(cells) if cells else None


def _read_indicator_line(result: ImportResult, table: indicator_table.IndicatorTable | None, number: int,
                         raw: str) -> indicator_table.IndicatorTable | None:
    """One line of an indicator table beside the task table (``indicator_table``): a header starts
    one, a row is a target; a line of text ends it."""
    if not raw.strip():
        return table
    cells = indicator_table.table_cells(raw)
    if cells is None:
        result.skip(number, "text outside a task table", raw)
        return None
    header = indicator_table.read_header(cells)
    if header is not None and table is not None and table.accepts(header):
        result.skip(number, "indicator table header", raw)  # repeated on every page
    elif header is not None:
        table = indicator_table.IndicatorTable(result, header, number, raw)
    elif table is not None:
        table.feed(number, cells, raw)
    else:
        result.skip(number, "text outside a task table", raw)
        result.add_review("line_unread", "a table row outside any task or indicator table, not read", number,
                          raw[:200])
    return table


def _cell_line_groups(lines: list[str]) -> dict[int, cell_lines.Group]:
    """The headers, sections and rows of the tables copied one cell per line: start index → group."""
    groups: dict[int, cell_lines.Group] = {}
    index = 0
    while index < len(lines):
        line = lines[index]
        if cells_of(line) is None and _cell_role(line) and \
                (header := cell_lines.header_at(lines, index, _cell_role)) and read_header(header):
            found = cell_lines.group(lines, index, header, [_cell_role(c) for c in header])
            groups.update(found)
            index = max(g.end for g in found.values()) + 1
        else:
            index += 1
    return groups


def _first_annex(result: ImportResult, pending_title: str, source: str, line: int) -> Annex:
    """A table with no annex marker: one annex titled by the title line before it, else by the plan's
    title the notice prints, else by the file."""
    title = pending_title or result.meta.title or PurePath(source).stem  # the notice's 《…》 names it
    annex = Annex(number="1", title=title, theme=notice.theme_of(title), line=line)
    result.annexes.append(annex)
    _set_year(result, title)
    return annex


def _review_header(result: ImportResult, header: Header, line: int, raw: str, mapping: dict[str, str]) -> None:
    """Columns the vocabulary guessed or left without a role are named for review; the columns
    the coordinator mapped are not."""
    for printed, (role, known) in header.guessed.items():
        result.add_review("column_guessed", "column “{printed}” is not in the column vocabulary: "
                          "read as the {role} column, being close to “{word}”", line, raw[:200],
                          printed=printed, role=ROLE_TERMS[role], word=known)
    if unmapped := [w for w in header.extra if w not in mapping]:
        result.add_review("columns_unmapped", "columns of no role in the column vocabulary, "
                          "kept as the measures' other columns: {columns}", line, raw[:200],
                          columns="、".join(unmapped))


def _numbering(lines: list[str], start: int, header: Header, groups: dict[int, cell_lines.Group]) -> str:
    """What 序号 numbers in the table from ``start`` (domain.md §2): key tasks when the rows under a
    merged 重点任务 cell leave 序号 blank too (Daxing), measures when they number every row
    (Tongzhou) or when no 重点任务 column is printed."""
    task, number = header.roles.get("task"), header.roles.get("number")
    if task is None:
        return "tasks"
    if number is None:
        return "measures"
    blank_numbers = 0
    index = start
    while index < len(lines):
        line = lines[index]
        if (grouped := groups.get(index)) is not None:
            cells = grouped.cells if grouped.kind == "row" else None
            index = grouped.end + 1
        else:
            if cells_of(line) is None and ANNEX.match(line):
                break
            cells = cells_of(line)
            index += 1
        if not cells or len(cells) <= max(task, number) or read_header(cells) is not None:
            continue
        if not cells[task].strip() and any(c.strip() for i, c in enumerate(cells) if i not in (task, number)):
            if cells[number].strip():
                return "measures"
            blank_numbers += 1
    return "tasks" if blank_numbers else "measures"


def _assembler(result: ImportResult, annex: Annex, header: Header, numbering: str, text: str) -> TableAssembler:
    meta = result.meta
    if not meta.period_start:  # no year in the titles: deadlines printed with their year (`2027年9月底前`)
        meta.period_start = meta.period_end = notice.plan_year(meta, text, [annex.title])
    # a blank 完成时限 under a filled one is a merged cell (a .xlsx/.docx/.html table, a copied one)
    # a note (`责任单位第一个为牵头单位`, a 填报说明 row) that the first unit of a 责任单位 cell leads
    first_leads = "co_unit" not in header.roles and bool(responsibility.FIRST_LEADS.search(to_simplified(text)))
    return TableAssembler(result, annex, numbering, header.labels.get("lead_unit", ""),
                          header.labels.get("co_unit", ""), inherit_deadlines=True, first_leads=first_leads)


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


def _unshift(cells: list[str], header: Header) -> list[str] | None:
    """The cells shifted back when a row printed them one column right (Tongzhou line 154: a blank
    重点任务 cell, the task name in 工作措施, the measure in 完成时限 and the deadline one cell right
    of it), else None."""
    task, deadline = header.roles.get("task"), header.roles.get("deadline")
    if task is None or deadline is None or deadline + 1 >= len(cells) or cells[task].strip():
        return None
    if not cells[deadline].strip() or deadlines.is_deadline(cells[deadline]) or \
            not deadlines.is_deadline(cells[deadline + 1]):
        return None
    return cells[:task] + cells[task + 1:] + [""]


def _carry_merged(raw: str, cells: list[str], header: Header, above: list[str]) -> list[str]:
    """A cell covered by a merged cell above (``MERGED_CELL`` from a .xlsx/.docx/.html container)
    holds the merged cell's value: a merged 责任单位 or 完成时限 is printed for every row it covers,
    so the row reads it without a guess or a review item.  The 序号 and 重点任务 cells stay blank,
    which reads as the same task (as a merged task cell of a text table does)."""
    if MERGED_CELL not in raw:
        return cells
    grouping = {header.roles.get("number"), header.roles.get("task")}
    printed = raw.split("\t")
    return [above[i] if i < len(printed) and printed[i].strip() == MERGED_CELL and i not in grouping
            and i < len(above) else cell for i, cell in enumerate(cells)]


def _row(cells: list[str], header: Header, number: int, section: str) -> Row:
    doubts: list[Doubt] = []
    if (unshifted := _unshift(cells, header)) is not None:
        cells = unshifted
        doubts.append(("column_shift", "cells were shifted one column right; read shifted back", {}))

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
    if header.task_is_measure:
        row.label = row.text
    row.attributes = {word: squeeze(" ".join(strip_html(cells[i]))) for word, i in header.extra.items()
                      if i < len(cells) and cells[i].strip()}
    row.doubts.extend(doubts)
    if ENGLISH_WORD.search(get("measure")):
        row.doubts.append(("source_defect", "the source text contains an English word (“and”/“or”) — kept verbatim",
                           {}))
    if not row.text:
        row.doubts.append(("text_missing", "no measure text printed in the row", {}))
    if cn_number(row.number):
        row.number = ""
    return row
