"""The measurement, water, reported and supervision sources: figures for many areas in a bounded
number of queries, each area's figure or why it has none."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from ecoplan.evaluation.models import ReportedValue
from ecoplan.monitoring.measurements import figure
from ecoplan.monitoring.models import Measurement, MeasurementSite
from ecoplan.plans.models import Annex, Area, Assignment, Measure, Organisation, Plan, Target, Task
from ecoplan.rankings import builtin  # noqa: F401 (registers the sources)
from ecoplan.rankings.sources import SOURCES, Window, figures
from ecoplan.supervision.models import Report, ReportingCycle, ReportVersion
from ecoplan.supervision.rankings import units_of
from ecoplan.vocabulary.rank_metrics import BY_CODE
from ecoplan.vocabulary.units import sub_area_unit_names

from .airdata import dust_day, street

pytestmark = pytest.mark.usefixtures("english")

YEAR = Window(date(2025, 1, 1), date(2025, 12, 31))
Q3 = Window(date(2025, 7, 1), date(2025, 9, 30))


def jar(area, code, kind="dustfall_jar"):
    return MeasurementSite.objects.create(code=code, name=code, kind=kind, area=area)


def monthly(site, month, value, indicator="dustfall", flags=()):
    start = date(2025, month, 1)
    end = (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    Measurement.objects.create(site=site, indicator=indicator, start=start, end=end, value=Decimal(value),
                               unit="吨/平方公里·月", flags=list(flags))


@pytest.fixture
def network(district):
    a, b, c, d = (street(district, n) for n in ("甲街道", "乙街道", "丙镇", "丁镇"))
    for month in (7, 8, 9):
        monthly(jar(a, f"A{month}"), month, month)  # one jar a month: 7, 8, 9 → 8
    b1, b2 = jar(b, "B1"), jar(b, "B2")
    for month, v1, v2 in ((7, 4, 6), (8, 5, 5), (9, 3, 9)):
        monthly(b1, month, v1)
        monthly(b2, month, v2, flags=["sand_dust"] if month == 9 else ())
    monthly(jar(c, "C1"), 7, 5)  # August and September missing while B and A have them
    return {"a": a, "b": b, "c": c, "d": d}


def test_measurement_period_mean_and_reasons(network, django_assert_max_num_queries):
    areas = list(network.values())
    with django_assert_max_num_queries(4):
        found = figures(BY_CODE["dustfall"], areas, Q3)
    assert found[network["a"].pk].value == 8
    assert found[network["b"].pk].value == Decimal(5) + Decimal(1) / 3  # months 5, 5, 6
    assert found[network["c"].pk].value is None
    assert found[network["c"].pk].reason.startswith("1 months of the 3 the rule asks") and "2025-08, 2025-09" in \
        found[network["c"].pk].reason
    assert found[network["d"].pk].reason == "no dust-fall jar in this area"
    # the same as the target judges compute it, area by area
    for key in ("a", "b"):
        assert found[network[key].pk].value == figure(network[key], "dustfall", Q3.start, Q3.end, date(2025, 10, 1),
                                                      False).value


def test_measurement_dust_exclusion(network):
    dust = Window(Q3.start, Q3.end, exclude_dust=True)
    # B's September value flagged sand_dust is left: September is B1's 3 alone
    assert figures(BY_CODE["dustfall"], [network["b"]], dust)[network["b"].pk].value == Decimal(13) / 3
    dust_day(date(2025, 7, 10))  # a registered dust day: July left out of every area
    assert figures(BY_CODE["dustfall"], [network["a"]], dust)[network["a"].pk].value == Decimal("8.5")  # (8 + 9) / 2
    assert figures(BY_CODE["dustfall"], [network["a"]], Q3)[network["a"].pk].value == 8  # kept without exclusion


def test_the_query_count_does_not_grow_with_areas(district, django_assert_max_num_queries):
    areas = [street(district, f"街道{i}") for i in range(30)]
    for i, area in enumerate(areas):
        monthly(jar(area, f"J{i}"), 7, i)
    with django_assert_max_num_queries(4):
        found = figures(BY_CODE["dustfall"], areas, Window(date(2025, 7, 1), date(2025, 7, 31)))
    assert [found[a.pk].value for a in areas] == list(range(30))


@pytest.fixture
def sections(district, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    a, b, c = street(district, "甲街道"), street(district, "乙街道"), street(district, "丙镇")
    registry = tmp_path / "r.csv"
    registry.write_text("code,name,district,area,water_body,kind,level,target_class,river_km,drinking_source\n"
                        f"W1,甲河,{district.name},甲街道,甲河,river,municipal,Ⅲ,5,\n"
                        f"W2,乙湖,{district.name},甲街道,乙湖,lake,municipal,Ⅱ,,\n"
                        f"W3,丙河,{district.name},乙街道,丙河,river,municipal,Ⅲ,2,\n", "utf-8")
    call_command("water", "sections", str(registry))
    samples = tmp_path / "s.csv"
    samples.write_text("section,time,ph,do,codmn,nh3n,tp\n"
                       "W1,2025-07-10,7.5,8,3,0.4,0.25\nW2,2025-07-10,7.5,8,1.5,0.1,0.02\n", "utf-8")
    call_command("water", "ingest", str(samples))
    return {"a": a, "b": b, "c": c}


def test_water_ratios_and_reasons(sections):
    july = Window(date(2025, 7, 1), date(2025, 7, 31))
    areas = list(sections.values())
    found = figures(BY_CODE["good_water_ratio"], areas, july)
    assert found[sections["a"].pk].value == 50  # W1 class Ⅳ (TP 0.25), W2 class Ⅱ
    assert found[sections["c"].pk].reason == "no assessment section"
    b = found[sections["b"].pk]
    assert b.value is None and b.reason.startswith("0 sampled section-months of the 1") and "丙河 2025-07" in b.reason
    assert figures(BY_CODE["section_compliance"], areas, july)[sections["a"].pk].value == 50
    assert figures(BY_CODE["drinking_source_compliance"], areas, july)[sections["a"].pk].reason == \
        "no drinking-water source section"


@pytest.fixture
def plan(district):
    return Plan.objects.create(title="测试计划", kind=Plan.Kind.ACTION_PLAN, district=district, period_start=2025,
                               period_end=2025, source_name="t.txt", source_sha256="0" * 64, source_shape="table")


def reported(plan, area, start, end, value, status=ReportedValue.Status.ACCEPTED):
    target, _ = Target.objects.get_or_create(plan=plan, indicator_code="green_cover", defaults={
        "indicator": "绿化覆盖率", "comparator": ">=", "period": "year", "raw": "绿化覆盖率"})
    return ReportedValue.objects.create(target=target, area=area, period_start=start, period_end=end,
                                        value=Decimal(value), source_kind="statistics", source="统计公报",
                                        status=status, reviewed_at=timezone.now())


def test_reported_values_of_exactly_the_window(plan, district):
    a, b, c, d = (street(district, n) for n in ("甲街道", "乙街道", "丙镇", "丁镇"))
    reported(plan, a, YEAR.start, YEAR.end, "41.5")
    reported(plan, b, date(2025, 1, 1), date(2025, 6, 30), "39")
    reported(plan, c, YEAR.start, YEAR.end, "40", status=ReportedValue.Status.SUBMITTED)
    reported(plan, None, YEAR.start, YEAR.end, "45")  # the district's own
    found = figures(BY_CODE["green_cover"], [a, b, c, d], YEAR)
    assert found[a.pk].value == Decimal("41.5")
    assert found[b.pk].reason == "no accepted value for 2025 (accepted: 2025-01-01–2025-06-30)"
    assert found[c.pk].reason == "the value for 2025 is submitted, not yet accepted"
    assert found[d.pk].reason == "no accepted value reported for this area"
    assert figures(BY_CODE["green_cover"], [district], YEAR)[district.pk].value == 45
    # to a role that sees only its own unit's values: nothing of the others' review states
    private = Window(YEAR.start, YEAR.end, review_states=False)
    assert figures(BY_CODE["green_cover"], [c], private)[c.pk].reason == "no accepted value reported for this area"


def test_sub_area_units_by_suffix(district):
    assert sub_area_unit_names("张家湾镇")[:2] == ("张家湾镇办事处", "张家湾镇人民政府")
    a, b, c = street(district, "西长安街街道"), street(district, "张家湾镇"), street(district, "永乐店镇")
    ua = Organisation.objects.create(name="西长安街街道办事处", kind="sub_area", district=district)
    ub = Organisation.objects.create(name="张家湾镇人民政府", kind="sub_area", district=district)
    Organisation.objects.create(name="张家湾镇", kind="sub_area", district=district)  # the suffixed one first
    other = Area.objects.create(name="他区", kind=Area.Kind.DISTRICT)
    Organisation.objects.create(name="永乐店镇人民政府", kind="sub_area", district=other)  # another district's
    assert units_of([a, b, c]) == {a.pk: ua.pk, b.pk: ub.pk}


def test_supervision_on_time_ratio_and_overdue(plan, district, django_assert_max_num_queries):
    a, b, c = street(district, "甲街道"), street(district, "乙镇"), street(district, "丙镇")
    ua = Organisation.objects.create(name="甲街道办事处", kind="sub_area", district=district)
    ub = Organisation.objects.create(name="乙镇人民政府", kind="sub_area", district=district)
    annex = Annex.objects.create(plan=plan, number="1", title="附件", theme="air", order=1)
    task = Task.objects.create(annex=annex, order=1)
    for order, (unit, due) in enumerate(((ua, date(2025, 6, 30)), (ua, date(2025, 12, 31)), (ub, date(2025, 12, 31)))):
        measure = Measure.objects.create(task=task, text=f"措施{order}", order=order, deadline_kind="by_date",
                                         deadline_end=due)
        Assignment.objects.create(measure=measure, role=Assignment.Role.LEAD_UNIT, organisation=unit,
                                  printed=unit.name, order=1)
    for month, due in ((7, date(2025, 8, 4)), (8, date(2025, 9, 2)), (9, date(2025, 10, 9))):
        cycle = ReportingCycle.objects.create(plan=plan, month=date(2025, month, 1), due_date=due)
        for unit, on_time in ((ua, month != 8), (ub, True)):
            report = Report.objects.create(cycle=cycle, organisation=unit, status=Report.Status.SUBMITTED)
            if unit == ua or month == 7:  # B sends July only
                ReportVersion.objects.create(report=report, number=1, snapshot={}, on_time=on_time)
    with django_assert_max_num_queries(4):
        found = figures(BY_CODE["on_time_ratio"], [a, b, c], Q3)
    assert found[a.pk].value == Decimal(200) / 3  # July and September on time, August late
    assert found[b.pk].value == Decimal(100) / 3  # July; August and September due and not sent
    assert found[c.pk].reason == "no unit of this area reports"
    overdue = figures(BY_CODE["overdue_measures"], [a, b, c], Q3)
    assert (overdue[a.pk].value, overdue[b.pk].value) == (1, 0)  # A's June measure not reported done


def test_every_source_is_registered():
    assert set(SOURCES) >= {"air", "measurement", "water", "reported", "supervision"}
