import pytest

from ecoplan.importers.organisations import parse_cell, split_cell

SPLITS = [
    ("市交通委西城运输管 理分局", ["市交通委西城运输管理分局"]),
    ("市规划自然资源委西城 分局 区财政局", ["市规划自然资源委西城分局", "区财政局"]),
    ("大兴生物医药基地管 委会", ["大兴生物医药基地管委会"]),
    ("区交通局 (区推进运输结构调整工作推进小组办公室) 区生态环境局",
     ["区交通局(区推进运输结构调整工作推进小组办公室)", "区生态环境局"]),
    ("区住房城市建设委 等其他区委生态文明委 环境污染防治工作小组 成员单位",
     ["区住房城市建设委", "等其他区委生态文明委环境污染防治工作小组成员单位"]),
    ("北京市排水集团 一分公司", ["北京市排水集团一分公司"]),
    ("——", []),
    ("西集镇、漷县镇 于家务、永乐店", ["西集镇", "漷县镇", "于家务", "永乐店"]),
]


@pytest.mark.parametrize("cell,names", SPLITS)
def test_split_cell(cell, names):
    assert split_cell(cell) == names


def test_aliases_resolve_to_one_unit():
    names = {u.canonical for u in parse_cell("区应急局 区应急管理局")}
    assert names == {"区应急管理局"}
    assert parse_cell("于家务")[0].canonical == "于家务回族乡"


def test_groups_and_unknown_units():
    group = parse_cell("各街道办事处")[0]
    assert group.kind == "group" and group.known
    unknown = parse_cell("区月球开发委")[0]
    assert not unknown.known
