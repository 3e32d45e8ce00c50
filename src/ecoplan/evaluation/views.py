"""Targets judged: every target of a plan, per area, grouped by theme, with its source, status,
reason, value to date and completeness, under the plan's coverage line."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from ecoplan.plans.access import access
from ecoplan.plans.models import Annex
from ecoplan.plans.params import parse, parsed
from ecoplan.vocabulary.indicators import SOURCES
from ecoplan.vocabulary.states import TARGET_STATES

from .forms import AsOfForm
from .services import coverage, judge_plan


@parsed
def plan_targets(request, pk: int):
    plan = access(request.user, "plan", pk)
    as_of = parse(AsOfForm, request.GET)["as_of"]
    rows = judge_plan(plan, as_of)
    themes: dict[str, list] = {theme: [] for theme in Annex.Theme.values}
    for row in rows:
        themes[row.theme].append(row)
    return render(request, "evaluation/plan_targets.html", {
        "plan": plan, "as_of": as_of, "coverage": coverage(rows),
        "themes": [(Annex.Theme(t).label, group) for t, group in themes.items() if group],
        "status_labels": {t.code: _(t.label) for t in TARGET_STATES},
        "source_labels": {t.code: _(t.label) for t in SOURCES}})
