"""Units named in plan cells: splitting a cell, rejoining wrapped names, resolving names.

A unit cell holds one or more names separated by spaces, line breaks or 、, with names wrapped
mid-word by the PDF (`市交通委西城运输管` / `理分局`), aliases in brackets
(`区交通局 (区推进运输结构调整工作推进小组办公室)`), lists inside brackets (`各县（市、区）`) and
group placeholders (`各街道办事处`, `有关部门`, `…成员单位`).

A name resolves, in this order, through

1. the lexicon: the installation's own entries (edited by the coordinator, passed in by the
   caller with ``installation_lexicon``) before the packaged ``data/organisations.toml``;
2. the group forms (各…, 相关…, 有关…, …等部门, …成员单位: ``ecoplan.vocabulary.areas``);
3. its structure: a place prefix (国家, 浙江省, 杭州市, 余杭区, 某某县, 某某旗, or the bare
   省/市/区/县/旗 of the plan's own level) and a body ending that says what it is (…部, …厅,
   …局, …委, …办, …中心, …政府, …分局, …街道, …镇, …苏木, …管委会, …公司 — ``ENDINGS``).

What none of these settles is kept as printed and sent to review, never guessed: a body without
its place (`环保局`: whose?), a name the lexicon gives to two units, a name cut off (`…运输管`).
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ecoplan.vocabulary.areas import CONCERNED, EVERY, RELEVANT
from ecoplan.vocabulary.cells import EMPTY_MARKERS
from ecoplan.vocabulary.units import LEXICON_CODES

from .model import ImportResult, ReviewRef, UnitRef
from .text import key

# -- structure: place prefix + body ending ------------------------------------------------------

# What a body ending says a unit is, first match wins; the third column: whether the name needs a
# place to be certain (a company, a sub-area or a branch carries its own name; a 局 needs its 市/区).
ENDINGS: tuple[tuple[str, str, bool], ...] = (
    (r"(?:公司|集团|有限责任公司|股份有限公司|集团有限公司|厂)", "company", False),
    (r"(?:街道办事处|街道|地区办事处|镇人民政府|乡人民政府|苏木人民政府|镇政府|乡政府|镇|乡|苏木|管委会|(?<=[^农乡])村|社区|嘎查|"
     r"(?:园区?|开发区|新区|片区|基地|商务区|示范区|功能区|景区|保税区)管理委员会)", "sub_area", False),
    (r"(?:分局|支队|大队|中队|分队|总队|派出所)", "city_branch", False),
    (r"(?:领导小组|工作小组|指挥部|领导小组办公室|小组办公室)", "committee", True),
    (r"(?:部|厅|局|总局|委|委员会|办|办公室|中心|政府|人民政府|署|总署|站|所|院|处|馆|会|联|协)", "department", True),
)
_ENDINGS = tuple((re.compile(f"{pattern}$"), kind, needs_place) for pattern, kind, needs_place in ENDINGS)
# Levels of government a place prefix names; the bare character is the plan's own level
# (区生态环境局 in a district plan, 旗生态环境分局 in a banner's).
_PROVINCIAL = ("省", "自治区", "特别行政区")
_BARE = re.compile(r"^(?:自治区|省|市(?!场)|州|盟|区(?!域)|县(?!域)|旗)")
_NAMED = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:特别行政区|自治区|自治州|自治县|自治旗|新区|地区|省|市|州|盟|区|县|旗)"
                    r"|[\u4e00-\u9fff]县)")
_NATIONAL = re.compile(r"^(?:国家|国务院|中共中央|中央)")
_NATIONAL_ENDING = re.compile(r"(?:部|总局|总署)$")  # a ministry prints no place: 生态环境部, 海关总署
# …but a party department printed without its 区委/县委 is a local one, whose is not said
_LOCAL_PARTY = re.compile(r"(?:组织|宣传|统战|武装|人武|政法|网信)部$")


def structure(k: str) -> tuple[str, str, str]:
    """Matching form → (level, place, body): level is national / provincial / local / "" (none)."""
    if m := _NATIONAL.match(k):
        return "national", m.group(), k[m.end():]
    level, place, body = "", "", k
    while m := (_BARE.match(body) or _NAMED.match(body)):
        if m.end() == len(body):
            break  # a place alone: see kind_by_structure
        place += m.group()
        level = "provincial" if m.group().endswith(_PROVINCIAL) else "local"
        body = body[m.end():]
        if m.re is _BARE:
            break  # 市北区…: after the bare level comes the body
    return level, place, body


def _is_named_place(k: str) -> bool:
    return bool((m := _NAMED.match(k)) and m.end() == len(k))


def kind_by_structure(k: str) -> str:
    """The kind a name's structure says, or "" when it says nothing certain."""
    level, _place, body = structure(k)
    if _is_named_place(k):
        return "sub_area"  # 桐庐县, 余杭区 in a city's plan: the lower government as a whole
    if not body:
        return ""
    # the ending is read on the whole name: 朝阳地区办事处 is a sub-area, not 朝阳地区 + 办事处
    ending, needs_place = next(((kind, needs) for pattern, kind, needs in _ENDINGS if pattern.search(k)), ("", True))
    if ending and not needs_place:
        return ending
    if level == "national" and ending:
        return "national"
    if not level:
        return "national" if _NATIONAL_ENDING.search(body) and not _LOCAL_PARTY.search(body) else ""
    if level == "provincial" and ending == "department":
        return "provincial"
    return ending


# -- the lexicon --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One lexicon row: a unit's canonical name, its kind and the other names printed for it."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


class Lexicon:
    """key(printed name) → the units it names, in layers: the installation's entries come before
    the packaged ones, so an installation settles what the packaged data leaves open.  A name
    that one layer gives to two units is ambiguous."""

    def __init__(self, *layers: Iterable[Entry]):
        self.layers: list[dict[str, list[str]]] = []
        self.kinds: dict[str, str] = {}
        for layer in layers:
            table: dict[str, list[str]] = {}
            for entry in layer:
                self.kinds.setdefault(entry.name, entry.kind)
                for name in (entry.name, *entry.aliases):
                    names = table.setdefault(key(name), [])
                    if entry.name not in names:
                        names.append(entry.name)
            self.layers.append(table)

    def find(self, k: str) -> list[tuple[str, str]]:
        """The (canonical name, kind) of each unit ``k`` names: [] unknown, 2+ ambiguous."""
        for table in self.layers:
            if k in table:
                return [(name, self.kinds[name]) for name in table[k]]
        return []

    def __contains__(self, k: str) -> bool:
        return any(k in table for table in self.layers)


PACKAGED = Path(__file__).parent / "data" / "organisations.toml"


def read_entries(text: str, source: str = "organisations.toml") -> list[Entry]:
    """The [[unit]] rows of a lexicon file; a row without a name or with an unknown kind is an error
    naming the row."""
    entries = []
    for number, unit in enumerate(tomllib.loads(text).get("unit", []), 1):
        name, kind = unit.get("name", ""), unit.get("kind", "")
        if not name or kind not in LEXICON_CODES:
            raise ValueError(f"{source}: [[unit]] #{number} ({name or 'no name'}): kind must be one of "
                             f"{', '.join(LEXICON_CODES)}, not {kind!r}")
        entries.append(Entry(name, kind, tuple(unit.get("aliases", ()))))
    return entries


@lru_cache(maxsize=1)
def packaged_entries() -> tuple[Entry, ...]:
    return tuple(read_entries(PACKAGED.read_text("utf-8"), PACKAGED.name))


@lru_cache(maxsize=1)
def _packaged() -> Lexicon:
    return Lexicon(packaged_entries())


_installation: ContextVar[Lexicon | None] = ContextVar("ecoplan_lexicon", default=None)


@contextmanager
def installation_lexicon(entries: Iterable[Entry]) -> Iterator[Lexicon]:
    """Within this block names resolve through ``entries`` (the installation's own units and
    aliases) before the packaged lexicon.  The caller (the plans app) reads them from its
    database: this module stays free of Django."""
    token = _installation.set(Lexicon(entries, packaged_entries()))
    try:
        yield lexicon()
    finally:
        _installation.reset(token)


def lexicon() -> Lexicon:
    return _installation.get() or _packaged()


# -- splitting a cell ---------------------------------------------------------------------------

# A name is complete when it ends with one of these.
_COMPLETE_SUFFIXES = (
    "局", "委", "办", "办事处", "公司", "中心", "支队", "政府", "单位", "小组", "管委会",
    "办公室", "指挥部", "部", "街道", "镇", "乡", "专班", "交易所", "水务", "集团", "园",
    "方面）", "方面)", "部门", "单位）",
    "厅", "署", "委员会", "苏木", "大队", "中队", "总队", "站", "所",
    "村", "社区", "嘎查", "执法队",  # a town plan names its villages (石堡村、大坝村) and teams
)
_GROUP = re.compile(rf"^({EVERY}|{RELEVANT}|{CONCERNED}|等|其他)|成员单位|{EVERY}{RELEVANT}|等部门|等单位|涉及的")
# `区交通局等部门`, `区经济和信息化局 等无废城市建设成员单位`: a named unit, then a group of others.
_NAMED_THEN_GROUP = re.compile(r"^(?P<unit>.+?)(?P<group>等(?!其他).*(?:部门|单位))$")
_SUB_AREA_SEAT = re.compile(r"(人民政府|政府|办事处)$")  # XX镇人民政府 is the town XX镇
# After 各…, what continues the list of levels it names: `各区、县（市）政府`, `各镇、街道`.
_LEVEL_LIST = re.compile(r"^(?:省|市|州|盟|区|县|旗|乡|镇|街道|街|苏木)+(?:[（(][^）)]*[）)])?(?:人民政府|政府|办事处)?$")
_OPEN, _CLOSE = "（(", "）)"


def _tokens(cell: str) -> list[str]:
    """Split at spaces, 、 and commas — but not inside brackets (`各县（市、区）`); a bracket left
    open to the end of the cell splits as if it were text."""
    tokens: list[str] = []
    current, depth = "", 0
    for char in cell.replace("\u3000", " "):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE and depth:
            depth -= 1
        if depth == 0 and (char.isspace() or char in "、，,"):
            if current:
                tokens.append(current)
            current = ""
        elif not (depth and char.isspace()):
            current += char
    if depth:
        return [t for t in re.split(r"[\s、，,]+", cell.replace("\u3000", " ")) if t]
    return tokens + [current] if current else tokens


def is_complete(name: str) -> bool:
    k = re.sub(r"[（(][^）)]*[)）]$", "", key(name))
    if k in lexicon() or _is_named_place(k):
        return True
    return k.endswith(_COMPLETE_SUFFIXES) and not k.endswith(("分", "管", "基地管", "农村", "乡村"))


def split_cell(cell: str) -> list[str]:
    """Split a unit cell into names, rejoining names the PDF wrapped and attaching qualifiers."""
    names: list[str] = []
    for token in _tokens(cell):
        if token in EMPTY_MARKERS:
            continue
        if token == "会" and names and names[-1].endswith("委会"):
            continue  # a stray character the PDF repeated (`…基地管委会 会`, D:89)
        if not names:
            names.append(token)
            continue
        previous = names[-1]
        if previous.startswith(EVERY) and _LEVEL_LIST.match(token):
            names[-1] = f"{previous}、{token}"  # one group: 各区、县（市）政府
            continue
        joined = previous + token
        attach = (
            (token.startswith(("(", "（", "等", "会", "委会")) and not token.startswith("等其他"))
            or re.match(r"^[一二三四五六七八九十]?分(公司|局)", token)
            or key(joined) in lexicon()
            or not is_complete(previous)
            or token in ("成员单位", "管委会", "分局", "城分局", "理分局", "市西城区分公司")
            or previous.endswith("》")
            or (previous.startswith("等其他") and not previous.endswith("成员单位"))
        )
        if attach:
            names[-1] = joined
        else:
            names.append(token)
    return names


# -- resolving a name ---------------------------------------------------------------------------

def _from_lexicon(printed: str, k: str) -> UnitRef | None:
    found = lexicon().find(k)
    if len(found) == 1:
        canonical, kind = found[0]
        return UnitRef(printed, canonical, kind, True)
    if found:
        return UnitRef(printed, k, "unknown", False, tuple(name for name, _kind in found))
    return None


def resolve(printed: str) -> UnitRef:
    """Printed name → canonical unit.  Unknown names are kept (and reviewed), never guessed."""
    k = key(printed)
    if ref := _from_lexicon(printed, k):
        return ref
    alias = re.match(r"^(.+?)[（(](.+)[)）]$", k)
    if alias and (ref := _from_lexicon(printed, alias.group(1))):
        return ref  # `区交通局（区推进…办公室）`: the unit and its other name
    if _GROUP.search(k):
        return UnitRef(printed, k, "group", True)
    kind = kind_by_structure(alias.group(1) if alias else k)
    if kind == "sub_area":
        return UnitRef(printed, _SUB_AREA_SEAT.sub("", k), kind, True)
    if kind:
        return UnitRef(printed, k, kind, True)
    return UnitRef(printed, k, "unknown", False)


# `区生态环境分局（牵头）、区工业和信息化局`: the marked unit leads, the others in the cell are co-units
LEAD_MARK = re.compile(r"\s*[（(]\s*(?:牵头|主责|牵头单位)\s*[)）]\s*$")


def parse_marked(cell: str) -> tuple[list[UnitRef], list[UnitRef]] | None:
    """(leads, co-units) of a cell that marks its lead units `（牵头）`/`(牵头)`/`（主责）`, else None.
    The mark is no part of the unit's name: the canonical name is read without it, the printed
    name keeps it."""
    names = split_cell(cell)
    if not any(LEAD_MARK.search(name) for name in names):
        return None
    leads: list[UnitRef] = []
    cos: list[UnitRef] = []
    for name in names:
        bare = LEAD_MARK.sub("", name)
        refs = [UnitRef(name, r.canonical, r.kind, r.known, r.candidates) if r.printed == bare else r
                for r in split_group(bare)]
        (leads if bare != name else cos).extend(refs)
    return leads, cos


def parse_cell(cell: str) -> list[UnitRef]:
    return [ref for name in split_cell(cell) for ref in split_group(name)]


def split_group(name: str) -> list[UnitRef]:
    """`区交通局等部门` → the unit 区交通局 and the group 等部门, so the named unit is not lost in the
    group.  When the name before 等 is not a unit's (`农业农村等部门`, `生态环境等部门`) the group is kept
    whole but marked unknown: which unit it names is a guess, left to review."""
    k = key(name)
    m = _NAMED_THEN_GROUP.match(k)
    if m is None or k in lexicon():
        return [resolve(name)]
    if is_complete(m.group("unit")):
        return [resolve(m.group("unit")), UnitRef(m.group("group"), m.group("group"), "group", True)]
    return [UnitRef(name, k, "group", False)]


def review_units(result: ImportResult, units: Iterable[UnitRef], line: int, ref: ReviewRef) -> None:
    """A review item for each unit not resolved with certainty, saying why."""
    for unit in units:
        if unit.known:
            continue
        if unit.candidates:
            result.add_review("unit_ambiguous", "unit “{unit}” names several units of the lexicon: {candidates}",
                              line, unit.printed, ref, unit=unit.printed, candidates="、".join(unit.candidates))
        elif _is_body_without_place(key(unit.printed)):
            result.add_review("unit_unknown", "unit “{unit}” is printed without its place (省/市/区/县…): "
                              "whose unit is it?", line, unit.printed, ref, unit=unit.printed)
        else:
            result.add_review("unit_unknown", "unknown unit name “{unit}”", line, unit.printed, ref,
                              unit=unit.printed)


def _is_body_without_place(k: str) -> bool:
    level, _place, body = structure(k)
    return not level and any(pattern.search(body) for pattern, _kind, _needs in _ENDINGS)


def is_empty_marker(text: str) -> bool:
    return key(text) in {key(m) for m in EMPTY_MARKERS} or not text.strip()
