"""The ``measurement`` source: dust fall, TSP, road dust load, residual road dust and noise of
many areas over one window — the monthly values of their sites, aggregated as the target judges
aggregate them (``analytics.monthly.period_figure``: a sub-area's month is the mean of its sites,
the period the mean of its months; a district's month the mean of all its sites).

Three queries whatever the number of areas: the values of their districts' sites in the window,
the latest month each district's network has published, and the sites that measure the
indicator (to tell “no jar” from “no value”); a fourth for the dust register when asked.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.db.models import F, Max, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext

from ecoplan.analytics.monthly import MonthlyValue, period_figure
from ecoplan.monitoring.measurements import RULE, rules
from ecoplan.monitoring.models import ExclusionDay, Measurement, MeasurementSite
from ecoplan.plans.models import Area
from ecoplan.vocabulary import measurements
from ecoplan.vocabulary.deadlines import month_end_of
from ecoplan.vocabulary.rank_metrics import Metric

from .sources import AreaFigure, Window, register


def _district(area: Area) -> int:
    return area.parent_id or area.pk


def _kinds(code: str) -> list[str]:
    return [kind for kind, codes in measurements.MEASURES.items() if code in codes]


def _site_label(code: str) -> str:
    labels = {t.code: t.label for t in measurements.SITE_KINDS}
    return " / ".join(gettext(labels[k]) for k in _kinds(code))


def district_values(code: str, districts: set[int], window: Window) -> dict[int, list[MonthlyValue]]:
    """district pk → the monthly values of all its sites in the window (one query)."""
    rows = (Measurement.objects.filter(Q(site__area__in=districts) | Q(site__area__parent__in=districts),
                                       indicator=code, start__gte=window.start, start__lte=window.end)
            .annotate(district=Coalesce(F("site__area__parent_id"), F("site__area_id")))
            .values_list("district", "site__code", "site__area__parent_id", "site__area__name", "start", "value",
                         "flags").order_by("start", "site__code"))
    out: dict[int, list[MonthlyValue]] = defaultdict(list)
    for district, site, parent, area_name, start, value, flags in rows:
        out[district].append(MonthlyValue(site=site, sub_area=area_name if parent else None,
                                          month=start.replace(day=1), value=value,
                                          flagged_dust="sand_dust" in (flags or [])))
    return out


def published(code: str, districts: set[int]) -> dict[int, date]:
    """district pk → the latest month its network has a value of ``code`` for (one query)."""
    rows = (Measurement.objects.filter(Q(site__area__in=districts) | Q(site__area__parent__in=districts),
                                       indicator=code)
            .annotate(district=Coalesce(F("site__area__parent_id"), F("site__area_id")))
            .values("district").annotate(latest=Max("start")).values_list("district", "latest"))
    return {district: latest.replace(day=1) for district, latest in rows}


def measured_areas(code: str, areas: Sequence[Area]) -> set[int]:
    """The areas with a site that measures ``code`` (a district: any of its sites)."""
    ids = [a.pk for a in areas]
    found: set[int] = set()
    for area, parent in (MeasurementSite.objects.filter(Q(area__in=ids) | Q(area__parent__in=ids), kind__in=_kinds(code))
                         .values_list("area_id", "area__parent_id")):
        found.update((area, parent))
    return found


def dust_register(areas: Sequence[Area], window: Window) -> list[tuple[int | None, date]]:
    ids = {a.pk for a in areas} | {_district(a) for a in areas}
    return list(ExclusionDay.objects.filter(Q(area__isnull=True) | Q(area__in=ids), kind=ExclusionDay.Kind.DUST,
                                            day__gte=window.start, day__lte=window.end)
                .values_list("area_id", "day"))


@register("measurement")
def measured(metric: Metric, areas: Sequence[Area], window: Window) -> dict[int, AreaFigure]:
    code = metric.code
    districts = {_district(a) for a in areas}
    values = district_values(code, districts, window)
    latest = published(code, districts)
    with_sites = measured_areas(code, areas)
    register_days = dust_register(areas, window) if window.exclude_dust else []
    config = rules()
    rule = RULE + (f" (min share {config.min_share})" if config.min_share != 1 else "")
    # the window ends on the ranking's day at the latest: a month that has ended is asked for
    over = window.end == month_end_of(window.end)
    out: dict[int, AreaFigure] = {}
    for area in areas:
        if area.pk not in with_sites:
            out[area.pk] = AreaFigure(None, gettext("no %(site)s in this area") % {"site": _site_label(code)})
            continue
        district = _district(area)
        to = latest.get(district)
        dust = [day for owner, day in register_days if owner in (None, area.pk, district)]
        found = period_figure(values.get(district, []), window.start, window.end,
                              published_to=min(to, window.end.replace(day=1)) if to else None, period_over=over,
                              sub_area=area.name if area.parent_id else None, exclude_dust=window.exclude_dust,
                              dust_days=dust, rules=config, rule=rule)
        c = found.completeness
        if found.value is None:
            out[area.pk] = AreaFigure(None, gettext("no value of its sites in the period"))
        elif not c.sufficient:
            reason = gettext("%(valid)s months of the %(required)s the rule asks (%(rule)s)") % {
                "valid": c.valid, "required": c.required, "rule": c.rule}
            out[area.pk] = AreaFigure(None, reason + (": " + gettext("missing") + " " + ", ".join(c.short)
                                                      if c.short else ""))
        else:
            out[area.pk] = AreaFigure(found.value)
    return out
