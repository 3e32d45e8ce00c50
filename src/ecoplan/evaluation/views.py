"""Targets judged: every air target of a plan, per area, with status, reason and the bound."""
from datetime import date

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.models import Plan

from .services import judge_plan

STATUS_LABELS = {"met": _("met"), "on_track": _("on track"), "at_risk": _("at risk"), "missed": _("missed"),
                 "not_evaluable": _("not evaluable yet")}


def plan_targets(request, pk: int):
    plan = get_object_or_404(Plan, pk=pk)
    as_of = date.fromisoformat(request.GET["as_of"]) if request.GET.get("as_of") else None
    rows = judge_plan(plan, as_of)
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUS_LABELS}
    return render(request, "evaluation/plan_targets.html", {
        "plan": plan, "rows": rows, "labels": STATUS_LABELS, "counts": counts, "as_of": as_of})
