"""Reporting cycles: open a month (one report per unit, its live measures), close it."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ecoplan.plans.models import Assignment, Organisation, Plan
from ecoplan.reporting import duties, workdays
from ecoplan.vocabulary import areas

from ..models import (
    Report,
    ReportEntry,
    ReportingCycle,
)
from ..status import completion_dates
from ._errors import Refused

DUE_RULE = re.compile(r"^(\d+)(?:st|nd|rd|th)-working-day$")
def parse_due_rule(rule: str) -> int:
    m = DUE_RULE.match(rule)
    if not m or int(m.group(1)) < 1:
        raise Refused(_("unknown due rule “%(rule)s” (e.g. 2nd-working-day)") % {"rule": rule})
    return int(m.group(1))


def plan_period(plan: Plan) -> tuple[date, date]:
    start = plan.period_start or timezone.localdate().year
    return date(start, 1, 1), date(plan.period_end or start, 12, 31)


def group_members(plan: Plan, group: Organisation, pool: list[Organisation]) -> list[Organisation]:
    """The sub-areas a placeholder such as 各街道办事处 stands for: the plan's own sub-area units and
    the district's sub-areas (from its per-area targets and stations) of the matching kind."""
    # 相关… and …成员单位 name no members (ecoplan.vocabulary.areas): they report as groups
    suffixes = areas.members_of(group.name)
    return [o for o in pool if o.name.endswith(suffixes)] if suffixes else []


def _sub_area_pool(plan: Plan) -> list[Organisation]:
    pool = {o.name: o for o in Organisation.objects.filter(
        assignments__measure__task__annex__plan=plan, kind=Organisation.Kind.SUB_AREA).distinct()}
    if plan.district_id:
        for area in plan.district.children.all():
            if area.name not in pool:
                pool[area.name], _ = Organisation.objects.get_or_create(
                    name=area.name, district=plan.district, defaults={"kind": Organisation.Kind.SUB_AREA})
    return sorted(pool.values(), key=lambda o: o.name)


def measures_by_unit(plan: Plan, month: date) -> dict:
    """organisation → [(measure, role, via group)] for the measures live in ``month``; a group
    placeholder for every sub-area fans out to one entry per sub-area."""
    period = plan_period(plan)
    done = completion_dates(plan)
    units: dict = defaultdict(list)
    pool = _sub_area_pool(plan)
    members: dict[int, list] = {}
    listed: set[tuple[int, int]] = set()
    assignments = (Assignment.objects.filter(measure__task__annex__plan=plan, organisation__isnull=False)
                   .select_related("measure", "organisation").order_by("measure__task__annex__order",
                                                                      "measure__task__order", "measure__order"))
    for a in assignments:
        m = a.measure
        deadline = duties.Deadline(m.deadline_kind, m.deadline_start, m.deadline_end)
        if not duties.active_in(deadline, month, period, done.get(m.pk)):
            continue
        role = ReportEntry.Role.LEAD if a.role == Assignment.Role.LEAD_UNIT else ReportEntry.Role.CO
        org = a.organisation
        if org.kind == Organisation.Kind.GROUP:
            if org.pk not in members:
                members[org.pk] = group_members(plan, org, pool)
            targets = [(unit, org.name) for unit in members[org.pk]] or [(org, "")]
        else:
            targets = [(org, "")]
        for unit, via in targets:
            if (unit.pk, m.pk) not in listed:  # a unit answers once for a measure
                listed.add((unit.pk, m.pk))
                units[unit].append((m, role, via))
    return units


DEFAULT_DUE_RULE = "2nd-working-day"


@transaction.atomic
def do_open_cycle(plan: Plan, month: date, due_rule: str | None = None, acting_user=None) -> ReportingCycle:
    """Open a month: one report per unit, listing the measures it answers for that month.  The due
    day is the one given, else the plan's own (每月第二个工作日前), else the 2nd working day."""
    due_rule = due_rule or plan.report_due_rule or DEFAULT_DUE_RULE
    month = month.replace(day=1)
    period = plan_period(plan)
    if not (period[0] <= month <= period[1]):
        raise Refused(_("%(month)s is outside the plan's period %(first)s–%(last)s") % {
            "month": f"{month:%Y-%m}", "first": period[0].year, "last": period[1].year})
    if ReportingCycle.objects.filter(plan=plan, month=month).exists():
        raise Refused(_("the %(month)s cycle of this plan is already open") % {"month": f"{month:%Y-%m}"})
    due = workdays.report_due_date(month, parse_due_rule(due_rule))
    cycle = ReportingCycle.objects.create(plan=plan, month=month, due_rule=due_rule, due_date=due.day,
                                          due_date_official=due.official, opened_by=acting_user)
    for organisation, items in measures_by_unit(plan, month).items():
        report = Report.objects.create(cycle=cycle, organisation=organisation)
        entries = []
        for measure, role, via in items:
            quantity = duties.quantity_of(measure.text)
            entries.append(ReportEntry(report=report, measure=measure, role=role, via_group=via,
                                       quantity_target=quantity[0] if quantity else None,
                                       quantity_unit=quantity[1] if quantity else ""))
        ReportEntry.objects.bulk_create(entries)
    return cycle


@transaction.atomic
def do_close_cycle(cycle: ReportingCycle) -> ReportingCycle:
    cycle.status = ReportingCycle.Status.CLOSED
    cycle.save(update_fields=["status"])
    return cycle
