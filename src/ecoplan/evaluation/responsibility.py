"""Who reports a target's value, and for which periods.

The unit that leads the target (牵头单位) reports it: the coordinator's choice when one is stored
(``TargetResponsibility``), else the lead unit of the measure the target is printed in (the
target's source line inside the measure's lines, as supervision's assessment links targets to
leads), else of the measure whose text states the target, else the plan's coordinating unit
(区生态环境局, which receives the monthly reports) — the page says which of these it is.

Cadence (报送周期) follows the target's period: a yearly figure once a year, a first-quarter
figure once a year for its quarter, a cumulative figure once a year to date, a "by 2025" figure
each year up to 2025 (the trajectory), a fixed span once, at its end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from ecoplan.importers.text import search_form
from ecoplan.plans.models import Assignment, Measure, Organisation, Plan, Target
from ecoplan.vocabulary.indicators import LOWER_IS_BETTER

from .models import TargetResponsibility

COORDINATING_UNIT = "区生态环境局"  # the bureau the plans name as receiving every report

# how the responsible unit was found → what the page says
HOW = {
    "set": _("set by the coordinator"),
    "measure": _("lead unit of the measure the target is printed in"),
    "stated": _("lead unit of the measure whose text states the target"),
    "coordinating": _("no measure states this target: the plan's coordinating unit reports it"),
}


@dataclass(frozen=True)
class Responsible:
    organisation: Organisation | None  # None: the coordinating unit has no record in this plan yet
    name: str
    how: str  # a key of HOW
    measure: Measure | None = None

    @property
    def how_label(self) -> str:
        return str(HOW[self.how])


@dataclass(frozen=True)
class Leads:
    """A plan's measures that have a lead unit (the first printed, groups left out), in line
    order, the coordinator's choices and the coordinating unit: all ``responsible_unit`` reads,
    fetched once per plan."""

    measures: list[tuple[Measure, Organisation]]
    chosen: dict[int, Organisation]  # target id → the unit the coordinator set
    coordinating: Organisation | None


def plan_leads(plan: Plan) -> Leads:
    rows = []
    for measure in (Measure.objects.filter(task__annex__plan=plan).prefetch_related("assignments__organisation")
                    .order_by("source_line", "pk")):
        leads = [a.organisation for a in sorted(measure.assignments.all(), key=lambda a: a.order)
                 if a.role == Assignment.Role.LEAD_UNIT and a.organisation is not None
                 and a.organisation.kind != Organisation.Kind.GROUP]
        if leads:
            rows.append((measure, leads[0]))
    chosen = {r.target_id: r.organisation for r in
              TargetResponsibility.objects.filter(target__plan=plan).select_related("organisation")}
    return Leads(rows, chosen, coordinating_unit(plan))


def responsible_unit(target: Target, leads: Leads | None = None) -> Responsible:
    """The unit that reports ``target``'s value, and how that was decided (``leads``: the plan's,
    when the caller asks for many targets of one plan)."""
    leads = leads or plan_leads(target.plan)
    if (chosen := leads.chosen.get(target.pk)) is not None:
        return Responsible(chosen, chosen.name, "set")
    if line := target.source_line:
        for measure, unit in leads.measures:
            end = measure.source_end_line if measure.source_end_line is not None else measure.source_line
            if measure.source_line is not None and measure.source_line <= line <= end:
                return Responsible(unit, unit.name, "measure", measure)
    printed = search_form(target.raw)
    if len(printed) >= 6:  # a bare number (`>95`, `15 左右`) states nothing
        for measure, unit in leads.measures:
            if printed in measure.search_text:
                return Responsible(unit, unit.name, "stated", measure)
    return Responsible(leads.coordinating, COORDINATING_UNIT, "coordinating")


def coordinating_unit(plan: Plan) -> Organisation | None:
    return Organisation.objects.filter(name=COORDINATING_UNIT, district=plan.district).first()


# -- cadence: the periods a target's value is reported for ------------------------------------

@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @property
    def year(self) -> int:
        return self.end.year


_SPAN = re.compile(r"^(?:cumulative )?(\d{4})-(\d{4})$")
_BY = re.compile(r"^by (\d{4})$")


def plan_years(plan: Plan, fallback: int) -> range:
    first = plan.period_start or fallback
    return range(first, (plan.period_end or first) + 1)


def periods(target: Target, plan: Plan, fallback_year: int) -> list[Period]:
    """Every period a value of ``target`` is due for, oldest first; the last one is the one the
    target is judged on."""
    years = plan_years(plan, fallback_year)
    period = target.period or "year"
    if period == "Q1":
        return [Period(date(y, 1, 1), date(y, 3, 31)) for y in years]
    if m := _SPAN.match(period):
        return [Period(date(int(m.group(1)), 1, 1), date(int(m.group(2)), 12, 31))]
    if m := _BY.match(period):
        last = int(m.group(1))
        return [Period(date(y, 1, 1), date(y, 12, 31)) for y in range(min(years.start, last), last + 1)]
    if period == "cumulative":
        first = target.baseline_year + 1 if target.baseline_year else years.start
        return [Period(date(first, 1, 1), date(y, 12, 31)) for y in years]
    return [Period(date(y, 1, 1), date(y, 12, 31)) for y in years]  # year, and anything unread


# units of amounts done (减排量 吨, 造林 亩, 保育小区 个): a five-year target in them is a total of the years
AMOUNT_UNITS = frozenset({"吨", "万吨", "亩", "公顷", "个", "辆", "家"})


def is_cumulative(target: Target) -> bool:
    """An amount summed over the plan's years: 累计 printed, or an amount unit where more is better."""
    return "累计" in target.raw or (target.unit in AMOUNT_UNITS and target.indicator_code not in LOWER_IS_BETTER)


def yearly_amount(target: Target) -> bool:
    """A `by 2025` amount reported year by year (减排量 ≥ 1730 吨 by 2025): judged on the years' sum."""
    return bool(_BY.match(target.period or "")) and is_cumulative(target)


def cumulative(target: Target) -> bool:
    """A cumulative target's value is a total to date: only its end decides the period."""
    return target.period == "cumulative" or bool(_SPAN.match(target.period or ""))


def due_period(target: Target, plan: Plan, today: date) -> Period:
    """The period a value is asked for now: the latest one already begun (a figure to date may be
    reported before it ends), else the first."""
    found = periods(target, plan, today.year)
    begun = [p for p in found if p.start <= today]
    return begun[-1] if begun else found[0]
