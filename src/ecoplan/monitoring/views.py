"""Air pages: the area page (today's AQI, calendar, PM2.5 to date against the target, sub-area
table), the 2012 and 2026 rules side by side for an area's year (and its .json twin) and the
station page (daily values with their valid-hour counts, gaps, flags)."""
from __future__ import annotations

import json
from datetime import timedelta

from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone

from ecoplan.plans.access import access, may
from ecoplan.plans.models import Area
from ecoplan.plans.params import parse, parsed
from ecoplan.plans.queries import pm25_target
from ecoplan.reporting.periods import latest_complete

from . import queries, transition
from .forms import YearForm
from .models import Station
from .store import open_store


def air_index(request):
    districts = Area.objects.filter(parent__isnull=True, station_memberships__isnull=False).distinct()
    return render(request, "monitoring/index.html", {"districts": districts,
                                                     "stations": Station.objects.count()})


@parsed
def area_page(request, pk: int):
    area = access(request.user, "area", pk, queryset=Area.objects.select_related("parent"))
    year = parse(YearForm, request.GET)["year"] or timezone.localdate().year
    codes = list(Station.objects.filter(memberships__area=area, kind=Station.Kind.EVALUATION)
                 .values_list("code", flat=True).distinct())
    with open_store() as store:
        days = queries.area_daily(store, area, year)
        streets = queries.sub_area_stats(store, area, year) if area.parent_id is None else []
        recent = queries.latest_hours(store, codes)
    latest = next((d for d in reversed(days) if d["aqi"] is not None), None)
    # the rankings app (above this one) ranks the latest complete month of data, in its own request
    ranking_period = latest_complete("month", latest["day"] + timedelta(days=1)) \
        if latest and may(request.user, "ranking") else None
    target = pm25_target(area, year)
    calendar = [[d["day"].isoformat(), d["aqi"]] for d in days if d["aqi"] is not None]
    context = {
        "area": area, "year": year, "latest": latest, "streets": streets, "days": days,
        "recent": recent, "now": recent[-1] if recent else None, "ranking_period": ranking_period,
        "n_days": len(days), "target": target,
        "calendar_json": json.dumps(calendar),
        "levels_json": json.dumps(queries.level_scale(year), ensure_ascii=False),
        "cumulative_json": json.dumps(queries.cumulative_pm25(days)),
        "target_value": float(target.value) if target and target.value is not None else None,
        "rule_sets": sorted({d["rule_set"] for d in days}),
        "stations": Station.objects.filter(memberships__area=area).distinct(),
        "synthetic": Station.objects.filter(memberships__area=area, synthetic=True).exists(),
    }
    return render(request, "monitoring/area.html", context)


@parsed
def station_page(request, code: str):
    station = access(request.user, "station", code, field="code")
    year = parse(YearForm, request.GET)["year"] or timezone.localdate().year
    with open_store() as store:
        days = queries.station_daily(store, code, year)
        gaps = store.gaps(code)
        flags = queries.station_flags(store, code)
    return render(request, "monitoring/station.html", {
        "station": station, "year": year, "days": days, "gaps": gaps, "flags": flags,
        "missing_hours": sum(g[3] for g in gaps)})


@parsed
def compare_page(request, pk: int, year: int, as_json: bool = False):
    """新旧标准对比: the area's year under the 2012 and the 2026 rules, and its air targets."""
    area = access(request.user, "area", pk, queryset=Area.objects.select_related("parent"))
    year = parse(YearForm, {"year": year})["year"]
    comparison, rows = transition.compare_area(area, year, timezone.localdate())
    if as_json:
        return JsonResponse(transition.as_json(area, comparison, rows), encoder=DjangoJSONEncoder,
                            json_dumps_params={"ensure_ascii": False})
    bases = [b for b in transition.BASES if b in comparison.figures]
    levels = [(category, [comparison.figures[b].levels.get(category, 0) for b in bases])
              for category in transition.categories()]
    changes = comparison.good_ratio_changes()
    return render(request, "monitoring/compare.html", {
        "area": area, "year": year, "comparison": comparison, "bases": bases, "levels": levels,
        "figures": [comparison.figures[b] for b in bases],
        "baseline": [comparison.baseline.get(b) for b in bases],
        "changes": [changes.get(b) for b in bases],
        "limits": [(row, [(row.limits[n], row.meets[n]) for n in transition.COMPARED]) for row in comparison.limits],
        "targets": [(row, [row.judgements[b] for b in bases]) for row in rows],
        "synthetic": Station.objects.filter(memberships__area=area, synthetic=True).exists()})
