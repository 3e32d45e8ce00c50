"""Measured targets that are not hourly — dust fall (降尘量), TSP, road dust load (道路尘负荷),
residual road dust, noise — judged on the monthly values of the measuring sites
(``analytics.monthly``) by ``analytics.judgement.judge_level``: met/missed once the period is
over, on_track/at_risk while it runs, insufficient_data when months are missing, ≈ (左右) within
the configured tolerance, 扣除沙尘影响 by the configured dust-month rule.  Each reason names the
rules it used."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from ecoplan.analytics.judgement import Completeness, Judgement, judge_level, period_window, plain
from ecoplan.analytics.monthly import PeriodFigure
from ecoplan.monitoring import measurements as store
from ecoplan.monitoring.measurements import figure
from ecoplan.monitoring.models import MeasurementSite
from ecoplan.plans.models import Area, Plan, Target
from ecoplan.vocabulary import indicators
from ecoplan.vocabulary.deadlines import month_end_of
from ecoplan.vocabulary.indicators import base_code
from ecoplan.vocabulary.measurements import PRECISION

from .sources import Context, register


def judge_measurement(ctx: Context, target: Target, area: Area | None) -> Judgement:
    code = base_code(target.indicator_code)
    window = period_window(target.period, ctx.year)
    if window is None:
        return Judgement("not_evaluable", f"period “{target.period}” is not a period of monthly values",
                         code="bad_period", params={"period": target.period})
    start, end = window
    if ctx.as_of < start:
        return Judgement("not_evaluable", f"the period starts on {start.isoformat()}", code="not_started",
                         params={"start": start.isoformat()})
    if area is None:
        return Judgement("not_evaluable", "no valid monitoring data for the period yet", code="no_data")
    exclude = "excluding_dust" in target.conditions
    found = figure(area, code, start, end, ctx.as_of, exclude)
    rules = store.rules()
    tolerance = plain(rules.tolerance(Decimal(target.value))) if target.comparator == "≈" and target.value is not None \
        else None
    previous = None
    if target.comparator in ("improve", "not_worse"):
        # the same months a year before: January to the month this year's figure reaches
        to = found.months[-1][0] if found.months else start
        last = month_end_of(to.replace(year=to.year - 1))
        before = figure(area, code, start.replace(year=start.year - 1), last, last + timedelta(days=1), exclude)
        c = before.completeness
        if before.value is not None and c is not None and not c.sufficient:  # 同比 on a thin year: no figure
            return _explained(Judgement(
                "insufficient_data", f"the same months a year before rest on {c.valid} of {c.required} {c.unit}",
                value=found.value, unit=indicators.BY_CODE[code].unit, code="insufficient_previous",
                params={"valid": c.valid, "required": c.required, "unit": c.unit, "rule": c.rule,
                        "short": "; ".join(c.short)}, completeness=found.completeness), found, exclude, None, rules)
        previous = before.value
    judgement = judge_level(target.comparator, target.value, found.value, unit=indicators.BY_CODE[code].unit,
                            complete=ctx.as_of > end, lower_is_better=indicators.BY_CODE[code].lower_is_better,
                            precision=PRECISION.get(code, 1), tolerance=tolerance, previous=previous,
                            baseline=target.baseline_value, completeness=found.completeness)
    return _explained(judgement, found, exclude, tolerance, rules)


def _explained(judgement: Judgement, found: PeriodFigure, exclude: bool, tolerance: Decimal | None,
               rules) -> Judgement:
    """The rules behind the figure as notes after the reason (``messages.reason`` translates each):
    the months used, the dust months left out, the tolerance of 左右."""
    notes: list[tuple[str, dict[str, object]]] = []
    if found.months:
        notes.append(("measured_months", {"n": len(found.months), "sites": found.sites,
                                          "months": ", ".join(f"{m:%Y-%m}" for m, _ in found.months)}))
    if exclude:
        notes.append(("measured_dust", {"days": rules.dust_days, "values": found.excluded_values,
                                        "months": ", ".join(f"{m:%Y-%m}" for m in found.excluded_months) or "—"}))
    if tolerance is not None:
        share = rules.share()
        notes.append(("measured_about_share", {"band": plain(tolerance), "share": share}) if share is not None
                     else ("measured_about_band", {"band": plain(tolerance)}))
    if notes and judgement.code != "no_data":
        english = {"measured_months": "{n} month(s) from {sites} site(s): {months}",
                   "measured_dust": "excluding sand and dust (a month with ≥ {days} registered dust day(s) and "
                                    "the values flagged sand_dust): months left out {months}, flagged values left "
                                    "out {values}",
                   "measured_about_share": "about = within ± {band} ({share} % of the target)",
                   "measured_about_band": "about = within ± {band} (a set band)"}
        judgement.reason += "".join("; " + english[key].format(**extra) for key, extra in notes)
        judgement.params = {**judgement.params, "notes": notes}
    return judgement


def yearly(ctx: Context, target: Target, area: Area | None, year: int) -> tuple[Decimal | None, Completeness | None]:
    """The calendar year's figure (five-year trajectories)."""
    if area is None:
        return None, None
    found = figure(area, base_code(target.indicator_code), date(year, 1, 1), date(year, 12, 31), ctx.as_of,
                   "excluding_dust" in target.conditions)
    return found.value, found.completeness


def measured_sub_areas(plan: Plan) -> list[Area]:
    """The sub-areas with a measuring site: 各街道 targets are judged where there is a figure."""
    if not plan.district_id:
        return []
    with_sites = MeasurementSite.objects.filter(area__parent=plan.district).values_list("area", flat=True)
    return list(plan.district.children.filter(pk__in=with_sites))


register("measurement", judge_measurement, measured_sub_areas, yearly)
