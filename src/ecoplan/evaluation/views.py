"""Targets judged: every air target of a plan, per area, with status, reason and the bound."""

from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ecoplan.plans.access import access
from ecoplan.plans.params import parse, parsed
from ecoplan.vocabulary.indicators import SOURCES
from ecoplan.vocabulary.trajectory import CHECK_STATES, PATH_KINDS, YEAR_STATES

from .forms import AsOfForm
from .services import judge_plan
from .trajectory import chart, plan_trajectories

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


@parsed
def plan_trajectory(request, pk: int):
    """A five-year plan's targets year by year: baseline → path → target, each year's figure and
    status, the mid-term check; binding and expected targets told apart."""
    plan = access(request.user, "plan", pk)
    as_of = parse(AsOfForm, request.GET)["as_of"]
    rows = plan_trajectories(plan, as_of)
    labels = {kind: {t.code: gettext(t.label) for t in terms}
              for kind, terms in (("path", PATH_KINDS), ("year", YEAR_STATES), ("check", CHECK_STATES), ("source", SOURCES))}
    charts = {f"chart-{i}": c for i, row in enumerate(rows) if (c := chart(row))}
    return render(request, "evaluation/plan_trajectory.html", {
        "plan": plan, "rows": rows, "labels": labels, "as_of": as_of, "charts": charts,
        "outlooks": {s: sum(1 for r in rows if r.trajectory.outlook.status == s) for s in labels["check"]}})
