"""Synthetic, clearly labelled reported value and qualitative judgement for the demo plan.

The demo district's 万元 GDP 用水量达到市级要求 gets a municipal value, is handed to the water
bureau (the unit whose 节水 measure states it), reported and accepted; 土壤污染风险得到有效管控 is
judged by the coordinator.  Every figure, document and reason says it is demo data (演示数据).
"""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User

from ecoplan.plans.models import Organisation, Plan

from . import actions
from .models import QualitativeJudgement, ReportedValue
from .queries import targets_of_source

SYNTHETIC = "（演示数据，虚构）"


def demo_reported(plan: Plan, coordinator: User, reporter: User | None, today: date) -> dict[str, int]:
    """Enter the demo's municipal value, one accepted reported value and one qualitative
    judgement, once.  ``reporter`` (a user of 区水务局) submits the value; without one the
    coordinator enters it on the unit's behalf."""
    done = {"values": 0, "judgements": 0}
    year = plan.period_start or today.year
    end = min(date(year, 12, 31), today.replace(day=1) - timedelta(days=1))  # the last complete month
    if end < date(year, 1, 31):
        return done  # the plan year has no complete month yet: nothing to report
    water = Organisation.objects.filter(name="区水务局", district=plan.district).first()
    for target in targets_of_source("reported", Plan.objects.filter(pk=plan.pk)):
        if target.indicator_code != "water_use_per_gdp" or ReportedValue.objects.filter(target=target).exists():
            continue
        if target.value is None:
            actions.do_set_municipal_requirement(
                target, coordinator, value=Decimal("10.5"), comparator="<=", unit="立方米/万元",
                document=f"演示市水务局关于下达{year}年节水考核指标的通知{SYNTHETIC}")
        if water is not None:
            actions.do_set_responsible_unit(target, coordinator, water, "节水措施的牵头单位（演示）")
        value = actions.do_submit_value(
            target, reporter or coordinator, water, period_start=date(year, 1, 1), period_end=end,
            value=Decimal("9.8"), source_kind="department_statistics",
            source=f"演示区{year}年1–{end.month}月用水统计{SYNTHETIC}",
            evidence_text=f"{SYNTHETIC}合成的统计数据，仅用于演示。", today=today)
        actions.do_accept_value(value, coordinator)
        done["values"] += 1
    for target in targets_of_source("qualitative", Plan.objects.filter(pk=plan.pk)):
        if QualitativeJudgement.objects.filter(target=target).exists():
            continue
        actions.do_judge_qualitative(
            target, coordinator, status="on_track", judged_on=today,
            reason=f"{SYNTHETIC}重点建设用地准入管理按月核查，未发现污染地块违规开发利用。",
            evidence_text=f"{SYNTHETIC}演示用的建设用地土壤污染状况调查台账摘要。")
        done["judgements"] += 1
        break  # one is enough to show it
    return done
