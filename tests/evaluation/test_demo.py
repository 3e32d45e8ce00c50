"""The demo's reported value and qualitative judgement: entered once, labelled synthetic, judged."""
from ecoplan.evaluation.demo import SYNTHETIC, demo_reported
from ecoplan.evaluation.models import QualitativeJudgement, ReportedValue
from ecoplan.evaluation.services import judge_plan

from .conftest import TODAY


def test_demo_reported_enters_one_accepted_value_and_one_judgement_once(world):
    plan = world["plan"]
    world["qualitative"].delete()  # the demo plan as imported: its tables state no qualitative target
    assert demo_reported(plan, world["coordinator"], world["other"], TODAY) == {"values": 1, "judgements": 1}
    assert demo_reported(plan, world["coordinator"], world["other"], TODAY) == {"values": 0, "judgements": 0}
    value = ReportedValue.objects.get()
    assert (value.status, value.organisation, value.reported_by) == ("accepted", world["water"], world["other"])
    assert SYNTHETIC in value.source and SYNTHETIC in QualitativeJudgement.objects.get().reason
    rows = {r.target.pk: r for r in judge_plan(plan, TODAY) if r.source in ("reported", "qualitative")}
    assert sorted((r.source, r.status) for r in rows.values()) == [("qualitative", "on_track"),
                                                                   ("reported", "on_track")]
    assert SYNTHETIC in next(r for r in rows.values() if r.source == "qualitative").target.raw
