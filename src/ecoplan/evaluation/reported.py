"""Reported and qualitative targets judged: the sources ``reported`` and ``qualitative``.

``reported``: the accepted value for the target's period is judged by
``analytics.judgement.judge_level`` against the target's comparator and level — 同比 against the
same period a year before (the value's own previous-period figure, else the accepted value of that
period), 比…下降 against the baseline (the target's, else the accepted value of the baseline
year), 达到市级要求 against the value the municipality set, with the catalogue's default
comparator.  A value for part of the period (a year to date) gives on track / at risk, never met
or missed.  Without an accepted value the target is ``awaiting_value`` and says whose value it
waits for, and whether one is submitted or was returned.

``qualitative``: the coordinator's latest judgement, with its stated reason; none yet is
``awaiting_judgement``.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from django.db.models import Q

from ecoplan.analytics.judgement import Completeness, Judgement, judge_level, plain
from ecoplan.monitoring import measurements
from ecoplan.plans.models import Area, Target
from ecoplan.vocabulary import indicators
from ecoplan.vocabulary.reported import period_label

from .models import MunicipalRequirement, QualitativeJudgement, ReportedValue
from .responsibility import Period, cumulative, due_period, periods, plan_leads, responsible_unit, yearly_amount
from .sources import Context, register

RULE = "accepted by the coordinator"
RULE_MISSING = "no accepted value"  # what makes a reported figure count (its completeness rule)
# Indicators whose figure is itself a rate of decline (碳排放强度下降率): 同比下降 (improve) asks
# the year's rate to be above 0, 稳中向好 (not_worse) at least 0.
DECLINE_RATES = frozenset({"co2_intensity"})


def _scoped(qs, ctx: Context, area: Area | None):
    """Rows for ``area``: a row without an area speaks for the target's own scope (the district)."""
    if area is None or area.pk == ctx.plan.district_id:
        return qs.filter(Q(area__isnull=True) | Q(area_id=ctx.plan.district_id))
    return qs.filter(area=area)


def _span(value: ReportedValue) -> Period:
    return Period(value.period_start, value.period_end)


def _same(values: list[ReportedValue], period: Period, whole: bool) -> ReportedValue | None:
    """The latest accepted value of exactly ``period`` (a cumulative total: to its end)."""
    found = [v for v in values if v.period_end == period.end and (whole or v.period_start == period.start)]
    return max(found, key=lambda v: (v.reviewed_at or v.submitted_at, v.pk)) if found else None


def _figure(values: list[ReportedValue], due: list[Period], whole: bool) -> ReportedValue | None:
    """The accepted value the target is judged on: the one reaching furthest into the target's
    periods (the final period's own value once there is one)."""
    first, final = due[0], due[-1]
    inside = [v for v in values if first.start <= v.period_end <= final.end and (whole or v.period_start >= first.start)]
    return max(inside, key=lambda v: (v.period_end, -v.period_start.toordinal(), v.reviewed_at or v.submitted_at,
                                      v.pk)) if inside else None


def _year_before(period: Period) -> Period:
    def back(day: date) -> date:
        return day.replace(year=day.year - 1, day=28 if (day.month, day.day) == (2, 29) else day.day)

    return Period(back(period.start), back(period.end))


def _awaiting(ctx: Context, target: Target, values: list[ReportedValue], period: Period,
              code: str = "reported_awaiting", **extra: object) -> Judgement:
    """No figure to judge: whose value the target waits for (and one submitted or returned)."""
    who = responsible_unit(target, ctx.resource("leads", lambda: plan_leads(ctx.plan))).name
    params: dict[str, object] = {"unit": who, "period": period_label(period.start, period.end), **extra}
    pending = [v for v in values if v.status == ReportedValue.Status.SUBMITTED]
    returned = [v for v in values if v.status == ReportedValue.Status.RETURNED]
    if code == "reported_awaiting" and pending:
        v = pending[0]
        code = "reported_pending"
        params |= {"value": plain(v.value), "value_unit": target.unit, "day": v.submitted_at.date().isoformat(),
                   "period": v.period_label}
        reason = f"{params['value']} {target.unit} for {v.period_label} submitted by {who} on {params['day']}, " \
                 "awaiting the coordinator's acceptance"
    elif code == "reported_awaiting" and returned:
        code = "reported_returned"  # the comment is the unit's to read, not the public's
        params["period"] = returned[0].period_label
        reason = f"the {params['period']} value was returned to {who} for a correction"
    else:
        reason = {"reported_awaiting": f"awaiting the {params['period']} value from {who}",
                  "municipal_missing": "the municipal value of this target (meet the municipal requirement) has "
                                       "not been entered",
                  "reported_no_baseline": f"awaiting the baseline value of {params.get('year')} from {who}",
                  "reported_no_previous": f"awaiting the {params['period']} value from {who} for the year-on-year "
                                          "comparison"}[code]
    return Judgement("awaiting_value", reason, unit=target.unit, code=code, params=params)


def _judge_sum(ctx: Context, target: Target, values: list[ReportedValue], accepted: list[ReportedValue],
               due: list[Period], comparator: str, level: Decimal | None) -> Judgement:
    """A five-year amount (重点工程减排量 ≥ 1730 吨 by 2025): the sum of the accepted yearly values,
    each year ended asked for; the total is final once the target year is over."""
    begun = [p for p in due if p.start <= ctx.as_of]
    found = {p: _same(accepted, p, False) for p in begun}
    have = [v for v in found.values() if v is not None]
    if not have:
        return _awaiting(ctx, target, values, begun[-1] if begun else due[0])
    ended = [p for p in begun if p.end < ctx.as_of]
    missing = [str(p.year) for p in ended if found[p] is None]
    row = indicators.BY_CODE.get(indicators.base_code(target.indicator_code))
    total = sum((v.value for v in have), Decimal(0))
    return judge_level(comparator, level, total, unit=target.unit, complete=ctx.as_of > due[-1].end,
                       lower_is_better=row.lower_is_better if row else False,
                       precision=max([_places(v.value) for v in have] + [_places(level)]),
                       completeness=Completeness(len(have), len(ended), "reports", RULE,
                                                 [f"{year}: {RULE_MISSING}" for year in missing]))


def judge_reported(ctx: Context, target: Target, area: Area | None) -> Judgement:
    due = periods(target, ctx.plan, ctx.year)
    final, whole = due[-1], cumulative(target)
    values = list(_scoped(ReportedValue.objects.filter(target=target, period_start__lte=ctx.as_of), ctx, area)
                  .order_by("-submitted_at", "-pk"))
    code = indicators.base_code(target.indicator_code)
    comparator, level = target.comparator, target.value
    if comparator == "municipal":
        requirement = MunicipalRequirement.objects.filter(target=target).first()
        if requirement is None and level is None:
            return _awaiting(ctx, target, values, final, "municipal_missing")
        comparator = (requirement.comparator if requirement else "") or indicators.default_comparator(code)
        level = requirement.value if requirement else level
    accepted = [v for v in values if v.status == ReportedValue.Status.ACCEPTED]
    if yearly_amount(target):
        return _judge_sum(ctx, target, values, accepted, due, comparator, level)
    figure = _figure(accepted, due, whole)
    if figure is None:  # the value asked for now: a 2025 target before 2025 asks this year's figure
        return _awaiting(ctx, target, values, due_period(target, ctx.plan, ctx.as_of) if not whole else final)
    previous, baseline = figure.previous_value, target.baseline_value
    if comparator in ("improve", "not_worse") and code in DECLINE_RATES:
        comparator, level = (">" if comparator == "improve" else ">="), Decimal(0)
    elif comparator in ("improve", "not_worse") and previous is None:
        before = _year_before(_span(figure))
        found = _same(accepted, before, whole)
        if found is None:
            return _awaiting(ctx, target, values, before, "reported_no_previous")
        previous = found.value
    if comparator == "reduce_by" and baseline is None:
        year = target.baseline_year
        found = _same(accepted, Period(date(year, 1, 1), date(year, 12, 31)), False) if year else None
        if found is None:
            return _awaiting(ctx, target, values, final, "reported_no_baseline", year=year or "?")
        baseline = found.value
    row = indicators.BY_CODE.get(code)
    # the figure of the whole final period, once that period is over: before, on track / at risk
    complete = figure.period_end >= final.end and (whole or figure.period_start <= final.start) and \
        ctx.as_of >= final.end
    # 左右: the one configured tolerance (ECOPLAN_ABOUT_TOLERANCE), as for measured figures
    tolerance = measurements.rules().tolerance(plain(level)) if comparator == "≈" and level is not None else None
    judgement = judge_level(comparator, level, figure.value, unit=target.unit, complete=complete,
                            lower_is_better=row.lower_is_better if row else False,
                            precision=max(_places(figure.value), _places(level)), tolerance=tolerance,
                            previous=previous, baseline=baseline, completeness=Completeness(1, 1, "reports", RULE))
    return replace(judgement, params={**judgement.params, "source": figure.source,
                                      "reported_period": figure.period_label})


def _places(value: Decimal | None) -> int:
    if value is None:
        return 0
    exponent = plain(Decimal(value)).as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def yearly_reported(ctx: Context, target: Target, area: Area | None, year: int):
    """The accepted figure of calendar year ``year`` (a cumulative total: to that year's end)."""
    accepted = list(_scoped(ReportedValue.objects.filter(target=target, status=ReportedValue.Status.ACCEPTED),
                            ctx, area))
    found = _same(accepted, Period(date(year, 1, 1), date(year, 12, 31)), cumulative(target))
    return (found.value, Completeness(1, 1, "reports", RULE)) if found else (None, None)


def judge_qualitative(ctx: Context, target: Target, area: Area | None) -> Judgement:
    found = _scoped(QualitativeJudgement.objects.filter(target=target, judged_on__lte=ctx.as_of), ctx, area)
    latest = found.order_by("-judged_on", "-created_at", "-pk").first()
    if latest is None:
        return Judgement("awaiting_judgement", "awaiting the coordinator's judgement with a stated reason",
                         code="awaiting_judgement")
    day = latest.judged_on.isoformat()  # who judged is on the target's page, for staff only
    return Judgement(latest.status, f"the coordinator's judgement of {day}: {latest.reason}",
                     code="qualitative_judged", params={"day": day, "reason": latest.reason})


register("reported", judge_reported, yearly=yearly_reported)
register("qualitative", judge_qualitative)
