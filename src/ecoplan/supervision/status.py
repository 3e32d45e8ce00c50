"""Read side of supervision: due states of measures, who has reported, dashboards, assessment."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext

from ecoplan.plans.models import Assignment, Measure, Plan
from ecoplan.reporting import duties, scoring

from .models import AssessmentScheme, EntryStatus, Report, ReportEntry, ReportingCycle, ReportVersion


def completion_dates(plan: Plan) -> dict[int, date]:
    """measure id → the end of the first month an accepted lead entry reported it done."""
    done: dict[int, date] = {}
    for entry in (ReportEntry.objects.filter(report__cycle__plan=plan, role=ReportEntry.Role.LEAD,
                                             status=EntryStatus.DONE,
                                             report__status=Report.Status.ACCEPTED)
                  .select_related("report__cycle").order_by("report__cycle__month")):
        done.setdefault(entry.measure_id, duties.month_end(entry.report.cycle.month))
    return done


def latest_entry_status(plan: Plan) -> dict[int, str]:
    """measure id → the status of its latest submitted or accepted lead entry."""
    out = {}
    for e in (ReportEntry.objects.filter(report__cycle__plan=plan, role=ReportEntry.Role.LEAD,
                                         report__status__in=[Report.Status.SUBMITTED, Report.Status.ACCEPTED])
              .order_by("report__cycle__month").values("measure_id", "status")):
        out[e["measure_id"]] = e["status"]
    return out


def measure_states(plan: Plan, today: date | None = None, measures=None, done: dict[int, date] | None = None,
                   latest: dict[int, str] | None = None) -> dict[int, str]:
    """measure id → its due state (duties.due_state) for ``measures`` (default: all the plan's);
    ``done`` and ``latest``: the plan's completion_dates and latest_entry_status when the caller has them."""
    today = today or timezone.localdate()
    done = completion_dates(plan) if done is None else done
    latest = latest_entry_status(plan) if latest is None else latest
    measures = measures if measures is not None else Measure.objects.filter(task__annex__plan=plan)
    return {m.pk: duties.due_state(duties.Deadline(m.deadline_kind, m.deadline_start, m.deadline_end),
                                   today, done.get(m.pk), latest.get(m.pk))
            for m in measures}


def lead_units(measure_ids) -> dict[int, list[tuple[int, str]]]:
    """measure id → its lead units (id, name), in the plan's order: one query, however many."""
    leads: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for measure_id, unit_id, name in (Assignment.objects.filter(measure__in=measure_ids, organisation__isnull=False,
                                                                role=Assignment.Role.LEAD_UNIT)
                                      .order_by("pk").values_list("measure_id", "organisation_id", "organisation__name")):
        leads[measure_id].append((unit_id, name))
    return leads


def cycle_status(cycle: ReportingCycle, today: date | None = None, states: dict | None = None) -> dict:
    """Who has and has not submitted, and what is overdue (the `ecoplan cycle status` answer)."""
    today = today or timezone.localdate()
    reports = list(cycle.reports.values_list("organisation__name", "status"))
    states = states if states is not None else measure_states(cycle.plan, today)
    overdue = defaultdict(list)
    # only the overdue measures' lead entries are read: a month of a real plan has thousands of entries
    overdue_ids = [pk for pk, state in states.items() if state == "overdue"]
    for unit, measure_id in (ReportEntry.objects.filter(report__cycle=cycle, role=ReportEntry.Role.LEAD,
                                                        measure_id__in=overdue_ids)
                             .order_by("measure_id").values_list("report__organisation__name", "measure_id")):
        overdue[unit].append(measure_id)
    return {
        "plan": cycle.plan_id, "month": f"{cycle.month:%Y-%m}", "due_date": cycle.due_date.isoformat(),
        "due_date_official_calendar": cycle.due_date_official, "status": cycle.status,
        "submitted": sorted(unit for unit, state in reports if state in (Report.Status.SUBMITTED, Report.Status.ACCEPTED)),
        # the desk tells a report waiting for the bureau from one it accepted (submitted = both)
        "awaiting_review": sorted(unit for unit, state in reports if state == Report.Status.SUBMITTED),
        "accepted_units": sorted(unit for unit, state in reports if state == Report.Status.ACCEPTED),
        "not_submitted": sorted(unit for unit, state in reports if state in (Report.Status.DRAFT, Report.Status.RETURNED)),
        "late": today > cycle.due_date,
        "overdue_measures": dict(sorted(overdue.items())),
    }


def coordinator_dashboard(plan: Plan, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    # the desk shows one per plan: the fields the due state needs, units only for what is overdue
    measures = list(Measure.objects.filter(task__annex__plan=plan).select_related("task__annex")
                    .only("pk", "deadline_kind", "deadline_start", "deadline_end", "task__annex__theme"))
    states = measure_states(plan, today, measures)
    by_unit: Counter[tuple[int, str]] = Counter()
    by_theme: Counter[tuple[str, str]] = Counter()
    overdue = [m for m in measures if states[m.pk] == "overdue"]
    for m in overdue:
        by_theme[(m.task.annex.theme, m.task.annex.get_theme_display())] += 1
    for units in lead_units([m.pk for m in overdue]).values():
        by_unit.update(units)
    cycle = plan.cycles.first()
    counted = Counter(states.values())
    return {"states": [(s, gettext(duties.STATE_LABELS[s]), counted[s]) for s in duties.STATE_LABELS if counted[s]],
            "overdue_by_unit": by_unit.most_common(),
            "overdue_by_theme": by_theme.most_common(), "cycle": cycle,
            "cycle_status": cycle_status(cycle, today, states) if cycle else None, "total": len(states)}


def leader_measures(person_name: str):
    return (Measure.objects.filter(assignments__role=Assignment.Role.LEAD_OFFICIAL,
                                   assignments__person_name=person_name)
            .select_related("task__annex__plan").distinct())


def assessment(plan: Plan, start: date, end: date, scheme: AssessmentScheme | None = None,
               today: date | None = None) -> list[scoring.UnitScore]:
    """Score every unit of the plan over [start, end] with the breakdown behind each point."""
    today = today or timezone.localdate()
    weights = scheme.weights() if scheme else None
    counts: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    # timely reporting: each report of a cycle in the period, on time if its first submission was
    reports = (Report.objects.filter(cycle__plan=plan, cycle__month__gte=start.replace(day=1), cycle__month__lte=end)
               .select_related("cycle", "organisation")
               .prefetch_related(Prefetch("versions", queryset=ReportVersion.objects.order_by("number"))))
    for report in reports:
        if report.cycle.due_date > today:
            continue  # not due yet
        first = next(iter(report.versions.all()), None)
        c = counts[report.organisation.name]["timely_reporting"]
        c[1] += 1
        c[0] += bool(first and first.on_time)
    # measures due in the period: done by the deadline
    done = completion_dates(plan)
    for a in Assignment.objects.filter(measure__task__annex__plan=plan, role=Assignment.Role.LEAD_UNIT,
                                       organisation__isnull=False, measure__deadline_end__gte=start,
                                       measure__deadline_end__lte=min(end, today)).select_related(
            "measure", "organisation"):
        c = counts[a.organisation.name]["done_on_time"]
        c[1] += 1
        finished = done.get(a.measure_id)
        c[0] += bool(finished and finished <= duties.month_end(a.measure.deadline_end))
    # targets met: judged air targets whose rows the unit leads (the target's source line)
    from ecoplan.evaluation.services import judge_plan

    judged = [j for j in judge_plan(plan, min(end, today)) if j.status in ("met", "missed")]
    leads = defaultdict(set)
    for a in Assignment.objects.filter(measure__task__annex__plan=plan, role=Assignment.Role.LEAD_UNIT,
                                       organisation__isnull=False).select_related("measure", "organisation"):
        leads[a.measure.source_line].add(a.organisation.name)
    for j in judged:
        for unit in leads.get(j.target.source_line, ()):
            c = counts[unit]["targets_met"]
            c[1] += 1
            c[0] += j.status == "met"
    scores = [scoring.score(unit, {k: (v[0], v[1]) for k, v in parts.items()}, weights)
              for unit, parts in counts.items()]
    return scoring.rank(scores)

