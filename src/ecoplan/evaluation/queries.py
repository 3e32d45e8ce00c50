"""Read side of reported values: which targets wait for whose value, the coordinator's queue."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from ecoplan.plans.models import Organisation, Plan, Target

from .models import ReportedValue
from .responsibility import Period, Responsible, due_period, periods, plan_leads, responsible_unit
from .services import target_source


@dataclass
class Due:
    """A reported target, the period a value is asked for now and the latest value for it."""

    target: Target
    responsible: Responsible
    period: Period
    latest: ReportedValue | None

    @property
    def awaiting(self) -> bool:
        """No value for the period, or the last one was returned: the unit has to act."""
        return self.latest is None or self.latest.status == ReportedValue.Status.RETURNED

    @property
    def period_label(self) -> str:
        from ecoplan.vocabulary.reported import period_label

        return period_label(self.period.start, self.period.end)


def targets_of_source(source: str, plans: QuerySet | None = None) -> list[Target]:
    qs = Target.objects.select_related("plan__district", "area").order_by("plan_id", "order", "pk")
    if plans is not None:
        qs = qs.filter(plan__in=plans)
    return [t for t in qs if target_source(t.plan, t) == source]


def due_targets(unit: Organisation | None = None, plan: Plan | None = None, today: date | None = None,
                any_unit: bool = False) -> list[Due]:
    """The reported targets (of ``plan``, or of every plan) whose responsible unit is ``unit``
    (every unit with ``any_unit``), each with the period due now and its latest value."""
    today = today or timezone.localdate()
    plans = Plan.objects.filter(pk=plan.pk) if plan is not None else None
    due, leads = [], {}
    for target in targets_of_source("reported", plans):
        if target.plan_id not in leads:
            leads[target.plan_id] = plan_leads(target.plan)
        responsible = responsible_unit(target, leads[target.plan_id])
        if not any_unit and responsible.organisation != unit:
            continue
        due.append((target, responsible, due_period(target, target.plan, today)))
    # the latest value of each target's period, in one query (the coordinating unit answers for many)
    latest: dict[tuple, ReportedValue] = {}
    for value in (ReportedValue.objects.filter(target__in=[target for target, _, _ in due])
                  .order_by("-submitted_at", "-pk")):
        latest.setdefault((value.target_id, value.period_start, value.period_end), value)
    return [Due(target, responsible, period, latest.get((target.pk, period.start, period.end)))
            for target, responsible, period in due]


def cadence(target: Target, today: date | None = None) -> list[Period]:
    today = today or timezone.localdate()
    return periods(target, target.plan, today.year)


def queue(values: QuerySet) -> QuerySet:
    """Submitted values awaiting the coordinator, oldest first."""
    return (values.filter(status=ReportedValue.Status.SUBMITTED)
            .select_related("target__plan", "organisation", "area", "reported_by").order_by("submitted_at", "pk"))
