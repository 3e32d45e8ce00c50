"""Units named in plan cells: splitting a cell, rejoining wrapped names, resolving aliases.

A unit cell holds one or more names separated by spaces, line breaks or 、, with names wrapped
mid-word by the PDF (`市交通委西城运输管` / `理分局`), aliases in brackets
(`区交通局 (区推进运输结构调整工作推进小组办公室)`) and group placeholders (`各街道办事处`,
`…成员单位`).  The lexicon lives in ``data/organisations.toml``.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from ecoplan.vocabulary.areas import EVERY, RELEVANT
from ecoplan.vocabulary.cells import EMPTY_MARKERS

from .model import UnitRef
from .text import key

# A name is complete when it ends with one of these (longest first is not needed: endswith).
_COMPLETE_SUFFIXES = (
    "局", "委", "办", "办事处", "公司", "中心", "支队", "政府", "单位", "小组", "管委会",
    "办公室", "指挥部", "部", "街道", "镇", "乡", "专班", "交易所", "水务", "集团", "园",
    "方面）", "方面)", "部门", "单位）",
)
_GROUP = re.compile(rf"^({EVERY}|{RELEVANT}|等)|成员单位|{EVERY}{RELEVANT}|等部门|等单位|涉及的")
# `区交通局等部门`, `区经济和信息化局 等无废城市建设成员单位`: a named unit, then a group of others.
_NAMED_THEN_GROUP = re.compile(r"^(?P<unit>.+?)(?P<group>等(?!其他).*(?:部门|单位))$")
_SUB_AREA = re.compile(r"(街道办事处|街道|镇人民政府|乡人民政府|镇政府|乡政府|镇|乡|地区办事处)$")


@lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[str, str]]:
    """key(printed) → (canonical name, kind)."""
    data = tomllib.loads((Path(__file__).parent / "data" / "organisations.toml").read_text("utf-8"))
    table: dict[str, tuple[str, str]] = {}
    for unit in data["unit"]:
        for name in [unit["name"], *unit.get("aliases", [])]:
            table[key(name)] = (unit["name"], unit["kind"])
    return table


def is_complete(name: str) -> bool:
    k = re.sub(r"[（(][^）)]*[)）]$", "", key(name))
    if k in lexicon():
        return True
    return k.endswith(_COMPLETE_SUFFIXES) and not k.endswith(("分", "管", "基地管"))


def split_cell(cell: str) -> list[str]:
    """Split a unit cell into names, rejoining names the PDF wrapped and attaching qualifiers."""
    tokens = [t for t in re.split(r"[\s、，,]+", cell.replace("\u3000", " ")) if t]
    names: list[str] = []
    for token in tokens:
        if token in EMPTY_MARKERS:
            continue
        if token == "会" and names and names[-1].endswith("委会"):
            continue  # a stray character the PDF repeated (`…基地管委会 会`, D:89)
        if not names:
            names.append(token)
            continue
        previous = names[-1]
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


def resolve(printed: str) -> UnitRef:
    """Printed name → canonical unit.  Unknown names are kept (and reviewed), never guessed."""
    k = key(printed)
    alias = re.match(r"^(.+?)[（(](.+)[)）]$", k)
    table = lexicon()
    if k in table:
        canonical, kind = table[k]
        return UnitRef(printed, canonical, kind, True)
    if alias and alias.group(1) in table:
        canonical, kind = table[alias.group(1)]
        return UnitRef(printed, canonical, kind, True)
    if _GROUP.search(k):
        return UnitRef(printed, k, "group", True)
    if _SUB_AREA.search(k):
        name = re.sub(r"(人民政府|政府|办事处)$", "", k)
        return UnitRef(printed, name, "sub_area", True)
    if k.endswith("管委会"):
        return UnitRef(printed, k, "sub_area", True)
    return UnitRef(printed, k, "unknown", False)


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


def is_empty_marker(text: str) -> bool:
    return key(text) in {key(m) for m in EMPTY_MARKERS} or not text.strip()
