"""Caption-less indicator tables printed as text (Xicheng's per-street table and annex 6).

The header is broken into fragments over many lines (`单位地区生` / `产总值二氧` / …), a period
line (`全年 一季度 全年 一季度`) splits some columns, and each data row is an area followed by
its values (`德胜街道 35 54 76 4 3`, `西城区 15 左右 34 49 … 100（100，0） …`).  The header
does not line up with the values by position (domain.md §3: header/value mismatch), so the
columns come from an explicit map: the indicators found in the joined header, in order, each
periodic one taking one column per period word.
"""
from __future__ import annotations

import re
from decimal import Decimal
from typing import TypeAlias

from ecoplan.vocabulary import indicators as catalogue
from ecoplan.vocabulary.areas import DISTRICT_AND_EVERY

from . import targets
from .model import Annex, ImportResult, PlanImportError
from .text import key, squeeze

# (code, header pattern on the key form, name as the header prints it, periodic); the unit is the
# catalogue's (ecoplan.vocabulary.indicators)
COLUMNS = [
    ("co2_intensity", r"二氧化碳排放较2020年累计下降率", "单位地区生产总值二氧化碳排放较2020年累计下降率", False),
    ("pm25", r"PM2\.5浓度", "PM2.5浓度", True),
    ("good_day_ratio", r"优良天数比率", "优良天数比率", False),
    ("heavy_days", r"重污染天数", "重污染天数", True),
    ("section_compliance", r"断面水质达标率", "断面水质达标率", False),
    ("construction_safe_use", r"重点建设用地安全利用率", "重点建设用地安全利用率", False),
    ("nox_reduction", r"NOx重点工程累计减排量", "NOx重点工程累计减排量", False),
    ("voc_reduction", r"VOCs重点工程累计减排量", "VOCs重点工程累计减排量", False),
    ("voc_product_samples", r"含VOCs产品抽检数量", "含VOCs产品抽检数量", False),
    ("forklifts_electrified", r"叉车电动化数量", "叉车电动化数量", False),
    ("gas_station_leak_checks", r"加油站、?储油库防渗漏抽查", "加油站、储油库防渗漏抽查", False),
]
PERIODS = {"全年": "year", "一季度": "Q1"}
# one value column of the table as read: (code, name, unit, period)
Column: TypeAlias = tuple[str, str, str, str]
AREA_ROW = re.compile(r"^(?P<area>\S+?(?:街道|镇|乡|区))\s+(?P<values>\S.*)$")
STREET_TABLE_START = DISTRICT_AND_EVERY + "街道"


def find(body: list[tuple[int, str]]) -> int | None:
    """Offset of a caption-less indicator table inside an annex's lines, if any."""
    for offset, (_, raw) in enumerate(body):
        if key(raw) == STREET_TABLE_START:
            return offset
    return None


def _value_cells(values: str) -> list[str]:
    cells: list[str] = []
    for token in values.split():
        if cells and (token in ("左右", "以上", "以下") or token.startswith(("（", "("))):
            cells[-1] += " " + token
        else:
            cells.append(token)
    return cells


def parse(body: list[tuple[int, str]], result: ImportResult, annex: Annex) -> None:
    header: list[tuple[int, str]] = []
    periods: list[str] = []
    columns: list[Column] | None = None
    done = False
    for number, raw in body:
        line = raw.strip()
        if not line:
            continue
        if done:
            reason = "document trailer" if re.search(r"抄送|印发|办公室|法院|检察院", line) else \
                "text after the indicator table"
            result.skip(number, reason, raw)
            continue
        words = line.split()
        if words and all(w in PERIODS for w in words):
            periods = [PERIODS[w] for w in words]
            result.meta_lines.append(number)
            continue
        m = AREA_ROW.match(line)
        if m and re.search(r"\d", m.group("values")) and header:
            if columns is None:
                columns = _columns(header, periods, result.source_name)
            _row(m.group("area"), m.group("values"), number, columns, result, annex)
            if m.group("area").endswith("区") and not m.group("area").endswith("街道"):
                done = True  # the district row closes annex 6
            continue
        if columns is not None:
            done = True
            result.skip(number, "text after the indicator table", raw)
            continue
        header.append((number, line))
        result.meta_lines.append(number)
    if columns is None:
        first = body[0][0] if body else 0
        raise PlanImportError("indicator table without data rows", source=result.source_name, line=first)


def _columns(header: list[tuple[int, str]], periods: list[str], source: str) -> list[Column]:
    joined = key("".join(line for _, line in header))
    found: list[tuple[int, str, str, str, bool]] = []  # position in the header, code, name, unit, periodic
    for code, pattern, name, periodic in COLUMNS:
        if m := re.search(pattern, joined):
            found.append((m.start(), code, name, catalogue.BY_CODE[code].unit, periodic))
    found.sort()
    columns: list[Column] = []
    periodic_slots = iter(periods)
    for _, code, name, unit, periodic in found:
        if periodic and periods:
            # one column per period word, in the order printed (全年 一季度 全年 一季度)
            for _ in range(2):
                period = next(periodic_slots, "year")
                columns.append((code + ("_q1" if period == "Q1" else ""),
                                ("一季度" if period == "Q1" else "全年") + name, unit, period))
        else:
            columns.append((code, name, unit, "cumulative" if "累计" in name else "year"))
    if not columns:
        raise PlanImportError("indicator table header not recognised", source=source, line=header[0][0])
    return columns


def _row(area: str, values: str, number: int, columns: list[Column], result: ImportResult,
         annex: Annex) -> None:
    cells = _value_cells(values)
    if len(cells) != len(columns):
        raise PlanImportError(
            f"indicator row for {area} has {len(cells)} values, the header has {len(columns)} "
            "columns", source=result.source_name, line=number, field=area)
    scope = "" if area.endswith("区") and not area.endswith("街道") else squeeze(area)
    for (code, name, unit, period), cell in zip(columns, cells):
        target = targets.parse_cell(name, cell, number, period)
        if target is None:
            continue
        target.indicator_code, target.unit, target.area = code, target.unit or unit, scope
        if target.comparator == "=":
            target.comparator = catalogue.default_comparator(code.removesuffix("_q1"))
        target.annex_number = annex.number
        result.targets.append(target)
        compound = re.search(r"[（(]\s*([\d.]+)\s*[，,]\s*([\d.]+)\s*[)）]", cell)
        if compound and code == "section_compliance":
            # 断面水质达标率 (优良水体比例，劣Ⅴ类水体比例): the bracket holds the two shares
            for sub_code, value in (("good_water_ratio", compound.group(1)), ("worse_v_water", compound.group(2))):
                sub_name, comparator = catalogue.BY_CODE[sub_code].zh, catalogue.default_comparator(sub_code)
                sub = targets.parse_cell(sub_name, value, number, period)
                if sub is None:  # an empty share: nothing to add, as for an empty cell
                    continue
                sub.indicator_code, sub.unit, sub.area = sub_code, "%", scope
                sub.comparator, sub.value = comparator, Decimal(value)
                sub.annex_number = annex.number
                result.targets.append(sub)
