"""Targets judged: every air target of a plan, per area, with status, reason and the bound."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.access import access
from ecoplan.plans.params import parse, parsed

from .forms import AsOfForm
from .services import judge_plan

STATUS_LABELS = {"met": _("met"), "on_track": _("on track"), "at_risk": _("at risk"), "missed": _("missed"),
                 "not_evaluable": _("not evaluable yet")}


@parsed
def plan_targets(request, pk: int):
    plan = access(request.user, "plan", pk)
    as_of = parse(AsOfForm, request.GET)["as_of"]
    rows = judge_plan(plan, as_of)
    counts = {s: sum(1 for r in rows if r.status == s) for s in STATUS_LABELS}
    return render(request, "evaluation/plan_targets.html", {
        "plan": plan, "rows": rows, "labels": STATUS_LABELS, "counts": counts, "as_of": as_of})
