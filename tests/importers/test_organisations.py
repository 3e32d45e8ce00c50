import pytest

from ecoplan.importers import import_file
from ecoplan.importers.organisations import parse_cell, split_cell

from ..conftest import seed_path

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


# A unit named before 等 is a unit, the rest a group (issue #8, point 5): (cell, [(printed, kind, known)]).
NAMED_THEN_GROUP = [
    ("区交通局等部门", [("区交通局", "department", True), ("等部门", "group", True)]),
    ("区经济和信息化局 等无废城市建设成员单位",
     [("区经济和信息化局", "department", True), ("等无废城市建设成员单位", "group", True)]),
    ("区教委等部门 各镇人民政府",
     [("区教委", "department", True), ("等部门", "group", True), ("各镇人民政府", "group", True)]),
    ("区城管等部门", [("区城管", "department", True), ("等部门", "group", True)]),
    ("区月球开发局等相关单位", [("区月球开发局", "unknown", False), ("等相关单位", "group", True)]),
    # no unit before 等: which unit is meant is a guess — kept whole, marked for review
    ("农业农村等部门", [("农业农村等部门", "group", False)]),
    ("生态环境等部门", [("生态环境等部门", "group", False)]),
    # `等其他…成员单位` is one group, as before
    ("区住房城市建设委 等其他区委生态文明委 环境污染防治工作小组 成员单位",
     [("区住房城市建设委", "department", True), ("等其他区委生态文明委环境污染防治工作小组成员单位", "group", True)]),
    ("各相关单位", [("各相关单位", "group", True)]),
]


@pytest.mark.parametrize("cell,refs", NAMED_THEN_GROUP)
def test_a_named_unit_is_not_swallowed_by_its_group(cell, refs):
    assert [(u.printed, u.kind, u.known) for u in parse_cell(cell)] == refs


@pytest.mark.parametrize("seed,line,unit,group", [
    ("daxing-2024-action-plan.txt", 38, "区交通局", "等部门"),
    ("daxing-2024-action-plan.txt", 308, "区教委", "等部门"),
    ("tongzhou-2024-action-plans.txt", 247, "区经济和信息化局", "等无废城市建设成员单位"),
])
def test_seed_units_recovered_from_groups(seed, line, unit, group):
    result = import_file(seed_path(seed))
    measure = next(m for a in result.annexes for t in a.tasks for m in t.measures if m.line == line)
    co = [(u.canonical, u.kind) for u in measure.co_units]
    assert (unit, "department") in co and (group, "group") in co
    assert co.index((group, "group")) == co.index((unit, "department")) + 1


def test_a_lone_named_group_in_a_shared_cell_is_one_lead_not_an_ambiguity():
    from ecoplan.importers.model import Annex, ImportResult, PlanMeta
    from ecoplan.importers.tables import Row, TableAssembler

    result = ImportResult(source_name="t.txt", sha256="", shape="tab_table", meta=PlanMeta(period_start=2024))
    annex = Annex(number="1", title="t", theme="air", line=1)
    result.annexes.append(annex)
    assembler = TableAssembler(result, annex, "tasks")
    assembler.add(Row(line=2, number="1", label="任务", text="措施", deadline_raw="年底前",
                      lead_cell="区交通局等部门", units_split=False))
    assembler.add(Row(line=3, number="1", label="任务", text="措施", deadline_raw="年底前",
                      lead_cell="区生态环境局 区交通局等部门", units_split=False))
    alone, shared = annex.tasks[0].measures
    assert [u.printed for u in alone.lead_units] == ["区交通局", "等部门"] and not alone.co_units
    assert [u.printed for u in shared.lead_units] == ["区生态环境局"]
    assert [u.printed for u in shared.co_units] == ["区交通局", "等部门"]
    assert [r.line for r in result.review if r.kind == "units_ambiguous"] == [3]
