"""Kinds of unit (责任单位) a plan names: what the importer resolves a printed name to (domain.md §5).

A kind says where a unit sits, read from its name's structure (place prefix + body ending) or
from the lexicon: a ministry (生态环境部), a provincial body (省生态环境厅), a department of the
plan's own or a nearby government (市生态环境局, 区发展改革委, 旗农牧局), a branch of a higher
bureau (…分局, …支队), a sub-area (街道, 乡, 镇, 苏木, 管委会), a company, a committee or
leading group, a group placeholder (各街道办事处, 有关部门) — or ``unknown``: not recognised,
sent to review.
"""
from __future__ import annotations

from . import Term
from . import gettext_noop as _

KINDS = (
    Term("national", _("national ministry or agency"), "国家部委"),
    Term("provincial", _("provincial body"), "省级部门"),
    Term("department", _("government department"), "政府部门"),
    Term("city_branch", _("city branch"), "市级派出机构"),
    Term("sub_area", _("street / town"), "街道/乡镇"),
    Term("group", _("group of units"), "单位组"),
    Term("company", _("company"), "企业"),
    Term("committee", _("committee"), "委员会"),
    Term("unknown", _("not in the lexicon"), "未收录单位"),
)
CODES = tuple(k.code for k in KINDS)
UNKNOWN = "unknown"
# what a lexicon entry may be: every kind but unknown
LEXICON_CODES = tuple(code for code in CODES if code != UNKNOWN)
# the kinds of organisation that sign a notice over its date (生态环境部, 省生态环境厅, 某市人民政府办公室):
# not a branch, a sub-area, a company or a group
SIGNING_CODES = ("national", "provincial", "department", "committee")

# The unit that answers for a street or town (a sub-area) is its government: the area's name
# plus one of these — 西长安街街道 → 西长安街街道办事处, 张家湾镇 → 张家湾镇人民政府 — or the bare
# name, as plans and the lexicon print it (张家湾镇).  In this order when more than one exists.
SUB_AREA_UNIT_SUFFIXES = ("办事处", "人民政府", "政府", "")


def sub_area_unit_names(area_name: str) -> tuple[str, ...]:
    """The names the unit of the sub-area ``area_name`` may carry, the likeliest first."""
    return tuple(area_name + suffix for suffix in SUB_AREA_UNIT_SUFFIXES)
