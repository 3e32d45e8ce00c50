"""The water judge on a small synthetic registry: ratios judged with their completeness, the
section counts in the reason, a plan area with no sections said plainly, yearly figures."""
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from ecoplan.evaluation.services import judge_plan
from ecoplan.evaluation.sources import JUDGES, Context
from ecoplan.monitoring.water_actions import do_ingest_water, do_register_water_sections
from ecoplan.plans.models import Area, Plan, Target

pytestmark = pytest.mark.django_db
REGISTRY = """code,name,district,area,kind,target_class,river_km,drinking_source
W1,甲河（合成）,演示区,东街道,river,Ⅲ,4,
W2,乙河（合成）,演示区,西街道,river,Ⅳ,6,
W3,丙水库（合成）,演示区,西街道,lake,Ⅱ,,yes
"""


def monthly(months: range, skip: set[tuple[str, int]] = frozenset()) -> str:
    """One sample a month per section: W1 Ⅱ, W2 劣Ⅴ (NH3-N 2.5), W3 Ⅱ (lake TP 0.02)."""
    lines = ["section,time,ph,do,codmn,nh3n,tp"]
    for year, month in ((y, m) for y in (2024, 2025) for m in months):
        for code, values in (("W1", "7.5,8,3,0.3,0.05"), ("W2", "7.5,8,3,2.5,0.1"), ("W3", "7.5,8,3,0.3,0.02")):
            if (code, month) not in skip or year == 2024:
                lines.append(f"{code},{year}-{month:02d}-15,{values}")
    return "\n".join(lines) + "\n"


@pytest.fixture
def registry(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    (tmp_path / "r.csv").write_text(REGISTRY, "utf-8")
    do_register_water_sections(tmp_path / "r.csv")
    return tmp_path


def plan_with(*targets, district="演示区") -> Plan:
    area, _ = Area.objects.get_or_create(name=district, parent=None, defaults={"kind": Area.Kind.DISTRICT})
    plan = Plan.objects.create(title="演示区碧水 2025", kind="action_plan", period_start=2025, period_end=2025,
                               district=area, source_name="t", source_sha256=district, source_shape="t")
    for order, (code, comparator, value) in enumerate(targets):
        Target.objects.create(plan=plan, indicator=code, indicator_code=code, comparator=comparator,
                              value=None if value is None else Decimal(value), period="year", raw=code, order=order)
    return plan


def statuses(plan: Plan, as_of: date) -> dict:
    return {(r.target.indicator_code, r.area_name): r for r in judge_plan(plan, as_of)}


def ingest(folder, text):
    (folder / "s.csv").write_text(text, "utf-8")
    do_ingest_water(folder / "s.csv")


def test_a_complete_year_is_judged(registry):
    ingest(registry, monthly(range(1, 13)))
    plan = plan_with(("section_compliance", ">=", "100"), ("good_water_ratio", ">=", "60"),
                     ("worse_v_water", "<=", "0"), ("worse_v_river_length", "<=", "50"),
                     ("drinking_source_compliance", ">=", "100"), ("section_compliance", "municipal", None))
    rows = statuses(plan, date(2026, 1, 10))
    r = rows[("section_compliance", "演示区")]
    assert (r.status, r.judgement.value, r.source) == ("missed", Decimal("66.7"), "water")
    assert "2 of 3 sections meet their target class; below: 乙河（合成）" in r.judgement.reason
    assert r.judgement.completeness.valid == 36 and r.judgement.completeness.sufficient
    assert rows[("good_water_ratio", "演示区")].status == "met"  # 2 of 3 = 66.7 % ≥ 60
    assert rows[("worse_v_water", "演示区")].status == "missed"
    length = rows[("worse_v_river_length", "演示区")]
    assert (length.status, length.judgement.value) == ("missed", Decimal("60.0"))  # 6 of 10 km
    assert "(6 of 10 km)" in length.judgement.reason
    assert rows[("drinking_source_compliance", "演示区")].status == "met"
    assert len([r for r in judge_plan(plan, date(2026, 1, 10)) if r.status == "missed"]) == 4  # municipal: 100 %


def test_running_year_and_missing_months(registry):
    ingest(registry, monthly(range(1, 7), skip={("W3", 3)}))
    plan = plan_with(("good_water_ratio", ">=", "60"), ("drinking_source_compliance", ">=", "100"))
    rows = statuses(plan, date(2025, 7, 1))
    good = rows[("good_water_ratio", "演示区")]
    assert good.status == "insufficient_data"  # W3 has no sample in March
    assert good.judgement.completeness.short == ["丙水库（合成） 2025-03"]
    assert (good.judgement.completeness.valid, good.judgement.completeness.required) == (17, 18)
    ingest(registry, "section,time,ph,do,codmn,nh3n,tp\nW3,2025-03-20,7.5,8,3,0.3,0.02\n")
    rows = statuses(plan, date(2025, 7, 1))
    assert rows[("good_water_ratio", "演示区")].status == "on_track"  # the year is not over
    rows = statuses(plan, date(2025, 8, 15))  # July ended with no sample
    assert rows[("good_water_ratio", "演示区")].status == "insufficient_data"


def test_sub_areas_and_areas_without_sections(registry):
    ingest(registry, monthly(range(1, 13)))
    plan = plan_with(("section_compliance", ">=", "100"), district="丰台区")
    row = statuses(plan, date(2026, 1, 10))[("section_compliance", "丰台区")]
    assert (row.status, row.judgement.code) == ("not_evaluable", "no_water_section")
    assert row.judgement.reason == "no water section registered for 丰台区"
    with translation.override("zh-hans"):
        assert row.reason == "丰台区未登记水质断面"
    plan = plan_with(("section_compliance", ">=", "100"))
    target = plan.targets.get()
    target.area_printed = "各街道"
    target.save()
    by_area = {r.area_name: r.status for r in judge_plan(plan, date(2026, 1, 10))}
    assert by_area == {"东街道": "met", "西街道": "missed"}


def test_missing_pieces_are_named(registry):
    (registry / "r2.csv").write_text("code,name,district,kind\nX1,丁河,南区,river\n", "utf-8")
    do_register_water_sections(registry / "r2.csv")
    plan = plan_with(("drinking_source_compliance", ">=", "100"), ("worse_v_river_length", "<=", "0"),
                     ("section_compliance", ">=", "90"), ("good_water_ratio", ">=", "50"), district="南区")
    rows = statuses(plan, date(2026, 1, 10))
    assert rows[("drinking_source_compliance", "南区")].judgement.reason == "no drinking-water source section registered for 南区"
    assert rows[("worse_v_river_length", "南区")].judgement.reason == "no river length registered for the sections of 南区"
    assert rows[("section_compliance", "南区")].judgement.reason == "no section of 南区 has a target class"
    assert rows[("good_water_ratio", "南区")].status == "not_evaluable"  # registered, never sampled


def test_yearly_figures(registry):
    ingest(registry, monthly(range(1, 13)))
    plan = plan_with(("good_water_ratio", ">=", "60"))
    ctx = Context(plan, date(2026, 1, 10), 2025)
    try:
        yearly = JUDGES["water"].yearly
        value, completeness = yearly(ctx, plan.targets.get(), plan.district, 2024)
        assert value == Decimal(200) / 3 and completeness.sufficient and completeness.valid == 36
        assert yearly(ctx, plan.targets.get(), plan.district, 2023)[1].valid == 0
    finally:
        ctx.close()
