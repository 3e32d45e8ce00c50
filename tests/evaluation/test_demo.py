"""The demo's reported value and qualitative judgement: entered once, labelled synthetic, judged."""
from ecoplan.evaluation.demo import SYNTHETIC, demo_reported
from ecoplan.evaluation.models import QualitativeJudgement, ReportedValue
from ecoplan.evaluation.services import judge_plan

from .conftest import TODAY


def test_demo_reported_enters_one_accepted_value_and_one_judgement_once(world):
    plan = world["plan"]
    assert demo_reported(plan, world["coordinator"], world["other"], TODAY) == {"values": 1, "judgements": 1}
    assert demo_reported(plan, world["coordinator"], world["other"], TODAY) == {"values": 0, "judgements": 0}
    value = ReportedValue.objects.get()
    assert (value.status, value.organisation, value.reported_by) == ("accepted", world["water"], world["other"])
    assert SYNTHETIC in value.source and SYNTHETIC in QualitativeJudgement.objects.get().reason
    rows = {r.target.pk: r for r in judge_plan(plan, TODAY) if r.source in ("reported", "qualitative")}
    # 万元GDP用水量 reported and accepted; 受污染耕地安全利用率 still awaits the unit's value
    assert sorted((r.source, r.target.indicator_code, r.status) for r in rows.values()) == [
        ("qualitative", "", "on_track"), ("reported", "farmland_safe_use", "awaiting_value"),
        ("reported", "water_use_per_gdp", "on_track")]
    assert "土壤污染风险" in next(r for r in rows.values() if r.source == "qualitative").target.raw
