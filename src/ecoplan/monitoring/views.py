"""Air pages: the area page (today's AQI, calendar, PM2.5 to date against the target, sub-area
table) and the station page (daily values with their valid-hour counts, gaps, flags)."""
from __future__ import annotations

import json

from django.shortcuts import render
from django.utils import timezone

from ecoplan.plans.access import access
from ecoplan.plans.models import Area
from ecoplan.plans.params import parse, parsed
from ecoplan.plans.queries import pm25_target

from . import queries
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
    target = pm25_target(area, year)
    calendar = [[d["day"].isoformat(), d["aqi"]] for d in days if d["aqi"] is not None]
    context = {
        "area": area, "year": year, "latest": latest, "streets": streets, "days": days,
        "recent": recent, "now": recent[-1] if recent else None,
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
