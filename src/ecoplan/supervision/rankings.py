"""Supervision's ranking source (``rankings.sources``): the sub-areas' own units ranked on their
monthly reporting — ``on_time_ratio`` (按时报送率) and ``overdue_measures`` (逾期未完成任务数).

A sub-area's unit is the Organisation of its district named after it with a government suffix
(``vocabulary.units.sub_area_unit_names``: 西长安街街道办事处, 张家湾镇人民政府, or the bare name);
a district's unit is none (its bureaus report, not the district).

``on_time_ratio``: the reports of the cycles whose month lies in the window, counted once due
(the cycle's due date has passed) or once submitted; on time when the first submission came by
the cycle's due date (``ReportVersion.on_time``, as the year-end assessment counts it).
``overdue_measures``: the measures the unit leads that are past their deadline and not reported
done on the window's last day (``status.measure_states``).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext

from ecoplan.plans.models import Area, Assignment, Measure, Organisation
from ecoplan.rankings.sources import AreaFigure, Window, register
from ecoplan.vocabulary.rank_metrics import Metric
from ecoplan.vocabulary.units import sub_area_unit_names

from .models import Report, ReportVersion
from .status import completion_dates, latest_entry_status, measure_states


def units_of(areas: Sequence[Area]) -> dict[int, int]:
    """area pk → the pk of the unit that answers for it (one query)."""
    wanted: dict[tuple[int, str], tuple[int, int]] = {}  # (district, name) → (area, preference)
    for area in areas:
        if area.parent_id:
            for order, name in enumerate(sub_area_unit_names(area.name)):
                wanted[(area.parent_id, name)] = (area.pk, order)
    if not wanted:
        return {}
    found: dict[int, tuple[int, int]] = {}
    names = {name for _, name in wanted}
    for pk, name, district in (Organisation.objects.filter(name__in=names, district__in={d for d, _ in wanted})
                               .values_list("pk", "name", "district_id")):
        hit = wanted.get((district, name))
        if hit is not None and (hit[0] not in found or hit[1] < found[hit[0]][1]):
            found[hit[0]] = (pk, hit[1])
    return {area: unit for area, (unit, _) in found.items()}


def on_time(units: set[int], window: Window) -> dict[int, tuple[int, int]]:
    """unit pk → (reports on time, reports due) of the cycles in the window (one query)."""
    today = timezone.localdate()
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    reports = Report.objects.filter(organisation__in=units, cycle__month__gte=window.start.replace(day=1),
                                    cycle__month__lte=window.end)
    # the first submission of each (version 1): on time or not
    first = dict(ReportVersion.objects.filter(report__in=reports, number=1).values_list("report_id", "on_time"))
    for pk, unit, due in reports.values_list("pk", "organisation_id", "cycle__due_date"):
        if pk not in first and due >= today:
            continue  # not due yet, nothing sent: not counted
        counts[unit][1] += 1
        counts[unit][0] += bool(first.get(pk))
    return {unit: (c[0], c[1]) for unit, c in counts.items()}


def overdue(units: set[int], window: Window) -> dict[int, int | None]:
    """unit pk → its lead measures overdue on the window's last day; None: it leads none.  A few
    queries per plan the units lead measures in, not per unit."""
    leads: dict[int, set[int]] = defaultdict(set)
    for unit, measure in (Assignment.objects.filter(organisation__in=units, role=Assignment.Role.LEAD_UNIT)
                          .values_list("organisation_id", "measure_id")):
        leads[unit].add(measure)
    measures = list(Measure.objects.filter(pk__in={m for ms in leads.values() for m in ms})
                    .select_related("task__annex__plan")
                    .only("pk", "deadline_kind", "deadline_start", "deadline_end", "task__annex__plan"))
    by_plan: dict[int, list[Measure]] = defaultdict(list)
    plans = {}
    for m in measures:
        plan = m.task.annex.plan
        plans[plan.pk] = plan
        by_plan[plan.pk].append(m)
    states: dict[int, str] = {}
    for pk, plan in plans.items():
        states.update(measure_states(plan, window.end, by_plan[pk], completion_dates(plan), latest_entry_status(plan)))
    return {unit: (sum(states.get(m) == "overdue" for m in leads[unit]) if leads.get(unit) else None)
            for unit in units}


@register("supervision")
def supervision(metric: Metric, areas: Sequence[Area], window: Window) -> dict[int, AreaFigure]:
    unit_of = units_of(areas)
    units = set(unit_of.values())
    out: dict[int, AreaFigure] = {}
    if metric.code == "on_time_ratio":
        counts = on_time(units, window)
    else:
        counted = overdue(units, window)
    for area in areas:
        unit = unit_of.get(area.pk)
        if unit is None:
            out[area.pk] = AreaFigure(None, gettext("no unit of this area reports"))
        elif metric.code == "on_time_ratio":
            done, due = counts.get(unit, (0, 0))
            out[area.pk] = (AreaFigure(Decimal(done * 100) / Decimal(due)) if due else
                            AreaFigure(None, gettext("no report of its unit was due in the period")))
        else:
            n = counted.get(unit)
            out[area.pk] = (AreaFigure(Decimal(n)) if n is not None else
                            AreaFigure(None, gettext("its unit leads no measure")))
    return out
