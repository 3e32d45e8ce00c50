"""End to end on the real seeds: Changping's and Daxing's reported and qualitative targets are
reported, accepted and judged (seeds read from ../shared/seeds, skipped when absent)."""
from datetime import date
from decimal import Decimal

from django.test import Client

from ecoplan.evaluation import actions
from ecoplan.evaluation.responsibility import responsible_unit
from ecoplan.evaluation.services import judge_plan
from ecoplan.plans import actions as plan_actions
from ecoplan.plans.models import Organisation, Role, Target

from .conftest import make_user

AS_OF = date(2025, 3, 31)  # the 2024 plans' year is over, the bulletins are out


def _import(seed, name):
    return plan_actions.import_document(seed(name).read_bytes(), name)[1]


def _row(rows, target):
    return next(r for r in rows if r.target.pk == target.pk)


def test_changping_reported_accepted_and_judged(db, seed):
    plan = _import(seed, "changping-2024-work-plan.txt")
    coordinator = make_user("coord", Role.COORDINATOR)
    co2 = Target.objects.get(plan=plan, indicator_code="co2_intensity", comparator="improve")  # 碳排放强度同比持续下降
    farmland = Target.objects.get(plan=plan, raw="受污染耕地安全利用率大于 95%")
    soil = Target.objects.get(plan=plan, raw="土壤污染风险得到有效管控")
    before = {r.target.pk: r for r in judge_plan(plan, AS_OF)}
    assert before[co2.pk].status == before[farmland.pk].status == "awaiting_value"
    assert before[soil.pk].status == "awaiting_judgement"
    # a prose plan names no units: the plan's coordinating unit reports, and the page says so
    who = responsible_unit(farmland)
    assert (who.name, who.how) == ("区生态环境局", "coordinating")
    assert before[farmland.pk].reason == "awaiting the 2024 value from 区生态环境局"
    for target, value in ((co2, "4.1"), (farmland, "96.2")):
        submitted = actions.do_submit_value(
            target, coordinator, who.organisation, period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
            value=Decimal(value), source_kind="statistical_bulletin", source="北京市昌平区2024年国民经济和社会发展统计公报",
            evidence_link="https://example.org/changping-2024.pdf")
        actions.do_accept_value(submitted, coordinator)
    actions.do_judge_qualitative(soil, coordinator, status="met", reason="重点建设用地安全利用率100%，未发生污染事件",
                                 judged_on=date(2025, 3, 1), evidence_text="区土壤污染防治工作总结")
    after = judge_plan(plan, AS_OF)
    assert (_row(after, co2).status, _row(after, co2).source) == ("met", "reported")  # 4.1 % > 0: 同比下降
    assert (_row(after, farmland).status, _row(after, farmland).judgement.value) == ("met", Decimal("96.2"))
    assert (_row(after, soil).status, _row(after, soil).source) == ("met", "qualitative")
    assert "未发生污染事件" in _row(after, soil).reason


def test_daxing_lead_unit_reports_on_its_page_and_is_judged(db, seed):
    plan = _import(seed, "daxing-2024-action-plan.txt")
    bureau = Organisation.objects.get(name="区生态环境局", district=plan.district)
    reporter = make_user("daxing", Role.REPORTER, bureau)
    coordinator = make_user("coord", Role.COORDINATOR)
    co2 = Target.objects.get(plan=plan, indicator_code="co2_intensity", comparator="improve")  # 全区碳排放强度同比持续下降
    assert responsible_unit(co2).how == "measure" and responsible_unit(co2).organisation == bureau
    client = Client(raise_request_exception=False)
    client.force_login(reporter)
    response = client.post(f"/evaluation/targets/{co2.pk}/", {
        "form": "value", "year": "2024", "value": "-0.8", "source_kind": "statistical_bulletin",
        "source": "大兴区2024年统计公报", "evidence_text": "公报“能源”一节"})
    assert response.status_code == 302
    client.force_login(coordinator)
    value = co2.reported_values.get()
    assert client.post(f"/evaluation/values/{value.pk}/review/", {"action": "accept"}).status_code == 302
    row = _row(judge_plan(plan, AS_OF), co2)
    assert (row.status, row.judgement.value) == ("missed", Decimal("-0.8"))  # intensity rose
