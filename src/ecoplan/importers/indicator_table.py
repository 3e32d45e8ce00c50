"""Indicator tables: a five-year plan's 规划指标表 (``IndicatorTable``, columns mapped to roles by
their header words, ecoplan.vocabulary.indicator_columns), and the caption-less tables printed
as text (Xicheng's per-street table and annex 6, below).

The header is broken into fragments over many lines (`单位地区生` / `产总值二氧` / …), a period
line (`全年 一季度 全年 一季度`) splits some columns, and each data row is an area followed by
its values (`德胜街道 35 54 76 4 3`, `西城区 15 左右 34 49 … 100（100，0） …`).  The header
does not line up with the values by position (domain.md §3: header/value mismatch), so the
columns come from an explicit map: the indicators found in the joined header, in order, each
periodic one taking one column per period word.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TypeAlias

from ecoplan.vocabulary import indicator_columns as vocabulary
from ecoplan.vocabulary import indicators as catalogue
from ecoplan.vocabulary.areas import DISTRICT_AND_EVERY
from ecoplan.vocabulary.cells import EMPTY_MARKERS

from . import targets
from .model import Annex, ImportResult, PlanImportError, Target
from .text import key, squeeze, to_simplified

_YEAR = re.compile(r"((?:19|20)\d\d)年?")
_UNIT_IN_NAME = re.compile(r"[（(]([^（）()]+)[)）]\s*$")
EMPTY_UNIT = {"", *EMPTY_MARKERS}


def table_cells(line: str) -> list[str] | None:
    """The cells of a table row printed as tab text (`a⇥b`) or `|` text (`| a | b |`), else None.
    A `|---|---|` rule line gives an empty list."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    text = line.strip()
    if text.count("|") >= 2 and (text.startswith("|") or text.count("|") >= 3):
        cells = [c.strip() for c in text.strip("|").split("|")]
        return [] if all(re.fullmatch(r":?-{2,}:?", c) for c in cells) else cells
    return None


def number_text(cell: str) -> str:
    """`４２．５` → `42.5`, `42。5` → `42.5` (a decimal point printed as a full stop)."""
    cell = unicodedata.normalize("NFKC", cell)
    return re.sub(r"(?<=\d)\s*[。]\s*(?=\d)", ".", cell)


@dataclass
class Header:
    """An indicator table's header row read into roles: role → column index, and the years."""

    cells: list[str]  # in matching form: a repeated header (after a page break) compares equal
    printed: list[str]
    roles: dict[str, int] = field(default_factory=dict)
    baseline_year: int | None = None
    target_year: int | None = None
    achieved: int | None = None  # 2020年现状 beside 2020年目标: what the previous plan achieved
    unmapped: list[str] = field(default_factory=list)


def read_header(printed: list[str]) -> Header | None:
    """The roles of a header row, or None when the row is not an indicator table's header (it must
    name an indicator column and a target or year column)."""
    header = Header([key(c) for c in printed], printed)
    bare: list[tuple[int, int]] = []  # (year, column) of columns printing only a year
    years: dict[int, int] = {}  # column → its year
    words: dict[int, str] = {}
    for index, cell in enumerate(header.cells):
        m = _YEAR.search(cell)
        word = re.sub(r"[()（）:：]", "", cell.replace(m.group(0), "", 1) if m else cell)
        if m:
            years[index] = int(m.group(1))
        role = vocabulary.role_of(word)
        if not role and m and not word:
            bare.append((int(m.group(1)), index))
        elif role and role not in header.roles:
            header.roles[role], words[index] = index, word
        elif cell:
            header.unmapped.append(printed[index])
    for _year, index in sorted(bare, reverse=True):  # the later bare year is the target
        role = "target" if "target" not in header.roles else "baseline"
        if role not in header.roles:
            header.roles[role] = index
        else:  # a third year (a mid-term column): no role, said so
            header.unmapped.append(printed[index])
    if "indicator" not in header.roles or "target" not in header.roles:
        return None
    header.target_year = years.get(header.roles["target"])
    if "baseline" in header.roles:
        index = header.roles["baseline"]
        header.baseline_year = years.get(index)
        if (header.baseline_year and header.baseline_year == header.target_year
                and words.get(index) in vocabulary.ACHIEVED_WORDS):
            header.achieved, header.baseline_year = header.roles.pop("baseline"), None
    return header


class IndicatorTable:
    """规划指标表 rows after a header row: 序号 | 类别 | 指标 | 单位 | 基期值 | 目标值 | 属性, in any
    order and wording.  A target year before the plan's first year makes the table the previous
    plan's review (`2020年目标 | 2020年现状` in a 2021–2025 plan): its rows are targets of that
    period with what was achieved, never targets of this plan."""

    def __init__(self, result: ImportResult, header: Header, line: int, raw: str):
        self.result = result
        self.header = header
        self.category = ""
        self.inferred_line = 0
        result.skip(line, "indicator table header", raw)
        if header.unmapped:
            result.add_review("columns_unmapped", "indicator table columns of no role: {columns}", line,
                              raw, columns="、".join(header.unmapped))

    def accepts(self, header: Header | None) -> bool:
        """A header row continues this table when it repeats it (a page break), else starts another."""
        return header is None or header.cells == self.header.cells

    def _years(self, line: int, raw: str) -> tuple[int | None, int | None]:
        meta, header = self.result.meta, self.header
        baseline_year, target_year = header.baseline_year, header.target_year
        if target_year is None and meta.period_end:
            target_year = meta.period_end
        if baseline_year is None and "baseline" in header.roles and meta.period_start:
            baseline_year = meta.period_start - 1
        if (baseline_year, target_year) != (header.baseline_year, header.target_year) and not self.inferred_line:
            self.inferred_line = line
            self.result.add_review(
                "indicator_year_inferred", "the indicator table prints no year: baseline {baseline}, "
                "target {target} taken from the plan period", line, raw,
                baseline=baseline_year or "?", target=target_year or "?")
        return baseline_year, target_year

    def feed(self, line: int, printed: list[str], raw: str) -> None:
        header, result = self.header, self.result
        if not any(printed):
            result.skip(line, "table rule line", raw)
            return
        need = max(header.roles.values()) + 1
        if len(printed) < need:
            raise PlanImportError(f"indicator row has {len(printed)} cells, the header {len(header.cells)}",
                                  source=result.source_name, line=line)
        cells = [to_simplified(c) for c in printed]

        def cell(role: str) -> str:
            return cells[header.roles[role]].strip() if role in header.roles else ""

        self.category = cell("category") or self.category
        name, simple = printed[header.roles["indicator"]].strip(), cell("indicator")
        baseline_year, target_year = self._years(line, raw)
        start = result.meta.period_start
        review = target_year is not None and start is not None and target_year < start
        period = f"{target_year - 4}-{target_year}" if review and target_year else f"by {target_year}"
        target = targets.parse_cell(name, number_text(cell("target")), line, period)
        if target is None:
            result.skip(line, "indicator row without a value", raw)
            return
        target.raw = target.value_text = printed[header.roles["target"]].strip()
        target.indicator_code = code = targets.code_for(simple)
        unit = squeeze(cell("unit")) if key(cell("unit")) not in EMPTY_UNIT else ""
        if not unit and (m := _UNIT_IN_NAME.search(simple)):
            unit = m.group(1)
        target.unit = target.unit or targets.unit_of(unit)
        self._comparator(target, simple, code)
        if header.achieved is not None:
            achieved = printed[header.achieved].strip()
            target.baseline_text = f"{printed_header(header, header.achieved)} {achieved}".strip()
        elif "baseline" in header.roles:
            baseline_cell = printed[header.roles["baseline"]].strip()
            baseline = targets.parse_cell(name, number_text(baseline_cell), line)
            target.baseline_year, target.baseline_text = baseline_year, baseline_cell
            target.baseline_value = baseline.value if baseline else None
        target.binding = vocabulary.BINDING.get(key(cell("attribute")), "")
        result.targets.append(target)

    @staticmethod
    def _comparator(target: Target, name: str, code: str) -> None:
        reduction = any(w in key(name) for w in vocabulary.REDUCTION_WORDS)
        own = code and any(w in catalogue.BY_CODE[code].zh for w in vocabulary.REDUCTION_WORDS)
        if target.value is None or target.comparator not in ("=", ">=", "≈"):
            return
        if reduction and not own:  # `细颗粒物年均浓度下降率 30`: falls by 30 %, not a level of 30
            target.comparator = "reduce_by" if target.comparator in ("=", ">=") else target.comparator
        elif target.comparator == "=" and code:
            target.comparator = targets.default_comparator(code)


def printed_header(header: Header, index: int) -> str:
    return header.printed[index].strip()

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
