"""The reported and qualitative judges: each comparator on an accepted value (同比 with the
previous value, 比…下降 with the baseline, 左右 with its tolerance, 达到市级要求 once entered),
partial periods, and what a target without an accepted value says."""
from datetime import date
from decimal import Decimal

import pytest

from ecoplan.evaluation import actions
from ecoplan.evaluation.messages import reason
from ecoplan.evaluation.reported import judge_qualitative, judge_reported, yearly_reported
from ecoplan.evaluation.services import judge_target
from ecoplan.evaluation.sources import Context

from .conftest import TODAY, reported_target

AFTER = date(2027, 3, 1)  # the plan year 2026 is over
DURING = date(2026, 8, 1)


def accept(world, target, value, start=date(2026, 1, 1), end=date(2026, 12, 31), **extra):
    unit = world["bureau"]
    submitted = actions.do_submit_value(target, world["coordinator"], unit, period_start=start, period_end=end,
                                        value=Decimal(value), source_kind="statistical_bulletin", source="公报",
                                        evidence_text="第3页", today=TODAY, **extra)
    return actions.do_accept_value(submitted, world["coordinator"])


def judged(world, target, as_of=AFTER):
    return judge_reported(Context(world["plan"], as_of, 2026), target, world["plan"].district)


@pytest.mark.parametrize(("code", "comparator", "level", "value", "status"), [
    ("farmland_safe_use", ">=", "95", "95", "met"),
    ("farmland_safe_use", ">=", "95", "94.9", "missed"),
    ("farmland_safe_use", ">", "95", "95", "missed"),  # 大于 95%: the bound excluded
    ("farmland_safe_use", ">", "95", "95.1", "met"),
    ("carbon_total", "<=", "120", "119.5", "met"),
    ("carbon_total", "<=", "120", "121", "missed"),
    ("carbon_total", "<", "120", "120", "missed"),
    ("construction_safe_use", "=", "100", "100", "met"),
    ("construction_safe_use", "=", "100", "99.5", "missed"),
    # 15 左右 with the default ECOPLAN_ABOUT_TOLERANCE 5%: ± 0.75, a decline rate — higher is better
    ("co2_intensity", "≈", "15", "14.3", "met"),
    ("co2_intensity", "≈", "15", "14.2", "missed"),
    ("co2_intensity", "≈", "15", "20", "met"),
])
def test_each_comparator_on_a_whole_period(world, code, comparator, level, value, status):
    target = reported_target(world["plan"], code, comparator, Decimal(level))
    accept(world, target, value)
    result = judged(world, target)
    assert result.status == status, result.reason
    assert result.value == Decimal(value) and result.completeness.sufficient and result.n_valid == 1
    assert result.params["source"] == "公报" and result.params["reported_period"] == "2026"


def test_a_figure_for_part_of_the_period_is_on_track_or_at_risk_never_met(world):
    target = reported_target(world["plan"], "afforestation", ">=", Decimal("7010"), unit="亩")
    accept(world, target, "7500", end=date(2026, 6, 30))
    assert judged(world, target, DURING).status == "on_track"
    lower = reported_target(world["plan"], "afforestation", ">=", Decimal("7010"), unit="亩")
    accept(world, lower, "3000", end=date(2026, 6, 30))
    assert judged(world, lower, DURING).status == "at_risk"
    accept(world, lower, "7100")  # the whole year, later: it decides
    assert judged(world, lower).status == "met"


@pytest.mark.parametrize(("code", "comparator", "value", "previous", "status"), [
    ("carbon_total", "improve", "95", "100", "met"),  # lower is better: 同比下降
    ("carbon_total", "improve", "100", "100", "missed"),  # no fall is no improvement
    ("carbon_total", "not_worse", "100", "100", "met"),
    ("eco_index", "not_worse", "60.1", "60", "met"),  # 稳中向好, higher is better
    ("eco_index", "not_worse", "59.9", "60", "missed"),
    ("eco_index", "improve", "60.1", "60", "met"),
])
def test_year_on_year_with_the_previous_value(world, code, comparator, value, previous, status):
    target = reported_target(world["plan"], code, comparator, None, unit="")
    accept(world, target, value, previous_value=Decimal(previous))
    result = judged(world, target)
    assert (result.status, result.code) == (status, "level_yoy"), result.reason


def test_year_on_year_from_the_accepted_value_of_the_year_before(world):
    target = reported_target(world["plan"], "eco_index", "not_worse", None, unit="")
    accept(world, target, "61")
    waiting = judged(world, target)
    assert (waiting.status, waiting.code, waiting.params["period"]) == ("awaiting_value", "reported_no_previous",
                                                                        "2025")
    accept(world, target, "60", start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert judged(world, target).status == "met"


def test_a_decline_rate_falls_year_on_year_when_it_is_above_zero(world):
    target = reported_target(world["plan"], "co2_intensity", "improve", None)  # 碳排放强度同比持续下降
    accept(world, target, "3.2")
    assert judged(world, target).status == "met"
    other = reported_target(world["plan"], "co2_intensity", "improve", None)
    accept(world, other, "-0.5")
    assert judged(world, other).status == "missed"


def test_reduce_by_against_the_baseline(world):
    # 万元 GDP 用水量比 2023 年下降 1% 左右: the baseline is the accepted 2023 value
    target = reported_target(world["plan"], "water_use_per_gdp", "reduce_by", Decimal("1"), baseline_year=2023)
    accept(world, target, "9.8")
    waiting = judged(world, target)
    assert (waiting.status, waiting.code, waiting.params["year"]) == ("awaiting_value", "reported_no_baseline", 2023)
    accept(world, target, "10", start=date(2023, 1, 1), end=date(2023, 12, 31))
    result = judged(world, target)
    assert (result.status, result.params["fall"]) == ("met", Decimal("2.0"))
    printed = reported_target(world["plan"], "water_use_per_gdp", "reduce_by", Decimal("5"), baseline_year=2023,
                              baseline_value=Decimal("10"))
    accept(world, printed, "9.8")
    assert judged(world, printed).status == "missed"  # 2 % is short of 5 %


def test_a_municipal_target_waits_for_the_municipal_value_then_takes_the_default_comparator(world):
    target = world["municipal"]
    assert judged(world, target).code == "municipal_missing"
    actions.do_submit_value(target, world["reporter"], world["bureau"], period_start=date(2026, 1, 1),
                            period_end=date(2026, 12, 31), value=Decimal("9.8"), source_kind="department_statistics",
                            source="用水统计", evidence_link="https://example.org/water.pdf", today=TODAY)
    assert judged(world, target).code == "municipal_missing"  # a value, but nothing to judge it against
    actions.do_set_municipal_requirement(target, world["coordinator"], value=Decimal("10.5"), document="节水考核通知")
    pending = judged(world, target)
    assert (pending.status, pending.code) == ("awaiting_value", "reported_pending")
    actions.do_accept_value(target.reported_values.get(), world["coordinator"])
    result = judged(world, target)  # water use per GDP: lower is better → ≤ 10.5
    assert (result.status, result.params["comparator"]) == ("met", "<=")


def test_without_an_accepted_value_the_target_names_whose_value_it_awaits(world):
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"))
    result = judged(world, target)
    assert (result.status, result.code) == ("awaiting_value", "reported_awaiting")
    assert result.reason == "awaiting the 2026 value from 区生态环境局"
    value = actions.do_submit_value(target, world["reporter"], world["bureau"], period_start=date(2026, 1, 1),
                                    period_end=date(2026, 12, 31), value=Decimal("31"),
                                    source_kind="statistical_bulletin", source="公报", evidence_text="p.3", today=TODAY)
    assert judged(world, target).reason.endswith("awaiting the coordinator's acceptance")
    actions.do_return_value(value, world["coordinator"], "内部意见：页码")
    returned = judged(world, target)
    assert returned.code == "reported_returned" and "内部意见" not in returned.reason  # the comment stays inside


def test_a_value_of_another_area_does_not_count_for_the_district(world):
    from ecoplan.plans.models import Area

    street = Area.objects.create(name="东湖街道", kind=Area.Kind.SUB_AREA, parent=world["plan"].district)
    target = reported_target(world["plan"], "green_cover", ">=", Decimal("40"))
    accept(world, target, "45", area=street)
    assert judged(world, target).status == "awaiting_value"
    assert judge_reported(Context(world["plan"], AFTER, 2026), target, street).status == "met"


def test_the_yearly_figure_for_trajectories(world):
    target = reported_target(world["plan"], "forest_cover", ">=", Decimal("30"), period="by 2028")
    accept(world, target, "29")
    accept(world, target, "28", start=date(2026, 1, 1), end=date(2026, 6, 30))  # not a calendar year's figure
    value, completeness = yearly_reported(Context(world["plan"], AFTER, 2026), target, None, 2026)
    assert value == Decimal("29") and completeness.sufficient
    assert yearly_reported(Context(world["plan"], AFTER, 2026), target, None, 2027) == (None, None)
    # by 2028: the 2026 figure is on the way, not the end
    assert judged(world, target).status == "at_risk"


def test_qualitative_targets_are_awaiting_until_judged_then_say_why(world):
    target = world["qualitative"]
    ctx = Context(world["plan"], TODAY, 2026)
    assert judge_qualitative(ctx, target, None).status == "awaiting_judgement"
    actions.do_judge_qualitative(target, world["coordinator"], status="on_track", reason="排口整治按月推进",
                                 judged_on=date(2026, 11, 30), evidence_text="督查台账")
    rows = judge_target(ctx, target)
    assert [(r.source, r.status) for r in rows] == [("qualitative", "on_track")]
    assert reason(rows[0].judgement) == "the coordinator's judgement of 2026-11-30: 排口整治按月推进"
    before = Context(world["plan"], date(2026, 11, 1), 2026)
    assert judge_qualitative(before, target, None).status == "awaiting_judgement"  # as of a day before it


def test_every_message_key_renders(world):
    """Each judgement code the judges give has its template, filled from its params."""
    from ecoplan.evaluation.messages import TEMPLATES

    for code in ("reported_awaiting", "reported_pending", "reported_returned", "municipal_missing",
                 "reported_no_baseline", "reported_no_previous", "awaiting_judgement", "qualitative_judged"):
        assert code in TEMPLATES


def later(world, target, value, start=date(2026, 1, 1), end=date(2026, 12, 31)):
    """A value accepted in 2029, when every year of a 2026–2028 plan has begun."""
    submitted = actions.do_submit_value(target, world["coordinator"], world["bureau"], period_start=start,
                                        period_end=end, value=Decimal(value), source_kind="statistical_bulletin",
                                        source="公报", evidence_text="第3页", today=date(2029, 1, 10))
    return actions.do_accept_value(submitted, world["coordinator"])


def test_a_five_year_amount_is_the_sum_of_the_years(world):
    """氮氧化物重点工程减排量 ≥ 1730 吨 by 2028 (the demo plan starts in 2026): 600 + 700 accepted so far
    is 1300, on track towards the total only as a sum; a year without an accepted value is a gap."""
    target = reported_target(world["plan"], "nox_reduction", ">=", Decimal("1730"), unit="吨", period="by 2028")
    later(world, target, "600")
    later(world, target, "700", start=date(2027, 1, 1), end=date(2027, 12, 31))
    running = judged(world, target, as_of=date(2028, 3, 1))
    assert (running.status, running.value) == ("at_risk", Decimal("1300"))  # 1300 < 1730 with 2028 to come
    later(world, target, "500", start=date(2028, 1, 1), end=date(2028, 12, 31))
    final = judged(world, target, as_of=date(2029, 3, 1))
    assert (final.status, final.value) == ("met", Decimal("1800"))  # the sum, not 2028's 500
    gap = reported_target(world["plan"], "voc_reduction", ">=", Decimal("970"), unit="吨", period="by 2028")
    later(world, gap, "600")
    later(world, gap, "500", start=date(2028, 1, 1), end=date(2028, 12, 31))
    missing = judged(world, gap, as_of=date(2029, 3, 1))
    assert missing.status == "insufficient_data" and missing.completeness.short == ["2027: no accepted value"]
