"""Importing into the registry: all-or-nothing, re-imports detected, JSON round trip."""
import json

import pytest

from ecoplan.importers import import_bytes
from ecoplan.plans import actions
from ecoplan.plans.export import plan_to_dict
from ecoplan.plans.models import Assignment, Measure, Organisation, Plan, ReviewItem, Target

from ..conftest import DEMO, seed_path

pytestmark = pytest.mark.django_db


def import_demo():
    return actions.import_document(DEMO.read_bytes(), DEMO.name)[1]


def test_import_writes_every_entity():
    plan = import_demo()
    assert plan.annexes.count() == 2
    assert Measure.objects.filter(task__annex__plan=plan).count() == 14
    assert Target.objects.filter(plan=plan).count() == 14  # #9: the demo adds 降尘量, a rank target, 受污染耕地安全利用率 and 土壤污染风险 (qualitative)
    assert plan.review_items.exists()
    # a company printed with its own name is a company (issue #8: units read by their structure)
    assert Organisation.objects.get(name="演示区绿化服务公司").kind == "company"
    assert Organisation.objects.get(name="区生态环境局").kind == "department"


def test_reimport_is_detected():
    import_demo()
    with pytest.raises(actions.DuplicatePlan):
        import_demo()
    assert Plan.objects.count() == 1


def test_import_is_one_transaction(monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ReviewItem.objects, "bulk_create", boom)
    with pytest.raises(RuntimeError):
        import_demo()
    assert (Plan.objects.count(), Measure.objects.count(), Assignment.objects.count()) == (0, 0, 0)


def test_dry_run_writes_nothing():
    result, plan = actions.import_document(DEMO.read_bytes(), DEMO.name, dry_run=True)
    assert plan is None and result.counts()["measures"] == 14
    assert Plan.objects.count() == 0


def _strip_ids(doc):
    return json.loads(json.dumps(doc))


@pytest.mark.parametrize("name", [None, "daxing-2024-action-plan.txt", "tongzhou-2024-action-plans.txt"])
def test_json_export_imports_back_to_the_same_plan(name):
    data = DEMO.read_bytes() if name is None else seed_path(name).read_bytes()
    plan = actions.import_document(data, name or DEMO.name)[1]
    exported = plan_to_dict(plan)
    plan.delete()
    again = actions.do_import_plan(import_bytes(json.dumps(exported).encode(), "export.json"))
    assert _strip_ids(plan_to_dict(again)) == _strip_ids(exported)


def test_municipal_value_closes_its_review_item():
    plan = import_demo()
    target = plan.targets.get(comparator="municipal")
    actions.do_set_municipal_value(target, 40, "市生态环境局 2026年4月通知", None)
    target.refresh_from_db()
    assert target.value == 40 and target.value_source
    assert not target.review_items.filter(status="open").exists()


def test_daxing_plan_gets_its_own_units():
    """Organisations are matched by name and district: Daxing's 区生态环境局 is not the demo's."""
    demo = import_demo()
    daxing = actions.import_document(seed_path("daxing-2024-action-plan.txt").read_bytes(), "daxing.txt")[1]
    assert demo.district != daxing.district
    bureaus = {o.district_id: o for o in Organisation.objects.filter(name="区生态环境局")}
    assert set(bureaus) == {demo.district_id, daxing.district_id}
    for plan in (demo, daxing):
        units = Organisation.objects.filter(assignments__measure__task__annex__plan=plan).distinct()
        assert units.exists() and {u.district_id for u in units} == {plan.district_id}
