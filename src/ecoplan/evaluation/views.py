"""Targets judged: every air target of a plan, per area, with status, reason and the bound."""
from datetime import date

from django.shortcuts import get_object_or_404, render

from ecoplan.plans.models import Plan

from .services import judge_plan

STATUS_LABELS = {"met": "已达成", "on_track": "进展正常", "at_risk": "有风险", "missed": "未达成",
                 "not_evaluable": "暂无法评价"}


def plan_targets(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    as_of = date.fromisoformat(request.GET["as_of"]) if request.GET.get("as_of") else None
    rows = judge_plan(plan, as_of)
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUS_LABELS}
    return render(request, "evaluation/plan_targets.html", {
        "plan": plan, "rows": rows, "labels": STATUS_LABELS, "counts": counts, "as_of": as_of})
