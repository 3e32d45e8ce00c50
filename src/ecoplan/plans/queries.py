"""Read-side queries for the plan pages: one place for the prefetching and the filters."""
from __future__ import annotations

from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet

from ecoplan.importers.text import search_form
from ecoplan.vocabulary import areas

from .models import Area, Assignment, Measure, Organisation, Plan, Target


def plans_with_counts() -> QuerySet[Plan]:
    return Plan.objects.select_related("district").annotate(
        n_annexes=Count("annexes", distinct=True),
        n_targets=Count("targets", distinct=True),
        n_open_review=Count("review_items", filter=Q(review_items__status="open"), distinct=True),
    )


def measures(plan: Plan | None = None, *, organisation: Organisation | None = None,
             role: str = "", theme: str = "", month: str = "", text: str = "") -> QuerySet[Measure]:
    """Measures with their task, annex and assignments, filtered as the plan page asks.

    ``month`` (YYYY-MM) keeps measures due in that month, or active in it (windows,
    from-dates); ``text`` keeps measures whose text holds it in matching form (`PM2.5` finds the
    printed `PM _{2.5}`, `nox` finds `NOX`)."""
    qs = Measure.objects.select_related("task__annex__plan").prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("organisation")))
    if plan is not None:
        qs = qs.filter(task__annex__plan=plan)
    if organisation is not None:
        units = Q(assignments__organisation=organisation)
        if role:
            units &= Q(assignments__role=role)
        qs = qs.filter(units).distinct()
    if theme:
        qs = qs.filter(task__annex__theme=theme)
    if text and (wanted := search_form(text)):
        qs = qs.filter(search_text__contains=wanted)
    if month:
        year, mon = (int(x) for x in month.split("-"))
        first = date(year, mon, 1)
        last = date(year + (mon == 12), mon % 12 + 1, 1)
        qs = qs.filter(Q(deadline_end__gte=first, deadline_end__lt=last)
                       | Q(deadline_kind="window", deadline_start__lt=last, deadline_end__gte=first))
    return qs.order_by("task__annex__order", "task__order", "order")


def plan_units(plan: Plan) -> QuerySet[Organisation]:
    return Organisation.objects.filter(assignments__measure__task__annex__plan=plan).distinct()


def pm25_target(area: Area, year: int) -> Target | None:
    """The annual PM2.5 target a plan of ``year`` sets for ``area`` (the line on its chart): a
    sub-area's own, else the one set for every sub-area; a district's own."""
    targets = Target.objects.filter(indicator_code="pm25", period="year", comparator__in=["<=", "≈"],
                                    plan__period_start=year, plan__district=area.parent or area)
    if area.parent_id:
        return (targets.filter(area=area).first()
                or targets.filter(area__isnull=True, area_printed__startswith=areas.EVERY).first())
    return targets.filter(area__isnull=True).exclude(area_printed__startswith=areas.EVERY).first()
