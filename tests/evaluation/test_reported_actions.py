"""The rules of reported values, judgements and municipal values: who may submit, the
submitted → accepted / returned transitions, a returned value submitted again, bad input refused
with the field named and nothing saved."""
from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile

from ecoplan.evaluation import actions
from ecoplan.evaluation.models import QualitativeJudgement, ReportedValue
from ecoplan.evaluation.responsibility import due_period, periods, responsible_unit

from .conftest import TODAY, reported_target


def submit(target, user, unit, value="96.5", **extra):
    args = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31), "value": Decimal(value),
            "source_kind": "statistical_bulletin", "source": "2026年统计公报", "evidence_text": "公报第3页",
            "today": TODAY} | extra
    return actions.do_submit_value(target, user, unit, **args)


def test_the_lead_unit_of_the_row_that_states_the_target_reports_it(world):
    who = responsible_unit(world["municipal"])
    assert (who.organisation, who.how) == (world["bureau"], "measure")
    actions.do_set_responsible_unit(world["municipal"], world["coordinator"], world["water"], "节水措施牵头")
    who = responsible_unit(world["municipal"])
    assert (who.organisation, who.how) == (world["water"], "set")
    actions.do_set_responsible_unit(world["municipal"], world["coordinator"], None)
    assert responsible_unit(world["municipal"]).how == "measure"


def test_a_target_no_measure_states_falls_to_the_coordinating_unit(world):
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))
    who = responsible_unit(target)
    assert (who.organisation, who.name, who.how) == (world["bureau"], "区生态环境局", "coordinating")


def test_cadence_follows_the_target_period(world):
    plan = world["plan"]
    yearly = reported_target(plan, "forest_cover", ">=", Decimal("30"))
    assert [(p.start, p.end) for p in periods(yearly, plan, 2026)] == [(date(2026, 1, 1), date(2026, 12, 31))]
    since = reported_target(plan, "co2_intensity", "≈", Decimal("15"), period="cumulative", baseline_year=2020)
    assert [(p.start, p.end) for p in periods(since, plan, 2026)] == [(date(2021, 1, 1), date(2026, 12, 31))]
    by = reported_target(plan, "forest_cover", ">=", Decimal("30"), period="by 2028")
    assert [p.year for p in periods(by, plan, 2026)] == [2026, 2027, 2028]
    assert due_period(by, plan, date(2027, 5, 1)).year == 2027


def test_submit_accept(world):
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))
    value = submit(target, world["reporter"], world["bureau"])
    assert value.status == "submitted" and value.pending
    value = actions.do_accept_value(value, world["coordinator"])
    assert value.status == "accepted" and value.reviewed_by == world["coordinator"]
    with pytest.raises(actions.Refused, match="only a submitted value"):
        actions.do_accept_value(value, world["coordinator"])
    with pytest.raises(actions.Refused, match="only a submitted value"):
        actions.do_return_value(value, world["coordinator"], "再核对")
    events = [e.additional_data["event"] for e in LogEntry.objects.filter(object_pk=str(value.pk),
                                                                         content_type__app_label="evaluation")]
    assert "value_reported" in events and "value_accepted" in events


def test_a_returned_value_is_submitted_again(world):
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))
    first = submit(target, world["reporter"], world["bureau"], "31")
    with pytest.raises(actions.Refused, match="already awaiting"):
        submit(target, world["reporter"], world["bureau"], "32")  # one pending value per period
    with pytest.raises(actions.Refused, match="comment"):
        actions.do_return_value(first, world["coordinator"], "  ")
    returned = actions.do_return_value(first, world["coordinator"], "请附统计公报页码")
    assert returned.status == "returned" and returned.review_comment == "请附统计公报页码"
    second = submit(target, world["reporter"], world["bureau"], "32")
    actions.do_accept_value(second, world["coordinator"])
    assert list(ReportedValue.objects.filter(target=target).values_list("status", flat=True).order_by("pk")) == \
        ["returned", "accepted"]
    assert LogEntry.objects.filter(additional_data__event="value_returned").count() == 1


def test_only_the_responsible_unit_reports(world):
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))
    with pytest.raises(actions.Refused, match="区生态环境局 reports this target, not 区水务局"):
        submit(target, world["other"], world["water"])
    with pytest.raises(actions.Refused, match="not judged on a reported value"):
        submit(world["qualitative"], world["reporter"], world["bureau"])
    assert not ReportedValue.objects.exists()


@pytest.mark.parametrize(("extra", "message"), [
    ({"period_start": date(2026, 7, 1), "period_end": date(2026, 6, 30)}, "first day 2026-07-01 is after"),
    ({"period_start": date(2027, 1, 1), "period_end": date(2027, 12, 31)}, "has not begun"),
    ({"source": "  "}, "source: name the document"),
    ({"source_kind": "rumour"}, "unknown kind “rumour”"),
    ({"evidence_text": ""}, "evidence: give a file"),
    ({"value": "NaN"}, "is not a number"),
    ({"upload": SimpleUploadedFile("公报.pdf", b"not a pdf")}, "the content is not a .pdf file"),
    ({"upload": SimpleUploadedFile("公报.exe", b"MZ")}, "not a document or image"),
])
def test_bad_input_is_refused_with_the_field_named(world, extra, message):
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))
    if "value" in extra:
        extra = extra | {"value": Decimal(extra["value"])}
    args = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31), "value": Decimal("31"),
            "source_kind": "statistical_bulletin", "source": "公报", "evidence_text": "第3页", "today": TODAY}
    with pytest.raises(actions.Refused, match=message):
        actions.do_submit_value(target, world["reporter"], world["bureau"], **(args | extra))
    assert not ReportedValue.objects.exists()


def test_an_area_outside_the_district_is_refused(world):
    from ecoplan.plans.models import Area

    elsewhere = Area.objects.create(name="别处", kind=Area.Kind.DISTRICT)
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))
    with pytest.raises(actions.Refused, match="别处 is not in the plan's district"):
        submit(target, world["reporter"], world["bureau"], area=elsewhere)
    street = Area.objects.create(name="东湖街道", kind=Area.Kind.SUB_AREA, parent=world["plan"].district)
    assert submit(target, world["reporter"], world["bureau"], area=street).area == street


def test_a_qualitative_judgement_needs_a_reason_and_evidence(world):
    target = world["qualitative"]
    with pytest.raises(actions.Refused, match="reason"):
        actions.do_judge_qualitative(target, world["coordinator"], status="met", reason=" ", evidence_text="台账")
    with pytest.raises(actions.Refused, match="evidence"):
        actions.do_judge_qualitative(target, world["coordinator"], status="met", reason="无突发事件")
    with pytest.raises(actions.Refused, match="unknown status “awaiting_value”"):
        actions.do_judge_qualitative(target, world["coordinator"], status="awaiting_value", reason="x",
                                     evidence_text="台账")
    with pytest.raises(actions.Refused, match="judged on a figure"):
        actions.do_judge_qualitative(world["municipal"], world["coordinator"], status="met", reason="x",
                                     evidence_text="台账")
    judged = actions.do_judge_qualitative(target, world["coordinator"], status="at_risk", reason="排口整治滞后",
                                          evidence_text="6月督查通报")
    assert QualitativeJudgement.objects.get() == judged
    assert LogEntry.objects.filter(additional_data__event="target_judged").exists()


def test_the_municipal_value_enters_with_its_document(world):
    target = world["municipal"]
    with pytest.raises(actions.Refused, match="source document"):
        actions.do_set_municipal_requirement(target, world["coordinator"], value=Decimal("10.5"), document="")
    with pytest.raises(actions.Refused, match="sets its own value"):
        actions.do_set_municipal_requirement(reported_target(world["plan"], "forest_cover", ">=", Decimal(30)),
                                             world["coordinator"], value=Decimal("1"), document="通知")
    requirement = actions.do_set_municipal_requirement(target, world["coordinator"], value=Decimal("10.5"),
                                                       document="市水务局节水考核通知", unit="立方米/万元")
    target.refresh_from_db()
    assert (target.value, target.value_source) == (Decimal("10.5"), "市水务局节水考核通知")
    assert requirement.unit == "立方米/万元"
    assert LogEntry.objects.filter(additional_data__event="municipal_value_entered").exists()
