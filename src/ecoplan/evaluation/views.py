"""Targets judged: every target of a plan, per area, grouped by theme, with its source, status,
reason, value to date and completeness, under the plan's coverage line; and a five-year plan's
targets year by year."""

from django.shortcuts import render
from django.utils.translation import gettext

from ecoplan.plans.access import access, may
from ecoplan.plans.models import Annex
from ecoplan.plans.params import parse, parsed
from ecoplan.vocabulary.indicators import SOURCES
from ecoplan.vocabulary.states import TARGET_STATES
from ecoplan.vocabulary.trajectory import CHECK_STATES, PATH_KINDS, YEAR_STATES

from .forms import AsOfForm
from .services import coverage, judge_plan
from .trajectory import chart, plan_trajectories


@parsed
def plan_targets(request, pk: int):
    plan = access(request.user, "plan", pk)
    as_of = parse(AsOfForm, request.GET)["as_of"]
    rows = judge_plan(plan, as_of)
    themes: dict[str, list] = {theme: [] for theme in Annex.Theme.values}
    for row in rows:
        themes[row.theme].append(row)
    summary = coverage(rows)
    return render(request, "evaluation/plan_targets.html", {
        "plan": plan, "as_of": as_of, "coverage": summary, "can_rank": may(request.user, "ranking"),
        "by_source": [(gettext(t.label), summary.by_source[t.code]) for t in SOURCES if summary.by_source[t.code]],
        "themes": [(Annex.Theme(t).label, group) for t, group in themes.items() if group],
        "status_labels": {t.code: gettext(t.label) for t in TARGET_STATES},
        "source_labels": {t.code: gettext(t.label) for t in SOURCES}})


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
