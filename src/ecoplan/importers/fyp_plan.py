"""Five-year plans (Fengtai 十四五): cover notice, table of contents, eight prose chapters and two
indicator tables (表1 the previous plan's completion, 表2 this plan's indicators).

* the TOC is skipped (its entries disagree with the body: the outline is built from the body);
* chapters 1–2 are narrative, except 总体目标 (targets in prose) and the indicator tables;
* each later chapter is an annex; the innermost heading that owns paragraphs (`一、`, `（一）` or
  `1.`) is a key task and each paragraph one measure;
* deadlines: only sentences dated `到 2025 年` carry one; the rest come from annual plans;
* the indicator tables (tab or `|` text, or a .docx table) are read by
  ``indicator_table.IndicatorTable``: 表1 (`2020年目标 | 2020年现状`) is the previous plan's
  review, kept as 2016–2020 targets with what was achieved; 表1 switches to traditional characters
  mid-document: matching uses simplified keys, display keeps the print; a header repeated after a
  page break continues its table.
"""
from __future__ import annotations

import re
from datetime import date

from ecoplan.vocabulary import gettext_noop as _

from . import notice, prose, targets
from .indicator_table import IndicatorTable, read_header, table_cells
from .model import NOT_DETECTED, Annex, Deadline, Detection, ImportResult, Measure, PlanImportError, Task, reason
from .text import key, squeeze, to_simplified

FYP = re.compile(r"[“\"]?十([一二三四五六七八九])五[”\"]?")
TABLE_CAPTION = re.compile(r"^表\s*(\d+)\s*(.+)$")


def detect(text: str) -> Detection:
    head = to_simplified(text[:3000])
    chapters = len(re.findall(r"^第[一二三四五六七八九十]+章", to_simplified(text), re.M))
    if not ((m := FYP.search(head)) and "规划" in head and chapters >= 3):
        return NOT_DETECTED
    return Detection(0.95, (reason(_("a five-year plan (“{period}” … 规划) in {count} chapters (第…章)"),
                                   period=m.group(0).strip("“”\""), count=chapters),))


def fyp_period(title: str) -> tuple[int, int] | None:
    m = FYP.search(title)
    if not m:
        return None
    n = "一二三四五六七八九".index(m.group(1)) + 11  # 十四五 → the 14th plan, 2021–2025
    start = 2021 + (n - 14) * 5
    return start, start + 4


def _title_line(lines: list[str], end: int, result: ImportResult) -> None:
    for index in range(end):
        if lines[index].strip():
            if FYP.search(to_simplified(lines[index])) and "规划" in to_simplified(lines[index]):
                result.meta.title = squeeze(lines[index])
                result.skipped = [s for s in result.skipped if s.line != index + 1]
                result.meta_lines.append(index + 1)
            return


def parse(text: str, source: str, result: ImportResult) -> None:
    lines = text.split("\n")
    simplified = [to_simplified(l) for l in lines]
    chapter_lines = [i for i, l in enumerate(simplified)
                     if re.match(r"^第[一二三四五六七八九十]+章", l.strip()) and not prose.is_toc_line(l)]
    if not chapter_lines:
        raise PlanImportError("no chapter (第一章 …) found in the five-year plan", source=source)
    toc = next((i for i, l in enumerate(simplified) if l.strip() == "目录"), None)
    notice_end = toc if toc is not None else chapter_lines[0]
    notice.read_notice(lines, notice_end, result)
    meta = result.meta
    if not meta.title:  # a plan printed without its cover notice: its first line is the title
        _title_line(lines, notice_end, result)
    meta.kind = "five_year_plan"
    if period := fyp_period(meta.title):
        meta.period_start, meta.period_end = period
    meta.district = notice.district_of(meta.title)
    for index in range(notice_end, chapter_lines[0]):
        if lines[index].strip():
            result.skip(index + 1, "table of contents" if index != notice_end else "TOC heading",
                        lines[index])

    chapter = part = ""
    annex: Annex | None = None
    path: dict[str, prose.Block] = {}  # the headings above the current paragraph, by level
    headings: list[prose.Block] = []  # headings inside task chapters
    table: IndicatorTable | None = None
    # `| a | b |` rows read as tab rows; the printed lines stay in ``lines``
    rows = list(lines)
    for index in range(chapter_lines[0], len(lines)):
        if "\t" not in lines[index] and (cells := table_cells(lines[index])) is not None:
            rows[index] = "\t".join(cells)
            if not cells:  # `|---|---|`
                result.skip(index + 1, "table rule line", lines[index])
    for block in prose.blocks(rows, chapter_lines[0], len(lines)):
        if block.kind == "table":
            raw, printed = lines[block.line - 1], [c.strip() for c in block.text.split("\t")]
            header = read_header(printed)
            if header is not None and table is not None and table.accepts(header):
                result.skip(block.line, "indicator table header", raw)  # repeated after a page break
            elif header is not None:
                table = IndicatorTable(result, header, block.line, raw)
            elif table is None:
                result.skip(block.line, "tab text outside a table", raw)
            else:
                table.feed(block.line, printed, raw)
            continue
        if TABLE_CAPTION.match(to_simplified(block.text)):
            result.meta_lines.append(block.line)
            continue
        if block.kind == "chapter":
            chapter, path = key(block.text), {"chapter": block}
            annex = None
            if not re.search(r"新台阶|指导思想|成效|形势|发展基础|发展现状|回顾", chapter):
                annex = Annex(number=str(len(result.annexes) + 1), title=block.text,
                              theme=notice.theme_of(block.text), line=block.line)
                result.annexes.append(annex)
            else:
                result.skip(block.line, "chapter heading (narrative)", lines[block.line - 1])
            continue
        if block.kind in ("part", "section", "item"):
            path = {k: v for k, v in path.items()
                    if ["chapter", "part", "section", "item"].index(k)
                    < ["chapter", "part", "section", "item"].index(block.kind)}
            path[block.kind] = block
            if block.kind == "part":
                part = key(block.text)
            if annex is None:
                result.skip(block.line, "heading (narrative chapter)", lines[block.line - 1])
            else:
                headings.append(block)  # a task's title when it owns text, else its tasks' section
            continue
        # a paragraph
        if annex is None:
            if "总体目标" in part:
                found = targets.extract(block.text, block.line, meta.period_end)
                for target in found:
                    if target.period == "year":
                        target.period = f"by {meta.period_end}"
                result.targets.extend(found)
                for n in block.lines:
                    if found:
                        result.meta_lines.append(n)
                    else:
                        result.skip(n, "narrative ({chapter})", lines[n - 1], chapter="总体目标")
            else:
                for n in block.lines:
                    if "chapter" in path:
                        result.skip(n, "narrative ({chapter})", lines[n - 1], chapter=path["chapter"].text)
                    else:
                        result.skip(n, "narrative", lines[n - 1])
            continue
        _measure(block, annex, path, result)
    titles = {n for a in result.annexes for t in a.tasks for n in t.title_lines}
    for heading in headings:
        if heading.line not in titles:
            result.skip(heading.line, "heading (kept as its tasks' section)", lines[heading.line - 1])
    result.add_review("deadline_implicit", "a five-year plan prints no 完成时限: measures without a "
                      "dated sentence take their deadlines from the annual plans", chapter_lines[0] + 1)


def _measure(block: prose.Block, annex: Annex, path: dict[str, prose.Block], result: ImportResult) -> None:
    """A paragraph is a measure of the innermost heading above it (`1.`, `（一）` or `一、`)."""
    owner = next((path[k] for k in ("item", "section", "part") if k in path), None)
    title = owner.text if owner else annex.title
    section = " / ".join(path[k].text for k in ("part", "section") if k in path and path[k] is not owner)
    task = annex.tasks[-1] if annex.tasks and annex.tasks[-1].title == title \
        and annex.tasks[-1].section == section else None
    if task is None:
        task = Task(number=str(len(annex.tasks) + 1), title=title, line=block.line, section=section,
                    title_lines=[owner.line] if owner else [])
        annex.tasks.append(task)
    text = block.text
    deadline = Deadline(raw="", kind="blank")
    if m := re.search(r"到\s*(20\d\d)\s*年", text):
        deadline = Deadline(raw=m.group(0), kind="by_date", end=date(int(m.group(1)), 12, 31))
    task.measures.append(Measure(text=text, deadline=deadline, line=block.line,
                                 end_line=block.lines[-1]))
    if re.search(r"\s(and|or)\s", text):
        result.add_review("source_defect", "the source text contains an English word (“and”/“or”) — "
                          "kept verbatim", block.line, text[:200],
                          ("measure", result.annexes.index(annex), annex.tasks.index(task),
                           len(task.measures) - 1))
