"""Prose work plans (Changping): `一、` parts, `（一）` subsections, items `一是…二是…`.

No number, issuer, date, owners or deadlines are printed.  The shape read here:

* the title is the first heading, wrapped over lines (`昌平区 2024 年生态文明建设和生态环` / …);
* `二、目标指标` / `（二）具体指标` holds the targets (one paragraph of clauses);
* `三、主要任务` holds the campaigns: each `（一）` is an annex, each `一是…` item a key task whose
  first sentence is its title and whose rest is its measure; the deadline is the plan year end;
* other parts (指导思想, 保障措施) are narrative, listed as skipped.
"""
from __future__ import annotations

import re
from datetime import date

from ecoplan.vocabulary import gettext_noop as _

from . import notice, prose, targets
from .model import NOT_DETECTED, Annex, Deadline, Detection, ImportResult, Measure, PlanImportError, Task, reason
from .text import join_wrapped, key

ITEM = re.compile(r"(?:^|(?<=[。；]))([一二三四五六七八九十]+)是")


def detect(text: str) -> Detection:
    items = len(re.findall(r"[一二三四五六七八九十]是", text))
    has_parts = bool(re.search(r"^[一二三四五六七八九十]+、", text, re.M))
    if "\t" in text and re.search(r"^序号\t", text, re.M):
        return NOT_DETECTED
    if not (has_parts and items >= 3):
        return NOT_DETECTED
    return Detection(min(0.9, items / 20), (
        reason(_("{count} items numbered 一是、二是 … under part headings (一、…)"), count=items),))


def parse(text: str, source: str, result: ImportResult) -> None:
    lines = text.split("\n")
    first_part = next((i for i, l in enumerate(lines)
                       if (h := prose.heading(l.strip())) is not None and h[0] == "part"), None)
    if first_part is None:
        raise PlanImportError("no part heading (一、…) found in the prose plan", source=source)
    meta = result.meta
    meta.kind = "work_plan"
    title_lines = []
    for index in range(first_part):
        if lines[index].strip():
            title_lines.append(index)
            if len(title_lines) > 1 and lines[index].strip().endswith(("措施", "计划", "方案")):
                break
    meta.title = join_wrapped([lines[i] for i in title_lines])
    result.meta_lines.extend(i + 1 for i in title_lines)
    meta.period_start = meta.period_end = notice.plan_year(meta, text)
    meta.district = notice.district_of(meta.title)
    year = meta.period_start
    for index in range(title_lines[-1] + 1 if title_lines else 0, first_part):
        if lines[index].strip():
            result.skip(index + 1, "preamble", lines[index])

    part = section = ""
    annex: Annex | None = None
    for block in prose.blocks(lines, first_part, len(lines)):
        if block.kind == "part":
            part, section, annex = key(block.text), "", None
            result.skip(block.line, "part heading", lines[block.line - 1])
            continue
        if block.kind == "section":
            section = key(block.text)
            if "主要任务" in part:
                annex = Annex(number=str(len(result.annexes) + 1), title=block.text,
                              theme=notice.theme_of(block.text), line=block.line)
                result.annexes.append(annex)
            else:
                result.skip(block.line, "section heading", lines[block.line - 1])
            continue
        if "目标" in part and "具体指标" in section:
            found = targets.extract(block.text, block.line, year)
            result.targets.extend(found)
            if not found:
                result.skip(block.line, "target paragraph without a quantified target", block.text)
            else:
                result.meta_lines.extend(block.lines)
            continue
        if annex is None:
            for n in block.lines:
                if part:
                    result.skip(n, "narrative ({part})", lines[n - 1], part=part)
                else:
                    result.skip(n, "narrative (preamble)", lines[n - 1])
            continue
        _items(block, annex, result, year)
    if result.annexes:
        result.add_review("units_missing", "the plan names no responsible units for its tasks: "
                          "assign lead units before reporting starts", first_part + 1)
        result.add_review("deadline_implicit", "no 完成时限 printed: every measure is due at the "
                          "end of the plan year", first_part + 1)


def _items(block: prose.Block, annex: Annex, result: ImportResult, year: int | None) -> None:
    """Split a paragraph at `一是 … 二是 …` into key tasks."""
    text = block.text
    starts = list(ITEM.finditer(text))
    cut = starts[0].start() if starts else len(text)
    if cut:  # text before the first item: the previous item goes on, or the section opens
        last_line = _line_of(block, text, cut - 1)
        if annex.tasks:
            measure = annex.tasks[-1].measures[-1]
            measure.text += ("\n" if not starts else "") + text[:cut]
            measure.end_line = last_line
        else:
            for n in block.lines[: block.lines.index(last_line) + 1]:
                result.skip(n, "section introduction", text[:cut])
    bounds = [m.start() for m in starts] + [len(text)]
    for m, end in zip(starts, bounds[1:]):
        body = text[m.end():end].strip()
        title, rest = prose.first_sentence(body)
        line = _line_of(block, text, m.start())
        task = Task(number=m.group(1), title=title or body[:20], line=line)
        deadline = Deadline(raw="", kind="year_end", end=date(year, 12, 31) if year else None)
        measure = Measure(text=rest or body, deadline=deadline, line=line,
                          end_line=_line_of(block, text, max(m.start(), end - 1)))
        task.measures.append(measure)
        annex.tasks.append(task)
        for target in targets.extract(rest or body, line, year):
            target.annex_number = annex.number
            result.targets.append(target)


def _line_of(block: prose.Block, text: str, offset: int) -> int:
    """The source line holding character ``offset`` of the joined paragraph (approximate:
    lines are joined without separators, so lengths add up)."""
    return block.lines[min(len(block.lines) - 1, offset * len(block.lines) // max(1, len(text)))]
