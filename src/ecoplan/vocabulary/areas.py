"""各… — group placeholders that stand for every sub-area of a kind (domain.md §5).

A unit cell or a target scope printed as 各街道办事处, 各镇人民政府, 各镇、街道, 各苏木乡镇 … names
every sub-area whose name ends with one of ``members`` (街道 / 镇 / 乡 / 苏木 / 管委会); in a city's
plan 各区政府 and 各县（市、区） name its districts, counties and county-level cities.  相关… (the relevant
ones), 有关… (the ones concerned) and …成员单位 name no members: they stay groups.  A target scope may also begin with
全区及各 (the district and each sub-area: Xicheng's per-street table).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import Term
from . import gettext_noop as _


@dataclass(frozen=True)
class SubAreaGroup:
    pattern: re.Pattern[str]  # on the printed name, whitespace removed
    members: tuple[str, ...]  # name endings of the sub-areas it stands for
    zh: str  # the usual printed form


SUB_AREA_GROUPS = (
    SubAreaGroup(re.compile(r"^各(?:镇人民政府|镇政府|镇)$"), ("镇",), "各镇人民政府"),
    SubAreaGroup(re.compile(r"^各(?:街道办事处|街道)$"), ("街道",), "各街道办事处"),
    SubAreaGroup(re.compile(r"^各乡(?:人民政府|政府)?$"), ("乡",), "各乡人民政府"),
    SubAreaGroup(re.compile(r"^各(?:乡镇|镇乡)$"), ("乡", "镇"), "各乡镇"),
    SubAreaGroup(re.compile(r"^各(?:街道乡镇|乡镇街道|镇街道|镇、街道|街道、镇|乡镇[（(、]街道)"), ("街道", "乡", "镇"),
                 "各镇、街道"),
    SubAreaGroup(re.compile(r"^各(?:街镇|镇街)$"), ("街道", "镇"), "各街镇"),
    SubAreaGroup(re.compile(r"^各(?:苏木乡镇|乡镇苏木|苏木)(?:人民政府|政府)?$"), ("苏木", "乡", "镇"), "各苏木乡镇"),
    SubAreaGroup(re.compile(r"^各(?:产业)?园区管委会$"), ("管委会",), "各园区管委会"),
    # a city's or a league's plan: its districts, counties, county-level cities and banners
    SubAreaGroup(re.compile(r"^各区(?:人民政府|政府)?$"), ("区",), "各区政府"),
    SubAreaGroup(re.compile(r"^各(?:县[（(]市、?区[)）]|区、?县[（(]市[)）]|区县|县区|县市区)(?:人民政府|政府)?$"),
                 ("区", "县", "市"), "各县（市、区）"),
    SubAreaGroup(re.compile(r"^各旗县(?:[（(]市、?区[)）]|市区)?(?:人民政府|政府)?$"), ("旗", "县", "市", "区"),
                 "各旗县（市、区）"),
)

EVERY = "各"  # 各…: each sub-area (of a kind)
DISTRICT_AND_EVERY = "全区及各"  # the district and each sub-area
EVERY_SCOPES = (EVERY, DISTRICT_AND_EVERY)
RELEVANT = "相关"  # 相关…: the relevant units, unnamed
CONCERNED = "有关"  # 有关部门, 有关单位: the units concerned, unnamed (a unit group, never a target scope)
# A scope that is not one area: every sub-area, or the relevant ones.
GROUP_SCOPES = (EVERY, RELEVANT)


def members_of(name: str) -> tuple[str, ...]:
    """Name endings of the sub-areas a placeholder stands for; () if it names no members."""
    for group in SUB_AREA_GROUPS:
        if group.pattern.match(name):
            return group.members
    return ()


def is_every_sub_area(scope: str) -> bool:
    """A target scope printed for every sub-area (各镇、街道…, 全区及各街道…)."""
    return scope.startswith(EVERY_SCOPES)


# Levels of the area tree a ranking compares (排名层级): every sub-area of a district, its streets
# only, its towns and townships only, or the districts themselves (the top-level areas).  The name
# endings are the placeholders' members above: 各街道 → 街道, 各苏木乡镇 → 苏木 / 乡 / 镇.
LEVELS = (
    Term("sub_area", _("every sub-area"), "各街道乡镇"),
    Term("street", _("streets"), "各街道"),
    Term("town", _("towns and townships"), "各乡镇"),
    Term("district", _("districts"), "各区"),
)
LEVEL_ENDINGS: dict[str, tuple[str, ...]] = {"street": members_of("各街道"), "town": members_of("各苏木乡镇")}
